"""Scoring extracted quotes against gold annotations (the metrics of shared/tools/score.py).

Matching is one-to-one per document by character overlap (intersection over union >= 0.5),
greedy from the best overlap; a speaker is right when the names agree after normalising,
or share a surname; `_named` figures leave out gold quotes whose speaker is a pronoun.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

# The scorer counts a gold speaker as unnamed when it is a personal pronoun, as
# shared/tools/score.py does (its figures must match): PolNeAR's gold sometimes gives the
# relative "who" as a speaker, and score.py counts it as a name (so not lexicon's PRONOUNS,
# which adds "who"/"whom"). TITLE_WORDS below is score.py's list too.
from quotes.lexicon.words import PERSONAL_PRONOUNS as PRONOUNS

TITLE_WORDS = frozenset("mr mrs ms dr sen rep gen president secretary minister spokesman spokeswoman".split())
EDGE_CHARS = ",.;:!?—–- \n"


def normalise_name(name: str | None) -> str:
    """Lower case ASCII words: accents, punctuation and spacing never decide a match."""
    if not name:
        return ""
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = re.sub(r"[^a-z0-9' ]+", " ", name.lower().replace("’", "'"))
    return " ".join(name.split())


def surname(name: str | None) -> str:
    words = [w for w in normalise_name(name).split() if w not in TITLE_WORDS]
    return words[-1].replace("'s", "") if words else ""


def speaker_matches(predicted: str | None, gold: dict) -> bool:
    gold_name = gold.get("speaker")
    if not gold_name:
        return not predicted
    if not predicted:
        return False
    names = {normalise_name(gold_name)} | {normalise_name(a) for a in gold.get("speaker_aliases") or []}
    if normalise_name(predicted) in names:
        return True
    last = surname(predicted)
    return bool(last) and last in {surname(n) for n in names}


def gold_speaker_is_named(gold: dict) -> bool:
    name = gold.get("speaker")
    return bool(name) and not gold.get("speaker_is_pronoun") and normalise_name(name) not in PRONOUNS


def span_of(text: str, quote: dict) -> tuple[int, int] | None:
    if isinstance(quote.get("start"), int) and isinstance(quote.get("end"), int):
        return quote["start"], quote["end"]
    words = (quote.get("text") or "").strip().strip("\"“”‘’'")
    at = text.find(words) if words else -1
    return (at, at + len(words)) if at >= 0 else None


def overlap_ratio(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 0.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def match_quotes(gold_spans: list, pred_spans: list) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, best overlap first."""
    candidates = sorted(
        ((overlap_ratio(g, p), i, j) for i, g in enumerate(gold_spans) for j, p in enumerate(pred_spans)),
        reverse=True,
    )
    used_gold, used_pred, pairs = set(), set(), []
    for ratio, i, j in candidates:
        if ratio < 0.5:
            break
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return pairs


DOUBLE_MARKS = "\"“”„"


def opened_by_double_mark(text: str, start: int) -> bool:
    """True when the quote at `start` opens with “, ”, „ or " (not ‘, ' or a doubled ''),
    spaces allowed between the mark and the first word ("” … they are so not like him,"), as
    shared/tools/score.py decides.

    PolNeAR's gold was derived from double-quoted spans only, so quotes in other marks
    (the NYT's ''…'', single ‘…’) are real quotes that its gold never contains.
    """
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i >= 0 and text[i] in DOUBLE_MARKS


def keep_double_marked(gold_docs: list[dict], pred_docs: list[dict]) -> list[dict]:
    """Predictions restricted to quotes opened by a double mark, for gold built that way."""
    texts = {d["doc_id"]: d["text"] for d in gold_docs}
    out = []
    for doc in pred_docs:
        text = texts.get(doc["doc_id"], "")
        quotes = [q for q in doc.get("quotes", []) if isinstance(q.get("start"), int) and opened_by_double_mark(text, q["start"])]
        out.append({**doc, "quotes": quotes})
    return out


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


@dataclass
class _Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    speaker_ok: int = 0
    named: int = 0
    named_ok: int = 0
    gold_unnamed: int = 0
    pred_on_unnamed: int = 0
    resolved: int = 0  # gold pronouns replaced by a name through a pronoun layer
    resolved_ok: int = 0


