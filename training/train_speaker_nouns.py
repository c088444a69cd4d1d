"""Learn which common nouns denote a speaker, and which never do (quotes/lexicon/speaker_nouns.py).

usage: python training/train_speaker_nouns.py [--out quotes/lexicon/speaker_nouns.py] [--cache FILE]
       python training/train_speaker_nouns.py --report dev   # typing of dev's gold speaker heads

Why: entity typing (quotes.extract.entity_types) read a common-noun head against hand lists
(ROLE_NOUNS, PERSON_NOUNS, GROUP_NOUNS, DOCUMENT_NOUNS) and a person suffix; every person noun
missing from them ("the retired neurosurgeon", "the witness", "a group of rabbis", "the cable")
was a `description`, no better than "the smoke". Here the evidence comes from PolNeAR TRAIN,
parsed as extraction parses it (`pipeline.parse_for_attribution`):

- speaker heads: the syntactic head of every gold speaker span that is a common noun, with
  counts (a noun PolNeAR's annotators took for the one who speaks);
- "who" evidence: a noun a relative clause opens with who/whom/whose after ("the surgeon, who
  ...") denotes a person; "which" after it, a thing;
- document evidence: a noun that is the object of a verb that issues a document (write,
  publish, release, file: `lexicon.words.ISSUED_KINDS`) or follows "in" after a speech verb
  ("said in a piece");
- thing evidence (negatives): a common noun that is the subject of a clause of the writer's
  (outside the quotation marks), is never inside a gold speaker span in all of train, has no
  "who" after it and no person-making suffix.

A noun (singular and plural counted together; printed in lower case at least LOWER_MIN times
and more often so than capitalised) is a SPEAKER noun when it heads at least MIN_GOLD gold
speakers that are GOLD_SHARE of its uses (or with "who", suffix or organisation evidence), or
takes "who" at least WHO_MIN times and "which" never; its type is organisation (an
organisation word of the lexicon), person when it carries evidence of a person beyond being
a gold speaker ("who", an agentive suffix, a person of a work, an honorific name in
apposition) or no document or thing evidence, else document (issued, said in, something in
it, "according to" it, it "reads"; with only "which" after it, it is left out). A noun is a
THING noun when it is such a subject at least THING_MIN times, never a gold speaker, never
with "who", no person suffix, and takes a determiner at least once (not "none"). A PARTITIVE head heads a gold speaker through an "of" whose
object is plural or them/us ("a group of rabbis"). Nouns the hand lists already type are
left out (the lists win). Deterministic: the same train file gives the same module byte for
byte (about 5 minutes of parsing on a loaded machine; --cache keeps the counts). Never reads
PolNeAR test.
"""
from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

OUT = REPO / "quotes" / "lexicon" / "speaker_nouns.py"
MIN_GOLD = 2      # gold speaker heads (in lower case) that make a noun a speaker ...
GOLD_SHARE = 0.1  # ... when they are this share of its uses, or it has "who" or suffix evidence
WHO_MIN = 3       # or: relative clauses with "who" after it (and never "which")
THING_MIN = 4     # subjects of the writer's clauses, never in a speaker span, that make a thing
LOWER_MIN = 3     # uses in lower case a noun needs at all (fewer: a name or a tagging slip)
SUBJ = ("nsubj", "nsubjpass")
WHO = frozenset({"who", "whom", "whose"})
THING_RELATIVE = frozenset({"which"})


def read(split: str) -> list[dict]:
    path = SHARED / "eval" / "polnear" / f"{split}.jsonl"
    if split == "test":
        raise SystemExit("never reads PolNeAR test")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def tokens_at(docs, a: int, b: int) -> list:
    """The parsed tokens whose first character lies in [a, b), from the segment holding most."""
    best = []
    for s, d in docs:
        toks = [t for t in d if a <= s + t.idx < b and not t.is_space]
        if len(toks) > len(best):
            best = toks
    return best


