"""Which candidate said it: a learned ranker over named candidate features, and a calibrated
confidence.

Why learned: the rule cascade picks the first rule that fires; its errors (a thing, a time
or a place as speaker, a document instead of its issuer, the nearest name instead of the
one who speaks) are judgements a small model makes better from the same evidence. The
candidates come from quotes.extract.candidates (the rules are generators and features), the
types from quotes.extract.entity_types. The model (small boosted trees or a logistic
regression, whichever wins on PolNeAR dev) scores every candidate; the best one that is a
speaker (never a thing, a time, a place or a heading) is the quote's speaker, and a second
small logistic model turns the scores into the probability that the speaker is right.
Both are fit by `training/train_ranker.py` on PolNeAR train and shipped in
`ranker_weights.json`, so running needs no ML library.

Features (all in `candidate_features`):
  src_*        which generator proposed it (cue subject, cue object, nearby, previous
               quote's speaker, salient person, the rules' own choice)
  cue_*        strength of the cue it is the subject of (rules' score 0.6 .. 3.0), its rank,
               the cue verb (say, tell, add, according to, a weak verb like "call")
  path_*       the syntactic path from the cue (subject, inverted, head_subject, ...)
  how_*        how the mention became a name (name, pronoun, role, appositive, document ...)
  type_*, ty_* entity type and the evidence behind it
  pos_*        before/after the quote, same paragraph/sentence, log distance in characters
  dep_*        the mention's dependency (subject, object, prepositional object)
  q_*          the quote: partial, starts its paragraph, multi-paragraph, text before it
  prev_*       for the previous quote's speaker: same paragraph, paragraphs between
  sal_*        salience: how often and how recently the article made it a subject
  rule_*       agreement with the rules' choice, and the rules' method when it agrees
  gender_*     a he/she agrees or conflicts with the resolved person's gender
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import regex

from quotes.extract.candidates import Candidate, View, candidates_for, cue_lemma, fill_speaker, speaker_of, trial
from quotes.extract.cues import WEAK_LEMMAS
from quotes.extract.entity_types import TYPES, entity_type, stored_name_type
from quotes.lexicon.words import PERSON_PRONOUNS
from quotes.extract.marks import close_end_of
from quotes.extract.quotefilter import quote_probability
from quotes.extract.syntax import SUBJ_DEPS
from quotes.extract.titles import is_term
from quotes.model import Mark, Quote

WEIGHTS_FILE = Path(__file__).with_name("ranker_weights.json")
SOURCES = ("cue", "object", "near", "previous", "salient", "rule")
PATHS = ("subject", "inverted", "head_subject", "according_to", "possessive", "participle",
         "passive_agent", "relative", "object_control", "quoted_as_saying", "nearby_before",
         "nearby_after")
HOWS = ("name", "pronoun", "role", "appositive", "group", "document", "affiliation", "role_guess",
        "role_unresolved", "previous", "salience", "rule", "none")
RULE_METHODS = ("subject", "inverted", "head_subject", "according_to", "possessive", "colon",
                "colon_paragraph", "dash", "split_quote", "continuation", "previous_sentence",
                "sentence_subject", "salience_guess", "nearby_before", "nearby_after", "owner_after", "none")
CUE_VERBS = ("say", "tell", "add", "write", "ask", "according")


def is_description(name: str | None) -> bool:
    """"the ruling", "The commission", "multiple lawmakers": a speaker that is not a name (a
    name may open with an article: "The New York Times")."""
    words = (name or "").split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return bool(words) and any(w[:1].islower() for w in words if w.lower() not in ("of", "for", "and", "the", "on", "in", "de"))


_NOT_WORD = regex.compile(r"[^\p{L}\p{N} ]+")


@lru_cache(maxsize=4096)
def _norm(name: str | None) -> str:
    return " ".join(_NOT_WORD.sub(" ", (name or "").lower()).split())


class QuoteView:
    """What every candidate of one quote shares, computed once per quote: where the quote
    closes, the sentences it lies in, its paragraph, and the quote's own features (q_*)."""

    def __init__(self, att, m: Mark, q: Quote):
        a, text = att.a, att.a.text
        self.close = close_end_of(m)
        self.para = a.para_index(m.open_mark)
        # the sentences of the tokens covering the quote's first and last characters
        self.sents = {(id(t.doc), t.sent.start) for t in (a.tok_at(m.start), a.tok_at(max(m.start, m.end - 1)))
                      if t is not None}
        ps = a.para_bounds(m.open_mark)[0]
        self.features = {"q_partial": float(q.kind == "partial"),
                         "q_para_start": float(text[ps:m.open_mark].strip() == ""),
                         "q_multi_para": float(m.multi_paragraph),
                         "q_log_words": math.log1p(len(text[m.start:m.end].split()))}


