"""Corpus-wide indexes of extracted quotes: speakers across articles, utterances across outlets.

Glue between what the extractor gives per article (``Quote`` with the article's own speaker
name) and the two pure indexes (``speakers.build_speaker_index``,
``variants.group_utterances``). Both ``quotes build`` (rows read back from the database) and
``quotes extract`` (quotes in memory) go through ``index_corpus``.

Utterances are grouped one speaker family at a time (``corpus.families``: the grouping
joins two speakers' quotes only when one may be an alias of the other, "Obama" and "Barack
Obama"), which makes a build's corpus step incremental and partitionable
(``run.corpus_step.update_corpus_index``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotes.model import Article, Quote
from quotes.corpus.speakers import (PersonSink, SpeakerIndex, SpeakerMention, build_speaker_index,
                                    build_speaker_index_by_article)
from quotes.corpus.families import group_by_units
from quotes.corpus.grouping import GroupingOptions, QuoteRef, UtteranceIndex
from quotes.corpus.unsure import is_unsure


@dataclass
class CorpusQuote:
    """One quote with what both indexes need."""

    quote_id: str
    article_id: str
    outlet: str | None
    published: str | None
    text: str
    speaker: str | None = None  # the article's fullest name for the speaker
    speaker_aliases: list[str] = field(default_factory=list)
    speaker_role: str | None = None
    speaker_kind: str | None = None
    speaker_mention: str | None = None  # the words that named the speaker for this quote
    said_from: str | None = None  # when it was said, as far as the attribution tells
    said_to: str | None = None
    start: int | None = None  # character offsets of the quote in its article
    end: int | None = None
    method: str | None = None  # the attribution rule that decided the speaker (``corpus.unsure``)
    mention: bool = False  # a term the writer mentions (``Quote.mention``)

    def forms(self) -> list[str]:
        """Other name forms of the speaker in the article: aliases and the mention."""
        out = list(self.speaker_aliases)
        if self.speaker_mention and self.speaker_mention not in out and self.speaker_mention != self.speaker:
            out.append(self.speaker_mention)
        return out


def corpus_quotes(article: Article, quotes: list[Quote]) -> list[CorpusQuote]:
    """The ``CorpusQuote``s of one extracted article (ids as the database stores them)."""
    aid = article.id
    return [CorpusQuote(q.quote_id(aid), aid, article.outlet, article.published, q.text, q.speaker,
                        list(q.speaker_aliases or []), q.speaker_role, q.speaker_kind, q.speaker_mention,
                        q.said_from, q.said_to, q.start, q.end, q.method, q.mention)
            for q in quotes]


def speaker_mention(q: CorpusQuote) -> SpeakerMention:
    return SpeakerMention(q.quote_id, q.article_id, q.outlet, q.speaker, q.forms(), q.speaker_role, q.speaker_kind)


def index_speakers(quotes: list[CorpusQuote]) -> SpeakerIndex:
    """The corpus-wide speaker index of the quotes that name a speaker."""
    return build_speaker_index([speaker_mention(q) for q in quotes if q.speaker])


def index_speakers_by_article(articles: Iterable[list[CorpusQuote]], sink: PersonSink | None = None) -> SpeakerIndex:
    """The same index from one article's quotes at a time (articles in id order, quotes in
    id order: ``speakers.build_speaker_index_by_article``, with its ``sink``)."""
    return build_speaker_index_by_article(([speaker_mention(q) for q in quotes if q.speaker] for quotes in articles),
                                          sink)


def index_utterances(quotes: list[CorpusQuote], speakers: SpeakerIndex, options: GroupingOptions | None = None,
                     with_diffs: bool = True) -> UtteranceIndex:
    """The utterances of the quotes, grouped with the corpus-wide speaker ids, one speaker
    family at a time (``corpus.families``)."""
    names = {s.id: s.name for s in speakers.speakers}  # to recognise alias speakers
    refs = []
    for q in quotes:
        sid = speakers.speaker_of.get(q.quote_id)
        refs.append(QuoteRef(q.quote_id, q.article_id, q.outlet, sid, q.text, q.published,
                             names.get(sid) if sid else None, q.said_from, q.said_to, q.start, q.end,
                             is_unsure(q.method), mention=q.mention))
    return group_by_units(refs, options, with_diffs=with_diffs)


def index_corpus(quotes: list[CorpusQuote], options: GroupingOptions | None = None,
                 with_diffs: bool = True) -> tuple[SpeakerIndex, UtteranceIndex]:
    """The speaker index, then the utterances grouped with its corpus-wide speaker ids."""
    speakers = index_speakers(quotes)
    return speakers, index_utterances(quotes, speakers, options, with_diffs)


def apply_corpus_index(extracted: list[tuple[Article, list[Quote]]], speakers: SpeakerIndex,
                       utterances: UtteranceIndex, min_articles: int = 2) -> None:
    """Give each extracted quote the corpus-wide canonical speaker name as ``corpus_speaker``
    (``speaker`` stays the fullest form its article gives: FORMAT.md) and, when its
    utterance is quoted in ``min_articles`` articles or more, the utterance id as ``group``
    (FORMAT.md). Documents count, not texts:
    two documents with the same text (one story printed in two editions) are one article
    to the index (ids are content hashes) but two documents reporting the utterance."""
    by_id = speakers.by_id()
    docs: dict[str, set[int]] = defaultdict(set)  # utterance id -> documents (by position)
    for k, (article, quotes) in enumerate(extracted):
        for q in quotes:
            uid = utterances.utterance_of.get(q.quote_id(article.id))
            if uid is not None:
                docs[uid].add(k)
    multi = {u.id for u in utterances.utterances if max(u.n_articles, len(docs[u.id])) >= min_articles}
    for article, quotes in extracted:
        for q in quotes:
            qid = q.quote_id(article.id)
            sid = speakers.speaker_of.get(qid)
            q.corpus_speaker = by_id[sid].name if sid is not None else None
            uid = utterances.utterance_of.get(qid)
            q.group = uid if uid in multi else None