def score(gold_docs: list[dict], pred_docs: list[dict], errors: list | None = None) -> dict:
    """The scorer's figures for predictions against gold (both FORMAT.md documents).

    When `errors` is a list, it receives one (kind, doc_id, gold speaker, predicted speaker,
    text) tuple per miss, spurious quote and wrong speaker, for error analysis.
    """
    preds = {d["doc_id"]: d for d in pred_docs}
    c = _Counts()
    matched = []
    for gold in gold_docs:
        text = gold["text"]
        pred_quotes = preds.get(gold["doc_id"], {}).get("quotes", [])
        gold_spans = [span_of(text, q) for q in gold["quotes"]]
        pred_spans = [span_of(text, q) for q in pred_quotes]
        c.gold += len(gold["quotes"])
        c.pred += len(pred_quotes)
        c.gold_unnamed += sum(not gold_speaker_is_named(q) for q in gold["quotes"])
        pairs = match_quotes(gold_spans, pred_spans)
        if errors is not None:
            errors.extend(_doc_errors(gold, pred_quotes, pairs))
        for i, j in pairs:
            gq, pq = gold["quotes"][i], pred_quotes[j]
            c.matched += 1
            (gs, ge), (ps, pe) = gold_spans[i], pred_spans[j]
            c.exact += text[gs:ge].strip().strip(EDGE_CHARS).strip() == text[ps:pe].strip().strip(EDGE_CHARS).strip()
            ok = speaker_matches(pq.get("speaker"), gq)
            c.speaker_ok += ok
            if gold_speaker_is_named(gq):
                c.named += 1
                c.named_ok += ok
            else:
                c.pred_on_unnamed += 1
            if gq.get("resolved_pronoun"):
                c.resolved += 1
                c.resolved_ok += ok
            matched.append((gold["doc_id"], gq, pq))
    p, r = _ratio(c.matched, c.pred), _ratio(c.matched, c.gold)
    result = {
        "gold": c.gold, "pred": c.pred, "matched": c.matched,
        "quote_p": round(p, 4), "quote_r": round(r, 4), "quote_f1": round(f1(p, r), 4),
        "exact_boundary_f1": round(f1(_ratio(c.exact, c.pred), _ratio(c.exact, c.gold)), 4),
        "speaker_acc_on_matched": round(_ratio(c.speaker_ok, c.matched), 4),
        "speaker_acc_named_gold": round(_ratio(c.named_ok, c.named), 4),
        "speaker_acc_resolved_pronouns": round(_ratio(c.resolved_ok, c.resolved), 4) if c.resolved else None,
        "end2end_f1_named": round(f1(_ratio(c.named_ok, c.pred - c.pred_on_unnamed), _ratio(c.named_ok, c.gold - c.gold_unnamed)), 4),
        "end2end_f1": round(f1(_ratio(c.speaker_ok, c.pred), _ratio(c.speaker_ok, c.gold)), 4),
    }
    if any(pq.get("group") is not None for _, _, pq in matched):
        result.update(group_pair_scores(matched))
    return result


def _doc_errors(gold: dict, pred_quotes: list[dict], pairs: list[tuple[int, int]]):
    doc_id = gold["doc_id"]
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    for i, q in enumerate(gold["quotes"]):
        if i not in matched_gold:
            yield ("MISS", doc_id, q.get("speaker"), None, q.get("text", "")[:80])
    for j, q in enumerate(pred_quotes):
        if j not in matched_pred:
            yield ("SPURIOUS", doc_id, None, q.get("speaker"), (q.get("text") or "")[:80])
    for i, j in pairs:
        gq, pq = gold["quotes"][i], pred_quotes[j]
        if not speaker_matches(pq.get("speaker"), gq):
            yield ("SPEAKER", doc_id, gq.get("speaker"), pq.get("speaker"), gq.get("text", "")[:80])


def group_pair_scores(matched: list[tuple[str, dict, dict]]) -> dict:
    """Pairwise precision/recall of utterance groups over cross-document matched pairs."""
    gold_pairs = pred_pairs = both = 0
    for (d1, g1, p1), (d2, g2, p2) in itertools.combinations(matched, 2):
        if d1 == d2:
            continue
        same_gold = g1.get("group") is not None and g1.get("group") == g2.get("group")
        same_pred = p1.get("group") is not None and p1.get("group") == p2.get("group")
        gold_pairs += same_gold
        pred_pairs += same_pred
        both += same_gold and same_pred
    p, r = _ratio(both, pred_pairs), _ratio(both, gold_pairs)
    return {"group_pair_p": round(p, 4), "group_pair_r": round(r, 4), "group_pair_f1": round(f1(p, r), 4)}


