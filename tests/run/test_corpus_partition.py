"""The partitioned corpus step (speaker families in processes and on a LocalCluster) writes
exactly what the single-process step writes, and N builds equal one build."""
import json
import shutil
import sqlite3
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT, polnear_file
from quotes.build import update_corpus_index
from quotes.cli import cli
from quotes.store.db import open_db

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth_corpus import synthetic_articles, write_corpus  # noqa: E402

TABLES = ("speakers", "speaker_aliases", "utterances", "variants", "corpus_units")


def corpus_tables(path) -> dict:
    db = open_db(str(path))
    out = {t: sorted(map(repr, db[t].rows)) for t in TABLES}
    out["quotes"] = db.execute("select id, speaker_id, utterance_id from quotes order by id").fetchall()
    db.close()
    return out


def step(path, **kwargs) -> dict:
    db = open_db(str(path))
    result = update_corpus_index(db, full=True, parallel_from=0, **kwargs)
    db.close()
    return result


def assert_partitioned_equals_single(path, tmp_path):
    single = tmp_path / "single.db"
    shutil.copy(path, single)
    step(single)
    expected = corpus_tables(single)
    assert expected["utterances"] and expected["variants"]
    for name, kwargs in (("processes", {"workers": 2}), ("cluster", {"workers": 2, "scheduler": "local"})):
        copy = tmp_path / f"{name}.db"
        shutil.copy(path, copy)
        step(copy, **kwargs)
        assert corpus_tables(copy) == expected, name


@pytest.fixture(scope="module")
def seed_texts(seeds_db):
    db = sqlite3.connect(f"file:{seeds_db}?mode=ro", uri=True)  # (open_db would switch the shared file to WAL)
    texts = [t for (t,) in db.execute("select text from quotes") if len(t.split()) >= 3]
    db.close()
    return texts


@pytest.fixture(scope="module")
def giant_db(tmp_path_factory, seed_texts):
    """3,000 quotes, a third of them one person's (a giant family), replicas of the seeds' quotes."""
    path = tmp_path_factory.mktemp("giant") / "quotes.db"
    db = open_db(str(path))
    write_corpus(db, synthetic_articles(seed_texts, 3_000, seed=3, top_share=0.33))
    db.close()
    return path


def test_partitioned_step_equals_single_process_with_a_giant_family(giant_db, tmp_path):
    db = open_db(str(giant_db))
    sizes = [n for (n,) in db.execute("select count(*) from quotes group by speaker_name order by 1 desc")]
    db.close()
    assert sizes[0] >= 900  # the giant
    assert_partitioned_equals_single(giant_db, tmp_path)


def make_some_unsure(db) -> None:
    """A share of the quotes, chosen by id, attributed by a guess (to a name of their own) or
    to a group noun: their speakers are unsure (``corpus.unsure``), so the guessed ones whose
    words another family holds move to that family's unit."""
    db.execute("update quotes set method = 'salience_guess', speaker_name = 'Guess ' || id,"
               " speaker_mention = 'Guess ' || id, speaker_aliases = null where substr(id, 1, 1) in ('0', '1')")
    db.execute("update quotes set method = 'subject:group' where substr(id, 1, 1) = '3'")
    db.conn.commit()


def test_partitioned_step_equals_single_process_with_unsure_speakers(giant_db, tmp_path):
    from quotes.run.corpus_step import staged_units

    path = tmp_path / "unsure.db"
    shutil.copy(giant_db, path)
    db = open_db(str(path))
    make_some_unsure(db)
    stage, _, _, _ = staged_units(db, set(), None)
    moved = [q for _, q, _, was_moved in stage.members() if was_moved]
    db.close()
    assert moved  # a guessed quote whose words only one other family holds (most are found in several)
    assert_partitioned_equals_single(path, tmp_path)


