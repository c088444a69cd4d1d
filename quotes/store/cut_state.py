"""What the cut into units keeps between builds, so an incremental corpus step looks up only
the quotes that need it instead of reading every named quote's text.

The cut (``corpus.families``, ``corpus.unsure``) decides where each speakerless and unsure
quote goes from one thing about the named quotes: which families' quotes hold each of their
word 4-grams, how many quotes of a family hold it (up to 2) and whether a sure one does.
That is a function of the set of named quotes that only grows as quotes are added, so it is
kept, in SQLite:

- ``cut_grams``: (gram, family, n, sure) for every 4-gram of the named quotes
  (``families.quote_grams``, as a 64-bit hash: ``families.gram_hash``) and every family
  holding it: how many of the family's quotes hold it (capped at 2) and whether a sure one
  does. A gram held by the sure quotes of two families or more is one row of family -1
  (``families.MANY``): no decision needs more of it (a speakerless component with it is free,
  an unsure quote passes over it: ``corpus.unsure.UnsureLinks.is_stock``), so a stock phrase
  is one row whatever holds it.
  WITHOUT ROWID, keyed by (gram, family);
- ``cut_families``: the families' ids; ``cut_speakers``: each speaker's family when the
  table was made (a speaker whose family changed moves its quotes: not an addition);
- ``cut_added``: the quotes inserted since (a trigger, ``ADDED_TRIGGERS``, while the state is
  current);
- ``cut_settled``: the unsure quotes whose decision no addition can change (every 4-gram of
  theirs is stock, so they stay home: ``corpus.unsure.UnsureLinks.settled``); an incremental
  step looks up only the others;
- ``cut_state``: the fingerprint of the rules it was made by. A trigger deletes it when a
  quote is deleted or its text or method changes (an article extracted again): the next step
  then makes the table anew with a pass over the named quotes, as a full step does.

An incremental step (``run.corpus_step.cut_units``) checks that the change is additions only
(``changes_are_additions``: no old quote changed family), adds the new named quotes' grams
(``add``), and reads the holders of the speakerless and the unsettled unsure quotes' grams
(``holders``), then records the unsure quotes now settled (``settle``).
Built from the same rows either way, the table is the same whatever order the quotes came
in: the counts are capped sums and the saturation a function of the set; so is the settled
set (a quote settled once stays settled as quotes are added; one not settled is looked up
again in every step).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby

from quotes.corpus.families import MANY, gram_hashes, quote_grams
from quotes.store.freshness import GROUPING_VERSION

LAYOUT = 3  # the state's own shape and meaning; bump when it changes (the state is then made anew once)
# (3, stop 31: a settled unsure quote is one whose grams are all stock; 2's settled rows held others)
FINGERPRINT = f"grouping {GROUPING_VERSION}, cut {LAYOUT}"
BATCH = 250_000  # (gram, family) counts held before they are written (``_occurrences``; about 40 MB)
SATURATED = -1  # ``cut_grams.family`` of a gram held by the sure quotes of two families or more

TABLES = [
    "CREATE TABLE IF NOT EXISTS cut_grams (gram INTEGER NOT NULL, family INTEGER NOT NULL, n INTEGER NOT NULL,"
    " sure INTEGER NOT NULL, PRIMARY KEY (gram, family)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cut_families (id INTEGER PRIMARY KEY, family TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS cut_speakers (speaker_id TEXT PRIMARY KEY, family INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cut_added (id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cut_settled (id TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS cut_state (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL)",
]
ADDED_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS cut_added_insert AFTER INSERT ON quotes WHEN EXISTS (SELECT 1 FROM cut_state)"
    " BEGIN INSERT OR IGNORE INTO cut_added (id) VALUES (new.id); END",
    "CREATE TRIGGER IF NOT EXISTS cut_changed_delete AFTER DELETE ON quotes WHEN EXISTS (SELECT 1 FROM cut_state)"
    " BEGIN DELETE FROM cut_state; END",
    "CREATE TRIGGER IF NOT EXISTS cut_changed_update AFTER UPDATE OF id, text, method ON quotes"
    " WHEN old.id IS NOT new.id OR old.text IS NOT new.text OR old.method IS NOT new.method"
    " BEGIN DELETE FROM cut_state; END",
]
# the named quotes' (4-gram, family) counts, each capped at 2, and whether a sure quote holds it: summed
# over up to ``BATCH`` pairs at a time in Python (one row per pair and batch, not per quote and gram)
_OCCURRENCES = "CREATE TEMP TABLE IF NOT EXISTS cut_occurrence (gram INTEGER, family INTEGER, n INTEGER, sure INTEGER)"


def create(conn) -> None:
    """The tables and triggers (``store.db.ensure_db_shape``)."""
    for sql in TABLES + ADDED_TRIGGERS:
        conn.execute(sql)


def is_current(conn) -> bool:
    """Was the kept table made by these rules, and has no quote been deleted or changed since?"""
    row = conn.execute("SELECT fingerprint FROM cut_state WHERE id = 1").fetchone()
    return row is not None and row[0] == FINGERPRINT


def family_ids(conn, families: Iterable[str]) -> dict[str, int]:
    """family -> id, for the kept families and ``families`` (new ones get new ids)."""
    known = dict((f, i) for i, f in conn.execute("SELECT id, family FROM cut_families"))
    new = sorted(set(families) - set(known))
    start = max(known.values(), default=0) + 1
    conn.executemany("INSERT INTO cut_families (id, family) VALUES (?, ?)",
                     [(start + k, f) for k, f in enumerate(new)])
    known.update((f, start + k) for k, f in enumerate(new))
    return known


def changes_are_additions(conn, family: dict[str, str]) -> bool:
    """Whether the quotes changed since the table was made are additions only: no old quote
    changed family. ``family``: speaker id -> family of this step. A speaker's old quotes
    keep their speaker unless their article was resolved again (``temp.stage_article``): so
    a kept speaker whose family changed, or an old quote of those articles whose family
    (none: speakerless) is not the one its stored speaker had, is a change."""
    kept = dict(conn.execute("SELECT s.speaker_id, f.family FROM cut_speakers s"
                             " JOIN cut_families f ON f.id = s.family"))
    if any(sid in family and family[sid] != fam for sid, fam in kept.items()):
        return False
    for old, new in conn.execute(
            "SELECT q.speaker_id, s.unit FROM temp.stage_article a CROSS JOIN quotes q ON q.article_id = a.id"
            " CROSS JOIN temp.stage_quote s ON s.id = q.id WHERE q.id NOT IN (SELECT id FROM cut_added)"):
        if old is None:
            if new is not None:  # (a speakerless quote that got a speaker)
                return False
        elif old not in kept or kept[old] != new:
            return False
    return True


def rebuild(conn, named: Iterable[tuple[str, str, str, bool]], family: dict[str, str]) -> None:
    """The table made anew from every named quote (``named``: (quote id, family, text,
    unsure), as ``store.stage.CorpusStage.named_texts`` gives them), in the caller's
    transaction; then marked current for the speakers' families ``family``."""
    for table in ("cut_grams", "cut_families", "cut_speakers", "cut_added", "cut_settled", "cut_state"):
        conn.execute(f"DELETE FROM {table}")
    _count(conn, named, family,
           "INSERT INTO cut_grams (gram, family, n, sure) SELECT gram, family, min(2, sum(n)), max(sure)"
           " FROM temp.cut_occurrence GROUP BY gram, family ORDER BY gram, family",
           "SELECT gram FROM cut_grams WHERE sure = 1 GROUP BY gram HAVING count(*) >= 2")


