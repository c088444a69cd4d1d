"""The transcript-based measure of false merges and misses (benchmarks/pair_sources.py) and
its labels (benchmarks/pair_sources_labels.jsonl)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from pair_sources import PARTS, Said, joining_words, part_of  # noqa: E402

LABELS = ROOT / "benchmarks" / "pair_sources_labels.jsonl"


def k(text):
    return tuple(text.lower().replace(",", "").replace(".", "").split())


def test_labels_hold_ids_offsets_and_verdicts_only():
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows
    seen = set()
    for r in rows:
        assert set(r) == {"kind", "part", "key", "verdict", "reason"}
        assert r["kind"] in ("merges", "recurring", "misses") and r["part"] in PARTS
        assert r["verdict"] in ("two occasions", "one occasion", "unsure")
        assert len(r["reason"]) <= 100  # our words, never article text
        for doc_id, start, end in r["key"]:
            assert isinstance(doc_id, str) and isinstance(start, int) and start < end
        key = tuple(map(tuple, r["key"]))
        assert key not in seen and r["part"] == part_of(key)  # the part is the hash's, fixed before reading
        seen.add(key)


def test_the_words_that_join_a_pair():
    # the shorter quote when the longer holds it
    assert joining_words(k("Make America Great Again"), k("and we will make America great again, folks")) == \
        k("make america great again")
    # else the longest shared run, if it holds a content word
    assert joining_words(k("Get him the hell out of here"), k("bomb the hell out of ISIS")) == k("the hell out of")
    assert joining_words(k("we are going to win"), k("and we are going to")) == ()  # function words only


def test_a_run_is_found_in_the_transcripts_that_say_it_word_for_word():
    said = Said([{"keys": k("we will make America great again and we will win")},
                 {"keys": k("America is great and we will make it great again")},
                 {"keys": k("make America great again")}])
    assert said.sources_with(k("make America great again")) == [0, 2]
    assert said.sources_with(k("great again")) == [0, 1, 2]
    assert said.sources_with(k("America")) == []  # a single word is looked up nowhere
