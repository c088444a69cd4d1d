"""The build algorithm: inputs -> extraction -> storage -> corpus step.

`cli.py` parses options and calls these; this module decides what runs in which order:
read the inputs (ingest), skip articles the database already holds (store.freshness),
extract the rest in one process, N processes or on Dask (run), write each article in one
transaction (store), then bring the speaker index and the utterances up to date (corpus)
and write them in one transaction. Reporting goes to stderr, one line per skipped input.
"""
from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator

import click

from quotes.model import Article, Quote, Skipped, Source
from quotes.run.corpus_step import update_corpus_index  # the corpus step (also imported from here)


class Tally:
    """What happened to each input, for the final summary line and the exit status."""

    def __init__(self) -> None:
        self.extracted = 0
        self.unchanged = 0
        self.duplicates = 0
        self.skipped = 0
        self.quotes = 0
        self.sources = 0  # primary sources read (quotes.ingest.sources)
        self.new_sources = 0

    def skip(self, item: Skipped) -> None:
        self.skipped += 1
        click.echo(f"skipped {item.source}: {item.reason}", err=True)


def readable_articles(paths: Iterable[str], tally: Tally, is_current=None, dedupe: bool = False) -> Iterator[Article]:
    """Articles to extract; reports unreadable inputs on stderr and counts unchanged ones.

    With `dedupe` (for the database, where articles are keyed by their text) a second input
    with the same text as an earlier one is the same article: the first one wins (whatever
    was stored before, or the first in this run), which keeps a re-run after an
    interruption identical to a clean build.
    """
    from quotes.ingest.files import iter_articles

    return usable_articles(iter_articles(paths), tally, is_current, dedupe)