def add(conn, named: Iterable[tuple[str, str, str, bool]], family: dict[str, str]) -> None:
    """The named quotes ``named`` added to the current table (their grams counted, grams
    held by the sure quotes of a second family saturated), then marked current."""
    _count(conn, named, family,
           "INSERT INTO cut_grams (gram, family, n, sure) SELECT o.gram, o.family, min(2, sum(o.n)), max(o.sure)"
           " FROM temp.cut_occurrence o WHERE NOT EXISTS (SELECT 1 FROM cut_grams g WHERE g.gram = o.gram"
           f" AND g.family = {SATURATED}) GROUP BY o.gram, o.family"
           " ON CONFLICT (gram, family) DO UPDATE SET n = min(2, n + excluded.n), sure = max(sure, excluded.sure)",
           "SELECT gram FROM cut_grams WHERE gram IN (SELECT gram FROM temp.cut_occurrence) AND sure = 1"
           f" AND family != {SATURATED} GROUP BY gram HAVING count(*) >= 2")


def settle(conn, ids: Iterable[str]) -> None:
    """Record the unsure quotes ``ids`` as settled (``corpus.unsure.UnsureLinks.settled``):
    later incremental steps do not look them up (``store.stage.CorpusStage.unsure_texts``)."""
    conn.executemany("INSERT OR IGNORE INTO cut_settled (id) VALUES (?)", [(q,) for q in sorted(ids)])