def candidate_features(att, m: Mark, q: Quote, c: Candidate, prev: list[Quote],
                       qv: QuoteView | None = None) -> dict[str, float]:
    """The named features of candidate `c` for quote `m` (`q`: the rules' answer). Sparse: a
    feature left out is 0.0. `qv`: the quote's shared part, when already computed."""
    qv = qv or QuoteView(att, m, q)
    f: dict[str, float] = {"bias": 1.0}
    _mention_features(f, att.a.text, c)
    _position_features(f, att.a, m, c, qv)
    f.update(qv.features)
    if "previous" in c.sources and prev:
        last = prev[-1]
        gap = qv.para - att.a.para_index(max(last.start, last.end - 1))
        f["prev_same_para"] = float(gap == 0)
        f["prev_next_para"] = float(gap == 1)
        f["prev_far"] = float(gap > 1)
        f["prev_nothing_between"] = float(att.a.text[close_of(last):m.open_mark].strip(" \n\"“”‘’',.") == "")
    ent = c.speaker[0]
    if ent is not None:
        _salience_features(f, ent, m.open_mark)
    _rule_features(f, c.name, q)
    tok = c.tok
    if tok is not None and tok.lower_ in PERSON_PRONOUNS and ent is not None:
        g = PERSON_PRONOUNS[tok.lower_]
        f["gender_agree"] = float(ent.gender == g)
        f["gender_conflict"] = float(ent.gender is not None and ent.gender != g)
    return f


def _mention_features(f: dict[str, float], text: str, c: Candidate) -> None:
    """Which generators proposed it, its cue, its syntactic path, how it became a name, its type."""
    ent, name, kind, role, mtoks, how = c.speaker
    for s in c.sources:
        f["src_" + s] = 1.0
    f["src_count"] = float(len(c.sources & {"cue", "near", "rule", "salient", "previous"}))
    f["cue_score"] = c.cue_score
    f["cue_top"] = float(c.cue_rank == 0)
    f["cue_adjacent"] = float(c.cue_score >= 2.2)
    lem = "according" if c.cue is not None and c.cue.lower_ == "according" else cue_lemma(c)
    if lem in CUE_VERBS:
        f["cue_" + lem] = 1.0
    f["cue_weak"] = float(lem in WEAK_LEMMAS)
    if c.rule in PATHS:
        f["path_" + c.rule] = 1.0
    if how in HOWS:
        f["how_" + how] = 1.0
    f["has_name"] = float(bool(name))
    f["desc_name"] = float(is_description(name))
    typ, ev = entity_type(mtoks, how, kind, ent, text, c.start)
    if typ in TYPES:
        f["type_" + typ] = 1.0
    f.update((k, v) for k, v in ev.items() if v)


def _position_features(f: dict[str, float], a, m: Mark, c: Candidate, qv: QuoteView) -> None:
    """Before or after the quote, how far, same paragraph or sentence; the mention's dependency."""
    if c.start is not None:
        before = c.end <= m.open_mark
        dist = (m.open_mark - c.end) if before else max(0, c.start - qv.close)
        f["pos_before"] = float(before)
        f["pos_after"] = float(not before)
        f["pos_log_dist"] = math.log1p(dist)
        f["pos_same_para"] = float(a.para_index(c.start) == qv.para)
        f["pos_same_sent"] = float(c.tok is not None and (id(c.tok.doc), c.tok.sent.start) in qv.sents)
    else:
        f["pos_none"] = 1.0
    tok = c.tok
    if tok is not None:
        f["dep_subj"] = float(tok.dep_ in SUBJ_DEPS)
        f["dep_pobj"] = float(tok.dep_ == "pobj")
        f["dep_obj"] = float(tok.dep_ in ("dobj", "obj", "dative"))
        f["dep_appos"] = float(tok.dep_ == "appos")
        f["dep_cue_head"] = float(c.cue is not None and tok.head.i == c.cue.i and tok.doc is c.cue.doc)


