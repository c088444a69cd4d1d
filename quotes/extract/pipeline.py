"""The public API: articles in, quotes out.

Rules find the quotation marks first (`quotes.extract.marks`, regex speed); articles without marks
are never parsed. spaCy then parses only the paragraphs attribution needs (those holding a
quote and the paragraphs just before them, for pronouns and colon introductions), batched
through `nlp.pipe`; `quotes.extract.attribution` does the rest.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import regex
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc

from quotes.extract.attribution import attribute
from quotes.extract.foreign import quoted_sentences
from quotes.extract.marks import close_end_of, find_marks, text_outside
from quotes.ingest.language import ENGLISH, language_of
from quotes.model import Article, Mark, Quote
from quotes.extract.nlp import KEEP_PIPES, load_parser
from quotes.extract.dating import Parsed, when_said_in
from quotes.extract.entity_types import occupation_evidence
from quotes.extract.textindex import ArticleIndex
from quotes.lexicon.words import (ANTECEDENT_PRONOUNS, DOCUMENT_NOUNS, POSSESSED_SPEECH_NOUNS, ROLE_NOUNS, SPEECH_LEMMAS,
                                  SPEECH_NOUNS, TITLE_ABBREVIATIONS)

# Penn tag -> universal POS, as the English attribute ruler maps them.
TAG_TO_POS = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "WP$": "PRON", "EX": "PRON", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
    "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ",
    "JJS": "ADJ", "AFX": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV",
    "IN": "ADP", "RP": "ADP", "DT": "DET", "PDT": "DET", "WDT": "DET", "CD": "NUM",
    "CC": "CCONJ", "UH": "INTJ", "TO": "PART", "POS": "PART", "SYM": "SYM", "FW": "X",
    "LS": "X", "ADD": "X", "XX": "X", "NFP": "PUNCT", "HYPH": "PUNCT", ",": "PUNCT",
    ".": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT", "-LRB-": "PUNCT",
    "-RRB-": "PUNCT", "$": "SYM", "_SP": "SPACE",
}


def ensure_pos(doc) -> None:
    """Universal POS from the tagger's Penn tags when the attribute ruler did not run."""
    if doc.has_annotation("POS"):
        return
    for t in doc:
        t.pos_ = TAG_TO_POS.get(t.tag_, "X")
CONTEXT_PARAGRAPHS = 1  # paragraph parsed before a quoted paragraph that needs it (pronouns)


def _pipeline(nlp=None):
    if nlp is None:
        nlp = load_parser()
    return nlp


def disabled_pipes(nlp) -> list[str]:
    """The pipes of `nlp` extraction switches off (all but KEEP_PIPES)."""
    return [p for p in nlp.pipe_names if p not in KEEP_PIPES]


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in regex.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


CHAIN_PARAGRAPHS = 2  # paragraphs parsed further back while the context paragraph opens with a pronoun
_PRONOUNS = "(?:" + "|".join(sorted(ANTECEDENT_PRONOUNS)) + ")"
_OPENS_WITH_PRONOUN = regex.compile(rf"\s*{_PRONOUNS}\b", regex.I)
_PRONOUN = regex.compile(rf"\b{_PRONOUNS}\b", regex.I)
# a definite description of a person ("the former California governor", "the senator"): like a
# pronoun, it refers back to someone a paragraph before may be the only one to name
_DESCRIPTION = regex.compile(r"\bthe[ \u00a0]+(?:[\p{L}’'-]+[ \u00a0]+){0,3}(?:"
                             + "|".join(sorted(map(regex.escape, ROLE_NOUNS), key=len, reverse=True)) + r")\b", regex.I)

# a definite description by an occupation no title list holds that may be guessed as the
# person a paragraph before names ("the actress tells", "the retired neurosurgeon said"): its
# word is checked by entity_types.occupation_evidence (an agentive ending alone is never
# guessed, so it needs no paragraph before: "the striker" is read off the text when named)
_OCCUPATION = regex.compile(r"\b(?i:the)((?:[ \u00a0]+[\p{Ll}’'-]+){1,4})")


def _occupation_described(rest: str) -> bool:
    return any(occupation_evidence(w, rest) not in (None, "suffix")
               for m in _OCCUPATION.finditer(rest) for w in m.group(1).split())


