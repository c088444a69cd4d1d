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

``kind_of_title`` gives a source's kind from its title ("Republican Candidates Debate in
Miami" is a debate, "Remarks at ..." a speech). The alignment (``corpus.sources``) refuses a
source of another kind than the one named, looks for a quote in the days named (before the
7 days before its article when the article names an earlier occasion), and looks for a few
words in the one source the article names.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from quotes.extract.dating import article_day, when_said
from quotes.lexicon.words import OCCASION_KINDS

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


def kind_of_title(title: str | None) -> str | None:
    """A source's kind from its title (None when it names none)."""
    return kind_of(title) if title else None


def occasion_of(context: str | None, at: int, end: int, published: str | None) -> Occasion:
    """The occasion the words around a quote name (``NONE`` without them)."""
    if not context:
        return NONE
    text = attribution_words(context, at, end)
    days = when_said(text, article_day(published))
    if days is None:
        return Occasion(kind_of(text))
    return Occasion(kind_of(text), days[0].toordinal(), days[1].toordinal())
