"""The cut's state kept between builds (store.cut_state): an incremental corpus step whose
changes are additions only adds the new named quotes' 4-grams to the kept table and looks up
the speakerless and unsure quotes there, with no pass over the named quotes; N builds still
equal one build, row for row, state included; any other change makes the table anew."""
import sqlite3

from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.store import cut_state
from quotes.store.db import open_db, save_article
from quotes.store.stage import CorpusStage

ALVAREZ = "the budget will pass before the summer recess whatever they say"
REYES = "we are not going to close the harbour to the fishing fleet"
SMITH = "the new bridge over the river will open in the spring"


def article(key: str, quotes: list[tuple[str | None, str, str | None]], day: str = "2024-03-04"):
    """An article quoting (speaker or None, words, attribution method) in turn."""
    out, text = [], ""
    for k, (who, words, method) in enumerate(quotes):
        start = len(text) + 1
        text += f"“{words},” {who or 'someone'} said in {key} ({k}). "
        out.append(Quote(start=start, end=start + len(words), text=words, speaker=who, method=method or "cue"))
    return Article(doc_id=key, text=f"{key}: {text}", outlet=f"Paper {key}", published=day), out


BEFORE = [article("a0", [("Jane Alvarez", ALVAREZ, None), ("Tom Reyes", REYES, None)]),
          article("a1", [("Alvarez", "taxes will not go up this year or next year", None),
                         ("Ann Smith", SMITH, None)])]
# a speakerless quote of Alvarez's words, an unsure one (a guessed speaker) of Reyes's, and
# another holding Smith's words and Reyes's: two other families, it stays
LATER = [article("b0", [(None, ALVAREZ, None), ("Mark Liu", REYES, "salience_guess")]),
         article("b1", [("Paul Lee", f"{SMITH} and {REYES}", "salience_guess")])]
# Reyes now says Alvarez's words too: the speakerless quote's words are in two families
LAST = [article("c0", [("Tom Reyes", ALVAREZ, None), (None, "the fishing fleet will have to wait", None)])]


def rows(path) -> dict:
    """What the corpus step wrote, the cut's kept table (families by name: ids follow the
    order families came in) and the stored units."""
    db = sqlite3.connect(path)
    out = {t: db.execute(f"select * from {t} order by 1, 2, 3").fetchall()
           for t in ("speakers", "speaker_aliases", "utterances", "variants", "corpus_units")}
    out["quotes"] = db.execute("select id, speaker_id, utterance_id from quotes order by id").fetchall()
    out["grams"] = sorted(db.execute("select g.gram, f.family, g.n, g.sure from cut_grams g"
                                     " left join cut_families f on f.id = g.family"), key=repr)
    out["speakers_kept"] = db.execute("select s.speaker_id, f.family from cut_speakers s"
                                      " join cut_families f on f.id = s.family order by 1").fetchall()
    out["state"] = db.execute("select * from cut_state").fetchall()
    out["added"] = db.execute("select * from cut_added").fetchall()
    out["settled"] = db.execute("select id from cut_settled order by id").fetchall()
    db.close()
    return out


def build(path, steps) -> tuple[dict, list[bool]]:
    """(rows after building ``steps`` of articles in turn, whether each step made the cut's
    table anew: seen in the statements SQLite ran)."""
    db = open_db(str(path))
    made_anew = []
    for step in steps:
        for a, qs in step:
            save_article(db, a, qs)
        ran: list[str] = []
        db.conn.set_trace_callback(ran.append)
        update_corpus_index(db)
        db.conn.set_trace_callback(None)
        made_anew.append("DELETE FROM cut_grams" in ran)
    db.close()
    return rows(path), made_anew


def units_of(path) -> dict[str, str]:
    """quote words -> the units of the speakerless and unsure quotes' utterances' speakers."""
    db = sqlite3.connect(path)
    out = dict(db.execute("select q.text, coalesce(s.name, '-') from quotes q left join utterances u"
                          " on u.id = q.utterance_id left join speakers s on s.id = u.speaker_id"
                          " where q.speaker_id is null or q.method != 'cue'"))
    db.close()
    return out


def test_speakerless_and_unsure_quotes_added_later_equal_one_build(tmp_path):
    once, _ = build(tmp_path / "once.db", [BEFORE + LATER + LAST])
    steps, anew = build(tmp_path / "steps.db", [BEFORE, LATER, LAST])
    assert anew == [True, False, False]  # only the first build made the table
    assert steps == once
    assert once["state"] == [(1, cut_state.FINGERPRINT)] and once["added"] == []
    assert any(family is None for _, family, _, _ in once["grams"])  # Alvarez's words: sure quotes of two families


def test_the_kept_table_decides_as_the_pass_over_named_quotes(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE, LATER])
    after_later = units_of(str(path))
    assert after_later[ALVAREZ] == "Jane Alvarez"  # the speakerless quote joined the one family holding its words
    assert after_later[REYES] == "Tom Reyes"  # the unsure quote moved to the family of its words and joined
    assert after_later[f"{SMITH} and {REYES}"] == "Paul Lee"  # words of two other families: it stays
    build(path, [LAST])
    assert units_of(str(path))[ALVAREZ] == "-"  # two families hold its words now: it stays without speaker