# "the ruling said", "The book describes": a definite document noun outside the quotes points
# back to whoever issued it, often paragraphs before ("The appeals court ruled ...")
_DOCUMENT_REFERENCE = regex.compile(r"\b(?:the|this|that)[ \u00a0]+(?:[\p{L}-]+[ \u00a0]+){0,2}(?:"
                                    + "|".join(sorted(DOCUMENT_NOUNS, key=len, reverse=True)) + r")\b", regex.I)


# a paragraph that opens by pointing back at the quote before it: "That was the verdict of X",
# "With those words, X ended", "The warning came from X" (rules.owner_after reads it)
_POINTS_BACK = regex.compile(r"[ \t\u00a0]*(?:(?:with|in)[ \u00a0]+)?(?:that|this|those|these|such|so)\b|[ \t\u00a0]*the[ \u00a0]+(?:"
                             + "|".join(sorted(POSSESSED_SPEECH_NOUNS | SPEECH_NOUNS | SPEECH_LEMMAS, key=len, reverse=True))
                             + r")\b", regex.I)


def _speaker_after(text: str, para: tuple[int, int], marks: list[Mark], nxt: tuple[int, int] | None) -> bool:
    """A paragraph that is one quote and nothing else, and a next paragraph that opens by
    pointing back at it: the next paragraph may name who spoke, so it is parsed too."""
    # (the next paragraph's opening first: the paragraph's own words are gathered only then)
    return nxt is not None and _POINTS_BACK.match(text, nxt[0]) is not None \
        and not "".join(text_outside(text, marks, *para)).strip(" \t\u00a0.,;:")


_SENTENCE_END = regex.compile(r"[.?!…:;,\"”’)\]]\s*$")
MAX_FURNITURE_WORDS = 12


def _is_furniture(para: str) -> bool:
    """A heading or a line of page furniture, no sentence: a few words not ending like one
    ("READ MORE: City to close shelter", "ANALYSIS", "Related coverage")."""
    return 0 < len(para.split()) <= MAX_FURNITURE_WORDS and not _SENTENCE_END.search(para)


def _context_needed(text: str, para: tuple[int, int], marks: list[Mark]) -> int | None:
    """Whether a quoted paragraph needs the paragraphs before it parsed, and how many beyond the
    usual context: 0 when its own words cannot name the speaker (a pronoun, a definite
    description of a person: "the former governor said", or almost nothing outside the quotes:
    continuations, colons), CHAIN_PARAGRAPHS more when they refer to a document by a definite
    noun (`referents.issuing_event_before` looks for its issuer), None when it needs none."""
    rest = " ".join(text_outside(text, marks, *para))
    if _DOCUMENT_REFERENCE.search(rest):
        return CHAIN_PARAGRAPHS
    return 0 if (_PRONOUN.search(rest) or len(rest.split()) < 3 or _DESCRIPTION.search(rest)
                 or _occupation_described(rest)) else None