def _salience_features(f: dict[str, float], ent, p: int) -> None:
    """How often and how recently the article made the entity a subject before offset `p`."""
    last = ent.subject_pos.last_below(p)
    f["sal_log_subjects"] = math.log1p(ent.subject_pos.count_below(p))
    f["sal_log_mentions"] = math.log1p(ent.mentions.count_below(p))
    f["sal_recent_subject"] = math.exp(-(p - last) / 1000.0) if last is not None else 0.0
    f["sal_is_person"] = float(ent.kind == "person")
    f["sal_first_in_article"] = float(bool(ent.mentions) and ent.mentions[0] < 300)


def _rule_features(f: dict[str, float], name: str | None, q: Quote) -> None:
    """Agreement with the rules' choice, and the rules' method when it agrees."""
    same = bool(name) and _norm(name) == _norm(q.speaker)
    f["rule_same_name"] = float(same)
    base = (q.method or "none").split(":")[0]
    f["rule_conf"] = q.confidence if same else 0.0
    if same and base in RULE_METHODS:
        f["rule_m_" + base] = 1.0


def close_of(q: Quote) -> int:
    return q.end + 1


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    """The shipped model (None when the weights file is absent: rules only)."""
    if not WEIGHTS_FILE.exists():
        return None
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _tree_value(tree: dict, f: dict[str, float]) -> float:
    node = 0
    feats, thr, left, right, value = tree["f"], tree["t"], tree["l"], tree["r"], tree["v"]
    while left[node] != -1:
        node = left[node] if f.get(feats[node], 0.0) <= thr[node] else right[node]
    return value[node]


def score(model: dict, f: dict[str, float]) -> float:
    """Probability that the candidate with features `f` is the speaker."""
    if model["kind"] == "trees":
        z = model["init"] + model["rate"] * sum(_tree_value(t, f) for t in model["trees"])
    else:
        z = sum(model["weights"].get(k, 0.0) * v for k, v in f.items())
    return _sigmoid(z)


# the chosen candidate's features the calibration also sees
_CONF_KEYS = tuple(["desc_name", "q_partial", "q_para_start", "q_multi_para", "gender_agree", "gender_conflict", "src_count",
                    "name_log_count", "cue_adjacent", "pos_same_sent", "pos_none", "dep_subj", "ty_propn",
                    "ty_named_in_full", "sal_recent_subject"]
                   + ["how_" + h for h in HOWS] + ["rule_m_" + r for r in RULE_METHODS]
                   + ["type_" + t for t in TYPES])


def confidence_features(best: float, second: float, agrees: bool, f: dict[str, float]) -> dict[str, float]:
    """What the calibration model sees: the ranker's top score, its margin over the next
    name, whether the rules chose the same name, and the chosen candidate's kind of evidence
    (how it became a name, the rules' method, the quote's kind, pronoun gender agreement)."""
    lg = lambda p: math.log(max(p, 1e-6) / max(1 - p, 1e-6))
    cf = {"bias": 1.0, "logit_best": lg(best), "logit_second": lg(second), "margin": best - second,
          "rule_agrees": float(agrees)}
    for k in _CONF_KEYS:
        cf[k] = f.get(k, 0.0)
    return cf


# how a mention becomes a name through the article's entity tracking (a "he", "the senator",
# an appositive): a second decision, after choosing the mention, that can go wrong on its own
RESOLVED_HOWS = ("pronoun", "role", "role_guess", "role_unresolved", "appositive", "affiliation")
# a guess: a bare title or an occupation resolved to the person the article is about, though
# the text ties neither to them ("the Florida senator" -> the article's senator); right less often
# than a resolution the text states, so it has a factor of its own (`guess` in the weights file)
GUESS_HOWS = ("role_guess",)


