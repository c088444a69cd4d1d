"""The speaker index kept between builds (store.speaker_state): an incremental corpus step
resolves only the articles that changed, and N builds still equal one build, row for row,
state included."""
import json
import sqlite3

import sqlite_utils

from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.store import speaker_state
from quotes.store.db import open_db, save_article

WORDS = ("the budget", "the schools", "the bridge", "the harbour", "the border", "the rates", "the strike",
         "the census", "the election", "the library")


def article(key: str, speakers: list, day: str = "2024-01-02", outlet: str | None = None):
    """An article quoting each of ``speakers`` once: a name, or (name, aliases, kind)."""
    quotes, text = [], ""
    for k, who in enumerate(speakers):
        name, aliases, kind = (who, [], None) if isinstance(who, str) else who
        words = f"We will talk about {WORDS[k % len(WORDS)]} again in {key} number {k}"
        start = len(text) + 1
        text += f"“{words},” {name} said. "
        quotes.append(Quote(start=start, end=start + len(words), text=words, speaker=name,
                            speaker_aliases=list(aliases), speaker_kind=kind))
    return Article(doc_id=key, text=f"{key}: {text}", outlet=outlet or f"Paper {key}", published=day), quotes


def rows(path) -> dict:
    """What the corpus step wrote, and the kept state without its person ids (an
    incremental step numbers new persons after the old ones; a full one by first place)."""
    db = sqlite3.connect(path)
    out = {t: db.execute(f"select * from {t} order by 1, 2, 3").fetchall()
           for t in ("speakers", "speaker_aliases", "utterances", "variants")}
    out["quotes"] = db.execute("select id, speaker_id, utterance_id from quotes order by id").fetchall()
    sig = dict(db.execute("select id, signature from speaker_persons"))
    out["persons"] = sorted(db.execute("select signature, kind, n_locals, names, roles, forms, first_article,"
                                       " first_place, speaker_id from speaker_persons").fetchall())
    out["locals"] = sorted((a, p, sig[person], n, r, f) for a, p, person, n, r, f in db.execute(
        "select article_id, place, person, names, roles, forms from speaker_locals"))
    out["state"] = db.execute("select * from speaker_state").fetchall()
    out["dirty"] = db.execute("select * from speaker_dirty").fetchall()
    db.close()
    return out


def build_once(path, articles) -> dict:
    db = open_db(str(path))
    for a, qs in articles:
        save_article(db, a, qs)
    update_corpus_index(db)
    db.close()
    return rows(path)


def build_in_steps(path, steps) -> dict:
    db = open_db(str(path))
    for step in steps:
        for a, qs in step:
            save_article(db, a, qs)
        update_corpus_index(db)
    db.close()
    return rows(path)


def speaker_of(path, name: str) -> str | None:
    db = sqlite3.connect(path)
    row = db.execute("select s.name from quotes q join speakers s on s.id = q.speaker_id"
                     " where q.speaker_name = ?", [name]).fetchall()
    db.close()
    return sorted({r[0] for r in row})


def test_articles_added_in_several_builds_equal_one_build(tmp_path):
    arts = [article(f"a{i}", ["Jane Alvarez", "Tom Reyes"] if i % 2 else ["Alvarez", ("the Pentagon", [], None)])
            for i in range(6)]
    arts += [article("b0", [("Pentagon", ["the Pentagon"], "organisation"), "Reyes"])]
    once = build_once(tmp_path / "once.db", arts)
    steps = build_in_steps(tmp_path / "steps.db", [arts[:2], arts[2:3], arts[3:6], arts[6:]])
    assert steps == once
    assert once["state"] == [(1, speaker_state.FINGERPRINT)] and once["dirty"] == []
    assert len(once["locals"]) == 14  # each article's two persons


def test_an_incremental_step_resolves_only_the_changed_articles(tmp_path):
    from quotes.run.corpus_step import kept_speaker_index
    from quotes.store.stage import CorpusStage

    path = str(tmp_path / "q.db")
    db = open_db(path)
    for i in range(4):
        save_article(db, *article(f"a{i}", ["Jane Alvarez", "Tom Reyes"]))
    update_corpus_index(db)
    new = article("c0", ["Alvarez"])
    save_article(db, *new)
    assert speaker_state.dirty_articles(db.conn) == [new[0].id]
    stage = CorpusStage(db.conn)
    _, persons, relinked = kept_speaker_index(db, stage)
    stage.abandon()
    db.conn.rollback()
    assert relinked == {new[0].id}
    assert len(persons) == 3  # Jane Alvarez, Tom Reyes, the bare Alvarez (a person of its own, joined by the unions)
    db.close()


def test_an_article_extracted_again_takes_its_old_persons_out(tmp_path):
    first = article("a0", ["Jane Alvarez", "Tom Reyes"])
    others = [article(f"a{i}", ["Jane Alvarez", "Reyes"]) for i in range(1, 4)]
    again = (first[0], [first[1][0]])  # the same article, extracted again: Tom Reyes no longer quoted
    again[1][0].speaker = "Janet Alvarez"
    path = tmp_path / "steps.db"
    db = open_db(str(path))
    for a, qs in [first, *others]:
        save_article(db, a, qs)
    update_corpus_index(db)
    assert speaker_of(str(path), "Reyes") == ["Tom Reyes"]  # the bare name joined the one full name
    save_article(db, *again)
    update_corpus_index(db)
    db.close()
    steps = rows(path)
    assert steps == build_once(tmp_path / "once.db", [again, *others])
    assert speaker_of(str(path), "Reyes") == ["Reyes"]  # no full name left for it to join
    assert speaker_of(str(path), "Janet Alvarez") == ["Janet Alvarez"]