def segments_for(text: str, marks: list[Mark], context: int = CONTEXT_PARAGRAPHS) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs to parse: quoted ones plus `context` before each.

    Each paragraph is parsed on its own, so no sentence ever runs across a paragraph break
    (captions and bylines would otherwise become subjects).
    """
    if not marks:
        return []
    paras = _paragraph_spans(text)
    starts = [s for s, _ in paras]
    import bisect

    need = set()
    nonempty = [i for i, (s, e) in enumerate(paras) if text[s:e].strip()]
    pos_in_nonempty = {p: k for k, p in enumerate(nonempty)}
    touching: dict[int, list[Mark]] = {}  # paragraph -> the marks that overlap it, in order
    for m in marks:
        close = close_end_of(m)
        first = bisect.bisect_right(starts, m.open_mark) - 1
        last = bisect.bisect_right(starts, max(m.open_mark, close - 1)) - 1
        for i in range(first, last + 1):
            touching.setdefault(i, []).append(m)
    decided: dict[int, int | None] = {}  # one answer per paragraph, however many quotes it holds
    for m in marks:
        a = bisect.bisect_right(starts, m.open_mark) - 1
        b = bisect.bisect_right(starts, max(m.open_mark, m.end - 1)) - 1
        for i in range(a, b + 1):
            need.add(i)
        k = pos_in_nonempty.get(a)
        if k is None:
            continue
        if k + 1 < len(nonempty) and b == a and _speaker_after(text, paras[a], touching.get(a, []),
                                                                paras[nonempty[k + 1]]):
            need.add(nonempty[k + 1])
        if a not in decided:
            decided[a] = _context_needed(text, paras[a], touching.get(a, []))
        if decided[a] is not None:
            first = max(0, k - context - decided[a])
            # "She claimed ..." before '“…,” she said': the context's own pronoun needs the
            # paragraph that names her (at most CHAIN_PARAGRAPHS more)
            # ... and a heading or a line of page furniture between them ("READ MORE: City to
            # close shelter") names nobody: the paragraph before it is the context
            while first > 0 and k - first < context + CHAIN_PARAGRAPHS and (
                    _OPENS_WITH_PRONOUN.match(text, paras[nonempty[first]][0])
                    or _is_furniture(text[slice(*paras[nonempty[first]])])):
                first -= 1
            for j in range(first, k):
                need.add(nonempty[j])
    out = []
    for i in sorted(need):
        ps, pe = paras[i]
        while ps < pe and text[ps].isspace():
            ps += 1
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        if pe - ps > MAX_SEGMENT:
            out.extend(_windows(text, ps, pe, marks))
        elif pe > ps:
            out.append((ps, pe))
    return out


MAX_SEGMENT = 20000  # a longer "paragraph" (a whole article on one line) is parsed in windows
WINDOW = 1000  # characters kept around each edge of a quote inside such a paragraph


def _windows(text: str, ps: int, pe: int, marks: list[Mark]) -> list[tuple[int, int]]:
    """Windows around the quote edges of one very long paragraph, merged, cut at spaces."""
    spans = []
    for m in marks:
        close = close_end_of(m)
        if close <= ps or m.open_mark >= pe:
            continue
        spans.append((m.open_mark - WINDOW, min(close, m.open_mark + WINDOW)))
        spans.append((max(m.open_mark, close - WINDOW), close + WINDOW))
    out: list[list[int]] = []
    for a, b in sorted(spans):
        a, b = max(ps, a), min(pe, b)
        while a > ps and not text[a - 1].isspace():
            a -= 1
        while b < pe and not text[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out if b > a]


_DATELINE = regex.compile(
    r"^(?:[^\n]{0,40}?\((?:Bloomberg|Reuters|AP|AFP|CNN|UPI)\)\s*[-—–]+|\p{Lu}[\p{Lu} .,]{2,40}\s[—–-]{1,2})\s*")


_PARTY_TAG = regex.compile(r"\((?:[RDI]|[RDI]-[\p{L}. ]{1,20}|[\p{Lu}][\p{L}.]{1,6})\)")


QUOTE_HEAD = 60  # characters of a long quote kept for the parser at its start ...
QUOTE_TAIL = 30  # ... and at its end; the middle is blanked (same offsets, far fewer tokens)


def blank_quote_middles(text: str, marks: list[Mark], offset: int = 0) -> str:
    """`text` with the middle of each long quotation replaced by spaces.

    Attribution needs the words around a quote and the quote's edges, not its middle; a run
    of spaces is a single token for spaCy, so the parse gets much shorter while every
    offset stays valid.
    """
    chars = None
    end_all = offset + len(text)
    for m in marks:
        if m.start < offset or m.end > end_all or m.end - m.start <= QUOTE_HEAD + QUOTE_TAIL + 20:
            continue
        a = m.start - offset + QUOTE_HEAD
        b = m.end - offset - QUOTE_TAIL
        while a < b and not text[a].isspace():
            a += 1
        while b > a and not text[b - 1].isspace():
            b -= 1
        if b - a < 10:
            continue
        if chars is None:
            chars = list(text)
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars) if chars is not None else text


def marks_inside(marks: list[Mark], segments: list[tuple[int, int]]) -> Iterator[list[Mark]]:
    """For each segment, the marks that start inside it (bisected: each mark is looked at
    for the segments around it only, not for every segment of the article)."""
    import bisect

    ordered = sorted(marks, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for s, e in segments:
        yield ordered[bisect.bisect_left(starts, s):bisect.bisect_right(starts, e)]


_EDGE_FORMAT = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Cf}|\p{Cf}(?![\p{L}\p{M}\p{N}])")
# Abbreviated titles whose dot spaCy's English tokenizer splits off ("Capt." -> "Capt" "."; its
# own exceptions keep "Sen.", "Gov.", "Rep.", "Gen.", "Adm.", "Rev.", "Prof." whole): the parser
# then ends a sentence at the dot, and "Det. Sgt. Amy Collins said" loses its subject. Before a
# capitalised word the dot is blanked for the parser ("Det  Sgt  Amy Collins": the model parses
# the title and the name as one run); the article's text keeps it.
SPLIT_TITLE_ABBREVIATIONS = tuple(sorted(a for a in TITLE_ABBREVIATIONS
                                         if a.capitalize() + "." not in English.Defaults.tokenizer_exceptions))
_TITLE_DOT = regex.compile(r"\b(?:" + "|".join(a.capitalize() for a in SPLIT_TITLE_ABBREVIATIONS)
                           + r")(\.)(?=[ \u00a0]+\p{Lu})")
_GLUED = regex.compile(r"(?<=[\p{L}\p{N},.!?:;])[”\"](?=\p{L})|(?<=\p{L})[“\"](?=\p{Lu})")


def parse_text(text: str) -> str:
    """The text given to spaCy: same length, with a leading dateline, party tags, format
    characters at a word's edge and the middle of long runs of punctuation blanked.

    "(Bloomberg) -- US Defense Secretary ..." otherwise parses the outlet as the subject,
    "Rep. Elijah E. Cummings (D-Md.) said" loses its subject to the parenthesis, and "Det.
    Sgt. Amy Collins said" to the dots the parser takes for sentence ends.
    """
    m = _DATELINE.match(text)
    if m:
        text = " " * m.end() + text[m.end():]
    if "(" in text:
        text = _PARTY_TAG.sub(lambda mm: " " * len(mm.group(0)), text)
    # a mark glued to a word outside it ('paranoia,”Clinton said') hides the word boundary
    text = _GLUED.sub(" ", text)
    text = _TITLE_DOT.sub(lambda m: m.group(0)[:-1] + " ", text)
    # an invisible format character at a word's edge ('said\u202c.', '\u2066“We', 'Lee\u200b
    # said': direction marks, zero-width spaces pasted with the text) is glued to the word by
    # the tokenizer, which then sees no speech verb or takes '\u2066“We' for a name; one
    # between two letters (a soft hyphen, a Persian ZWNJ) is part of the word
    text = _EDGE_FORMAT.sub(" ", text)
    # spaCy's tokenizer peels prefixes and suffixes off a word one at a time, searching the
    # whole rest of it each time: 10,000 quotation marks in a row take minutes. The middle of
    # such a run becomes spaces (one token), its edges stay for the marks next to words.
    text = _PUNCTUATION_RUN.sub(_blank_run_middle, text)
    return text


PUNCTUATION_RUN = 64  # no prose has this many punctuation marks in a row
RUN_EDGE = 8
_PUNCTUATION_RUN = regex.compile(r"[^\w\s]{%d,}" % PUNCTUATION_RUN)


def _blank_run_middle(m) -> str:
    run = m.group(0)
    return run[:RUN_EDGE] + " " * (len(run) - 2 * RUN_EDGE) + run[-RUN_EDGE:]


def _parse_all(nlp, texts: list[str], batch_size: int, disable: list[str]) -> list:
    """Parse in one `nlp.pipe` batch. Failures propagate: `quotes.run.batch.extract_safely`
    retries a failed batch article by article and reports the one that fails."""
    if not texts:
        return []
    return list(nlp.pipe(texts, batch_size=batch_size, disable=disable))


def extract_articles(articles: Iterable[Article], nlp=None, batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield `(article, quotes)` for each article, in input order.

    Only the paragraphs around quotation marks are parsed, in `nlp.pipe` batches.
    """
    nlp = _pipeline(nlp)
    disable = disabled_pipes(nlp)
    buf: list[tuple[Article, list[Mark], list[tuple[int, int]] | None]] = []

    def flush():
        texts = []
        for art, marks, segs in buf:
            texts.extend(blank_quote_middles(parse_text(art.text[s:e]), inside, s)
                         for (s, e), inside in zip(segs or [], marks_inside(marks, segs or [])))
        docs = iter(_parse_all(nlp, texts, batch_size, disable))
        for art, marks, segs in buf:
            if segs is None:  # not English: not parsed (quotes.extract.foreign)
                yield art, quoted_sentences(art.text or "", marks)
                continue
            parsed = [(s, next(docs)) for s, e in segs]
            for _, d in parsed:
                ensure_pos(d)
            index = ArticleIndex(art.text, marks, parsed)  # one for attribution and dating
            quotes = attribute(art.text, marks, index) if marks else []
            date_quotes(art.text, marks, quotes, art.published, index)
            yield art, quotes
        buf.clear()

    for art in articles:
        text = art.text or ""
        marks = find_marks(text)
        english = (art.language or language_of(text)) == ENGLISH
        buf.append((art, marks, segments_for(text, marks) if english else None))
        if sum(1 if s is None else len(s) for _, _, s in buf) >= batch_size:
            yield from flush()
    if buf:
        yield from flush()