def is_resolved(hows, cf: dict[str, float], method: str | None = None) -> bool:
    """The chosen speaker was reached through a resolution (one of `hows`): its candidate's
    (`cf`), or, when the speaker is the rules' choice, the rules' `method` ("subject:pronoun")."""
    return any(cf.get("how_" + h) for h in hows) or (method or "").split(":")[-1] in hows


def is_guess(hows, cf: dict[str, float], method: str | None = None) -> bool:
    """The chosen speaker was reached by a guess (one of `hows`): by the rules' `method` when
    the speaker is theirs, else by the ranker's own candidate (`cf`). Unlike `is_resolved`, a
    speaker the rules reached otherwise ("Trump said") is no guess because the best candidate
    of the same name is a guessed title."""
    return (method or "").split(":")[-1] in hows if method else any(cf.get("how_" + h) for h in hows)


CARRIED = ("continuation", "split_quote")  # rules' methods that copy the previous quote's speaker


def reaching_method(method: str | None, speaker: str | None, prev: list[Quote]) -> str | None:
    """The method that reached a speaker: `method` itself or, for a speaker carried from the
    previous quote (a continuation, the second part of a split quote), that quote's, back
    along the chain: "he said" then two continuations are all as sure as the "he"."""
    for p in reversed(prev):
        if (method or "").split(":")[0] not in CARRIED or p.speaker != speaker:
            break
        method = p.method
    return method


def calibrated(model: dict, cf: dict[str, float], method: str | None = None) -> float:
    """The probability that the chosen speaker is right: that its mention is the speaker's
    (the calibration model) and, for a mention resolved to a name (RESOLVED_HOWS; `method`:
    the rules' method when the speaker is theirs), that the resolution is right
    (`resolution` in the weights file: measured on PolNeAR dev's resolved-speaker layer, as
    PolNeAR train has no coreference to learn it from). A guess (GUESS_HOWS) takes the `guess`
    factor instead: how often train's guesses name the person a reader gives (labelled)."""
    w = model.get("calibration")
    p = _sigmoid(sum(w.get(k, 0.0) * v for k, v in cf.items()) if w else cf["logit_best"])
    guess, res = model.get("guess"), model.get("resolution")
    if guess and is_guess(guess["hows"], cf, method):
        p *= guess["precision"]
    elif res and is_resolved(res["hows"], cf, method):
        p *= res["precision"]
    return p


def rank(att, m: Mark, q: Quote, prev: list[Quote], model: dict | None = None):
    """[(probability, candidate, features)] best first, for the named candidates of `m`."""
    if model is None:
        model = load_model()
    with trial(att):  # candidates resolve names on a scratch copy of the article's entities
        cands = candidates_for(att, m, q, prev)
        qv = QuoteView(att, m, q)
        feats = relative_features([(candidate_features(att, m, q, c, prev, qv), c.name) for c in cands])
    scored = [(score(model, f) if model else 0.0, c, f) for c, f in zip(cands, feats)]
    scored.sort(key=lambda x: -x[0])
    return scored


# evidence pooled over every candidate that resolves to the same name
_POOLED = ("src_cue", "src_previous", "src_salient", "src_rule", "src_near", "src_object", "cue_adjacent",
           "cue_top", "dep_subj", "how_name", "how_pronoun", "rule_same_name")