def collect(split: str) -> dict:
    """Facts per lower-case noun form over `split`'s articles (see the module docstring):
    {"facts": {form: Counter}, "partitive": Counter of (head, head POS, of-object, its tag)
    over gold speaker heads, "gold_heads": [(doc, form, tag, POS, lower-case in the text)]}."""
    from quotes.extract.cues import lemma_of
    from quotes.extract.entity_types import of_object, syntactic_head
    from quotes.extract.pipeline import parse_for_attribution
    from quotes.lexicon.words import ISSUED_KINDS, SPEECH_LEMMAS

    facts: dict[str, Counter] = defaultdict(Counter)
    partitive: Counter = Counter()
    gold_heads, others = [], []
    for art in read(split):
        text = art["text"]
        marks, docs = parse_for_attribution(text)
        if not docs:
            continue
        spans = [tuple(sp) for q in art["quotes"] for sp in q.get("speaker_spans") or []]
        inside = [(m.start, m.end) for m in marks]
        quoted_paras = {text.rfind("\n", 0, q["start"]) + 1 for q in art["quotes"]}
        for a, b in spans:
            head = syntactic_head(tokens_at(docs, a, b))
            if head is None:
                continue
            lower = head.text[:1].islower()
            gold_heads.append((art["doc_id"], head.lower_, head.tag_, head.pos_, lower, *types_of(head, text, s0(docs, head))))
            of = of_object(head)
            if of is not None and lower:
                partitive[(head.lower_, head.pos_, of.lower_, of.tag_)] += 1
            if head.pos_ == "NOUN":
                f = facts[head.lower_]
                f["gold_lower" if lower else "gold_cap"] += 1
                f["gold_plural"] += head.tag_ == "NNS"
        for s, d in docs:
            for t in d:
                if t.pos_ != "NOUN" or not t.text[:1].isalpha():
                    continue
                p = s + t.idx
                f = facts[t.lower_]
                f["lower" if t.text[:1].islower() else "cap"] += 1
                f["det"] += any(c.dep_ in ("det", "poss") for c in t.children)
                for r in (c for c in t.children if c.dep_ == "relcl"):
                    first = min(r.subtree, key=lambda x: x.i).lower_
                    f["who"] += first in WHO
                    f["which"] += first in THING_RELATIVE
                f["issued"] += t.dep_ in ("dobj", "obj") and lemma_of(t.head) in ISSUED_KINDS
                f["in_speech"] += t.dep_ == "pobj" and t.head.lower_ == "in" and lemma_of(t.head.head) in SPEECH_LEMMAS
                # thing or document evidence: "in the cable", "according to the cable", "the passage reads:"
                f["in_obj"] += t.dep_ == "pobj" and t.head.lower_ == "in"
                f["according"] += t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lower_ == "according"
                f["reads"] += t.dep_ in SUBJ and lemma_of(t.head) == "read" and not any(
                    c.dep_ in ("dobj", "obj") for c in t.head.children)
                # person evidence: a name with an honorific in apposition ("the investor, Mr. Cuban")
                apposed = [c for c in t.children if c.dep_ == "appos"] + ([t.head] if t.dep_ == "appos" else [])
                f["honorific"] += any(honorific_name(x) for x in apposed)
                if any(a <= p < b for a, b in spans):
                    f["spoken"] += 1
                elif t.dep_ in SUBJ and t.text[:1].islower() and not any(ms <= p < me for ms, me in inside):
                    f["subj_qpara" if text.rfind("\n", 0, p) + 1 in quoted_paras else "subj_other"] += 1
                    if split != "train":
                        others.append((art["doc_id"], t.lower_, t.sent.text[:160], *types_of(t, text, s)))
    return {"facts": dict(facts), "partitive": partitive, "gold_heads": gold_heads, "others": others}


def honorific_name(tok) -> bool:
    """`tok` is a proper name its phrase opens with an honorific ("Mr. Cuban", "Dr. Carson")."""
    from quotes.lexicon.words import HONORIFICS
    return tok.pos_ == "PROPN" and min(tok.subtree, key=lambda x: x.i).lower_ in HONORIFICS - {"the"}


def s0(docs, tok) -> int:
    return next(s for s, d in docs if d is tok.doc)


