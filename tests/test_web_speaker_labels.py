"""The speaker labels of real web pages (benchmarks/web_speaker_labels.jsonl, issue 18) and
the matching and scoring rules of benchmarks/web_speakers.py."""
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import web_speakers as ws  # noqa: E402

CLASSES = {None, "not_speaker", "conduit", "nearest", "name", "term", "resolution", "missing", "description", "other"}
KEYS = {"page", "start", "end", "key", "part", "sampled", "is_quote", "span_ok", "speaker", "aliases", "description",
        "system_speaker", "system_confidence", "system_right", "error_class", "note"}


def rows():
    return ws.read_jsonl(ws.LABELS)


def test_rows_hold_keys_offsets_and_labels_only():
    for r in rows():
        assert set(r) - KEYS <= {"round", "missed", "dropped"} and KEYS <= set(r)
        assert not r.get("dropped") or (r["round"] == 5 and r["part"] == "tune")
        assert not r.get("missed") or (r["round"] == 3 and r["is_quote"] and r["system_speaker"] is None)
        assert re.fullmatch(r"[0-9a-f]{12}", r["key"]) and 0 <= r["start"] < r["end"]
        assert r["is_quote"] in (True, False) and r["error_class"] in CLASSES
        assert len(r["note"]) <= 100  # the labeller's words, never page text
        assert (r["error_class"] is None) == bool(r["system_right"])
        assert r["is_quote"] or (r["speaker"] is None and r["error_class"] in ("term", "other"))


def test_the_sample_is_as_recorded_and_split_by_page():
    meta = json.loads(ws.SAMPLE.read_text())
    sampled = Counter(r["page"] for r in rows() if r["sampled"])
    assert sum(sampled.values()) == meta["sampled_rows"] and ws.SIZE is None  # every page's CAP, drawn
    assert sampled == {p: min(n, meta["cap_per_page"]) for p, n in meta["candidates_per_page"].items()}
    for r in rows():
        assert r["part"] == ws.part_of(r["page"])
        assert r["sampled"] or r["page"] in meta["exhaustive"] or r.get("round") in (2, 3, 4, 5)
    assert all(ws.part_of(p) == "heldout" for p in meta["exhaustive"])
    assert len({(r["page"], r["start"], r["end"]) for r in rows()}) == len(rows())


def test_labels_match_by_normalised_text_then_by_overlap():
    lab = {"key": ws.quote_key("“We are going,” "), "start": 100, "end": 113}
    moved = {"text": "We are going", "start": 140, "end": 152}
    overlapping = {"text": "We are going to", "start": 100, "end": 116}
    assert ws.match([lab], [overlapping, moved]) == {0: moved}
    assert ws.match([dict(lab, key="0" * 12)], [moved, overlapping]) == {0: overlapping}
    assert ws.match([dict(lab, key="0" * 12)], [moved]) == {}


def test_names_in_other_scripts_are_compared_by_their_own_letters():
    lab = {"speaker": "Иван Петров", "aliases": []}
    assert not ws.speaker_right("в этом году", lab)  # score.py alone would call these equal (both empty)
    assert ws.speaker_right("Петров", lab) and ws.speaker_right("Иван Петров", lab)
    assert ws.speaker_right("Mr. Austin", {"speaker": "Lloyd Austin", "aliases": []})


def test_strict_name_form_refuses_glued_titles_but_keeps_honorifics_and_surnames():
    _, norm_name = ws.scorer_rule()
    lab = {"speaker": "Lloyd Austin", "aliases": []}
    assert ws.strict_name("Mr. Austin", lab, norm_name) and ws.strict_name("Lloyd Austin", lab, norm_name)
    assert not ws.strict_name("Secretary Lloyd Austin", lab, norm_name)
    assert not ws.strict_name(None, lab, norm_name)
    assert ws.strict_name(None, {"speaker": None, "aliases": []}, norm_name)


def test_calibration_counts_the_errors_of_the_lowest_tenth():
    scored = [(0.95, True)] * 8 + [(0.2, False), (0.5, True)]
    figures = ws.calibration(scored)
    assert figures["share at confidence >= 0.9"] == "0.800 (8/10)"
    assert figures["right at confidence >= 0.9"] == "1.000 (8/8)"
    assert figures["errors in the lowest 10%"] == "1.000 (1/1)"


@pytest.mark.skipif(not ws.PAGES.exists(), reason="../shared/eval/html-pages is absent")
def test_every_key_is_the_hash_of_the_text_at_its_offsets():
    from quotes.ingest.files import read_file

    by_page: dict[str, list[dict]] = {}
    for r in rows():
        by_page.setdefault(r["page"], []).append(r)
    for page, labels in sorted(by_page.items())[:25]:
        text = read_file(ws.PAGES / "html" / f"{page}.html.gz").text
        for r in labels:
            assert ws.quote_key(text[r["start"]:r["end"]]) == r["key"], (page, r["start"])


def test_the_english_page_filter_is_the_products_language_test():
    from quotes.ingest import language

    long_german = "Die Auswahl der richtigen Lösung ist damit entscheidend für den Einstieg. " * 8
    assert not ws.is_english(long_german) and not language.is_english(long_german)
    assert ws.is_english("The minister said that the plan is in trouble and that it is too late to change it.")


def test_round_two_rows_are_tune_rows_drawn_once_per_candidate():
    second = [r for r in rows() if r.get("round") == 2]
    meta = json.loads(ws.SAMPLE.read_text())["round2"]
    assert len(second) == meta["rows"] and all(r["part"] == "tune" and not r["sampled"] for r in second)
    assert max(Counter(r["page"] for r in second).values()) <= ws.CAP2
    assert {ws.half_of(r["page"]) for r in second} == {"fit", "check"}