def date_quotes(text: str, marks: list[Mark], quotes: list[Quote], published: str | None, docs) -> None:
    """Set each quote's ``said_from``/``said_to``/``said_when`` from the time words of its
    attribution (``quotes.extract.dating``; ``docs``: the parsed segments or their
    ArticleIndex), against the article's date."""
    quoted = [(m.start, m.end) for m in marks]
    parsed = Parsed(text, quoted, docs) if quotes else None  # indexed once for every quote
    for q in quotes:
        got = when_said_in(text, quoted, (q.start, q.end), q.cue_start, published, parsed)
        if got is not None:
            q.said_from, q.said_to, q.said_when = got[0].isoformat(), got[1].isoformat(), got[2]


def extract_quotes(text: str, nlp=None) -> list[Quote]:
    """Quotes of one text (convenience wrapper around `extract_articles`)."""
    art = Article(doc_id="text", text=text)
    for _, quotes in extract_articles([art], nlp=nlp):
        return quotes
    return []


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.factory("quotes", requires=["token.tag", "token.dep", "token.head"], assigns=["doc._.quotes"])
def make_quotes_component(nlp, name):
    """spaCy component: `nlp.add_pipe("quotes")` after the tagger and parser sets `doc._.quotes`.

    It reads what the build path reads (Penn tags, the dependency parse; POS is derived from
    the tags when the attribute ruler is off) and nothing else: NER output is never used,
    so a pipeline with or without `ner` gives the same quotes."""
    return QuotesComponent()


