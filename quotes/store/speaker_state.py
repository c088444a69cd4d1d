"""The speaker index's state kept between builds, so an incremental corpus step resolves only
the articles that changed.

The speaker index (``corpus.speakers``) is a union over *persons*: the article-level persons
(one per person an article names) summed by name signature, a few thousand at a million
quotes. Summing them reads every quote; the unions over the sums are cheap. So a build keeps:

- ``speaker_locals``: each article's persons, by (article id, place: its position among the
  article's persons), with the person it was summed into and what it added (names, roles,
  forms with their counts, JSON);
- ``speaker_persons``: each person's signature (JSON), kind, sums, first (article id, place)
  and the speaker the last build gave it;
- ``speaker_dirty``: the articles whose quotes changed since (filled by triggers on the
  quotes and on an article's outlet: ``store.db.DIRTY_TRIGGERS``; whoever writes them);
- ``speaker_state``: the fingerprint of the rules the state was made by (``FINGERPRINT``).

The next step takes the dirty articles' old persons out of the sums, resolves the articles
again and adds them in, then runs the unions over every person in order of first
appearance (what a full build's order is: ``run.corpus_step.kept_speaker_index``). A
database without the state, or with one made by other rules, gets it rebuilt by a full
pass (``rebuild``), as ``--reindex`` does.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from quotes.corpus.speakers import ArticlePerson, PersonSums, local_sums
from quotes.store.freshness import GROUPING_VERSION

LAYOUT = 1  # the state's own shape; bump when it changes (the state is then rebuilt once)
FINGERPRINT = f"grouping {GROUPING_VERSION}, state {LAYOUT}"
BATCH = 20_000


def is_current(conn) -> bool:
    """Was the kept state made by these rules (and written at all)?"""
    row = conn.execute("SELECT fingerprint FROM speaker_state WHERE id = 1").fetchone()
    return row is not None and row[0] == FINGERPRINT


_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)  # (``json.dumps`` with options makes one per call)


def _json(counts: dict[str, int]) -> str:
    return _ENCODER.encode(counts)


class KeptPerson:
    """One person of the state: its signature (JSON), sums, first (article id, place) and
    the speaker the last build gave it."""

    __slots__ = ("signature", "person", "first", "speaker_id")

    def __init__(self, signature: str, person: PersonSums, first: tuple[str, int] | None, speaker_id: str | None):
        self.signature, self.person, self.first, self.speaker_id = signature, person, first, speaker_id


def signature_text(signature: tuple) -> str:
    return json.dumps(signature, ensure_ascii=False)


class Rebuild:
    """A full pass's writer: every article's persons as they come (``local``, in the order
    a build meets them), with the sums the build makes of each person; then the persons
    with their speakers (``finish``). The old state is dropped first."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.rows: list[tuple] = []
        self.persons: dict[int, KeptPerson] = {}
        conn.execute("DELETE FROM speaker_locals")
        conn.execute("DELETE FROM speaker_persons")
        conn.execute("DELETE FROM speaker_state")

    def local(self, person: int, signature: tuple, place: int, loc: ArticlePerson, sums: PersonSums) -> None:
        if person not in self.persons:  # (the build's sums: complete once it is done, not summed twice)
            self.persons[person] = KeptPerson(signature_text(signature), sums, (loc.article_id, place), None)
        self.rows.append(local_row(loc.article_id, place, person, loc))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        insert_locals(self.conn, self.rows)
        self.rows = []

    def finish(self, person_speaker: list[str]) -> None:
        """The persons (by the serials ``local`` got) with their speakers, then the
        fingerprint: the dirty articles are all in the state now."""
        self.flush()
        for serial, kept in self.persons.items():
            kept.speaker_id = person_speaker[serial]
        save_persons(self.conn, self.persons, ())
        mark_current(self.conn)


def local_row(article_id: str, place: int, person: int, loc: ArticlePerson) -> tuple:
    names, roles, forms = local_sums(loc)
    return (article_id, place, person, _json(names), _json(roles), _json(forms))


def insert_locals(conn, rows: list[tuple]) -> None:
    conn.executemany("INSERT INTO speaker_locals (article_id, place, person, names, roles, forms)"
                     " VALUES (?, ?, ?, ?, ?, ?)", rows)


def mark_current(conn) -> None:
    conn.execute("DELETE FROM speaker_dirty")
    conn.execute("INSERT OR REPLACE INTO speaker_state (id, fingerprint) VALUES (1, ?)", (FINGERPRINT,))


def load_persons(conn) -> dict[int, KeptPerson]:
    """Every kept person by its id, with its sums."""
    out = {}
    for pid, sig, kind, n, names, roles, forms, article, place, speaker in conn.execute(
            "SELECT id, signature, kind, n_locals, names, roles, forms, first_article, first_place, speaker_id"
            " FROM speaker_persons"):
        person = PersonSums(kind, n)
        person.names.update(json.loads(names))
        person.roles.update(json.loads(roles))
        person.forms.update(json.loads(forms))
        out[pid] = KeptPerson(sig, person, (article, place), speaker)
    return out


def save_persons(conn, persons: dict[int, KeptPerson], removed: Iterable[int]) -> None:
    """Write ``persons`` (new or changed) and delete the ``removed`` ones."""
    conn.executemany("DELETE FROM speaker_persons WHERE id = ?", [(p,) for p in sorted(removed)])
    conn.executemany(
        "INSERT OR REPLACE INTO speaker_persons (id, signature, kind, n_locals, names, roles, forms, first_article,"
        " first_place, speaker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(pid, k.signature, k.person.kind, k.person.n_locals, _json(k.person.names), _json(k.person.roles),
          _json(k.person.forms), k.first[0], k.first[1], k.speaker_id) for pid, k in sorted(persons.items())])


def dirty_articles(conn) -> list[str]:
    return [a for (a,) in conn.execute("SELECT article_id FROM speaker_dirty ORDER BY article_id")]


def _chunks(items: list, size: int = 500):
    for k in range(0, len(items), size):
        yield items[k:k + size]


def take_locals(conn, articles: list[str]) -> list[tuple[str, int, int, dict, dict, dict]]:
    """The kept persons of ``articles`` (article id, place, person, names, roles, forms),
    deleted from the state."""
    out = []
    for chunk in _chunks(articles):
        marks = ", ".join("?" * len(chunk))
        out += [(a, p, person, json.loads(n), json.loads(r), json.loads(f)) for a, p, person, n, r, f in conn.execute(
            f"SELECT article_id, place, person, names, roles, forms FROM speaker_locals WHERE article_id IN ({marks})",
            chunk)]
        conn.execute(f"DELETE FROM speaker_locals WHERE article_id IN ({marks})", chunk)
    return out


def first_place(conn, person: int) -> tuple[str, int] | None:
    """A person's first (article id, place) in the state; None when no article has it."""
    row = conn.execute("SELECT article_id, place FROM speaker_locals WHERE person = ?"
                       " ORDER BY article_id, place LIMIT 1", (person,)).fetchone()
    return (row[0], row[1]) if row else None


def articles_of(conn, persons: Iterable[int]) -> set[str]:
    """The articles that gave any of ``persons``."""
    out: set[str] = set()
    for chunk in _chunks(sorted(persons)):
        out.update(a for (a,) in conn.execute(
            f"SELECT DISTINCT article_id FROM speaker_locals WHERE person IN ({', '.join('?' * len(chunk))})", chunk))
    return out