def test_the_second_draw_skips_heldout_pages_and_labelled_quotes():
    tune = [p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "tune"][:2]
    held = next(p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "heldout")
    quote = lambda i: {"text": f"words number {i} said here", "start": 10 * i, "end": 10 * i + 8}  # noqa: E731
    pages = {p: {"quotes": [quote(i) for i in range(9)]} for p in (*tune, held)}
    labelled = [{"page": tune[0], "key": ws.quote_key(quote(0)["text"]), "start": 0, "end": 8}]
    drawn = ws.draw_round2(pages, labelled)
    assert {r["page"] for r in drawn} == set(tune) and all(r["round"] == 2 for r in drawn)
    assert len(drawn) == 2 * ws.CAP2 and (tune[0], 0) not in {(r["page"], r["start"]) for r in drawn}
    assert drawn == ws.draw_round2(pages, labelled)  # a fixed seed


def test_round_three_takes_every_tune_quote_left_and_reads_ten_tune_pages_whole():
    third = [r for r in rows() if r.get("round") == 3]
    meta = json.loads(ws.SAMPLE.read_text())["round3"]
    drawn = [r for r in third if not r.get("missed")]
    assert len(drawn) == meta["rows"] and len(third) - len(drawn) == meta["missed_rows"]
    assert all(r["part"] == "tune" and not r["sampled"] for r in third)
    assert len(meta["exhaustive"]) == ws.EXHAUSTIVE3 and all(ws.part_of(p) == "tune" for p in meta["exhaustive"])
    assert all(r["page"] in meta["exhaustive"] for r in third if r.get("missed"))
    assert set(ws.exhaustive_pages()) >= set(meta["exhaustive"])


def test_the_third_draw_takes_every_unlabelled_tune_quote():
    tune = [p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "tune"][:2]
    held = next(p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "heldout")
    quote = lambda i: {"text": f"words number {i} said here", "start": 10 * i, "end": 10 * i + 8}  # noqa: E731
    pages = {p: {"quotes": [quote(i) for i in range(9)], "text": "“a” b"} for p in (*tune, held)}
    labelled = [{"page": tune[0], "key": ws.quote_key(quote(0)["text"]), "start": 0, "end": 8}]
    drawn, exhaustive = ws.draw_round3(pages, labelled)
    assert {r["page"] for r in drawn} == set(tune) and all(r["round"] == 3 for r in drawn)
    assert len(drawn) == 2 * 9 - 1 and held not in exhaustive


def test_round_four_rows_follow_the_recorded_order_from_its_start():
    meta = json.loads(ws.SAMPLE.read_text())["round4"]
    order = [tuple(o) for o in meta["order"]]
    fourth = [(r["page"], r["start"], r["end"], r["key"]) for r in rows() if r.get("round") == 4]
    assert fourth == order[:len(fourth)] and len(order) == meta["frame_rows"]
    assert all(not r["sampled"] for r in rows() if r.get("round") == 4)


def test_the_fourth_draw_takes_the_same_share_of_every_page_at_each_prefix():
    names = [f"page{i}" for i in range(6)]
    quote = lambda i: {"text": f"words number {i} said here", "start": 10 * i, "end": 10 * i + 8}  # noqa: E731
    pages = {p: {"quotes": [quote(i) for i in range(3 * (k + 1))]} for k, p in enumerate(names)}
    labelled = [{"page": names[0], "key": ws.quote_key(quote(0)["text"]), "start": 0, "end": 8}]
    drawn = ws.draw_round4(pages, labelled)
    assert len(drawn) == sum(3 * (k + 1) for k in range(6)) - 1 and all(r["round"] == 4 for r in drawn)
    assert {ws.part_of(p) for p in names} == {r["part"] for r in drawn}
    half = Counter(r["page"] for r in drawn[:len(drawn) // 2])
    for k, p in enumerate(names):
        left = 3 * (k + 1) - (k == 0)
        assert abs(half[p] - left / 2) <= 1.5
    assert drawn == ws.draw_round4(pages, labelled)  # a fixed seed


def test_round_five_rows_are_dropped_tune_candidates_in_the_recorded_order():
    meta = json.loads(ws.SAMPLE.read_text())["round5"]
    fifth = [r for r in rows() if r.get("round") == 5]
    assert [(r["page"], r["start"], r["end"], r["key"]) for r in fifth] == [tuple(o) for o in meta["order"]][:len(fifth)]
    assert all(r["dropped"] and r["part"] == "tune" and not r["sampled"] for r in fifth)


def test_the_fifth_draw_takes_unlabelled_dropped_candidates_of_tune_pages_only():
    tune = next(p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "tune")
    held = next(p for p in (f"page{i}" for i in range(40)) if ws.part_of(p) == "heldout")
    quote = lambda i: {"text": f"a term {i}", "start": 10 * i, "end": 10 * i + 8}  # noqa: E731
    dropped = {p: {"quotes": [quote(i) for i in range(4)]} for p in (tune, held)}
    labelled = [{"page": tune, "key": ws.quote_key(quote(1)["text"]), "start": 10, "end": 18}]
    drawn = ws.draw_round5(dropped, labelled)
    assert {r["page"] for r in drawn} == {tune} and len(drawn) == 3 and all(r["dropped"] for r in drawn)
    assert drawn == ws.draw_round5(dropped, labelled)


def test_weighted_precision_counts_a_page_round_one_never_held_once_per_row():
    frame = json.loads(ws.SAMPLE.read_text())["candidates_per_page"]
    new = next(p for p in (f"page{i}" for i in range(40)) if p not in frame)
    rows_ = [{"page": new, "sampled": True, "is_quote": ok} for ok in (True, True, False, True)]
    assert ws.weighted_precision([(r, {}) for r in rows_], rows_) == "0.750"
