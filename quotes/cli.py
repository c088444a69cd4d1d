"""The `quotes` command: build, extract, serve, evaluate.

The CLI and `db` are the only places that do I/O; everything they call is a pure function.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from .model import Article, Quote, Skipped


class Tally:
    """What happened to each input, for the final summary line and the exit status."""

    def __init__(self) -> None:
        self.extracted = 0
        self.unchanged = 0
        self.duplicates = 0
        self.skipped = 0
        self.quotes = 0

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

    seen: dict[str, str] = {}
    for item in iter_articles(paths):
        if isinstance(item, Skipped):
            tally.skip(item)
            continue
        where = item.source or item.doc_id
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


@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find direct quotations in news articles, attribute them, compare outlets."""


class BuildError(click.ClickException):
    """The build cannot go on at all (database unusable or busy): exit status 2."""

    exit_code = 2


def peeked(iterator: Iterator[Article]) -> Iterator[Article] | None:
    """The same articles, or None when there are none (so nothing loads the model)."""
    first = next(iterator, None)
    if first is None:
        return None
    return itertools.chain([first], iterator)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite file to create or update.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1), help="Articles per spaCy batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Local processes extracting in parallel (each loads the model once).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster (tcp://host:8786, or 'local' for a LocalCluster "
                   "of --workers processes): shards merged into --db.")
@click.option("--partition-size", default=64, show_default=True, type=click.IntRange(min=1),
              help="Articles per Dask partition (one SQLite shard each).")
@click.option("--shard-dir", type=click.Path(file_okay=False),
              help="Directory on a filesystem shared with the Dask workers for their shards "
                   "(default: workers send shards back to the client).")
@click.option("--reindex", is_flag=True,
              help="Group every quote into utterances again, not just the new quotes' speakers.")
def build(paths: tuple[str, ...], db_path: str, batch_size: int, workers: int, scheduler: str | None,
          partition_size: int, shard_dir: str | None, reindex: bool) -> None:
    """Extract quotes from PATHS (.txt/.html files, directories, .jsonl) into a database.

    Articles are keyed by a hash of their text: unchanged articles are not parsed again,
    and when nothing is new the spaCy model is never loaded. Utterances are regrouped only
    for the speakers that new quotes touch (--reindex: all of them). Inputs that cannot be read
    are reported on stderr and skipped (exit status 1); exit status 2 means the database
    itself could not be used.
    """
    import sqlite3

    from quotes.store.locking import DatabaseBusy, build_lock

    try:
        with build_lock(db_path):
            _build(paths, db_path, batch_size, workers, scheduler, partition_size, shard_dir, reindex)
    except DatabaseBusy as exc:
        raise BuildError(str(exc)) from None
    except sqlite3.DatabaseError as exc:  # not a database, disk full, locked...
        raise BuildError(f"{db_path}: {exc}") from None
    except OSError as exc:
        raise BuildError(f"{db_path}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every article stored so far is complete; run the same command again to go on", err=True)
        sys.exit(130)


def extraction(articles: Iterable[Article], workers: int, batch_size: int):
    """`Extracted` or `Skipped` for every article, in input order, in one or N processes."""
    if workers > 1:
        from quotes.run.parallel import extract_parallel

        return extract_parallel(articles, workers, batch_size=batch_size)
    from quotes.run.batch import extract_safely

    return extract_safely(articles, batch_size=batch_size)


def _build(paths: tuple[str, ...], db_path: str, batch_size: int, workers: int, scheduler: str | None,
           partition_size: int, shard_dir: str | None, reindex: bool = False) -> None:
    import sqlite3

    from quotes.store.freshness import article_is_current, corpus_index_is_stale, open_if_complete

    tally = Tally()
    total = count_documents(paths)
    # A complete database is first asked through plain sqlite3: when nothing is new, the
    # build ends here without importing sqlite-utils or spaCy.
    reader = open_if_complete(db_path)
    db = None if reader is not None else _open(db_path)
    current = {"db": reader or db}
    articles = peeked(readable_articles(paths, tally, dedupe=True,
                                        is_current=lambda article_id: article_is_current(current["db"], article_id)))
    if reader is not None:
        nothing_to_do = articles is None and not reindex and not corpus_index_is_stale(reader)
        reader.close()
        if nothing_to_do:
            report(db_path, tally)
            return
        db = current["db"] = _open(db_path)
    from quotes.store.db import analyze, index_speakers_and_utterances, save_article
    from quotes.store.transactions import atomic

    with click.progressbar(length=total, label="Extracting", file=sys.stderr) as bar:
        done = 0

        def progress() -> None:
            nonlocal done
            seen = tally.extracted + tally.unchanged + tally.duplicates + tally.skipped
            bar.update(seen - done)
            done = seen

        if articles is not None and scheduler:
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
        elif articles is not None:
            for item in extraction(articles, workers, batch_size):
                if isinstance(item, Skipped):
                    tally.skip(item)
                else:
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
                progress()
        bar.update(total - done)
    if (tally.extracted and not scheduler) or reindex or corpus_index_is_stale(db):
        with atomic(db) as tx:  # readers never see speakers or utterances half rebuilt
            index_speakers_and_utterances(tx, full=reindex)  # (after a Dask merge it is already built)
    if tally.extracted or not db["sqlite_stat1"].exists():
        analyze(db)
    finish_database(db, db_path)
    report(db_path, tally)


