"""The occasion an article says a quote was said on: its kind and its days.

Outlets say where a quote comes from in the words around it: "at the debate last Saturday in
South Carolina", "told CNN", "in a statement", "At a rally in Portland, Maine, on Thursday
afternoon, ... he said". ``occasion_of`` reads the quote's paragraph up to the end of its
sentence, with every quoted passage blanked (the speaker's own words name no occasion), and
returns an ``Occasion``:

- ``kind``: the one kind of occasion its words name (``lexicon.words.OCCASION_KINDS``:
  debate, speech, interview, statement), else None (none named, or several: "told Chris
  Cuomo of CNN after the debate" names two). A debate has a crowd: debate and speech words
  together are a debate.
- ``first``, ``last``: the days its time words agree on (``extract.dating.when_said``: "last
  Saturday", "in September", "in June 2015"), as ordinals, else None.
- ``places``: the places it says the words were said in or at ("in Green Bay, Wisconsin",
  "at Saint Anselm College"): the capitalised words after "in" or "at", one tuple each,
  matched whole; ``titled``: the lower-case words just before a noun of an
  event ("in his announcement speech", "the immigration speech"; not "the Miami debate":
  a capitalised word may be a person's), matched by their first ``STEM`` letters.
  ``names_title`` tells whether they name a source's title ("Remarks Announcing Candidacy
  for President in New York City").
- ``names``: when the paragraph names no place, event or day of its own, the events the
  whole article names by their proper name (``event_names``: "to watch the Republican
  National Convention", said once near its top), each a tuple of lower-cased words that a
  source's title must hold whole (``title_words``): an article about one event prints its
  lines far from where it names it.

``kind_of_title`` gives a source's kind from its title ("Republican Candidates Debate in
Miami" is a debate, "Remarks at ..." a speech). The alignment (``corpus.sources``) refuses a
source of another kind than the one named, looks for a quote in the days named (before the
7 days before its article when the article names an earlier occasion), and looks for a few
words in the one source the article names.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes.corpus.textnorm import STOPWORDS
from quotes.extract.dating import article_day, when_said
from quotes.lexicon.words import NOT_OCCASION_NAMES, OCCASION_EVENTS, OCCASION_KINDS, OCCASION_NAME_HEADS

# a quoted passage: straight, curly or doubled single marks (the NYT's ''...'')
_QUOTED = regex.compile(r"“[^”\n]*”|\"[^\"\n]*\"|''(?:(?!'').)*''")
_WORD = regex.compile(r"[\p{L}]+(?:-[\p{L}]+)*")
# (a sentence may follow with no space: "his favorite theme.Trump's plan")
_SENTENCE_END = regex.compile(r"[.!?][\"'”’)]*\s*(?=[\"“‘(]?\p{Lu}\p{Ll})|\n")


@dataclass(frozen=True)
class Occasion:
    kind: str | None = None
    first: int | None = None  # date ordinals of the days named
    last: int | None = None
    places: tuple[tuple[str, ...], ...] = ()  # ("green", "bay", "wisconsin"): lower-cased
    titled: tuple[str, ...] = ()  # ("announcement",): words naming the event before its kind
    names: tuple[tuple[str, ...], ...] = ()  # the article's events by name: ("republican", "national", "convention")
    called: tuple[tuple[str, ...], ...] = ()  # capitalised words before its event: ("aipac",) of "the AIPAC speech"

    @property
    def named(self) -> bool:
        return self.kind is not None or self.first is not None


NONE = Occasion()


def attribution_words(context: str, at: int, end: int) -> str:
    """``context`` (an article's words around a quote at ``at``..``end``) from the start of
    the quote's paragraph to the end of its sentence, quoted passages blanked."""
    a = context.rfind("\n", 0, at) + 1
    m = _SENTENCE_END.search(context, max(end - 1, at))  # (the quote's own full stop may end it)
    text = context[a:m.start() + 1 if m else len(context)]
    return _QUOTED.sub(lambda q: " " * len(q.group(0)), text)


def kind_of(text: str) -> str | None:
    """The one kind of occasion ``text`` names, else None."""
    words = {w.lower() for w in _WORD.findall(text)}
    kinds = {k for k, names in OCCASION_KINDS.items() if words & names}
    if kinds == {"debate", "speech"}:
        return "debate"  # the debate's audience
    return kinds.pop() if len(kinds) == 1 else None


# "in Green Bay, Wisconsin", "At the Greenville Convention Center": capitalised words after
# "in" or "at" (a sentence may start with them; commas between the words allowed)
_PLACE = regex.compile(r"\b(?:[Ii]n|[Aa]t)\s+(?:the\s+)?(\p{Lu}[\p{L}.'-]*(?:,?\s+\p{Lu}[\p{L}.'-]*)*)")
STEM = 6  # letters two words share to be one word ("announcement", "announcing")
WHOLE = "="  # marks the key of a whole word of a title (``title_keys``), never a stem


def places_of(text: str) -> tuple[tuple[str, ...], ...]:
    """The places ``text`` says something happened in or at, as lower-cased words."""
    out = []
    for m in _PLACE.finditer(text):
        words = tuple(w.lower() for w in _WORD.findall(m.group(1)))
        if words:
            out.append(words)
    return tuple(out)


def titled_words(text: str) -> tuple[str, ...]:
    """The one or two words before each noun of an event, in lower case ("announcement
    speech", "the immigration speech"): they may be its name in its source's title. (A
    capitalised one may be a person's: "a Trump rally" is no "Remarks at Trump SoHo".)"""
    words = _WORD.findall(text)
    out = []
    for i, w in enumerate(words):
        if w.lower() in OCCASION_EVENTS:
            out += [v for v in words[max(0, i - 2):i]
                    if v.islower() and v not in NOT_OCCASION_NAMES and len(v) > 3 and v not in OCCASION_EVENTS]
    return tuple(out)


# capitalised words (one to three; "the AIPAC speech", "the Miami debate", "a North Carolina rally")
# right before a noun of an event; a possessive ("Mr. Trump's speech") names its speaker, not it
_CALLED = regex.compile(r"(?<![\p{L}'.-])((?:\p{Lu}[\p{L}.-]*[ \t]+){1,3})(?:" + "|".join(
    sorted(OCCASION_EVENTS)) + r")(?![\p{L}'-])")


def called_words(text: str, speaker_words: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], ...]:
    """The capitalised words ``text`` prints right before a noun of an event ("the AIPAC
    speech", "the Miami debate"), lower-cased, each run a tuple that a title must hold whole,
    as a place's words (``place_keys``): an event called by its place, its venue or its host.
    Left out: words of no title's name (``NOT_OCCASION_NAMES``: "the Republican debate"),
    function words ("At rally"), and the words of the speaker's own name (``speaker_words``:
    "a Trump rally" is no "Remarks at Trump SoHo")."""
    out = []
    for m in _CALLED.finditer(text):
        words = tuple(w.lower() for w in _WORD.findall(m.group(1)))
        words = tuple(w for w in words if w not in NOT_OCCASION_NAMES and w not in STOPWORDS and len(w) > 1)
        if words and not set(words) & speaker_words and words not in out:
            out.append(words)
    return tuple(out)


