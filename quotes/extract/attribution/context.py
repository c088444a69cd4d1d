"""The types attribution passes around: the article context, a found speaker, a rule's result.

Why explicit: the rules read and grow one per-article state (who is who, which pronoun
resolved to whom); keeping it in one `ArticleContext` passed to every function shows what
each rule reads, where a class with side channels hid it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from quotes.extract.journal import JournaledDict, JournaledSet
from quotes.extract.mentions import Entity, Registry
from quotes.extract.textindex import ArticleIndex
from quotes.model import Mark, Quote


@dataclass
class ArticleContext:
    """Everything attribution knows about one article while it attributes its marks."""

    index: ArticleIndex  # offsets <-> tokens, quote regions, paragraphs
    registry: Registry  # the article's people and organisations
    # journaled (quotes.extract.journal), so the ranker's trial resolutions leave no trace
    resolved: dict[int, Entity | None] = field(default_factory=JournaledDict)  # token offset -> entity
    harvested: set[str] = field(default_factory=JournaledSet)  # one-word names already given a full form
    titled: set[int] = field(default_factory=JournaledSet)  # ids of entities whose title runs were read
    title_runs: list | None = None  # (title words, name words, offset), read once
    # (one-word name, gender) -> its fullest titled run in the text: read off the text once,
    # the same in any trial, so not journaled (a trial would otherwise scan the article again)
    fullest_runs: dict = field(default_factory=dict)
    # read off the parse and the text once, the same in any trial (attribution.referents):
    document_mentions: dict | None = None  # document noun -> [(offset, token)] outside quotes
    institution_runs: dict = field(default_factory=dict)  # "commission" -> [(name, offset)]
    quoted_words: dict | None = None  # the words of each short quote -> how many marks hold them (shape.quoted_again)
    unnamed_before: dict = field(default_factory=dict)  # pronoun offset -> unnamed speaker token or None

    @property
    def text(self) -> str:
        return self.index.text


@dataclass
class Speaker:
    """Who a mention names, as the speaker rules resolve it."""

    entity: Entity | None  # the article's person or organisation, when resolved
    name: str | None  # the name to store (None: nobody identified)
    kind: str | None  # "person" / "organisation"
    role: str | None  # the title seen with this mention
    tokens: list  # the mention's tokens ([] when read off the text)
    how: str  # name / pronoun / role / appositive / group / document / ...

    @classmethod
    def unnamed(cls, tokens: list, how: str) -> "Speaker":
        return cls(None, None, None, None, tokens, how)


@dataclass
class Cue:
    """The words that introduced the quote: a speech verb, "according to", a colon, a dash."""

    text: str
    start: int
    end: int


@dataclass
class Attribution:
    """What one rule decided for one mark; `write_attribution` copies it onto the Quote."""

    method: str
    confidence: float
    speaker: Speaker | None = None  # found through the parse
    named: Entity | None = None  # read off the text ('― Veronica Cruz'), with `mention`
    mention: tuple[str, int] | None = None  # (words, offset) of a name read off the text
    copied_from: Quote | None = None  # the quote whose speaker this one continues
    cue: Cue | None = None
    cue_score: float = 0.0  # how strongly a speech verb attaches (see confidence.CUE_*)
    rule_reject: bool = False  # the rules think the mark is not a quote


@dataclass
class MarkContext:
    """One mark being attributed, with the regions around it where attribution can sit."""

    mark: Mark
    quote_text: str
    single: bool  # opened by a single mark (‘…’)
    before: tuple[int, int]  # the writer's words before the quote, same sentence and paragraph
    after: tuple[int, int]  # ... and after it
    candidates: list  # CueCandidate, strongest first
    previous: list[Quote]  # the quotes kept so far, in text order


@dataclass
class Evidence:
    """What the quote filter reads from attribution (besides the Quote itself)."""

    cue_score: float
    rule_reject: bool
    person_subject: bool  # the writer's sentence around the quote has a name or pronoun subject
    quote_has_verb: bool
    modifies_noun: bool = False  # the quoted words modify a noun after the closing mark ("a “vivid” display")
    quoted_again: bool = False  # the same words are quoted elsewhere in the article (a term in use)
    cue_hops: int = -1  # dependency links from the quote up to its cue (-1: none; shape.cue_hops)
    cued_elsewhere: int = 0  # other marks of the article a speech cue next to them governs
    reader_addressed: bool = False  # the article talks to its reader (quotefilter.addresses_reader)
    speaker_link: str = ""  # how the speaker found stands to the quoted words (shape.speaker_link)