def relative_features(items: list[tuple[dict[str, float], str | None]]) -> list[dict[str, float]]:
    """Each candidate's features plus how it compares with the quote's other candidates
    (rel_*: the strongest cue, the nearest before/after, the nearest subject) and the
    evidence pooled over the candidates that resolve to the same name (name_*)."""
    out = [dict(f) for f, _ in items]
    if not out:
        return out
    top_cue = max(f.get("cue_score", 0.0) for f in out)
    near_b = min((f["pos_log_dist"] for f in out if f.get("pos_before")), default=None)
    near_a = min((f["pos_log_dist"] for f in out if f.get("pos_after")), default=None)
    near_sb = min((f["pos_log_dist"] for f in out if f.get("pos_before") and f.get("dep_subj")), default=None)
    near_sa = min((f["pos_log_dist"] for f in out if f.get("pos_after") and f.get("dep_subj")), default=None)
    pooled = _pooled_by_name(items)
    for i, f in enumerate(out):
        d = f.get("pos_log_dist")
        f["rel_top_cue"] = float(top_cue > 0 and f.get("cue_score", 0.0) == top_cue)
        f["rel_cue_gap"] = top_cue - f.get("cue_score", 0.0)
        f["rel_nearest_before"] = float(d is not None and f.get("pos_before", 0.0) == 1.0 and d == near_b)
        f["rel_nearest_after"] = float(d is not None and f.get("pos_after", 0.0) == 1.0 and d == near_a)
        f["rel_nearest_subj_before"] = float(d is not None and f.get("pos_before", 0.0) == 1.0
                                             and f.get("dep_subj", 0.0) == 1.0 and d == near_sb)
        f["rel_nearest_subj_after"] = float(d is not None and f.get("pos_after", 0.0) == 1.0
                                            and f.get("dep_subj", 0.0) == 1.0 and d == near_sa)
        f["rel_n_candidates"] = math.log1p(len(out))
        name = items[i][1]
        f.update(pooled[_norm(name)] if name else _NO_NAME)
    return out


_NO_NAME = {"name_log_count": 0.0, "name_max_cue": 0.0, **{"name_" + k: 0.0 for k in _POOLED}}


def _pooled_by_name(items: list[tuple[dict[str, float], str | None]]) -> dict[str, dict[str, float]]:
    """The name_* features of each name, once per name: how many candidates resolve to it and
    the strongest evidence among them."""
    groups: dict[str, list[dict[str, float]]] = {}
    for f, name in items:
        if name:
            groups.setdefault(_norm(name), []).append(f)
    pooled = {}
    for key, fs in groups.items():
        p = {"name_log_count": math.log1p(len(fs)), "name_max_cue": max(f.get("cue_score", 0.0) for f in fs)}
        for k in _POOLED:
            p["name_" + k] = max(f.get(k, 0.0) for f in fs)
        pooled[key] = p
    return pooled


def no_speaker(f: dict[str, float], name: str | None, text: str = "") -> bool:
    """A candidate that cannot be stored as a speaker: its mention is typed a thing, a time,
    a place or a heading, or the name it resolved to is one ("March", a dateline)."""
    return bool(f.get("type_not_speaker")) or stored_name_type(name, text) is not None and not f.get("ty_honorific")


def choose(scored, text: str = "") -> tuple[float, Candidate | None, float]:
    """(best probability, best speaker candidate, best probability of another name)."""
    best = None
    second = 0.0
    for p, c, f in scored:
        if not c.name or no_speaker(f, c.name, text):
            continue
        if best is None:
            best = (p, c)
        elif _norm(c.name) != _norm(best[1].name):
            second = max(second, p)
            break
    if best is None:
        return 0.0, None, 0.0
    return best[0], best[1], second


def is_plain(model: dict, q: Quote) -> bool:
    """The rules' plainest attributions: a name as the subject of a speech verb next to the
    quote ("…,” Austin said; "…,” said Austin), at full rule confidence. On PolNeAR train the
    rules are right for 97-98% of these (39% of quotes) and the out-of-fold ranker overrules
    almost none, so they are not ranked: their confidence is that measured precision, per
    method and quote kind (a partial quote's speaker is wrong twice as often: 4.6% against
    2.0%; `plain` in the weights file, set by training/train_ranker.py)."""
    plain = model.get("plain")
    return bool(plain) and q.method in plain["confidence"] and (q.confidence or 0.0) >= plain["min_rule_confidence"]


