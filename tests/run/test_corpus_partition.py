"""The partitioned corpus step (speaker families in processes and on a LocalCluster) writes
exactly what the single-process step writes, and N builds equal one build."""
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
    from quotes.run.corpus_step import cut_units, speaker_index

    path = tmp_path / "unsure.db"
    shutil.copy(giant_db, path)
    db = open_db(str(path))
    make_some_unsure(db)
    speakers = speaker_index(db, set(), None)
    _, moved = cut_units(db, speakers.speaker_of, {s.id: s.name for s in speakers.speakers})
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