def _open(db_path: str):
    from quotes.store.db import open_db

    return open_db(db_path)


def report(db_path: str, tally: Tally) -> None:
    """The summary line of a build; exit status 1 when any input was skipped."""
    click.echo(
        f"{db_path}: {tally.extracted} articles extracted ({tally.quotes} quotes), "
        f"{tally.unchanged} unchanged, {tally.duplicates} duplicate, {tally.skipped} skipped",
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
        "method": quote.method,
        "confidence": quote.confidence,
        "said_from": quote.said_from,
        "said_to": quote.said_to,
    }


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON document per line (shared/tools/FORMAT.md).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1), help="Articles per spaCy batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Local processes extracting in parallel (output order is kept).")
def extract(paths: tuple[str, ...], jsonl: bool, batch_size: int, workers: int) -> None:
    """Extract quotes from PATHS without a database and print them.

    With several documents, speakers are the corpus-wide canonical names and quotes of one
    utterance reported by several documents share a `group` id.
    """
    tally = Tally()
    extracted = []
    for item in extraction(readable_articles(paths, tally), workers, batch_size):
        if isinstance(item, Skipped):
            tally.skip(item)
        else:
            extracted.append((item.article, item.quotes))
    if len(extracted) > 1:
        from quotes.corpus.index import apply_corpus_index, corpus_quotes, index_corpus

        records = [r for article, quotes in extracted for r in corpus_quotes(article, quotes)]
        apply_corpus_index(extracted, *index_corpus(records, with_diffs=False))
    for article, quotes in extracted:
        tally.extracted += 1
        if jsonl:
            doc = {"doc_id": article.doc_id, "outlet": article.outlet, "quotes": [quote_json(q) for q in quotes]}
            click.echo(json.dumps(doc, ensure_ascii=False))
        else:
            for q in quotes:
                click.echo(f"{article.doc_id}\t{q.speaker or '?'}\t“{q.text}”")
    if tally.skipped:
        click.echo(f"{tally.extracted} documents extracted, {tally.skipped} skipped", err=True)
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False), help="Database built by `quotes build`.")
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--live", is_flag=True, help="Follow a build that writes the database while it is served (no -i).")
def serve(db_path: str, port: int, host: str, live: bool) -> None:
    """Serve the database read-only with Datasette, the project's metadata and plugin.

    Served immutable (-i) unless --live is given, a build is writing the database, or an
    interrupted build left it in WAL mode: then Datasette opens it with read-only
    connections that see each article as the build commits it.
    """
    from quotes.store.locking import build_running, hold_for_immutable_serving, in_wal_mode
    from .site import datasette_args

    args = datasette_args(db_path, port=port, host=host)
    if not live:
        if build_running(db_path) or in_wal_mode(db_path):
            live = True
            click.echo(f"{db_path} is being built (or a build was interrupted): serving it live, read-only", err=True)
        elif hold_for_immutable_serving(db_path) is None:  # a build started just now
            live = True
            click.echo(f"{db_path} is being built: serving it live, read-only", err=True)
    if live:
        args = [a for a in args if a != "-i"]  # mutable mode: read connections use mode=ro
    os.execv(sys.executable, [sys.executable, "-m", "datasette", *args])


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred-out", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--verbose", is_flag=True, help="List every miss, spurious quote and wrong speaker on stderr.")
@click.option("--double-marks-only", is_flag=True,
              help="Score only quotes opened by a double mark (“ \" ”), for gold (like PolNeAR's) "
                   "that never annotates quotes in single or doubled-apostrophe marks.")
def evaluate(gold: str, pred_out: str | None, as_json: bool, verbose: bool, double_marks_only: bool) -> None:
    """Extract GOLD's documents (their texts only) and score against its quotes."""
    from quotes.run.batch import extract_safely
    from .evaluate import keep_double_marked, score

    with open(gold, encoding="utf-8") as handle:
        gold_docs = [json.loads(line) for line in handle if line.strip()]
    articles = (Article(doc_id=d["doc_id"], text=d["text"]) for d in gold_docs)
    pred_docs = []
    for item in extract_safely(articles):
        if isinstance(item, Skipped):  # scored as a document with no quotes found
            click.echo(f"skipped {item.source}: {item.reason}", err=True)
            pred_docs.append({"doc_id": item.source, "quotes": []})
        else:
            pred_docs.append({"doc_id": item.article.doc_id, "quotes": [quote_json(q) for q in item.quotes]})
    if pred_out:
        Path(pred_out).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pred_docs), encoding="utf-8")
    if double_marks_only:
        pred_docs = keep_double_marked(gold_docs, pred_docs)
    errors: list = []
    result = score(gold_docs, pred_docs, errors=errors)
    if verbose:
        for kind, doc_id, gold_speaker, pred_speaker, text in errors:
            click.echo(f"{kind:9} {doc_id}  gold={gold_speaker!r} pred={pred_speaker!r}  {text!r}", err=True)
    if as_json:
        click.echo(json.dumps(result))
    else:
        for key, value in result.items():
            click.echo(f"{key:24} {value}")


if __name__ == "__main__":
    cli()
