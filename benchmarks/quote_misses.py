"""Why PolNeAR quotes are missed or found wrongly: a class table (issue 18, quote finding).

usage: python benchmarks/quote_misses.py PRED.jsonl [--split train|dev] [--list]

PRED.jsonl is `quotes evaluate ../shared/eval/polnear/SPLIT.jsonl --pred-out PRED.jsonl`.
Scored as shared/tools/score.py scores (double-marked quotes only, one-to-one matching at
intersection/union >= 0.5). Prints, in markdown:
- every gold quote not matched, by the stage that lost it: the marks (no span, or a span
  overlapping it at IoU < 0.5), a prediction overlapping it at IoU < 0.5 (a boundary error:
  one miss and one spurious quote), the quote filter (a hard reject, by rule, or the weights;
  then by the span's shape), or after the filter; and matched pairs whose words differ;
- spurious quotes by shape;
- every double-marked candidate by shape: gold / not gold / kept and gold / kept and not /
  dropped gold (the filter run without the filter, as benchmarks/train_filter.py does).
`--list` prints each miss and spurious quote with its context, to read (never to commit).
`--classes` (no parsing, seconds; PRED.jsonl may be `quotes extract SPLIT.jsonl --jsonl`): every
miss and spurious quote by error class instead: a boundary error (a span running across
paragraphs), a span inside another quote (a quote inside a quote), a mark inside a markup
attribute, an unclosed or straight/curly-mismatched mark, a repeated quote, a title or name
(after a naming word: called, dubbed, show, book...), else the span's shape (Title Case, a
term of <= 3 words, a phrase of 4-8 words, a sentence). docs/attribution.md reads the table.
Train and dev only: PolNeAR test is never read.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

HARD_RULES = ("prev_scare", "name_inside", "uncued_term", "work_named")


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def candidates(gold: dict) -> list:
    """Every mark of one article attributed with the filter off (features and probability)."""
    from quotes.extract.attribution import attribute_candidates
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import blank_quote_middles, disabled_pipes, ensure_pos, parse_text, segments_for

    text, nlp = gold["text"], load_nlp()
    marks = find_marks(text)
    if not marks:
        return []
    segs = segments_for(text, marks)
    docs = list(nlp.pipe([blank_quote_middles(parse_text(text[s:e]), marks, s) for s, e in segs],
                         disable=disabled_pipes(nlp)))
    for d in docs:
        ensure_pos(d)
    return attribute_candidates(text, marks, [(s, d) for (s, _), d in zip(segs, docs)], use_filter=False)


def shape(text: str, span, features: dict | None) -> str:
    """The span's shape: Title Case, a short term, a phrase, a sentence, an unclosed mark."""
    from quotes.extract.titles import WORD, title_case

    words = WORD.findall(text[span[0]:span[1]])
    if features and (features["unclosed"] or features["multi_paragraph"]):
        return "unclosed or multi-paragraph mark"
    ends = bool(features and features["end_sentence"])
    if title_case(words):
        return "Title Case ending a sentence" if ends else "Title Case (title, name, slogan)"
    return "term of <= 3 words" if len(words) <= 3 else "phrase of 4-8 words" if len(words) <= 8 else "sentence"


def why_missed(S, text: str, span, preds, marks, cands) -> str:
    """The stage that lost one gold quote."""
    from quotes.extract.quotefilter import KEEP_THRESHOLD, quote_probability

    if any(S.overlap(span, p) > 0 for p in preds):
        return "prediction overlaps, IoU < 0.5"
    best = max((S.overlap(span, m) for m in marks), default=0.0)
    if best < 0.5:
        return "marks: no span" if best == 0 else "marks: span overlaps, IoU < 0.5"
    c = next((c for c in cands if S.overlap(span, (c.mark.start, c.mark.end)) >= 0.5), None)
    if c is None:
        return "candidate missing"
    hard = [r for r in HARD_RULES if c.features.get(r)]
    if quote_probability(c.features) == 0.0 and hard:
        return f"filter hard reject ({'+'.join(hard)}): {shape(text, span, c.features)}"
    if quote_probability(c.features) < KEEP_THRESHOLD:
        return f"filter weights: {shape(text, span, c.features)}"
    return "kept by the filter, dropped later"


def tally(S, gold: dict, pred: dict, tables: dict, listing: list) -> None:
    """Count one article's misses, boundary differences, spurious quotes and candidates."""
    from quotes.extract.quotefilter import KEEP_THRESHOLD, quote_probability

    text = gold["text"]
    pairs, g_spans, p_spans = S.match_doc(gold, pred)
    cands = [c for c in candidates(gold) if c.quote.mark_style != "single"]
    marks = [(c.mark.start, c.mark.end) for c in cands]
    for i, j in pairs:
        if S.strip_edges(text[slice(*g_spans[i])]) != S.strip_edges(text[slice(*p_spans[j])]):
            tables["misses"]["matched, words differ at an edge"] += 1
    for i in sorted(set(range(len(g_spans))) - {i for i, _ in pairs}):
        why = why_missed(S, text, g_spans[i], p_spans, marks, cands)
        tables["misses"][why] += 1
        listing.append(("MISS", why, gold["doc_id"], text, g_spans[i]))
    for j in sorted(set(range(len(p_spans))) - {j for _, j in pairs}):
        kind = shape(text, p_spans[j], None)
        tables["spurious"][kind] += 1
        listing.append(("SPURIOUS", kind, gold["doc_id"], text, p_spans[j]))
    for c in cands:
        span = (c.mark.start, c.mark.end)
        is_gold = any(S.overlap(span, g) >= 0.5 for g in g_spans)
        kept = quote_probability(c.features) >= KEEP_THRESHOLD
        tables["candidates"][(shape(text, span, c.features), is_gold, kept)] += 1


