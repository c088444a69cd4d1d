"""Test data for the site: cross-outlet utterances, `variants` and `speaker_aliases` rows.

A database built from seeds/ now holds the variants stage's real output (issue 4): then
`add_variants(path)` changes nothing and returns Austin's real utterance, and
`AUSTIN_UTTERANCE` is its id (the hash of its reference quote, Bloomberg's “If their
intention …” quote). `drop_corpus_tables(path)` gives a database as older builds made it
(no `variants`, no `speaker_aliases`). For a database without them, `add_variants(path)`
still rewrites a copy the way that stage does:
Lloyd Austin's “very, very serious issue/problem” quotes from all five outlets become one
utterance, every quote gets a `variants` row (relation spelled like the issue-4 module:
reference, identical, punctuation, truncation, substitution, omission, bracketed,
paraphrase; diff as `[[op, words], ...]` against the reference), and `speaker_aliases`
records each name form per article and outlet.
"""
from __future__ import annotations

import json
import sqlite3

from quotes.corpus.worddiff import word_diff
from quotes.site.sqlfunctions import quotes_relation, quotes_similarity

def _austin_utterance_id() -> str:
    from pathlib import Path

    from quotes.model import text_hash

    text = (Path(__file__).resolve().parents[1] / "seeds" / "000_5e82b664032029c8.txt").read_text(encoding="utf-8")
    start = text.index("If their intention is to participate")
    end = text.index("not only in Europe,", start) + len("not only in Europe,")
    quote_id = text_hash(f"{text_hash(text)}:{start}:{end}")
    return text_hash("utterance:" + quote_id)


AUSTIN_UTTERANCE = _austin_utterance_id()


def drop_corpus_tables(path) -> None:
    """Make the database at `path` look like an older build: no variants, no speaker_aliases."""
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("drop table if exists variants")
        conn.execute("drop table if exists speaker_aliases")
    conn.close()

def _contains(a: str, b: str) -> bool:
    from quotes.site.sqlfunctions import quotes_words

    return quotes_words(b) in quotes_words(a)


def add_variants(path) -> dict:
    """Rewrite the database at `path`; returns {"utterance_id", "reference_quote_id", "quote_ids"}."""
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    real = conn.execute("select 1 from sqlite_master where name = 'variants'").fetchone() and \
        conn.execute("select count(*) from variants").fetchone()[0]
    if real:  # the variants stage ran: keep its rows
        u = conn.execute("select * from utterances where id = ?", [AUSTIN_UTTERANCE]).fetchone()
        ids = [r[0] for r in conn.execute("select id from quotes where utterance_id = ?", [AUSTIN_UTTERANCE])]
        conn.close()
        return {"utterance_id": AUSTIN_UTTERANCE, "reference_quote_id": u["reference_quote_id"], "quote_ids": ids}
    with conn:
        conn.execute("""create table if not exists variants (
            quote_id text primary key references quotes(id), utterance_id text references utterances(id),
            reference_quote_id text references quotes(id), relation text, similarity float, diff text)""")
        conn.execute("""create table if not exists speaker_aliases (
            speaker_id text references speakers(id), alias text, article_id text references articles(id),
            outlet_id text references outlets(id), count integer,
            primary key (speaker_id, alias, article_id))""")
        austin = conn.execute("select id from speakers where name = 'Lloyd Austin'").fetchone()["id"]
        members = conn.execute(
            "select q.id, q.text, q.utterance_id, q.article_id, a.outlet_id from quotes q join articles a on a.id = q.article_id "
            "where q.speaker_id = ? and (q.text like '%serious issue%' or q.text like '%serious problem%' "
            "or q.text = 'very, very serious')", [austin]).fetchall()
        # the reference contains the most other members, then is the longest
        reference = max(members, key=lambda m: (sum(_contains(m["text"], o["text"]) for o in members), len(m["text"])))
        old = {m["utterance_id"] for m in members}
        conn.execute(f"delete from utterances where id in ({','.join('?' * len(old))})", list(old))
        conn.execute(
            "insert into utterances (id, speaker_id, text, reference_quote_id, n_quotes, n_articles, n_outlets) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [AUSTIN_UTTERANCE, austin, reference["text"], reference["id"], len(members),
             len({m["article_id"] for m in members}), len({m["outlet_id"] for m in members})])
        conn.executemany("update quotes set utterance_id = ? where id = ?",
                         [(AUSTIN_UTTERANCE, m["id"]) for m in members])
        references = {r["id"]: r for r in conn.execute("select id, reference_quote_id from utterances")}
        for q in conn.execute("select id, text, utterance_id from quotes").fetchall():
            ref_id = references[q["utterance_id"]]["reference_quote_id"]
            ref_text = conn.execute("select text from quotes where id = ?", [ref_id]).fetchone()["text"]
            if q["id"] == ref_id:
                relation, similarity = "reference", 1.0
            else:
                relation = quotes_relation(ref_text, q["text"])
                similarity = quotes_similarity(ref_text, q["text"])
            conn.execute("insert or replace into variants values (?, ?, ?, ?, ?, ?)",
                         [q["id"], q["utterance_id"], ref_id, relation, similarity,
                          json.dumps([list(op) for op in word_diff(ref_text, q["text"])], ensure_ascii=False)])
        rows = conn.execute(
            "select q.speaker_id, q.speaker_name, q.speaker_mention, q.article_id, a.outlet_id from quotes q "
            "join articles a on a.id = q.article_id where q.speaker_id is not null").fetchall()
        counts: dict[tuple, int] = {}
        for r in rows:
            for alias in {r["speaker_name"], r["speaker_mention"]} - {None}:
                key = (r["speaker_id"], alias, r["article_id"], r["outlet_id"])
                counts[key] = counts.get(key, 0) + 1
        conn.executemany("insert or replace into speaker_aliases values (?, ?, ?, ?, ?)",
                         [(*k, n) for k, n in counts.items()])
    conn.close()
    return {"utterance_id": AUSTIN_UTTERANCE, "reference_quote_id": reference["id"],
            "quote_ids": [m["id"] for m in members]}