def types_of(head, text: str, offset: int) -> tuple[str, str]:
    """The entity type of the noun phrase `head` heads, with the learned lists and without
    them (the hand lists alone), read as a candidate with no resolution (`how` None)."""
    from quotes.extract import entity_types as E
    from quotes.extract.syntax import np_tokens
    toks = np_tokens(head) or [head]
    typ, ev = E.entity_type(toks, None, None, None, text, offset + toks[0].idx)
    hand = {k: (0.0 if k == "ty_of_people" else v) for k, v in ev.items() if not k.startswith("ty_learned_")}
    return typ, E.decide_type(hand, None, None, None)


def hand_typed(low: str) -> bool:
    """A noun the hand lists already type (they win over what is learned here)."""
    from quotes.lexicon.words import DOCUMENT_NOUNS, GROUP_NOUNS, PERSON_NOUNS, ROLE_NOUNS, THING_NOUNS, TIME_WORDS
    return (low in ROLE_NOUNS or low.rstrip("s") in ROLE_NOUNS or low in PERSON_NOUNS or low in GROUP_NOUNS
            or low in DOCUMENT_NOUNS or low in THING_NOUNS or low in TIME_WORDS)


def agentive(low: str) -> bool:
    """The person-making suffix entity typing reads (-er, -or, -ist, -ian, ...)."""
    from quotes.extract.entity_types import PERSON_SUFFIX
    return bool(PERSON_SUFFIX.search(low))


def singular(low: str, seen) -> str:
    """The form's singular when train prints it too ("witnesses" -> "witness"), else the form."""
    from quotes.extract.entity_types import singulars
    return next((f for f in singulars(low) if f in seen), low)


def person_evidence(base: str, f: Counter) -> bool:
    """More than said-subjecthood says the noun is a person: "who" after it, an agentive
    ending, one of the people of a work (actor, producer), a name with an honorific in
    apposition ("the neurosurgeon, Dr. Carson")."""
    from quotes.lexicon.words import WORK_PEOPLE
    return bool(f["who"] or agentive(base) or base in WORK_PEOPLE or f["honorific"])


def document_evidence(f: Counter) -> bool:
    """The noun is written or read: issued ("released a memo"), the words were said in it
    ("said in a piece"), something is in it ("in the passage"), it is a source ("according to
    the cable"), or it reads ("the passage reads:")."""
    return bool(f["issued"] or f["in_speech"] or f["in_obj"] or f["according"] or f["reads"])


def decide(c: dict) -> tuple[dict[str, str], list[str], list[str]]:
    """(speaker nouns with their type, thing nouns, partitive heads) from the facts, counted
    over a noun's singular and plural together."""
    from quotes.lexicon.words import ORG_HEADS, ORG_WORDS, SPEECH_NOUNS
    facts = c["facts"]
    by_base: dict[str, Counter] = defaultdict(Counter)
    forms: dict[str, set] = defaultdict(set)
    for low, f in facts.items():
        base = singular(low, facts)
        by_base[base].update(f)
        forms[base].add(low)
    speakers, things = {}, []
    for base, f in sorted(by_base.items()):
        if not base.isalpha() or any(hand_typed(w) or w in SPEECH_NOUNS for w in forms[base]) \
                or f["lower"] < max(LOWER_MIN, f["cap"]):
            continue  # (a name the tagger made a noun: "Trump", "Sanders", "Waters"; a tagging slip)
        gold = f["gold_lower"]
        org = base in ORG_WORDS or base in ORG_HEADS
        if gold >= MIN_GOLD and (gold >= GOLD_SHARE * f["lower"] or f["who"] or agentive(base) or org) \
                or f["who"] >= WHO_MIN and not f["which"]:
            if org:
                speakers[base] = "organisation"
            elif not person_evidence(base, f) and (document_evidence(f) or f["which"]):
                # "the passage reads", "according to the cable": a gold speaker head with
                # document or thing evidence is a person only with evidence of a person
                if document_evidence(f):
                    speakers[base] = "document"  # "the piece", "the memoir", "the cable"
            else:
                speakers[base] = "person"
        elif not gold and not f["spoken"] and not f["who"] and not agentive(base) and not org and f["det"] \
                and f["subj_qpara"] + f["subj_other"] >= THING_MIN:
            things.append(base)
    partitive = Counter()
    for (head, pos, obj, tag), n in c["partitive"].items():
        if head.isalpha() and (tag in ("NNS", "NNPS") or obj in ("them", "us")):
            partitive[head] += n
    return speakers, things, sorted(partitive)


