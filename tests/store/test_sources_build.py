"""`quotes build` with primary sources beside the articles: stored as sources, never as
articles or outlets; every quote checked; re-runs change nothing; older databases upgrade."""
import shutil
import sqlite3

from click.testing import CliRunner

from conftest import FIXTURES, SEEDS, drop_source_tables
from quotes.cli import cli

SOURCES = FIXTURES / "sources"


def build(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_sources_are_stored_as_sources_not_articles(sources_db, seeds_db):
    assert rows(sources_db, "select doc_id, kind, date from sources order by doc_id") == [
        ("austin_rome_briefing", "transcript", "2024-10-23"), ("kirby_briefing", "captions", "2024-10-23")]
    assert rows(sources_db, "select count(*) from articles") == rows(seeds_db, "select count(*) from articles")
    assert rows(sources_db, "select id from outlets order by id") == rows(seeds_db, "select id from outlets order by id")


def test_turns_are_matched_to_the_speaker_index(sources_db):
    found = dict(rows(sources_db, """
        select t.label, group_concat(distinct s.name) from source_turns t, json_each(t.speaker_ids) j
        join speakers s on s.id = j.value group by t.label"""))
    assert found == {"SECRETARY AUSTIN": "Lloyd Austin", "John Kirby": "John Kirby"}
    assert rows(sources_db, "select count(*) from source_turns where label = 'Q' and speaker_ids is not null") == [(0,)]


def test_quotes_are_checked_against_the_passage_they_report(sources_db):
    by_text = dict(rows(sources_db, """
        select q.text, sq.relation from source_quotes sq join quotes q on q.id = sq.quote_id"""))
    assert by_text["What exactly they are doing is left to be seen. These are things that we need to sort out,"] == "verbatim"
    assert by_text["We are seeing evidence that there are North Korean troops [in Russia]."] == "words inserted"
    assert by_text["What exactly are they doing? Left to be seen. These are things that we need to sort out,"] == "words changed"
    assert by_text["I can tell you one thing, if they deploy to fight Ukraine, they’re fair game."] == "verbatim"
    # each found in one place of its source
    assert rows(sources_db, "select distinct places from source_quotes") == [(1,)]
    for start, end, passage, text in rows(sources_db, """
            select sq.start, sq."end", sq.passage, s.text from source_quotes sq join sources s on s.id = sq.source_id"""):
        assert text[start:end] == passage
    states = dict(rows(sources_db, "select state, count(*) from source_utterances group by state"))
    assert states["confirmed"] >= 5 and states["no source"] >= 1  # Rutte, Zelensky...: no source
    # every utterance of Austin or Kirby is either confirmed or not found, never "no source"
    assert rows(sources_db, """
        select count(*) from source_utterances su join utterances u on u.id = su.utterance_id
        join speakers s on s.id = u.speaker_id
        where s.name in ('Lloyd Austin', 'John Kirby') and su.state = 'no source'""") == [(0,)]


def test_a_rerun_changes_nothing(sources_db, tmp_path):
    path = tmp_path / "again.db"
    shutil.copy(sources_db, path)
    before = dump(path)
    result = build(SEEDS, SOURCES, "--db", path)
    assert result.exit_code == 0 and "2 sources (0 new)" in result.output
    assert dump(path) == before
    result = build(SEEDS, SOURCES, "--db", path, "--reindex")
    assert result.exit_code == 0
    assert rows(path, "select * from source_quotes order by quote_id") == rows(
        sources_db, "select * from source_quotes order by quote_id")


def test_new_sources_alone_are_aligned_and_lost_checks_redone(seeds_db, sources_db, tmp_path):
    path = tmp_path / "later.db"
    shutil.copy(seeds_db, path)
    assert build(SOURCES / "kirby_briefing.vtt", "--db", path).exit_code == 0  # a source, no article
    assert rows(path, "select count(*) from sources") == [(1,)]
    assert rows(path, "select count(*) from source_quotes")[0][0] >= 2
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("delete from source_state")
        conn.execute("delete from source_quotes")
    conn.close()
    assert build(SEEDS, SOURCES, "--db", path).exit_code == 0
    assert rows(path, "select * from source_quotes order by quote_id") == rows(
        sources_db, "select * from source_quotes order by quote_id")


def test_a_bad_source_is_reported_and_the_rest_is_built(seeds_db, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SOURCES, inputs)
    (inputs / "nobody.md").write_text("---\ndate: 2024-10-23\n---\nWords without a speaker.\n", encoding="utf-8")
    path = tmp_path / "bad.db"
    shutil.copy(seeds_db, path)
    result = build(inputs, "--db", path)
    assert result.exit_code == 1
    assert "nobody.md: no speaker" in result.output
    assert rows(path, "select count(*) from sources") == [(2,)]


def test_a_database_from_before_sources_gets_the_tables(seeds_db, tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(seeds_db, path)
    drop_source_tables(path)
    result = build(SEEDS, SOURCES, "--db", path)
    assert result.exit_code == 0, result.output
    assert rows(path, "select count(*) from sources") == [(2,)]
    assert rows(path, "select count(*) from source_quotes")[0][0] >= 10


def test_quote_rows_with_nobody_add_the_quotes_without_a_speaker(sources_db):
    from quotes.store.sources import quote_rows

    conn = sqlite3.connect(sources_db)
    try:
        some, every = quote_rows(conn), quote_rows(conn, nobody=True)
        (nobody,) = conn.execute("""select count(*) from quotes q left join utterances u on u.id = q.utterance_id
                                    where coalesce(u.speaker_id, q.speaker_id) is null""").fetchone()
    finally:
        conn.close()
    assert all(r[2] is not None for r in some) and set(some) <= set(every)
    assert [r for r in every if r not in set(some)] == [r for r in every if r[2] is None]
    assert len(every) - len(some) == nobody


def test_each_quote_reads_the_events_its_article_names(sources_db, tmp_path):
    from quotes.build import quotes_to_check
    from quotes.store.db import open_db

    path = tmp_path / "named.db"
    shutil.copy(sources_db, path)
    conn = sqlite3.connect(path)
    (article,) = conn.execute("select article_id from quotes group by article_id order by article_id limit 1").fetchone()
    with conn:
        conn.execute("update articles set text = text || ? where id = ?",
                     ["\nHe spoke later at the Rome Security Conference.", article])
    conn.close()
    quotes = quotes_to_check(open_db(str(path)))
    named = {q.article_id for q in quotes if q.article_names == (("rome", "security", "conference"),)}
    assert named == {article} and all(q.article_names == () for q in quotes if q.article_id != article)