def apply_ranker(ctx, mc, q: Quote, features: dict[str, float] | None = None, model: dict | None = None) -> bool:
    """Choose `q`'s speaker among its candidates and set its confidence; False when `q` is a
    term or title with no plausible speaker (not a quote). Rules only without a model.

    The ranker overrides the rules when its best speaker scores at least `min_take`; a
    speaker the rules took that is a thing, a time, a place or a heading is dropped."""
    if model is None:
        model = load_model()
    if not model:
        return True
    if is_plain(model, q) and stored_name_type(q.speaker, ctx.text, q.speaker_mention) is None:
        q.confidence = model["plain"]["confidence"][q.method]["partial" if q.kind == "partial" else "full"]
        if features is not None and q.mark_style != "single":
            q.confidence = round(q.confidence * quote_probability(features), 3)
        return True
    att, m, prev = View(ctx, mc), mc.mark, mc.previous
    scored = rank(att, m, q, prev, model)
    best, c, second = choose(scored, ctx.text)
    rule = max(((p, f) for p, cand, f in scored if q.speaker and _norm(cand.name) == _norm(q.speaker)
                and not no_speaker(f, cand.name, ctx.text)), key=lambda x: x[0], default=None)
    rule_p = rule[0] if rule else None
    best_f = next((f for p, cand, f in scored if cand is c), {})
    agrees = c is not None and _norm(c.name) == _norm(q.speaker)
    if c is not None and not agrees and best >= model.get("min_take", 0.5):
        _take(att, q, c, prev)
        method = reaching_method("continuation", q.speaker, prev) if c.how == "previous" else None
        q.confidence = round(calibrated(model, confidence_features(best, second, False, best_f), method), 3)
    elif q.speaker and rule_p is None and (stored_name_type(q.speaker, ctx.text, q.speaker_mention) or any(
            no_speaker(f, cand.name, ctx.text) and "rule" in cand.sources for _, cand, f in scored)):
        _clear(q)  # the rules took a thing, a time, a place or a heading
        q.confidence = 0.05
    elif q.speaker and rule_p is not None:
        other = best if not agrees else second
        method = reaching_method(q.method, q.speaker, prev)
        q.confidence = round(calibrated(model, confidence_features(rule_p, other, True, rule[1]), method), 3)
    else:
        q.confidence = 0.05 if not q.speaker else q.confidence
    if features is not None and q.mark_style != "single":
        q.confidence = round(q.confidence * quote_probability(features), 3)  # and a quote at all
    if q.mark_style != "single" and is_term(q.text) and best < model.get("no_speaker_below", 0.0):
        return False
    return True


def _clear(q: Quote) -> None:
    q.speaker = q.speaker_kind = q.speaker_role = q.speaker_mention = None
    q.speaker_start = q.speaker_end = None
    q.speaker_aliases = []
    q.method = "ranker:none"


def _take(att, q: Quote, c: Candidate, prev: list[Quote]) -> None:
    """Give `q` the speaker of candidate `c` (its mention, cue and resolved name)."""
    ent, name, kind, role, mtoks, how = c.speaker
    if c.tok is not None:
        fill_speaker(att, q, speaker_of(att, c.tok))  # resolved again, for real this time
    elif how == "previous" and prev:
        last = prev[-1]
        for k in ("speaker", "speaker_kind", "speaker_aliases", "speaker_role", "speaker_mention",
                  "speaker_start", "speaker_end"):
            setattr(q, k, getattr(last, k))
    else:
        real = att.reg.lookup(name) if name else None
        q.speaker_mention = q.speaker_start = q.speaker_end = None
        q.speaker, q.speaker_kind, q.speaker_role = (real.name, real.kind, real.role) if real is not None else (name, kind, role)
        q.speaker_aliases = sorted(x for x in real.aliases if x != real.name) if real is not None else []
    if c.cue is not None:
        a = att.a
        p = a.pos(c.cue)
        if c.cue.lower_ == "according":
            q.cue, q.cue_start, q.cue_end = "according to", p, p + len("according to")
        else:
            q.cue, q.cue_start, q.cue_end = c.cue.lower_, p, p + len(c.cue.text)
    src = next((s for s in ("cue", "previous", "near", "salient", "object") if s in c.sources), "rule")
    q.method = f"ranker:{src}:{how}"