class QuotesComponent:
    """Finds and attributes the quotations of a whole parsed Doc."""

    def __call__(self, doc: Doc) -> Doc:
        ensure_pos(doc)
        marks = find_marks(doc.text)
        if language_of(doc.text) != ENGLISH:
            doc._.quotes = quoted_sentences(doc.text, marks)
            return doc
        doc._.quotes = attribute(doc.text, marks, [(0, doc)]) if marks else []
        date_quotes(doc.text, marks, doc._.quotes, None, [(0, doc)])  # no article date: explicit dates only
        return doc


def parse_for_attribution(text: str, nlp=None) -> tuple[list[Mark], list]:
    """(marks, parsed segments) of one article, parsed as `extract_articles` parses it: the
    input `attribution.attribute` and `attribute_candidates` take (training and benchmark scripts)."""
    nlp = _pipeline(nlp)
    marks = find_marks(text)
    if not marks:
        return marks, []
    segs = segments_for(text, marks)
    texts = [blank_quote_middles(parse_text(text[s:e]), inside, s)
             for (s, e), inside in zip(segs, marks_inside(marks, segs))]
    docs = _parse_all(nlp, texts, 32, disabled_pipes(nlp))
    for d in docs:
        ensure_pos(d)
    return marks, [(s, d) for (s, _), d in zip(segs, docs)]