def apply_layer(gold_docs: list[dict], layer: list[dict]) -> int:
    """Replace gold pronoun/description speakers with the names a resolved-speaker layer
    gives ({"doc_id","start","end","canonical","aliases"}, as shared/tools/score.py reads it);
    a row with a null canonical marks a speaker no name can match (scored like a pronoun)."""
    by_key = {(r["doc_id"], r["start"], r["end"]): r for r in layer}
    n = 0
    for d in gold_docs:
        for q in d["quotes"]:
            r = by_key.get((d["doc_id"], q.get("start"), q.get("end")))
            if r and r.get("canonical"):
                q.update(speaker=r["canonical"], speaker_aliases=r.get("aliases") or [],
                         speaker_is_pronoun=False, resolved_pronoun=True)
                n += 1
            elif r:
                q["speaker_is_pronoun"] = True
    return n


def _matched_docs(gold_docs: list[dict], pred_docs: list[dict]):
    """(gold document, its predicted quotes, matched (gold, predicted) index pairs) per gold
    document, matched as `score` matches them."""
    preds = {d["doc_id"]: d for d in pred_docs}
    for gold in gold_docs:
        text = gold["text"]
        pq = preds.get(gold["doc_id"], {}).get("quotes", [])
        yield gold, pq, match_quotes([span_of(text, q) for q in gold["quotes"]], [span_of(text, q) for q in pq])


def _judged(gold_docs: list[dict], pred_docs: list[dict]):
    """(prediction, right?) for every prediction that can be judged on names: matched to a
    gold quote whose speaker is a name (right when the speaker matches), or spurious (wrong)."""
    for gold, pq, pairs in _matched_docs(gold_docs, pred_docs):
        matched = dict((j, i) for i, j in pairs)
        for j, q in enumerate(pq):
            if j not in matched:
                yield q, False
            elif gold_speaker_is_named(gold["quotes"][matched[j]]):
                yield q, speaker_matches(q.get("speaker"), gold["quotes"][matched[j]])


def calibration(gold_docs: list[dict], pred_docs: list[dict], high: float = 0.9) -> dict:
    """Is `confidence` a probability? Over the judged predictions: the share at >= `high` and
    how often those are right; the share of all errors among the lowest-confidence 10%; and
    accuracy per confidence band."""
    judged = sorted(((float(q.get("confidence") or 0.0), ok) for q, ok in _judged(gold_docs, pred_docs)),
                    key=lambda x: x[0])
    if not judged:
        return {}
    errors = sum(not ok for _, ok in judged)
    top = [ok for c, ok in judged if c >= high]
    low = judged[:max(1, len(judged) // 10)]
    bands = {}
    for lo, hi in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        inside = [ok for c, ok in judged if lo <= c < hi]
        if inside:
            bands[f"{lo:.2f}-{min(hi, 1.0):.2f}"] = {"n": len(inside), "right": round(sum(inside) / len(inside), 4)}
    return {
        "judged": len(judged),
        f"share_conf_ge_{high}": round(len(top) / len(judged), 4),
        f"right_at_conf_ge_{high}": round(sum(top) / len(top), 4) if top else None,
        "errors_in_lowest_10pct": round(sum(not ok for _, ok in low) / errors, 4) if errors else None,
        "bands": bands,
    }


def error_class(kind: str, pred: dict | None) -> str:
    """A coarse class for one error: misses and spurious quotes, and for a wrong speaker how
    the speaker was reached (no speaker, pronoun, description/role, previous quote's speaker,
    a name read at a cue, a guess), from the prediction's `method`."""
    if kind != "SPEAKER":
        return kind.lower()
    if pred is None or not pred.get("speaker"):
        return "speaker_missing"
    method = pred.get("method") or ""
    how = method.split(":")[-1]
    if how == "pronoun":
        return "speaker_pronoun_resolution"
    if how.startswith("role") or how in ("appositive", "group", "affiliation"):
        return "speaker_description"
    if how == "document":
        return "speaker_document_issuer"
    if how in ("previous", "salience", "salience_guess") or method.startswith(("continuation", "split_quote")):
        return "speaker_carried_or_guessed"
    return "speaker_wrong_name"


def errors_by_class(gold_docs: list[dict], pred_docs: list[dict]) -> dict[str, int]:
    """How many errors of each `error_class`, over the same matching as `score`."""
    counts: dict[str, int] = {}
    for gold, pq, pairs in _matched_docs(gold_docs, pred_docs):
        mg, mp = {i for i, _ in pairs}, {j for _, j in pairs}
        classes = ["miss" for i in range(len(gold["quotes"])) if i not in mg]
        classes += ["spurious" for j in range(len(pq)) if j not in mp]
        classes += [error_class("SPEAKER", pq[j]) for i, j in pairs
                    if gold_speaker_is_named(gold["quotes"][i]) and not speaker_matches(pq[j].get("speaker"), gold["quotes"][i])]
        for c in classes:
            counts[c] = counts.get(c, 0) + 1
    return dict(sorted(counts.items(), key=lambda x: -x[1]))
