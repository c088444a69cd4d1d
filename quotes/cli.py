"""The `quotes` command: build, extract, serve, evaluate.

Only option parsing lives here: `quotes.build` holds the build and extract algorithms,
`quotes.store` the database writes, `quotes.site` the Datasette side.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# One BLAS thread per process (read when NumPy loads, so set before anything imports it):
# the parser's matrix products are small, extraction runs in parallel as processes
# (--workers), and BLAS threads on the same cores only burn CPU (docs/performance in the
# README; an OPENBLAS_NUM_THREADS given by the user wins).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import click  # noqa: E402



@click.group()
@click.version_option(package_name="quotes")
def cli() -> None:
    """Find direct quotations in news articles, attribute them, compare outlets."""


class BuildError(click.ClickException):
    """The build (or the server) cannot go on at all (database unusable or busy): exit status 2."""

    exit_code = 2


class Workers(click.ParamType):
    """A number of processes, or "auto": one per core for large inputs (``run.parallel.auto_workers``)."""

    name = "N|auto"

    def convert(self, value, param, ctx):
        if value is None or value == "auto":
            return None
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is neither a number nor 'auto'", param, ctx)
        if number < 1:
            self.fail(f"{number} is not at least 1", param, ctx)
        return number


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="SQLite file to create or update.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1), help="Articles per spaCy batch.")
@click.option("--workers", default="auto", show_default=True, type=Workers(),
              help="Local processes extracting in parallel (each loads the model once), and "
                   "grouping speaker families in parallel in the corpus step. auto: one per "
                   "core (at most 4) from 200 documents on, else 1.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster (tcp://host:8786, or 'local' for a LocalCluster "
                   "of --workers processes): shards merged into --db; the corpus step groups "
                   "its speaker families there too.")
@click.option("--partition-size", default=64, show_default=True, type=click.IntRange(min=1),
              help="Articles per Dask partition (one SQLite shard each).")
@click.option("--shard-dir", type=click.Path(file_okay=False),
              help="Directory on a filesystem shared with the Dask workers for their shards "
                   "(default: workers send shards back to the client).")
@click.option("--reindex", is_flag=True,
              help="Group every quote into utterances again, not just the speaker families "
                   "that changed.")
@click.option("--source-speaker", metavar="NAME",
              help="Who speaks in the primary sources (transcripts, captions) that name no speaker "
                   "in their front matter, sidecar or turns.")
def build(paths: tuple[str, ...], db_path: str, batch_size: int, workers: int, scheduler: str | None,
          partition_size: int, shard_dir: str | None, reindex: bool, source_speaker: str | None) -> None:
    """Extract quotes from PATHS (.txt/.html files, directories, .jsonl) into a database.

    Primary sources among PATHS (transcripts with YAML front matter or a sidecar naming a
    speaker or occasion, .vtt/.srt captions) are stored as sources, and every quote is
    checked against its speaker's sources of the days it was said.

    Articles are keyed by a hash of their text: unchanged articles are not parsed again,
    and when nothing is new the spaCy model is never loaded. Utterances are regrouped only
    for the speaker families that new quotes touch (--reindex: all of them). Inputs that cannot be read
    are reported on stderr and skipped (exit status 1); exit status 2 means the database
    itself could not be used.
    """
    import sqlite3

    from quotes.build import build_database
    from quotes.store.locking import DatabaseBusy, build_lock

    try:
        with build_lock(db_path):
            build_database(paths, db_path, batch_size, workers, scheduler, partition_size, shard_dir, reindex,
                           source_speaker=source_speaker)
    except DatabaseBusy as exc:
        raise BuildError(str(exc)) from None
    except sqlite3.DatabaseError as exc:  # not a database, disk full, locked...
        raise BuildError(f"{db_path}: {exc}") from None
    except OSError as exc:
        raise BuildError(f"{db_path}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        click.echo("\ninterrupted: every article stored so far is complete; run the same command again to go on", err=True)
        sys.exit(130)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One JSON document per line (shared/tools/FORMAT.md).")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1), help="Articles per spaCy batch.")
@click.option("--workers", default="auto", show_default=True, type=Workers(),
              help="Local processes extracting in parallel (output order is kept). auto: one "
                   "per core (at most 4) from 200 documents on, else 1.")
def extract(paths: tuple[str, ...], jsonl: bool, batch_size: int, workers: int) -> None:
    """Extract quotes from PATHS without a database and print them.

    With several documents, each quote also gets its speaker's corpus-wide canonical name
    (`corpus_speaker`; `speaker` stays the fullest form its document gives) and quotes of
    one utterance reported by several documents share a `group` id.
    """
    from quotes.build import Tally, extract_documents

    tally = Tally()
    extracted = extract_documents(paths, tally, workers=workers, batch_size=batch_size)
    for article, quotes in extracted:
        tally.extracted += 1
        if jsonl:
            from quotes.build import document_json, json_line

            click.echo(json_line(document_json(article, quotes)))
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
@click.option("--processes", default="auto", show_default=True, type=Workers(),
              help="Server processes answering on the port (each renders pages on its own core). "
                   "auto: one per usable core, at most 4 (1 on a one-core machine: a single "
                   "Datasette process).")
def serve(db_path: str, port: int, host: str, live: bool, processes: int | None) -> None:
    """Serve the database read-only with Datasette, the project's metadata and plugin.

    Served immutable (-i) unless --live is given, a build is writing the database, or an
    interrupted build left it in WAL mode: then Datasette opens it with read-only
    connections that see each article as the build commits it.
    """
    from quotes.store.freshness import unreadable_reason
    from quotes.store.locking import build_running, hold_for_immutable_serving, in_wal_mode
    from quotes.site import datasette_args

    problem = unreadable_reason(db_path)
    if problem:  # one line, not Datasette's traceback of every local variable
        raise BuildError(f"{db_path}: {problem}")
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
    from quotes.run.serving import auto_processes, serve_processes

    processes = processes or auto_processes()
    if processes > 1:
        serve_processes(db_path, host, port, live, processes)
        return
    os.execv(sys.executable, [sys.executable, "-m", "datasette", *args])


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--pred-out", type=click.Path(dir_okay=False), help="Also write the predictions as JSONL here.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--verbose", is_flag=True, help="List every miss, spurious quote and wrong speaker on stderr.")
@click.option("--double-marks-only", is_flag=True,
              help="Score only quotes opened by a double mark (“ \" ”), for gold (like PolNeAR's) "
                   "that never annotates quotes in single or doubled-apostrophe marks.")
@click.option("--layer", "layers", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A resolved-speaker layer (as shared/tools/score.py --layer reads): gold pronoun "
                   "and description speakers replaced by the names they refer to.")
def evaluate(gold: str, pred_out: str | None, as_json: bool, verbose: bool, double_marks_only: bool,
             layers: tuple[str, ...]) -> None:
    """Extract GOLD's documents (their texts only) and score against its quotes.

    Also reports whether the confidence is calibrated (the share of quotes at >= 0.9 and how
    often they are right; the share of errors among the lowest-confidence 10%) and the
    errors by class."""
    from quotes.build import Tally, extract_gold, json_line
    from quotes.evaluate import apply_layer, calibration, errors_by_class, keep_double_marked, score

    with open(gold, encoding="utf-8") as handle:
        gold_docs = [json.loads(line) for line in handle if line.strip()]
    for layer in layers:
        with open(layer, encoding="utf-8") as handle:
            apply_layer(gold_docs, [json.loads(line) for line in handle if line.strip()])
    pred_docs = extract_gold(gold, Tally())  # a skipped document is scored as one with no quotes found
    if pred_out:
        Path(pred_out).write_text("".join(json_line(d) + "\n" for d in pred_docs), encoding="utf-8")
    if double_marks_only:
        pred_docs = keep_double_marked(gold_docs, pred_docs)
    errors: list = []
    result = score(gold_docs, pred_docs, errors=errors)
    result["calibration"] = calibration(gold_docs, pred_docs)
    result["errors_by_class"] = errors_by_class(gold_docs, pred_docs)
    if verbose:
        for kind, doc_id, gold_speaker, pred_speaker, text in errors:
            click.echo(f"{kind:9} {doc_id}  gold={gold_speaker!r} pred={pred_speaker!r}  {text!r}", err=True)
    if as_json:
        click.echo(json.dumps(result))
    else:
        for key, value in result.items():
            if isinstance(value, dict):
                click.echo(key)
                for k, v in value.items():
                    click.echo(f"  {k:30} {v}")
            else:
                click.echo(f"{key:24} {value}")


if __name__ == "__main__":
    cli()
