"""Shared test helpers: where the fixtures, the seeds and the shared evaluation data are."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def polnear_file(split: str) -> Path:
    """A PolNeAR split, or skip the test cleanly when ../shared is not beside the repo."""
    path = POLNEAR / f"{split}.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory) -> Path:
    """quotes.db built from seeds/ by the real CLI (real spaCy model, real SQLite file)."""
    from click.testing import CliRunner

    from quotes.cli import cli

    path = tmp_path_factory.mktemp("seeds") / "quotes.db"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def build_corpus(directory: Path, n: int) -> Path:
    """A JSONL corpus of `n` real articles that takes a few seconds to build: the first PolNeAR
    dev documents when ../shared is there, else the seeds repeated with small changes."""
    import json

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "corpus.jsonl"
    dev = POLNEAR / "dev.jsonl"
    docs = []
    if dev.exists():
        with open(dev, encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                docs.append({"doc_id": doc["doc_id"], "text": doc["text"], "outlet": doc.get("outlet")})
                if len(docs) == n:
                    break
    seeds = sorted(SEEDS.glob("*.txt"))
    k = 0
    while len(docs) < n:
        seed = seeds[k % len(seeds)]
        docs.append({"doc_id": f"{seed.stem}-{k}", "text": seed.read_text(encoding="utf-8") + f"\n\nUpdate {k}."})
        k += 1
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def subprocess_env() -> dict:
    """Environment for `python -m quotes` subprocesses that import this checkout."""
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


@pytest.fixture(scope="session")
def parse():
    """parse(text) -> (ArticleContext, Doc): the real model, the whole text as one segment."""
    from quotes.extract.attribution.entities import article_context
    from quotes.extract.marks import find_marks
    from quotes.extract.nlp import load_nlp
    from quotes.extract.pipeline import disabled_pipes, ensure_pos

    nlp = load_nlp()

    def run(text: str):
        doc = nlp(text, disable=disabled_pipes(nlp))
        ensure_pos(doc)
        return article_context(text, find_marks(text), [(0, doc)]), doc

    return run


SOURCE_TABLES = ("source_quotes", "source_utterances", "source_turns", "source_state", "sources")


@pytest.fixture(scope="session")
def sources_db(seeds_db, tmp_path_factory) -> Path:
    """The seeds database built again with the transcript fixtures of tests/fixtures/sources
    (written for the tests: Austin's Rome press conference, Kirby's briefing as captions)."""
    import shutil

    from click.testing import CliRunner

    from quotes.cli import cli

    path = tmp_path_factory.mktemp("sources") / "quotes.db"
    shutil.copy(seeds_db, path)
    result = CliRunner().invoke(cli, ["build", str(SEEDS), str(FIXTURES / "sources"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 sources (2 new)" in result.output
    return path


def drop_source_tables(path: Path) -> None:
    """Make the database at `path` look like a build from before primary sources."""
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        for table in SOURCE_TABLES:
            conn.execute(f"drop table if exists {table}")
    conn.close()
