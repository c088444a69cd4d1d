"""Shared test helpers: where the fixtures, the seeds and the shared evaluation data are."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def polnear_file(split: str) -> Path:
    """A PolNeAR split, or skip the test cleanly when ../shared is not beside the repo."""
    path = POLNEAR / f"{split}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """quotes.db built from seeds/ by the real CLI (real spaCy model, real SQLite file)."""
    from click.testing import CliRunner

    from quotes.cli import cli

    path = tmp_path_factory.mktemp("seeds") / "quotes.db"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path
