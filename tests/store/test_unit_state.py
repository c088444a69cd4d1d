"""Each quote's unit kept between builds (store.unit_state): an incremental corpus step whose
changes are additions stages only the articles resolved again and hashes only the units
they touch; N builds still equal one build, row for row, the kept tables included; any other
step, and a database a step of older code wrote in between (the token), makes them anew."""
import sqlite3

from test_cut_state import ALVAREZ, BEFORE, LAST, LATER, REYES, article

from quotes.build import update_corpus_index
from quotes.store import unit_state
from quotes.store.db import open_db, save_article

KEPT = ("unit_quotes", "unit_state", "cut_grams", "cut_families", "cut_speakers", "cut_added", "cut_settled",
        "cut_state")
# a bare "Smith" joins the one full name holding it; a second full name makes it a speaker of
# its own: old quotes, in articles no later step resolves again, change speaker
SMITHS = [article("s0", [("Ann Smith", "the new tunnel will take ten more years to finish", None)]),
          article("s1", [("Smith", "we will find the money for the tunnel somewhere else", None)])]
BOB = [article("s2", [("Bob Smith", "nobody in this town wants a tunnel under the old market", None),
                      (None, "the money for the tunnel somewhere else", None)])]
# an unsure quote of the bare Smith holding a few of Reyes's words: moved to his family, alone
# there (it keeps its own speaker); with BOB the bare Smith becomes a speaker of its own
GUESSED = [article("u0", [("Smith", "whatever happens we are not going to close the harbour says a long letter"
                                    " about schools roads money and every other thing in town", "salience_guess")])]
# Reyes's words, which an unsure quote of LATER was moved for, said by a third family: stock now, so it
# stays home; LATER's other unsure quote (Smith's words and Reyes's) now has Smith's alone to go by and moves
PARK = [article("p0", [("Kim Park", REYES, None)])]


def rows(path) -> dict:
    """What the corpus step wrote, and the units kept (the token included)."""
    db = sqlite3.connect(path)
    out = {t: db.execute(f"select * from {t} order by 1, 2, 3").fetchall()
           for t in ("speakers", "speaker_aliases", "utterances", "variants", "corpus_units", "unit_quotes",
                     "unit_state")}
    out["quotes"] = db.execute("select id, speaker_id, utterance_id from quotes order by id").fetchall()
    db.close()
    return out


def build(path, steps, between=None) -> tuple[dict, list[str]]:
    """(rows after building ``steps`` of articles in turn, how each step treated the kept
    units: "kept" (only the changed quotes staged) or "anew"); ``between``: a function run
    on the database after each step's articles are saved, instead of the step, for the
    steps whose index it gives (a step of other code)."""
    db = open_db(str(path))
    how = []
    for k, step in enumerate(steps):
        for a, qs in step:
            save_article(db, a, qs)
        if between and k in between:
            between[k](db)
            how.append("other")
            continue
        ran: list[str] = []
        db.conn.set_trace_callback(ran.append)
        update_corpus_index(db)
        db.conn.set_trace_callback(None)
        anew = any(s.startswith("DELETE FROM unit_quotes") for s in ran)
        kept = any(s.startswith("INSERT INTO temp.unit_before") for s in ran)
        assert anew != kept
        how.append("anew" if anew else "kept")
    db.close()
    return rows(path), how


def test_quotes_added_over_several_builds_equal_one_build(tmp_path):
    once, how = build(tmp_path / "once.db", [BEFORE + SMITHS + LATER + LAST + BOB])
    assert how == ["anew"]
    steps, how = build(tmp_path / "steps.db", [BEFORE, SMITHS, LATER, LAST, BOB])
    assert how == ["anew", "kept", "kept", "kept", "kept"]
    assert steps == once
    moved_before = {q for q, _, _, moved in steps["unit_quotes"] if moved}
    assert moved_before  # an unsure quote moved to another family
    steps, how = build(tmp_path / "steps.db", [PARK])
    assert how == ["kept"]
    moved_after = {q for q, _, _, moved in steps["unit_quotes"] if moved}
    assert moved_after and not moved_after & moved_before  # the first went home, the other moved
    assert steps == build(tmp_path / "once2.db", [BEFORE + SMITHS + LATER + LAST + BOB + PARK])[0]
    assert once["unit_state"] == [(1, unit_state.FINGERPRINT, once["unit_state"][0][2])]
    assert len(once["unit_quotes"]) == len(once["quotes"])


def test_only_the_changed_quotes_are_staged(tmp_path):
    path = tmp_path / "q.db"
    build(path, [BEFORE + SMITHS])
    db = open_db(str(path))
    save_article(db, *LATER[0])
    ran: list[str] = []
    db.conn.set_trace_callback(ran.append)
    from quotes.run.corpus_step import staged_units

    stage, _, _, touched = staged_units(db, set(), set(), keep=True)
    staged = db.execute("select count(*) from temp.stage_quote").fetchone()[0]
    db.conn.set_trace_callback(None)
    stage.abandon()
    db.close()
    assert staged == 2  # the new article's two quotes, not the corpus
    assert touched == {"family:alvarez", "family:reyes", "family:liu"}  # their units, and where the unsure one went
    assert not any("NOT IN (SELECT id FROM temp.stage_article)" in s for s in ran)  # (``stage_others``)


