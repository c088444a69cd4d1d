"""HTML ingestion on a few real saved web pages (../shared/eval/html-pages, MIT, never
copied into the repository). Skipped when ../shared is absent. The full measurement is
benchmarks/html_pages.py."""
import collections
import json
import re
from pathlib import Path

import pytest

from quotes.ingest.files import read_file
from quotes.model import Article

PAGES = Path(__file__).resolve().parents[3] / "shared" / "eval" / "html-pages"
pytestmark = pytest.mark.skipif(not (PAGES / "ground-truth.json").exists(), reason="../shared/eval/html-pages absent")

# domain of the page -> the outlet a reader expects (where the page's own site name was a
# social-media address, a capitalised domain, a Twitter handle or a tagline)
EXPECTED = {
    "cbsnews.com": "CBS News",
    "hosted.ap.org": "Associated Press",
    "nytimes.com": "The New York Times",
    "thehill.com": "The Hill",
    "linknaija.com": "LinkNaija",
    "aljazeera.com": "Al Jazeera",
    "nationalreview.com": "National Review",
}


def words(text):
    return collections.Counter(w.lower() for w in re.findall(r"\w+", text or ""))


@pytest.fixture(scope="module")
def pages():
    truth = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    chosen = {}
    for page_id, entry in sorted(truth.items()):
        domain = re.sub(r"^www\.", "", entry["url"].split("/")[2])
        if domain in EXPECTED and domain not in chosen:
            chosen[domain] = (page_id, entry)
    assert set(chosen) == set(EXPECTED)
    return chosen


def test_real_pages_one_outlet_per_publisher_and_the_article_text(pages):
    for domain, (page_id, entry) in pages.items():
        article = read_file(PAGES / "html" / f"{page_id}.html.gz")
        assert isinstance(article, Article), (domain, article)
        assert article.doc_id == page_id
        assert article.outlet == EXPECTED[domain], domain
        got, expected = words(article.text), words(entry["articleBody"])
        shared = sum((got & expected).values())
        assert shared / sum(expected.values()) > 0.9, domain  # recall
        assert shared / sum(got.values()) > 0.7, domain  # precision


def test_real_page_bylines_are_names(pages):
    for domain, (page_id, _) in pages.items():
        article = read_file(PAGES / "html" / f"{page_id}.html.gz")
        for name in (article.byline or "").split("; "):
            if name:
                assert 1 <= len(name.split()) <= 4 and not re.search(r"\d|@|://|logged|photo", name, re.I), (domain, name)
