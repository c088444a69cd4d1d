"""The labels of benchmarks/source_recall.py (issue 16): ids, offsets and verdicts only, never
PolNeAR text; the gold speaker's frame of round 6 (its test of a gold speaker naming Trump) and
round 8's, with train's resolved-speaker layer (offsets only, each row a train gold quote); round
9's quotes given nobody whose speaker neither the gold nor a layer names."""
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import source_recall as sr  # noqa: E402

VERDICTS = {"in transcript", "not in transcripts", "stump line", "not trump"}
RELATIONS = {"verbatim", "punctuation", "truncation", "words inserted", "words changed", "paraphrase"}
GOLD = ROOT / "benchmarks" / "source_recall_gold_labels.jsonl"
TRAIN_LAYER = ROOT / "benchmarks" / "polnear_train_speaker_layer.jsonl"
POLNEAR_TRAIN = ROOT.parent / "shared" / "eval" / "polnear" / "train.jsonl"


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_labels_hold_ids_offsets_and_verdicts_only():
    for path in (ROOT / "benchmarks" / "source_recall_labels.jsonl", GOLD):
        for r in read(path):
            assert r["verdict"] in VERDICTS and r["split"] in ("tune", "held-out")
            assert re.fullmatch(r"g?[0-9a-f]{15,16}", r["quote_id"]) and len(r.get("note", "")) <= 200
            if r["verdict"] == "in transcript":
                assert r["relation"] in RELATIONS and 0 <= r["start"] < r["end"] and r["source"].endswith(".md")


def test_rounds_6_8_and_9_are_the_gold_layer_and_unknown_frames_split_by_article():
    rows = read(GOLD)
    assert {(r["round"], r["frame"]) for r in rows} == {(6, "gold"), (8, "layer"), (9, "unknown")}
    assert len({r["quote_id"] for r in rows}) == len(rows)  # no quote read in both rounds
    for r in rows:
        assert r["split"] == sr.split_of(r["doc_id"])
        assert r["stored"] in ("other", "unresolved", "nobody", "missed")
        if r["frame"] == "unknown":  # quotes the extractor gives nobody or an unresolved speaker
            assert r["stored"] in ("unresolved", "nobody")
        if r["stored"] == "missed":
            assert r["quote_id"] == sr.gold_id(r["doc_id"], r["gold_start"], r["gold_end"])


def test_a_gold_speaker_names_trump_by_the_guides_test():
    named = ["Trump", "Donald Trump", "Republican presidential candidate Donald Trump", "Mr. Trump",
             "The Republican Party’s presumed White House nominee, Trump", "Donald J. Trump"]
    others = ["Eric Trump", "Melania Trump", "a longtime adviser to Trump", "Trump and Ryan", "the Trump campaign",
              "Donald Trump’s", "a prominent Republican National Committee member who supports Trump", "he", None]
    assert all(sr.names_trump(s) for s in named)
    assert not any(sr.names_trump(s) for s in others)


def test_the_train_layer_holds_offsets_only():
    rows = read(TRAIN_LAYER)
    assert len(rows) > 800
    for r in rows:
        assert set(r) == {"doc_id", "start", "end", "name_span", "alias_spans"}
        assert r["name_span"] is None or (len(r["name_span"]) == 2 and 0 <= r["name_span"][0] < r["name_span"][1])


@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="needs ../shared/eval/polnear")
def test_each_train_layer_row_is_a_train_gold_quote_of_an_article_naming_trump():
    docs = {}
    with open(POLNEAR_TRAIN, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                d = json.loads(line)
                docs[d["doc_id"]] = d
    rows = read(TRAIN_LAYER)
    for r in rows:
        d = docs[r["doc_id"]]
        assert "Trump" in d["text"]
        assert any((q["start"], q["end"]) == (r["start"], r["end"]) for q in d["quotes"])
        if r["name_span"]:
            assert r["name_span"][1] <= len(d["text"]) and d["text"][slice(*r["name_span"])][:1].isupper()
    named = [r for r in rows if r["name_span"] and sr.names_trump(docs[r["doc_id"]]["text"][slice(*r["name_span"])])]
    assert len(named) > 50  # the layer gives Trump the quotes round 8 reads