def test_an_article_extracted_again_makes_the_table_anew(tmp_path):
    again = article("b0", [(None, ALVAREZ, None)])  # the same article: the unsure quote is gone
    again = (LATER[0][0], again[1])
    once, _ = build(tmp_path / "once.db", [BEFORE + [again, LATER[1]]])
    steps, anew = build(tmp_path / "steps.db", [BEFORE + LATER, [again]])
    assert anew == [True, True]  # a quote deleted: its grams cannot be taken out of capped counts
    assert steps == once


def test_an_old_database_without_the_state_gets_it(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE])
    db = sqlite3.connect(path)  # as a version before the state left it: no tables, no triggers
    for (kind, name) in db.execute("select type, name from sqlite_master where name like 'cut_%'").fetchall():
        if kind in ("table", "trigger"):
            db.execute(f"drop {kind} {name}")
    db.commit()
    db.close()
    steps, anew = build(path, [LATER, LAST])
    once, _ = build(tmp_path / "once.db", [BEFORE + LATER + LAST])
    assert anew == [True, False]
    assert steps == once


def test_a_state_of_other_rules_is_made_anew(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE])
    db = sqlite3.connect(path)
    db.execute("update cut_state set fingerprint = 'grouping 0, cut 0'")
    db.commit()
    db.close()
    steps, anew = build(path, [LATER])
    assert anew == [True]
    assert steps == build(tmp_path / "once.db", [BEFORE + LATER])[0]


def test_the_triggers_record_additions_and_drop_the_state_on_a_change(tmp_path):
    path = tmp_path / "q.db"
    build(path, [BEFORE])
    db = open_db(str(path))
    save_article(db, *LATER[0])
    assert db.execute("select count(*) from cut_added").fetchone()[0] == 2
    assert cut_state.is_current(db.conn)
    db.execute("update quotes set utterance_id = null, speaker_id = null")  # the corpus step's own writes: no change
    assert cut_state.is_current(db.conn)
    db.execute("update quotes set method = 'salience_guess' where text = ?", [SMITH])
    assert not cut_state.is_current(db.conn)
    db.close()


# an unsure quote whose words no one else said: home, for want of another family (not settled)
FERRY = "the ferry timetable will change once the new harbour opens in june"
GUESS = [article("d0", [("Paul Lee", FERRY, "salience_guess")])]
SMITH_SAYS = [article("d1", [("Ann Smith", FERRY, None)])]  # one other family: it moves (not settled)
REYES_SAYS = [article("d2", [("Tom Reyes", FERRY, None)])]  # two other families: home for good (settled)
LEE_AGAIN = [article("d3", [("Paul Lee", FERRY, None), ("Jane Alvarez", "the weather in the hills is fine", None)])]


def settled_and_moved(path) -> tuple[bool, bool]:
    """(whether the unsure quote of FERRY is settled, whether it is moved), as kept."""
    db = sqlite3.connect(path)
    (qid,) = db.execute("select id from quotes where method = 'salience_guess' and text = ?", [FERRY]).fetchone()
    settled = db.execute("select count(*) from cut_settled where id = ?", [qid]).fetchone()[0] == 1
    moved = db.execute("select moved from unit_quotes where id = ?", [qid]).fetchone()[0] == 1
    db.close()
    return settled, moved


def test_an_unsure_quote_is_looked_up_until_its_decision_is_settled(tmp_path):
    """Home for want of another family, then moved, then home for good: only the last is
    settled; every step (the kept table's: no pass over the named quotes) equals one build,
    the settled set included."""
    path = tmp_path / "steps.db"
    seen, anew = [], []
    for k, step in enumerate([BEFORE + GUESS, SMITH_SAYS, REYES_SAYS, LEE_AGAIN]):
        anew += build(path, [step])[1]
        seen.append(settled_and_moved(str(path)))
        everything = [a for s in [BEFORE + GUESS, SMITH_SAYS, REYES_SAYS, LEE_AGAIN][:k + 1] for a in s]
        assert rows(path) == build(tmp_path / f"once{k}.db", [everything])[0]
    assert anew == [True, False, False, False]
    assert seen == [(False, False), (False, True), (True, False), (True, False)]


def test_a_settled_quote_is_not_read_again(tmp_path):
    path = tmp_path / "steps.db"
    build(path, [BEFORE + GUESS, SMITH_SAYS, REYES_SAYS])
    db = open_db(str(path))
    save_article(db, *LEE_AGAIN[0])
    stage = CorpusStage(db.conn)
    stage.use_kept_units()
    methods = ["salience_guess"]
    family = {sid: "f" for (sid,) in db.execute("select id from speakers")}
    texts = [t for _, _, t in stage.unsure_texts(methods, family, unsettled=True)]
    assert FERRY not in texts  # settled: two other families
    assert FERRY in [t for _, _, t in stage.unsure_texts(methods, family)]
    stage.abandon()
    db.close()