def test_partitioned_step_equals_single_process_on_polnear_dev(tmp_path_factory, tmp_path):
    dev = polnear_file("dev")
    path = tmp_path_factory.mktemp("dev") / "quotes.db"
    result = CliRunner().invoke(cli, ["build", str(dev), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert_partitioned_equals_single(path, tmp_path)


@pytest.mark.parametrize("unsure", [False, True])
def test_builds_in_steps_with_workers_equal_one_build(tmp_path, seed_texts, unsure):
    articles = list(synthetic_articles(seed_texts, 2_400, seed=5, top_share=0.2))
    once, steps = open_db(str(tmp_path / "once.db")), open_db(str(tmp_path / "steps.db"))
    write_corpus(once, articles)
    if unsure:
        make_some_unsure(once)
    update_corpus_index(once)
    regrouped = []
    for k, workers in zip(range(0, len(articles), 700), (1, 2, 1, 2)):
        write_corpus(steps, articles[k:k + 700])
        if unsure:
            make_some_unsure(steps)
        regrouped.append(update_corpus_index(steps, workers=workers, parallel_from=0)["regrouped"])
    once.close()
    steps.close()
    assert corpus_tables(tmp_path / "steps.db") == corpus_tables(tmp_path / "once.db")
    total = corpus_tables(tmp_path / "once.db")["quotes"]
    assert regrouped[-1] < len(total)  # the last step left some families alone


def in_memory_index(db):
    """The speaker index and utterances of the stored quotes, made in memory
    (``corpus.index.index_corpus``, as ``quotes extract`` makes them), outlets as ids."""
    from quotes.corpus.index import CorpusQuote, index_corpus

    rows = db.execute("select q.id, q.article_id, a.outlet_id, a.published, q.text, q.speaker_name, q.speaker_aliases,"
                      " q.speaker_role, q.speaker_kind, q.speaker_mention, q.said_from, q.said_to, q.start, q.end,"
                      " q.method from quotes q join articles a on a.id = q.article_id order by q.article_id, q.id")
    quotes = [CorpusQuote(*r[:6], json.loads(r[6]) if r[6] else [], *r[7:]) for r in rows]
    return index_corpus(quotes)


def test_the_staged_step_writes_what_the_in_memory_index_gives(giant_db, tmp_path):
    """The corpus step keeps every quote's speaker and unit, and the alias rows, in temporary
    tables (``store.stage``), not in dicts: what it writes is the in-memory index's, row for
    row (speakers, every alias row with its count, speaker and utterance links), with unsure
    quotes moved to other families; the temporary tables are gone after the step."""
    path = tmp_path / "staged.db"
    shutil.copy(giant_db, path)
    db = open_db(str(path))
    make_some_unsure(db)
    speakers, utterances = in_memory_index(db)
    update_corpus_index(db, full=True, workers=2, parallel_from=0)
    assert sorted(db.execute("select id, name, kind from speakers").fetchall()) == sorted(
        (s.id, s.name, s.kind) for s in speakers.speakers)
    assert db.execute('select speaker_id, alias, article_id, outlet_id, "count" from speaker_aliases'
                      " order by 1, 2, 3").fetchall() == sorted(
        (a.speaker_id, a.alias, a.article_id, a.outlet, a.count) for a in speakers.aliases)
    links = db.execute("select id, speaker_id, utterance_id from quotes").fetchall()
    assert {q: s for q, s, _ in links if s} == speakers.speaker_of
    assert {q: u for q, _, u in links if u} == utterances.utterance_of
    assert any(v.quote_id for v in utterances.variants)
    assert not db.execute("select name from sqlite_temp_master where name like 'stage%'").fetchall()
    db.close()


def test_started_workers_get_their_first_tasks_before_any_result_is_asked_for(giant_db):
    """``Grouped.start`` (called before the quotes' speaker links are written) sends two tasks
    per worker and returns without a result; the results then come in task order, the rows
    the same as grouped in this process."""
    from quotes.corpus.families import plan_tasks
    from quotes.run.corpus import group_tasks
    from quotes.run.corpus_step import staged_units, task_loader, unit_signatures
    from quotes.store.db import utterance_rows

    db = open_db(str(giant_db))
    stage, _, names, _ = staged_units(db, set(), None)
    tasks = plan_tasks({u: n for u, (_, n) in unit_signatures(stage, names).items()}, 2, floor=200)
    assert len(tasks) > 4
    loaded = []

    def load(task):
        loaded.append(task)
        return task_loader(stage, names)(task)

    parts = group_tasks(tasks, load, workers=2)
    parts.start()
    assert loaded == tasks[:4]
    rows = list(parts)
    assert loaded == tasks
    assert rows == [utterance_rows(part) for part in group_tasks(tasks, task_loader(stage, names))]
    stage.close()
    db.close()