def render(speakers: dict[str, str], things: list[str], partitive: list[str]) -> str:
    def words(ws, indent="    "):
        out, line = [], indent
        for w in ws:
            if len(line) + len(w) + 1 > 100:
                out.append(line.rstrip())
                line = indent
            line += w + " "
        out.append(line.rstrip())
        return "\n".join(out)
    by_type = {t: sorted(w for w, k in speakers.items() if k == t) for t in ("person", "organisation", "document")}
    parts = ['"""Common nouns typed from PolNeAR train\'s gold speakers. GENERATED by',
             "training/train_speaker_nouns.py (do not edit: rerun it). See that script for the evidence",
             "and docs/speakers.md (entity types) for how quotes.extract.entity_types reads them.",
             '"""', "from __future__ import annotations", "",
             f"# Nouns heading >= {MIN_GOLD} gold speaker spans (>= {GOLD_SHARE:.0%} of their uses, or with",
             f"# who/suffix/organisation evidence), or with >= {WHO_MIN} who-relatives and no which; by type.",
             "SPEAKER_NOUN_TYPES: dict[str, str] = {"]
    for t, ws in by_type.items():
        parts.append(f"    # {t}: {len(ws)}")
        parts.extend(f"    {w!r}: {t!r}," for w in ws)
    parts += ["}", "",
              f"# Subjects of the writer's clauses (>= {THING_MIN}), never in a gold speaker span,",
              "# never with \"who\", no person suffix: nouns that do not speak.",
              'THING_NOUNS_LEARNED = frozenset("""', words(things, ""), '""".split())', "",
              "# Gold speaker heads whose \"of\" object is people (\"a group of rabbis\", \"half of voters\").",
              'PARTITIVE_HEADS = frozenset("""', words(partitive, ""), '""".split())', ""]
    return "\n".join(parts)


SPEAKER_TYPES = ("person", "organisation", "group", "document")


def report(c: dict, sample: int = 60) -> None:
    """How the gold speaker heads of the split (dev) that are common nouns are typed, with the
    learned lists and with the hand lists alone; and a random sample (seed 18) of the other
    noun subjects of its writer's clauses (no gold speaker) with their two types, to read."""
    gold = [row for row in c["gold_heads"] if row[3] == "NOUN" and row[4]]
    for k, name in ((6, "hand lists alone"), (5, "with the learned lists")):
        typed = Counter(row[k] for row in gold)
        n = sum(typed[t] for t in SPEAKER_TYPES)
        print(f"gold speaker heads (common nouns, {len(gold)}), {name}: typed a speaker {n} "
              f"({n / max(1, len(gold)):.3f}) {dict(sorted(typed.items()))}")
    print("  still not a speaker:", sorted(row[1] for row in gold if row[5] not in SPEAKER_TYPES))
    print("  newly a speaker:", sorted(row[1] for row in gold if row[5] in SPEAKER_TYPES and row[6] not in SPEAKER_TYPES))
    others = sorted(c["others"])
    random.Random(18).shuffle(others)
    print(f"other noun subjects: {len(others)}; sample of {sample} (type with the learned lists / hand lists alone):")
    for doc, low, sent, typ, hand in others[:sample]:
        print(f"  {low:16} {typ:12} {hand:12} | {sent}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--cache", help="pickle of the counts (reused when present)")
    ap.add_argument("--report", choices=("dev",), help="count dev's gold speaker heads instead (never writes)")
    args = ap.parse_args()
    split = args.report or "train"
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        counts = pickle.loads(cache.read_bytes())
    else:
        counts = collect(split)
        if cache:
            cache.write_bytes(pickle.dumps(counts))
    if args.report:
        report(counts)
        return
    speakers, things, partitive = decide(counts)
    Path(args.out).write_text(render(speakers, things, partitive), encoding="utf-8")
    print(f"{len(speakers)} speaker nouns, {len(things)} thing nouns, {len(partitive)} partitive heads -> {args.out}")


if __name__ == "__main__":
    main()