_NAMING = re.compile(r"(?i)\b(headline|titled|entitled|called|dubbed|nicknamed|known as|book|film|show|movie|"
                     r"song|album|series|program|programme|column|essay|article|letter|magazine)\W{0,4}$")
_BYLINE = re.compile(r"\W{0,3}\s*(,\s*)?[\"”]?\s*by\b")
_IN_TAG = re.compile(r'(<tweet[^>]*$)|(\w="[^"]*$)')


def _words(text: str) -> str:
    from quotes.extract.titles import WORD

    return " ".join(WORD.findall(text.lower()))


def span_class(text: str, span, others: list, marks: list) -> str:
    """The error class of one missed or spurious span that overlaps no counterpart: what the
    text around it shows (`others`: the article's other gold and predicted spans; `marks`:
    `find_marks`)."""
    s, e = span
    if _IN_TAG.search(text, max(0, s - 400), s):
        return "inside markup (a tag's attribute)"
    if any(o[0] <= s and e <= o[1] and tuple(o) != (s, e) for o in others):
        return "quote inside a quote"
    words = _words(text[s:e])
    if words and any(_words(text[o[0]:o[1]]) == words for o in others if tuple(o) != (s, e)):
        return "repeated quote"
    if _BYLINE.match(text, e) or _NAMING.search(text, max(0, s - 60), s):
        return "title or name (naming word or byline)"
    m = next((m for m in marks if m.start <= s < m.end or s <= m.start < e), None)
    if m is not None and m.close_mark is None:
        return "unclosed mark"
    if m is not None and (text[m.open_mark] == '"') != (text[m.close_mark] == '"'):
        return "straight/curly mismatched marks"
    return shape(text, span, None)


def classify(S, gold: dict, pred: dict, table: Counter, listing: list) -> None:
    """Count one article's misses and spurious quotes by error class (no parsing)."""
    from quotes.extract.marks import find_marks

    text = gold["text"]
    pairs, g_spans, p_spans = S.match_doc(gold, pred)
    marks = find_marks(text)
    mark_spans = [(m.start, m.end) for m in marks]
    for side, spans, counter, used in (("missed", g_spans, p_spans, {i for i, _ in pairs}),
                                       ("spurious", p_spans, g_spans, {j for _, j in pairs})):
        for k, span in enumerate(spans):
            if k in used:
                continue
            near = [o for o in counter if S.overlap(span, o) > 0]
            if near:
                across = any("\n" in text[a:b] for a, b in [span] + near)
                why = "boundary: overlaps at IoU < 0.5" + (", a span across paragraphs" if across else "")
            elif side == "missed" and max((S.overlap(span, m) for m in mark_spans), default=0.0) < 0.5:
                why = "marks: no span at IoU >= 0.5 / " + span_class(text, span, mark_spans, marks)
            else:
                why = span_class(text, span, g_spans + p_spans, marks)
            table[(side, why)] += 1
            listing.append((side.upper(), why, gold["doc_id"], text, span))


def print_tables(split: str, tables: dict) -> None:
    misses, spurious, cands = tables["misses"], tables["spurious"], tables["candidates"]
    print(f"## PolNeAR {split}\n\n| missed gold quote, or matched with other edges | n |\n| --- | --- |")
    for k, v in sorted(misses.items()):
        print(f"| {k} | {v} |")
    print("\n| spurious quote | n |\n| --- | --- |")
    for k, v in spurious.most_common():
        print(f"| {k} | {v} |")
    print("\n| candidate shape (filter off) | gold | not gold | kept, gold | kept, not gold | dropped gold |")
    print("| --- | --- | --- | --- | --- | --- |")
    for k in sorted({k for k, _, _ in cands}):
        n = {(g, kept): cands[(k, g, kept)] for g in (True, False) for kept in (True, False)}
        print(f"| {k} | {n[True, True] + n[True, False]} | {n[False, True] + n[False, False]} | "
              f"{n[True, True]} | {n[False, True]} | {n[True, False]} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred")
    ap.add_argument("--split", default="dev", choices=["train", "dev"])
    ap.add_argument("--list", action="store_true", help="print each miss and spurious quote in context")
    ap.add_argument("--classes", action="store_true", help="error classes only, without parsing")
    args = ap.parse_args()
    S = scorer()
    gold = S.load(SHARED / "eval" / "polnear" / f"{args.split}.jsonl")
    pred = S.load(args.pred)
    S.keep_double_marked(gold, pred)
    by_id = {d["doc_id"]: d for d in pred}
    tables = {"misses": Counter(), "spurious": Counter(), "candidates": Counter()}
    listing: list = []
    if args.classes:
        for g in gold:
            classify(S, g, by_id.get(g["doc_id"], {"quotes": []}), tables["misses"], listing)
        print(f"## PolNeAR {args.split}: error classes\n\n| side | class | n |\n| --- | --- | --- |")
        for (side, why), n in sorted(tables["misses"].items()):
            print(f"| {side} | {why} | {n} |")
    else:
        for g in gold:
            tally(S, g, by_id.get(g["doc_id"], {"quotes": []}), tables, listing)
        print_tables(args.split, tables)
    if args.list:
        for tag, why, doc_id, text, (s, e) in sorted(listing, key=lambda r: r[:3]):
            print(f"{tag} | {why} | {doc_id} | {text[max(0, s - 60):s]!r} [[{text[s:e][:160]!r}]] {text[e:e + 30]!r}")


if __name__ == "__main__":
    main()
