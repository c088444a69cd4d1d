"""What the site's Datasette client tests share: the seeds database with its corpus tables."""
import shutil

import pytest
from datasette.app import Datasette

from quotes.site import SETTINGS
from site_data import add_variants


def make_datasette(path):
    return Datasette([str(path)], settings=SETTINGS)


@pytest.fixture(scope="module")
def site_db(seeds_db, tmp_path_factory):
    """The seeds database with cross-outlet utterances, variants and speaker aliases
    (tests/site_data.py); `(path, info)`."""
    path = tmp_path_factory.mktemp("site") / "quotes.db"
    shutil.copy(seeds_db, path)
    info = add_variants(path)
    return path, info
