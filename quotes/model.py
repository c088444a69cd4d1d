"""The small data types passed between stages.

Every stage takes and returns these plain dataclasses, so each module can be tested on
its own and the database layer is the only place that knows about tables.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def text_hash(text: str) -> str:
    """Content key: the same text always gets the same id, so re-runs are idempotent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """One news article as read from a file or a JSONL line."""

    doc_id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None  # where it came from (a path, or path:line)
    notes: list[str] = field(default_factory=list, compare=False)  # repairs made on reading it
    given_text: str | None = None  # the text as given, when normalising changed it (offsets
    # that `quotes extract` prints index this text: quotes.ingest.textmap)
    language: str | None = None  # "en" or "other" (quotes.ingest.language); None: not tested yet

    @property
    def id(self) -> str:
        return text_hash(self.text)


@dataclass
class Mark:
    """A quoted span found by the mark rules: offsets exclude the quotation marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark (== start - 1 normally)
    close_mark: int | None  # offset of the closing mark, None when never closed
    multi_paragraph: bool = False


@dataclass
class Quote:
    """A quotation with its speaker and the evidence for the attribution."""

    start: int
    end: int
    text: str
    kind: str = "full"  # "full" or "partial"
    speaker: str | None = None  # fullest name in the article, or organisation
    speaker_kind: str | None = None  # "person" or "organisation"
    speaker_aliases: list[str] = field(default_factory=list)  # other forms in the article
    speaker_role: str | None = None  # title seen in the article ("Defense Secretary")
    speaker_mention: str | None = None  # the words that named the speaker for this quote
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # "said", "told", ":" ...
    cue_start: int | None = None
    cue_end: int | None = None
    method: str | None = None  # which rule decided the speaker
    confidence: float = 0.0
    group: str | None = None  # utterance id, set by the variants stage
    # the corpus-wide speaker index's name for the speaker (`quotes extract` of several
    # documents); ``speaker`` stays the article's own fullest form
    corpus_speaker: str | None = None
    mark_style: str | None = None  # "double" (“…”, "…") or "single" (‘…’), as printed
    multi_paragraph: bool = False  # one quote running over several paragraphs
    # when it was said, as far as the attribution's time words tell (quotes.extract.dating):
    said_from: str | None = None  # first possible day, ISO ("on Monday" -> that Monday)
    said_to: str | None = None  # last possible day, ISO
    said_when: str | None = None  # the words that dated it ("Monday", "last week")
    # a term the writer mentions, not words said on one occasion ("would not use the words
    # “forever war”": quotes.extract.quotefilter.mentioned); the grouping keeps it apart
    mention: bool = False

    def quote_id(self, article_id: str) -> str:
        """Stable across re-runs: the article's content hash and the quote's offsets."""
        return text_hash(f"{article_id}:{self.start}:{self.end}")


@dataclass
class Skipped:
    """An input that could not be processed, and why (one clear line for the user)."""

    source: str
    reason: str


@dataclass
class Turn:
    """One speaker's turn in a primary source: offsets into ``Source.text`` of the words
    spoken (the label excluded)."""

    start: int
    end: int
    speaker: str | None  # the name the source gives ("Lloyd Austin", "SECRETARY AUSTIN"); None for "Q"
    label: str | None = None  # the turn's label as printed, None when the source has one speaker


@dataclass
class Source:
    """A primary source: a transcript or captions of what was said on one occasion."""

    doc_id: str
    text: str
    turns: list[Turn]
    speaker: str | None = None  # the source's speaker (front matter, sidecar or --source-speaker)
    date: str | None = None  # ISO day of the occasion
    title: str | None = None  # the occasion ("Presidential Debate at Hofstra University")
    url: str | None = None
    kind: str = "transcript"  # "transcript" or "captions"
    source: str | None = None  # the file it came from

    @property
    def id(self) -> str:
        return text_hash("source:" + self.text)
