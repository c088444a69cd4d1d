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
        self.skipped = 0
        self.quotes = 0

    def skip(self, item: Skipped) -> None:
        self.skipped += 1
        click.echo(f"skipped {item.source}: {item.reason}", err=True)


def readable_articles(paths: Iterable[str], tally: Tally, is_current=None) -> Iterator[Article]:
    """Articles to extract; reports unreadable inputs on stderr and counts unchanged ones."""
    from .ingest import iter_articles

    for item in iter_articles(paths):
        if isinstance(item, Skipped):
            tally.skip(item)
        elif is_current is not None and is_current(item.id):
            tally.unchanged += 1
        else:
            yield item


def count_documents(paths: Iterable[str]) -> int:
    """How many documents the inputs hold (for the progress bar), without parsing them."""
    from .ingest import JSONL_SUFFIXES, expand_paths

    total = 0
    for path in expand_paths(paths):
        if isinstance(path, Skipped):
            total += 1
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find direct quotations in news articles, attribute them, compare outlets."""


def peeked(iterator: Iterator[Article]) -> Iterator[Article] | None:
    """The same articles, or None when there are none (so nothing loads the model)."""
    first = next(iterator, None)
    if first is None:
        return None
    return itertools.chain([first], iterator)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite file to create or update.")
@click.option("--batch-size", default=32, show_default=True, help="Articles per spaCy batch.")
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
def build(paths: tuple[str, ...], db_path: str, batch_size: int, workers: int, scheduler: str | None,
          partition_size: int, shard_dir: str | None) -> None:
    """Extract quotes from PATHS (.txt/.html files, directories, .jsonl) into a database.

    Articles are keyed by a hash of their text: unchanged articles are not parsed again,
    and when nothing is new the spaCy model is never loaded.
    """
    from .db import (analyze, article_is_current, corpus_index_is_stale, index_speakers_and_utterances,
                     open_db, save_article)

    db = open_db(db_path)
    tally = Tally()
    total = count_documents(paths)
    articles = peeked(readable_articles(paths, tally, is_current=lambda article_id: article_is_current(db, article_id)))
    with click.progressbar(length=total, label="Extracting", file=sys.stderr) as bar:
        done = 0

        def progress() -> None:
            nonlocal done
            seen = tally.extracted + tally.unchanged + tally.skipped
            bar.update(seen - done)
            done = seen

        if articles is not None and scheduler:
            from .cluster import build_on_cluster

            def on_partition(result: dict) -> None:
                tally.extracted += result["articles"]
                tally.quotes += result["quotes"]
                progress()

            build_on_cluster(db, articles, scheduler, workers=workers,
                             partition_size=partition_size, batch_size=batch_size,
                             shard_dir=shard_dir, on_partition=on_partition)
        elif articles is not None:
            if workers > 1:
                from .parallel import extract_parallel

                extracted = extract_parallel(articles, workers, batch_size=batch_size)
            else:
                from .extractor import extract_articles

                extracted = extract_articles(articles, batch_size=batch_size)
            for article, quotes in extracted:
                save_article(db, article, quotes)
                tally.extracted += 1
                tally.quotes += len(quotes)
                progress()
        bar.update(total - done)
    if tally.extracted and not scheduler or corpus_index_is_stale(db):
        index_speakers_and_utterances(db)  # (the Dask merge has already built it)
    if tally.extracted or not db["sqlite_stat1"].exists():
        analyze(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.disable_wal()  # a self-contained file, safe to serve immutable (-i)
    click.echo(
        f"{db_path}: {tally.extracted} articles extracted ({tally.quotes} quotes), "
        f"{tally.unchanged} unchanged, {tally.skipped} skipped",
        err=True,
    )
    if tally.skipped:
        sys.exit(1)


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
    }


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON document per line (shared/tools/FORMAT.md).")
@click.option("--batch-size", default=32, show_default=True, help="Articles per spaCy batch.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Local processes extracting in parallel (output order is kept).")
def extract(paths: tuple[str, ...], jsonl: bool, batch_size: int, workers: int) -> None:
    """Extract quotes from PATHS without a database and print them."""
    tally = Tally()
    if workers > 1:
        from .parallel import extract_parallel

        extracted = extract_parallel(readable_articles(paths, tally), workers, batch_size=batch_size)
    else:
        from .extractor import extract_articles

        extracted = extract_articles(readable_articles(paths, tally), batch_size=batch_size)
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
def serve(db_path: str, port: int, host: str) -> None:
    """Serve the database read-only with Datasette, the project's metadata and plugin."""
    from .site import datasette_args

    args = [sys.executable, "-m", "datasette", *datasette_args(db_path, port=port, host=host)]
    os.execv(sys.executable, args)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred-out", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate(gold: str, pred_out: str | None, as_json: bool) -> None:
    """Extract GOLD's documents (their texts only) and score against its quotes."""
    from .evaluate import score
    from .extractor import extract_articles

    with open(gold, encoding="utf-8") as handle:
        gold_docs = [json.loads(line) for line in handle if line.strip()]
    articles = (Article(doc_id=d["doc_id"], text=d["text"]) for d in gold_docs)
    pred_docs = [
        {"doc_id": article.doc_id, "quotes": [quote_json(q) for q in quotes]}
        for article, quotes in extract_articles(articles)
    ]
    if pred_out:
        Path(pred_out).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in pred_docs), encoding="utf-8")
    result = score(gold_docs, pred_docs)
    if as_json:
        click.echo(json.dumps(result))
    else:
        for key, value in result.items():
            click.echo(f"{key:24} {value}")


if __name__ == "__main__":
    cli()