def usable_articles(items: Iterable[Article | Skipped], tally: Tally, is_current=None,
                    dedupe: bool = False) -> Iterator[Article]:
    """``readable_articles`` over items already read (``ingest.files``)."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Skipped):
            tally.skip(item)
            continue
        where = item.source or item.doc_id
        for note in item.notes:
            click.echo(f"warning {where}: {note}", err=True)
        if dedupe and item.id in seen:
            tally.duplicates += 1
            click.echo(f"duplicate {where}: same text as {seen[item.id]}, kept that one", err=True)
            continue
        seen[item.id] = where
        if is_current is not None and is_current(item.id):
            tally.unchanged += 1
        else:
            yield item


def count_documents(paths: Iterable[str]) -> int:
    """How many documents the inputs hold (for the progress bar), without parsing them."""
    from quotes.ingest.files import JSONL_SUFFIXES, expand_paths

    total = 0
    for path in expand_paths(paths):
        if isinstance(path, Skipped):
            total += 1
        elif path.suffix.lower() in JSONL_SUFFIXES:
            try:
                with open(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:  # reported when it is read
                total += 1
        else:
            total += 1
    return total


def peeked(iterator: Iterator[Article]) -> Iterator[Article] | None:
    """The same articles, or None when there are none (so nothing loads the model)."""
    first = next(iterator, None)
    if first is None:
        return None
    return itertools.chain([first], iterator)


def extraction(articles: Iterable[Article], workers: int, batch_size: int):
    """`Extracted` or `Skipped` for every article, in input order, in one or N processes."""
    if workers > 1:
        from quotes.run.parallel import extract_parallel

        return extract_parallel(articles, workers, batch_size=batch_size)
    from quotes.run.batch import extract_safely

    return extract_safely(articles, batch_size=batch_size)


def read_sources(paths: Iterable[str], tally: Tally, default_speaker: str | None = None) -> list[Source]:
    """The primary sources among the inputs (transcripts, captions); unreadable ones are
    reported on stderr, and a second file with the same words as an earlier one is left out."""
    from quotes.ingest.sources import iter_sources

    out: list[Source] = []
    seen: dict[str, str] = {}
    for item in iter_sources(paths, default_speaker):
        if isinstance(item, Skipped):
            tally.skip(item)
        elif item.id in seen:
            tally.duplicates += 1
            click.echo(f"duplicate {item.source}: same words as {seen[item.id]}, kept that one", err=True)
        else:
            seen[item.id] = item.source or item.doc_id
            out.append(item)
    tally.sources = len(out)
    return out


def build_database(paths: tuple[str, ...], db_path: str, batch_size: int, workers: int, scheduler: str | None,
           partition_size: int, shard_dir: str | None, reindex: bool = False,
           source_speaker: str | None = None) -> None:
    from quotes.store.freshness import article_is_current, corpus_index_is_stale, open_if_complete
    from quotes.store.sources import alignment_is_stale, stored_source_ids

    tally = Tally()
    sources = read_sources(paths, tally, source_speaker)
    total = count_documents(paths)
    if workers is None:  # --workers auto
        from quotes.run.parallel import auto_workers

        workers = auto_workers(total)
    # A complete database is first asked through plain sqlite3: when nothing is new, the
    # build ends here without importing sqlite-utils or spaCy.
    reader = open_if_complete(db_path)
    db = None if reader is not None else _open(db_path)
    current = {"db": reader or db}
    articles = peeked(readable_articles(paths, tally, dedupe=True,
                                        is_current=lambda article_id: article_is_current(current["db"], article_id)))
    if reader is not None:
        nothing_to_do = (articles is None and not reindex and not corpus_index_is_stale(reader)
                         and {s.id for s in sources} <= stored_source_ids(reader) and not alignment_is_stale(reader))
        reader.close()
        if nothing_to_do:
            report(db_path, tally)
            return
        db = current["db"] = _open(db_path)
    from quotes.store.db import analyze

    with click.progressbar(length=total, label="Extracting", file=sys.stderr) as bar:
        done = 0

        def progress() -> None:
            nonlocal done
            seen = tally.extracted + tally.unchanged + tally.duplicates + tally.skipped
            bar.update(seen - done)
            done = seen

        if articles is not None:
            extract_into(db, articles, tally, progress, workers=workers, batch_size=batch_size,
                         scheduler=scheduler, partition_size=partition_size, shard_dir=shard_dir)
        bar.update(total - done)
    if sources:
        from quotes.store.sources import save_sources

        tally.new_sources = save_sources(db, sources)
    update_indexes(db, tally, reindex=reindex, workers=workers, scheduler=scheduler)
    if tally.extracted or not db["sqlite_stat1"].exists():
        analyze(db)
    finish_database(db, db_path)
    report(db_path, tally)


def extract_into(db, articles: Iterable[Article], tally: Tally, progress, workers: int, batch_size: int,
                 scheduler: str | None, partition_size: int, shard_dir: str | None) -> None:
    """Extract `articles` and store each as it comes (on a Dask cluster with `scheduler`),
    counting in `tally` and calling `progress()` after each article or partition."""
    if scheduler:
        from quotes.run.cluster import build_on_cluster

        def on_partition(result: dict) -> None:
            for source, reason in result.get("skipped", []):
                tally.skip(Skipped(source, reason))
            tally.extracted += result["articles"]
            tally.quotes += result["quotes"]
            progress()

        build_on_cluster(db, articles, scheduler, workers=workers,
                         partition_size=partition_size, batch_size=batch_size,
                         shard_dir=shard_dir, on_partition=on_partition)
        return
    for item in extraction(articles, workers, batch_size):
        if isinstance(item, Skipped):
            tally.skip(item)
        else:
            save_extracted(db, item, tally)
        progress()


def save_extracted(db, item, tally: Tally) -> None:
    """Store one extracted article (`run.batch.Extracted`); one that cannot be stored is
    counted as skipped with a one-line reason and the build goes on."""
    import sqlite3

    from quotes.store.db import save_article

    where = item.article.source or item.article.doc_id
    for note in item.notes:
        click.echo(f"warning {where}: {note}", err=True)
    try:
        save_article(db, item.article, item.quotes)
    except (sqlite3.IntegrityError, sqlite3.InterfaceError, ValueError, TypeError) as exc:
        tally.skip(Skipped(where, f"could not be stored ({type(exc).__name__}: {exc})"))
    else:
        tally.extracted += 1
        tally.quotes += len(item.quotes)


def update_indexes(db, tally: Tally, reindex: bool, workers: int, scheduler: str | None) -> None:
    """The corpus index (speakers, utterances) when articles came or it is stale, then the
    checks against primary sources, each in one transaction readers never see half done."""
    from quotes.store.freshness import corpus_index_is_stale
    from quotes.store.sources import alignment_is_stale, stored_source_ids
    from quotes.store.transactions import atomic

    if tally.extracted or reindex or corpus_index_is_stale(db):
        with atomic(db) as tx:
            update_corpus_index(tx, full=reindex, workers=workers, scheduler=scheduler)
            if stored_source_ids(tx):  # the checks against sources follow the utterances
                update_source_checks(tx)
    elif alignment_is_stale(db):
        with atomic(db) as tx:
            update_source_checks(tx)


def _open(db_path: str):
    from quotes.store.db import open_db

    return open_db(db_path)


def report(db_path: str, tally: Tally) -> None:
    """The summary line of a build; exit status 1 when any input was skipped."""
    click.echo(
        f"{db_path}: {tally.extracted} articles extracted ({tally.quotes} quotes), "
        f"{tally.unchanged} unchanged, {tally.duplicates} duplicate, {tally.skipped} skipped"
        + (f"; {tally.sources} sources ({tally.new_sources} new)" if tally.sources else ""),
        err=True,
    )
    if tally.skipped:
        sys.exit(1)


def finish_database(db, db_path: str) -> None:
    """Leave one self-contained file: WAL checkpointed and switched off. When a live
    reader (`quotes serve --live`) still has the file open, switching off WAL is not
    possible; the file stays in WAL mode (fully checkpointed) and we say so."""
    import sqlite3

    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.disable_wal()
    except sqlite3.OperationalError as exc:
        click.echo(f"note: {db_path} stays in WAL mode while it is being read ({exc})", err=True)
    db.close()


def extract_documents(paths: Iterable[str], tally: Tally, workers: int | None = 1,
                      batch_size: int = 32) -> list[tuple[Article, list[Quote]]]:
    """`quotes extract` without a database: every readable document's quotes, with
    corpus-wide speaker names and utterance groups when there are several documents.
    ``workers`` None: ``run.parallel.auto_workers`` for the number of documents."""
    if workers is None:
        from quotes.run.parallel import auto_workers

        workers = auto_workers(count_documents(paths))
    return extract_and_index(readable_articles(paths, tally), tally, workers, batch_size)


def extract_and_index(articles: Iterable[Article], tally: Tally, workers: int = 1,
                      batch_size: int = 32) -> list[tuple[Article, list[Quote]]]:
    """Every article's quotes, then (several articles) the corpus-wide speaker names and
    utterance groups: what `quotes extract` prints and `quotes evaluate` scores."""
    extracted = []
    for item in extraction(articles, workers, batch_size):
        if isinstance(item, Skipped):
            tally.skip(item)
        else:
            extracted.append((item.article, item.quotes))
    if len(extracted) > 1:
        from quotes.corpus.index import apply_corpus_index, corpus_quotes, index_corpus

        records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
        apply_corpus_index(extracted, *index_corpus(records, with_diffs=False))
    return extracted


def extract_gold(path: str, tally: Tally) -> list[dict]:
    """`quotes evaluate`'s predictions for a gold JSONL file: its documents read, extracted
    and indexed exactly as `quotes extract FILE --jsonl` does (text normalised, offsets
    into the text as given, corpus-wide names), as the JSON documents it prints."""
    from pathlib import Path

    from quotes.ingest.files import read_jsonl

    articles = usable_articles(read_jsonl(Path(path)), tally)
    return [document_json(a, quotes) for a, quotes in extract_and_index(articles, tally)]


def document_json(article: Article, quotes: list[Quote]) -> dict:
    """One document of `quotes extract --jsonl` (shared/tools/FORMAT.md)."""
    return {"doc_id": article.doc_id, "outlet": article.outlet, "quotes": given_quote_json(article, quotes)}


_SURROGATE = re.compile("[\ud800-\udfff]")  # a lone surrogate cannot be written as UTF-8


def json_line(doc: dict) -> str:
    """``doc`` as one JSON line; a lone surrogate of the given text is escaped (still exact)."""
    line = json.dumps(doc, ensure_ascii=False)
    return json.dumps(doc) if _SURROGATE.search(line) else line


def given_quote_json(article: Article, quotes: list[Quote]) -> list[dict]:
    """`quote_json` of each quote with offsets and text taken from the text as given
    (``article.given_text``, when normalising changed it): ``given[start:end] == text``."""
    rows = [quote_json(q) for q in quotes]
    if not article.given_text or not rows:
        return rows
    from quotes.ingest.textmap import OffsetMap

    try:
        omap = OffsetMap(article.given_text)
    except ValueError:
        return rows
    if omap.text != article.text:
        return rows
    for row in rows:
        row["start"], row["end"] = omap.span(row["start"], row["end"])
        row["text"] = article.given_text[row["start"]:row["end"]]
    return rows


def source_segments(db) -> tuple[list, dict[str, frozenset[str]]]:
    """The stored sources' turns as the alignment sees them (``corpus.sources.Segment``), their
    speakers resolved to the speaker index, and each turn id's resolved speaker ids."""
    from quotes.corpus.sources import Segment, resolve_speaker
    from quotes.store.sources import speaker_rows, turn_rows

    speakers = speaker_rows(db)
    resolved: dict[str, frozenset[str]] = {}
    segments, turn_speakers = [], {}
    for tid, source_id, turn, name, day, text, start, _, title in turn_rows(db):
        if name not in resolved:
            resolved[name] = resolve_speaker(name, speakers)
        turn_speakers[tid] = resolved[name]
        if resolved[name]:
            segments.append(Segment(source_id, turn, resolved[name], day, text, start, title, name))
    return segments, turn_speakers


