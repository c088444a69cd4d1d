"""The labels of benchmarks/source_recall.py (issue 16): ids, offsets and verdicts only, never
PolNeAR text; the gold speaker's frame of round 6 (its test of a gold speaker naming Trump)."""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import source_recall as sr  # noqa: E402

VERDICTS = {"in transcript", "not in transcripts", "stump line", "not trump"}
RELATIONS = {"verbatim", "punctuation", "truncation", "words inserted", "words changed", "paraphrase"}
GOLD = ROOT / "benchmarks" / "source_recall_gold_labels.jsonl"


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_labels_hold_ids_offsets_and_verdicts_only():
    for path in (ROOT / "benchmarks" / "source_recall_labels.jsonl", GOLD):
        for r in read(path):
            assert r["verdict"] in VERDICTS and r["split"] in ("tune", "held-out")
            assert re.fullmatch(r"g?[0-9a-f]{15,16}", r["quote_id"]) and len(r.get("note", "")) <= 200
            if r["verdict"] == "in transcript":
                assert r["relation"] in RELATIONS and 0 <= r["start"] < r["end"] and r["source"].endswith(".md")


def test_round_6_is_the_gold_frame_split_by_article():
    rows = read(GOLD)
    assert rows and {r["round"] for r in rows} == {6} and {r["frame"] for r in rows} == {"gold"}
    for r in rows:
        assert r["split"] == sr.split_of(r["doc_id"])
        assert r["stored"] in ("other", "unresolved", "nobody", "missed")
        if r["stored"] == "missed":
            assert r["quote_id"] == sr.gold_id(r["doc_id"], r["gold_start"], r["gold_end"])


def test_a_gold_speaker_names_trump_by_the_guides_test():
    named = ["Trump", "Donald Trump", "Republican presidential candidate Donald Trump", "Mr. Trump",
             "The Republican Party’s presumed White House nominee, Trump", "Donald J. Trump"]
    others = ["Eric Trump", "Melania Trump", "a longtime adviser to Trump", "Trump and Ryan", "the Trump campaign",
              "Donald Trump’s", "a prominent Republican National Committee member who supports Trump", "he", None]
    assert all(sr.names_trump(s) for s in named)
    assert not any(sr.names_trump(s) for s in others)