def test_a_new_middle_name_splits_a_person_and_a_new_full_name_makes_a_bare_one_ambiguous(tmp_path):
    before = [article("a0", ["Paul D. Ryan"]), article("a1", ["Paul Ryan"]), article("a2", ["Smith"]),
              article("a3", ["John Smith"]), article("a4", ["Paul Ryan", "Smith"])]
    after = [article("b0", ["Paul X. Ryan"]), article("b1", ["Jane Smith"])]
    path = tmp_path / "steps.db"
    steps = build_in_steps(path, [before])
    assert speaker_of(str(path), "Paul Ryan") == ["Paul Ryan"] == speaker_of(str(path), "Paul D. Ryan")  # one person
    assert speaker_of(str(path), "Smith") == ["John Smith"]
    steps = build_in_steps(path, [after])
    assert steps == build_once(tmp_path / "once.db", before + after)
    assert speaker_of(str(path), "Paul Ryan") == ["Paul Ryan"]  # two middle names: the plain one joins neither
    assert speaker_of(str(path), "Paul D. Ryan") == ["Paul D. Ryan"]
    assert speaker_of(str(path), "Smith") == ["Smith"]  # two Smiths: the bare name is a speaker of its own
    # and back: the article that made it ambiguous extracted again without Jane Smith
    db = open_db(str(path))
    save_article(db, after[1][0], [])
    update_corpus_index(db)
    db.close()
    assert speaker_of(str(path), "Smith") == ["John Smith"]
    assert rows(path) == build_once(tmp_path / "again.db", before + after[:1] + [(after[1][0], [])])


def test_organisations_whose_names_key_alike_keep_the_first_ones_name(tmp_path):
    """Two organisations that share no key but end on one speaker id (their names key to
    nothing): the speaker keeps the name of the one a full build meets first (by article
    id), whatever order the builds added them in."""
    arts = sorted([article(f"o{i}", [(form, [], "organisation")]) for i, form in enumerate(["—", "The", "* *"])],
                  key=lambda a: a[0].id)
    path = tmp_path / "steps.db"
    steps = build_in_steps(path, [[arts[2]], [arts[1]], [arts[0]]])
    once = build_once(tmp_path / "once.db", arts)
    assert steps == once
    assert len(once["speakers"]) == 1  # one id for the three
    persons = json.loads(once["persons"][0][0])
    assert persons[0] == "alone"


def test_a_database_without_the_state_gets_it_made_once(tmp_path):
    """An older database: no state tables, no triggers, articles added by the older version;
    the first build makes the state with a full pass, the next ones keep it."""
    arts = [article(f"a{i}", ["Jane Alvarez", "Reyes"] if i % 2 else ["Tom Reyes"]) for i in range(5)]
    path = str(tmp_path / "old.db")
    db = open_db(path)
    for a, qs in arts[:3]:
        save_article(db, a, qs)
    update_corpus_index(db)
    db.close()
    old = sqlite_utils.Database(path)
    for (name,) in old.execute("select name from sqlite_master where type = 'trigger' and name like 'speaker_dirty%'")\
            .fetchall():
        old.execute(f'DROP TRIGGER "{name}"')
    for table in ("speaker_locals", "speaker_persons", "speaker_dirty", "speaker_state"):
        old[table].drop()
    save_article(old, *arts[3])  # as the older version wrote it: nothing marks the article
    old.close()
    db = open_db(path)
    assert not speaker_state.is_current(db.conn)
    update_corpus_index(db)
    assert speaker_state.is_current(db.conn)
    save_article(db, *arts[4])
    update_corpus_index(db)
    db.close()
    assert rows(path) == build_once(tmp_path / "once.db", arts)


def test_a_state_made_by_other_rules_is_made_again(tmp_path):
    arts = [article(f"a{i}", ["Jane Alvarez"]) for i in range(3)]
    path = str(tmp_path / "q.db")
    db = open_db(path)
    for a, qs in arts[:2]:
        save_article(db, a, qs)
    update_corpus_index(db)
    db.execute("update speaker_state set fingerprint = 'grouping 0, state 0'")
    db.execute("delete from speaker_locals")  # (a state of other rules: nothing of it is read)
    db.conn.commit()
    save_article(db, *arts[2])
    update_corpus_index(db)
    db.close()
    assert rows(path) == build_once(tmp_path / "once.db", arts)


def test_a_changed_outlet_or_speaker_field_marks_the_article(tmp_path):
    db = open_db(str(tmp_path / "q.db"))
    a, qs = article("a0", ["Jane Alvarez"])
    save_article(db, a, qs)
    update_corpus_index(db)
    assert speaker_state.dirty_articles(db.conn) == []
    db.execute("update quotes set confidence = 0.5, utterance_id = utterance_id")  # fields the index does not read
    db.execute("update articles set outlet_id = outlet_id")
    assert speaker_state.dirty_articles(db.conn) == []
    db.execute("update quotes set speaker_role = 'Mayor'")
    assert speaker_state.dirty_articles(db.conn) == [a.id]
    db.execute("delete from speaker_dirty")
    db.execute("insert into outlets values ('other', 'Other')")
    db.execute("update articles set outlet_id = 'other'")
    assert speaker_state.dirty_articles(db.conn) == [a.id]
    db.conn.commit()
    db.close()
