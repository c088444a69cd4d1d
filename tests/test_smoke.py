"""First smoke test: the seeds go through the extractor."""
from pathlib import Path

from quotes.extractor import extract_quotes

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_seed_kovalenko():
    text = (SEEDS / "000_5e82b664032029c8.txt").read_text()
    qs = extract_quotes(text)
    q = next(q for q in qs if q.text.startswith("There is a language barrier"))
    assert q.speaker == "Andriy Kovalenko"
