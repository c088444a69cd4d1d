"""The labelled quote pairs of issue 13 (benchmarks/pair_labels.jsonl) and the draw of the
blind held-out sample (benchmarks/pair_draw.py)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from join_draw import gap_stratum, joined_pairs, split5_of, split_of  # noqa: E402
from pair_draw import wide_stratum  # noqa: E402
from pair_sample import surname, words  # noqa: E402

LABELS = ROOT / "benchmarks" / "pair_labels.jsonl"
SPLITS = {"fit", "heldout", "fit2", "heldout2", "heldout3", "heldout4", "fit4", "joins_tune", "joins_heldout",
          "heldout5", "fit5"}


def rows():
    with open(LABELS, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_labels_hold_ids_and_offsets_only():
    for r in rows():
        for side in ("a", "b"):
            assert set(r[side]) == {"doc_id", "start", "end"}
            assert isinstance(r[side]["start"], int) and r[side]["start"] < r[side]["end"]
        assert r["label"] in ("same", "different", "unsure")
        assert r["split"] in SPLITS
        assert len(r["reason"]) <= 100  # a short reason in our words, never article text


def test_no_pair_is_labelled_twice_and_the_samples_do_not_overlap():
    seen = {}
    for r in rows():
        a, b = (tuple(r[s][k] for k in ("doc_id", "start", "end")) for s in "ab")
        key = (a, b) if a <= b else (b, a)
        assert key not in seen, (r["sample_index"], seen.get(key))
        seen[key] = r["sample_index"]
    index = [r["sample_index"] for r in rows()]
    assert len(index) == len(set(index))


def test_the_blind_heldout_sample_is_labelled_whole():
    held = [r for r in rows() if r["split"] == "heldout2"]
    assert len(held) >= 250
    assert sorted(r["sample_index"] for r in held) == list(range(2000, 2000 + len(held)))
    # the third one (grp13: pair_draw.py draw --heldout3), labelled whole before it was scored
    third = [r for r in rows() if r["split"] == "heldout3"]
    assert sorted(r["sample_index"] for r in third) == list(range(5000, 5100))
    # the fourth (pairs30: pair_draw.py draw --heldout4, its draw committed before any label was read)
    fourth = [r for r in rows() if r["split"] == "heldout4"]
    assert sorted(r["sample_index"] for r in fourth) == list(range(6000, 6201))


def test_labelled_pairs_are_the_committed_draws():
    for split, first in (("heldout4", 6000), ("fit4", 7000)):
        with open(ROOT / "benchmarks" / f"pair_draw_{split}.jsonl", encoding="utf-8") as f:
            drawn = {r["i"]: r for r in map(json.loads, f)}
        for r in rows():
            if r["split"] == split:
                d = drawn[r["sample_index"]]
                assert (r["a"], r["b"], r["stratum"]) == (d["a"], d["b"], d["stratum"])
                assert d["i"] >= first


def test_the_blind31_draw_is_labelled_whole_and_split_by_article_pair():
    # join_draw.py draw --blind31: committed before any pair was read; every pair labelled once
    with open(ROOT / "benchmarks" / "pair_draw_blind31.jsonl", encoding="utf-8") as f:
        drawn = {r["i"]: r for r in map(json.loads, f)}
    got = {r["sample_index"]: r for r in rows() if r["split"] in ("heldout5", "fit5")}
    assert sorted(got) == sorted(drawn) == list(range(8000, 8000 + len(drawn)))
    by_docs = {}
    for i, r in got.items():
        d = drawn[i]
        assert (r["a"], r["b"], r["stratum"], r["split"]) == (d["a"], d["b"], d["stratum"], d["split"])
        assert r["split"] == split5_of((r["a"]["doc_id"],), (r["b"]["doc_id"],))
        docs = tuple(sorted((r["a"]["doc_id"], r["b"]["doc_id"])))
        assert by_docs.setdefault(docs, r["split"]) == r["split"]    # one article pair, one split
    assert 0.5 < sum(r["split"] == "heldout5" for r in got.values()) / len(got) < 0.7


def test_the_joins_sample_is_labelled_whole_and_split_by_its_fixed_hash():
    joins = [r for r in rows() if r["split"].startswith("joins_")]
    first = sorted(r["sample_index"] for r in joins if r["sample_index"] < 4100)
    rest = sorted(r["sample_index"] for r in joins if r["sample_index"] >= 4100)
    assert first == list(range(4000, 4062)) and rest == list(range(4100, 4100 + len(rest)))
    for r in joins:
        a, b = (tuple(r[s][k] for k in ("doc_id", "start", "end")) for s in "ab")
        assert r["split"] == split_of((a, b) if a <= b else (b, a))
        assert r["stratum"] == gap_stratum(r["features_at_sampling"]["gap"])
    assert 0.2 < sum(r["split"] == "joins_tune" for r in joins) / len(joins) < 0.45


def test_joined_pairs_are_the_cross_article_pairs_of_one_group():
    qs = [{"doc_id": d, "start": s, "end": s + 5, "group": g}
          for d, s, g in [("x", 0, "g1"), ("x", 9, "g1"), ("y", 0, "g1"), ("y", 9, "g2"), ("z", 0, None)]]
    pairs = {(a["doc_id"], a["start"], b["doc_id"], b["start"]) for a, b in joined_pairs(qs)}
    assert pairs == {("x", 0, "y", 0), ("x", 9, "y", 0)}   # same article and other groups left out


def quote(text, speaker, day="2016-03-01"):
    w = words(text)
    return {"w": w, "speaker": speaker, "surnames": {surname(speaker)} - {None}, "date": day}


def test_wide_cells_are_the_pair_classes_the_first_sample_left_out():
    trump = "We are going to build a wall and Mexico is going to pay for it"
    junk = quote("going to build a wall and Mexico", "the spot")
    cell, _ = wide_stratum(quote(trump, "Donald Trump"), junk)
    assert cell == ("otherspeaker", "high")          # a wrong or junk speaker on one side
    # same speaker, no shared 3-gram, most content words shared: a reworded quote
    a = quote("farmers and ranchers in Iowa deserve a better trade deal", "Hillary Clinton")
    b = quote("a trade deal that is better for Iowa ranchers and farmers", "Clinton")
    assert wide_stratum(a, b)[0] == ("reworded", "any")
    # same speaker with a shared 3-gram is the first sample's space, not a wide cell
    assert wide_stratum(quote(trump, "Donald Trump"), quote(trump, "Trump")) is None
    # different speakers sharing only a short stock phrase: no cell
    assert wide_stratum(quote("a lot of people agree", "Harry Reid"),
                        quote("a lot of people disagree", "John Bolton")) is None


def extracted_pairs(items):
    """(Article, [Quote]) pairs of news-style sentences written for the test, one quote each."""
    from quotes.model import Article, Quote

    out = []
    for i, (text, quoted, speaker) in enumerate(items):
        s = text.index(quoted)
        out.append((Article(doc_id=f"d{i}", text=text, outlet=f"Paper {i}", published=f"2016-03-0{i + 1}"),
                    [Quote(start=s, end=s + len(quoted), text=quoted, speaker=speaker)]))
    return out


def test_two_speaker_runs_and_containment_found_through_the_index():
    from cross_family import family_rows, idf_of, longest_shared, run_pairs

    line = "the tax plan will crush the middle class families of Ohio"
    rows, doc_of, _ = family_rows(extracted_pairs([
        (f"“{line},” Governor Ann Walsh said.", line, "Ann Walsh"),
        # a wrong speaker on one side: the same words credited to the reporter's bystander
        (f"Walsh warned that “the tax plan will crush the middle class,” said Tom Reed.",
         "the tax plan will crush the middle class", "Tom Reed"),
        # a fragment standing in the line, with no speaker
        ("Critics called it a plan to “crush the middle class” again.", "crush the middle class", None),
        # a stock run of stopwords only shares no content word
        ("“It is what it is,” Bob Lane said.", "It is what it is", "Bob Lane"),
        # a three-word fragment: a candidate only as containment
        ("Mailers spoke of “middle class families” this week.", "middle class families", None)]))
    docs = lambda pairs: {tuple(sorted((doc_of[rows[i][0].article_id], doc_of[rows[j][0].article_id])))
                          for i, j in pairs}
    assert docs(run_pairs(rows, 4)) == {("d0", "d1"), ("d0", "d2"), ("d1", "d2")}
    assert docs(run_pairs(rows, 4, contained=True)) == {("d0", "d1"), ("d0", "d2"), ("d1", "d2"), ("d0", "d4")}
    assert len({row[2] for row in rows}) == 5          # five families: a quote without speaker is its own
    n, rare = longest_shared(rows[0][3], rows[1][3], idf_of(rows))
    assert n == 8 and rare > 0


def test_the_blind31_split_keeps_an_article_pair_on_one_side():
    a, b = ("x-article", 1, 9), ("y-article", 5, 30)
    assert split5_of(a, b) == split5_of(b, a) == split5_of(("x-article", 400, 420), ("y-article", 0, 3))
    assert {split5_of((f"d{i}",), ("e",)) for i in range(40)} == {"heldout5", "fit5"}