def _count(conn, named: Iterable[tuple[str, str, str, bool]], family: dict[str, str], count_sql: str,
           many_sql: str) -> None:
    """The grams of the named quotes ``named`` (``temp.cut_occurrence``) counted into the
    table by ``count_sql``, the grams ``many_sql`` selects saturated (``_saturate``), then the
    state marked current for the speakers' families ``family``."""
    ids = family_ids(conn, family.values())
    _occurrences(conn, named, ids)
    conn.execute(count_sql)
    _saturate(conn, many_sql)
    conn.execute("DROP TABLE temp.cut_occurrence")
    conn.execute("DELETE FROM cut_speakers")
    conn.executemany("INSERT INTO cut_speakers (speaker_id, family) VALUES (?, ?)",
                     sorted((sid, ids[f]) for sid, f in family.items()))
    conn.execute("DELETE FROM cut_added")
    conn.execute("INSERT OR REPLACE INTO cut_state (id, fingerprint) VALUES (1, ?)", (FINGERPRINT,))


def _occurrences(conn, named: Iterable[tuple[str, str, str, bool]], ids: dict[str, int]) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.cut_occurrence")
    conn.execute(_OCCURRENCES)
    counts: dict[tuple[int, int], int] = {}  # (gram, family) -> 2 * min(2, quotes) + sure
    get = counts.get
    for _, fam, text, unsure in named:
        fid, sure = ids[fam], 0 if unsure else 1
        for h in gram_hashes(quote_grams(text)):
            key = (h, fid)
            v = get(key, 0)
            counts[key] = (4 if v >= 2 else 2) | (v & 1) | sure
        if len(counts) >= BATCH:
            _write_occurrences(conn, counts)
            counts = {}
            get = counts.get
    _write_occurrences(conn, counts)


def _write_occurrences(conn, counts: dict[tuple[int, int], int]) -> None:
    conn.executemany("INSERT INTO temp.cut_occurrence VALUES (?, ?, ?, ?)",
                     [(h, fid, v >> 1, v & 1) for (h, fid), v in counts.items()])


def _saturate(conn, grams_sql: str) -> None:
    """The grams ``grams_sql`` selects made one row of family ``SATURATED``."""
    conn.execute("DROP TABLE IF EXISTS temp.cut_many")
    conn.execute(f"CREATE TEMP TABLE cut_many AS {grams_sql}")
    conn.execute("DELETE FROM cut_grams WHERE gram IN (SELECT gram FROM temp.cut_many)")
    conn.execute(f"INSERT INTO cut_grams (gram, family, n, sure) SELECT gram, {SATURATED}, 2, 1 FROM temp.cut_many"
                 " ORDER BY gram")
    conn.execute("DROP TABLE temp.cut_many")


def holders(conn, grams: Iterable[str]) -> Iterator[tuple[str, list[tuple[str | None, int, bool]]]]:
    """(gram, its (family or ``families.MANY``, n, sure) rows) of the ``grams`` any named
    quote holds (``families.cut_of_holders``), streamed: read by one join of the grams asked
    for with the table."""
    by_hash: dict[int, list[str]] = defaultdict(list)  # (two grams asked for with one hash: both get its rows)
    grams = list(grams)
    for gram, h in zip(grams, gram_hashes(grams)):
        by_hash[h].append(gram)
    names = {i: f for i, f in conn.execute("SELECT id, family FROM cut_families")}
    conn.execute("DROP TABLE IF EXISTS temp.cut_ask")
    conn.execute("CREATE TEMP TABLE cut_ask (gram INTEGER PRIMARY KEY)")
    conn.executemany("INSERT INTO temp.cut_ask VALUES (?)", [(h,) for h in sorted(by_hash)])
    found = conn.execute("SELECT g.gram, g.family, g.n, g.sure FROM temp.cut_ask a"
                         " CROSS JOIN cut_grams g ON g.gram = a.gram ORDER BY a.gram")
    for h, group in groupby(found, key=lambda r: r[0]):
        rows = [(MANY if fid == SATURATED else names[fid], n, bool(sure)) for _, fid, n, sure in group]
        for gram in by_hash[h]:
            yield gram, rows
    conn.execute("DROP TABLE temp.cut_ask")