# an event's proper name: capitalised words ending in a noun of a named event ("Republican
# National Convention"; "the" left out), on one line
_EVENT_NAME = regex.compile(r"(?<![\p{L}'-])((?:\p{Lu}[\p{L}'-]*[ \t]+){1,5})(" + "|".join(
    w.capitalize() for w in sorted(OCCASION_NAME_HEADS)) + r")(?![\p{L}'-])")


def event_names(text: str) -> tuple[tuple[str, ...], ...]:
    """The events ``text`` (a whole article) names by their proper name, each as its
    lower-cased words ("republican", "national", "convention"), in order, once each."""
    out: list[tuple[str, ...]] = []
    for m in _EVENT_NAME.finditer(text):
        words = tuple(w.lower() for w in _WORD.findall(m.group(1) + m.group(2)) if w.lower() != "the")
        if len(words) >= 2 and words not in out:
            out.append(words)
    return tuple(out)


def title_words(title: str | None) -> frozenset[str]:
    """Every word of a source's title, lower-cased and whole: what an event's name must find."""
    return frozenset(w.lower() for w in _WORD.findall(title or ""))


def _word_key(word: str) -> str:
    """A word as it is matched against a title: its first ``STEM`` letters stand for it
    ("announcement", "announcing": "announ")."""
    return word[:STEM]


def _whole(word: str) -> str:
    """A word of a place as it is matched against a title: whole ("Jackson" is no
    "Jacksonville", "Columbus" no "Columbia")."""
    return WHOLE + word


def title_keys(title: str | None) -> frozenset[str]:
    """The keys of a source's title a place or a name of the article must find: each word's
    first ``STEM`` letters (for an event's name) and the word whole (for a place)."""
    if not title:
        return frozenset()
    words = [w.lower() for w in _WORD.findall(title) if w.lower() not in NOT_OCCASION_NAMES]
    return frozenset([_word_key(w) for w in words] + [_whole(w) for w in words])


def place_keys(occasion: Occasion) -> list[frozenset[str]]:
    """Each place the article names ("in South Carolina"), or words it calls the event by
    ("the Miami debate", ``called_words``), as the keys a title must all hold: all its
    words, whole."""
    return [frozenset(_whole(w) for w in p) for p in occasion.places + occasion.called]


def event_keys(occasion: Occasion) -> list[frozenset[str]]:
    """Each word the article prints before its event ("announcement speech"), as the key a
    title must hold: its first ``STEM`` letters ("Announcing")."""
    return [frozenset([_word_key(w)]) for w in occasion.titled]


def naming_keys(occasion: Occasion) -> list[frozenset[str]]:
    """Each way the article may name a source's title, as the keys that title must all hold:
    a place (``place_keys``) or a word before its event (``event_keys``)."""
    return place_keys(occasion) + event_keys(occasion)


def names_title(occasion: Occasion, title: str | None) -> bool:
    """The article's place ("in South Carolina" names the debate "in Greenville, South
    Carolina") or a word before its event ("announcement speech": "Remarks Announcing
    Candidacy ...") names this source's title."""
    keys = title_keys(title)
    return any(alt <= keys for alt in naming_keys(occasion))


def kind_of_title(title: str | None) -> str | None:
    """A source's kind from its title (None when it names none)."""
    return kind_of(title) if title else None


def occasion_of(context: str | None, at: int, end: int, published: str | None,
                article_names: tuple[tuple[str, ...], ...] = (),
                speaker_words: frozenset[str] = frozenset()) -> Occasion:
    """The occasion the words around a quote name (``NONE`` without them); with the events
    its whole article names (``event_names``) when they name no place, event or day;
    ``speaker_words``: the words of its speaker's name, which name none of his occasions
    ("at the Trump rally" is no "Remarks at Trump SoHo": ``called_words``)."""
    if not context:
        return NONE
    text = attribution_words(context, at, end)
    days = when_said(text, article_day(published))
    first, last = (days[0].toordinal(), days[1].toordinal()) if days else (None, None)
    places = tuple(p for p in places_of(text) if not set(p) & speaker_words)  # "at the Trump rally"
    titled, called = titled_words(text), called_words(text, speaker_words)
    names = article_names if not (places or titled or called or days) else ()
    return Occasion(kind_of(text), first, last, places, titled, names, called)