def test_a_moved_quote_whose_speaker_changes_is_grouped_again(tmp_path):
    """A moved quote's utterance, alone, keeps the quote's own speaker: when that speaker
    changes (here within the family), its unit's signature changes too."""
    once, _ = build(tmp_path / "once.db", [BEFORE + SMITHS + GUESSED + BOB])
    steps, how = build(tmp_path / "steps.db", [BEFORE + SMITHS + GUESSED, BOB])
    assert how == ["anew", "kept"]
    assert steps == once
    db = sqlite3.connect(tmp_path / "steps.db")
    assert db.execute("select count(*) from quotes q join utterances u on u.id = q.utterance_id"
                      " join unit_quotes k on k.id = q.id where k.moved = 1 and u.speaker_id = q.speaker_id"
                      " and u.n_quotes = 1").fetchone()[0] == 1
    db.close()


def test_an_article_extracted_again_makes_the_units_anew(tmp_path):
    again = (LATER[0][0], article("b0", [(None, ALVAREZ, None)])[1])  # the same article: the unsure quote is gone
    once, _ = build(tmp_path / "once.db", [BEFORE + [again, LATER[1]]])
    steps, how = build(tmp_path / "steps.db", [BEFORE + LATER, [again]])
    assert how == ["anew", "anew"]
    assert steps == once


def test_an_old_database_without_the_state_gets_it(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE])
    db = sqlite3.connect(path)  # as a version before the state left it
    db.execute("drop table unit_quotes")
    db.execute("drop table unit_state")
    db.commit()
    db.close()
    steps, how = build(path, [LATER, LAST])
    assert how == ["anew", "kept"]
    assert steps == build(tmp_path / "once.db", [BEFORE + LATER + LAST])[0]


def test_a_step_of_older_code_in_between_makes_the_states_anew(tmp_path):
    """A build of code that keeps neither the units nor the cut's look-ups runs a corpus step
    in between: it writes the quotes' links and ``corpus_units`` (with Bob Smith, the bare
    Smith's old quote changes speaker) and leaves the kept tables as they were. The token no
    longer matches: the next step makes both anew and equals one build."""
    def older_code(db):
        before = {t: db.execute(f"select * from {t}").fetchall() for t in KEPT}
        update_corpus_index(db)  # (the links and corpus_units as any corpus step writes them)
        with db.conn:  # the tables older code does not know, as they were
            for table, old in before.items():
                db.execute(f"delete from {table}")
                if old:
                    db.conn.executemany(f"insert into {table} values ({', '.join('?' * len(old[0]))})", old)

    path = tmp_path / "steps.db"
    steps, how = build(path, [BEFORE + SMITHS, BOB, LATER], between={1: older_code})
    assert how == ["anew", "other", "anew"]
    once, _ = build(tmp_path / "once.db", [BEFORE + SMITHS + BOB + LATER])
    assert steps == once


def test_the_token_follows_corpus_units(tmp_path):
    path = tmp_path / "q.db"
    build(path, [BEFORE])
    db = open_db(str(path))
    assert unit_state.is_current(db.conn)
    first = "(select min(id) from corpus_units)"
    db.execute(f"update corpus_units set n_quotes = n_quotes + 1 where id = {first}")
    assert not unit_state.is_current(db.conn)
    db.execute(f"update corpus_units set n_quotes = n_quotes - 1 where id = {first}")
    assert unit_state.is_current(db.conn)
    reyes = db.execute("select id, speaker_id from unit_quotes where id = (select id from quotes where text = ?)",
                       [REYES]).fetchone()
    db.execute("update unit_quotes set speaker_id = null where id = ?", [reyes[0]])
    assert not unit_state.is_current(db.conn)  # kept as speakerless, linked to a speaker
    db.execute("update unit_quotes set speaker_id = ? where id = ?", [reyes[1], reyes[0]])
    assert unit_state.is_current(db.conn)
    db.close()


def test_the_touched_units_are_those_a_changed_row_left_or_joined():
    conn = sqlite3.connect(":memory:")
    conn.execute("create table corpus_units (id, signature, n_quotes)")
    unit_state.create(conn)
    conn.executemany("insert into unit_quotes values (?, ?, ?, ?)",
                     [("q1", "s1", "F", 0), ("q2", "s2", "F", 0), ("q3", None, "free:q3", 0), ("q4", "s4", "G", 1),
                      ("q5", "s5", "H", 0)])
    conn.execute("create temp table stage_quote (id, speaker_id, unit, moved)")
    conn.executemany("insert into temp.stage_quote values (?, ?, ?, 0)",
                     [("q1", "s1", "F"), ("q2", "s9", "F"), ("q4", "s4", "K"), ("q6", None, None)])
    unit_state.apply(conn)  # q1 unchanged, q2 another speaker, q4 staged at home, q6 new
    unit_state.set_cut(conn, [("G", 1, "q4"), ("free:q3", 0, "q3"), ("E", 0, "q6")])
    assert unit_state.touched(conn) == {"F", "E"}  # q2's unit (its speaker changed) and where q6 went
    assert conn.execute("select * from unit_quotes order by id").fetchall() == [
        ("q1", "s1", "F", 0), ("q2", "s9", "F", 0), ("q3", None, "free:q3", 0), ("q4", "s4", "G", 1),
        ("q5", "s5", "H", 0), ("q6", None, "E", 0)]


def test_a_state_of_other_rules_is_made_anew(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE])
    db = sqlite3.connect(path)  # (made by other signature rules: the stored signatures are not this code's)
    db.execute("update unit_state set fingerprint = 'grouping 0, units 0'")
    db.commit()
    db.close()
    steps, how = build(path, [LATER])
    assert how == ["anew"]
    assert steps == build(tmp_path / "once.db", [BEFORE + LATER])[0]