def quotes_to_check(db) -> list:
    """Every stored quote as the alignment reads it (``corpus.sources.QuoteToCheck``; those
    without a speaker too), with the events its article names by their proper name
    (``corpus.occasions.event_names``, read once an article)."""
    from quotes.corpus.occasions import event_names
    from quotes.corpus.sources import QuoteToCheck
    from quotes.store.sources import article_rows, quote_rows

    names = {}
    for aid, text in article_rows(db):
        if found := event_names(text or ""):
            names[aid] = found
    return [QuoteToCheck(*r, article_names=names.get(r[7], ())) for r in quote_rows(db, nobody=True)]


def update_source_checks(db) -> dict:
    """Check every quote against the stored primary sources (``quotes.corpus.sources``):
    the turns' speakers resolved to the speaker index, then each quote's passage and each
    utterance's state, all written again. Returns counts for the caller."""
    from quotes.corpus.sources import align_sources
    from quotes.store.sources import save_source_index

    segments, turn_speakers = source_segments(db)
    index = align_sources(segments, quotes_to_check(db))
    save_source_index(db, index, turn_speakers)
    return {"quotes": len(index.matches), "confirmed": sum(c.state == "confirmed" for c in index.utterances)}


def quote_json(quote: Quote) -> dict:
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_aliases": quote.speaker_aliases,
        "kind": quote.kind,
        "cue": quote.cue,
        "group": quote.group,
        "corpus_speaker": quote.corpus_speaker,
        "method": quote.method,
        "confidence": quote.confidence,
        "said_from": quote.said_from,
        "said_to": quote.said_to,
    }


