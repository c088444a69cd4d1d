"""Data for the primary-source panels: what was said, and each printed version against it.

``utterance_source`` (utterance page): the passage of the source that an utterance reports,
shown first as the reference ("What was said", with a link to the source), and every
outlet's version compared with it. ``quote_source`` (quote page): "verbatim in the
transcript", or the differences. Words said in several places of the source (``places``) are
shown at the first and say so ("said 3 times in this source"); words found in the
transcript of another speaker than the one the article credits say whose words they are. ``source_page`` (a source's row page): the occasion and the
quotes found in it. A database built before sources existed has none of these tables: the
functions then return None and the pages look as they did.
"""
from __future__ import annotations

from quotes.corpus.relations import SOURCE_RELATION_TEXT as RELATION_TEXT
from quotes.corpus.sources import ARTICLE_SPEAKER

from .pages import all_rows, chart_url, first, urls_path
from .render import parse_diff, relation_class, render_diff, safe_url

SOURCE_TABLES = {"sources", "source_quotes", "source_utterances"}

STATE_TEXT = {
    "confirmed": "Found in a transcript",
    "not found": "Not found in the speaker's sources of those days",
    "no source": "No source available for the speaker on those days",
}


def has_sources(tables: set[str]) -> bool:
    return SOURCE_TABLES <= tables


def _source_links(urls, database: str, row: dict) -> dict:
    return {"source": urls.row(database, "sources", urls_path(row["source_id"])) if row.get("source_id") else None}


def _version(row: dict, urls, database: str) -> dict:
    ops = parse_diff(row.get("diff")) or []
    row["diff_html"] = render_diff(ops)
    row["relation_class"] = relation_class(row.get("relation"))
    row["meaning"] = RELATION_TEXT.get(row.get("relation"), row.get("relation"))
    row["quote_url"] = urls.row(database, "quotes", urls_path(row["quote_id"]))
    row["article_url"] = urls.row(database, "articles", urls_path(row["article_id"])) if row.get("article_id") else None
    return row


async def utterance_source(datasette, database: str, utterance_id: str, tables: set[str]) -> dict | None:
    if not has_sources(tables):
        return None
    db = datasette.get_database(database)
    check = await first(db, """
        select su.*, s.title, s.date, s.url, s.speaker, s.kind, s.doc_id
        from source_utterances su left join sources s on s.id = su.source_id
        where su.utterance_id = :id""", {"id": utterance_id})
    if not check:
        return None
    check["url"] = safe_url(check.get("url"))
    urls = datasette.urls
    versions = await all_rows(db, """
        select sq.quote_id, sq.relation, sq.similarity, sq.bracketed, sq.diff, sq.how, sq.source_id, sq.places,
               q.text, a.id as article_id, a.title as article_title, a.published, o.name as outlet
        from source_quotes sq join quotes q on q.id = sq.quote_id
        join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        where sq.utterance_id = :id
        order by sq.rank, o.name, a.published""", {"id": utterance_id})
    missing = await all_rows(db, """
        select q.id as quote_id, q.text, o.name as outlet from quotes q
        join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        where q.utterance_id = :id and q.id not in (select quote_id from source_quotes where utterance_id = :id)
        order by o.name""", {"id": utterance_id})
    for m in missing:
        m["quote_url"] = urls.row(database, "quotes", urls_path(m["quote_id"]))
    return {
        "check": check,
        "state_text": STATE_TEXT.get(check["state"], check["state"]),
        "links": _source_links(urls, database, check),
        "versions": [_version(v, urls, database) for v in versions],
        "missing": missing,
        "relation_text": RELATION_TEXT,
    }


async def quote_source(datasette, database: str, quote_id: str, tables: set[str]) -> dict | None:
    if not has_sources(tables):
        return None
    db = datasette.get_database(database)
    urls = datasette.urls
    row = await first(db, """
        select sq.*, s.title, s.date, s.url, q.text, q.article_id, q.speaker_name,
               coalesce(t.speaker, s.speaker) as source_speaker
        from source_quotes sq
        join sources s on s.id = sq.source_id join quotes q on q.id = sq.quote_id
        left join source_turns t on t.source_id = sq.source_id and t.turn = sq.turn
        where sq.quote_id = :id""", {"id": quote_id})
    if row:
        row["url"] = safe_url(row.get("url"))
        version = _version(row, urls, database)
        # found in the words of another speaker than the one the article credits (or of
        # someone when it credits nobody): the reader is told whose words they are
        other = row["how"] == ARTICLE_SPEAKER
        return {"found": True, "version": version, "links": _source_links(urls, database, row),
                "verbatim": row["relation"] == "verbatim",
                "other_speaker": other and row.get("source_speaker"), "credited": row.get("speaker_name")}
    state = await first(db, """
        select su.state, su.n_sources from quotes q join source_utterances su on su.utterance_id = q.utterance_id
        where q.id = :id""", {"id": quote_id})
    if not state:
        return None
    return {"found": False, "state": state["state"], "state_text": STATE_TEXT.get(state["state"], state["state"]),
            "n_sources": state["n_sources"]}


async def source_page(datasette, database: str, source_id: str) -> dict | None:
    db = datasette.get_database(database)
    tables = set(await db.table_names())
    if not has_sources(tables):
        return None
    source = await first(db, "select id, doc_id, title, speaker, date, url, kind, n_turns, n_words from sources"
                             " where id = :id", {"id": source_id})
    if not source:
        return None
    source["url"] = safe_url(source.get("url"))
    urls = datasette.urls
    quotes = await all_rows(db, """
        select sq.quote_id, sq.relation, sq.similarity, sq.diff, sq.start, q.text, q.article_id,
               a.published, o.name as outlet
        from source_quotes sq join quotes q on q.id = sq.quote_id join articles a on a.id = q.article_id
        left join outlets o on o.id = a.outlet_id
        where sq.source_id = :id order by sq.start, o.name""", {"id": source_id})
    speakers = await all_rows(db, """
        select coalesce(label, speaker) as label, speaker, speaker_ids, count(*) as turns from source_turns
        where source_id = :id group by 1, 2, 3 order by turns desc""", {"id": source_id})
    return {
        "kind": "source",
        "heading": f"{source['title'] or source['doc_id']}" + (f", {source['date']}" if source.get("date") else ""),
        "source": source,
        "quotes": [_version(q, urls, database) for q in quotes],
        "speakers": speakers,
        "relation_text": RELATION_TEXT,
        "chart_url": chart_url(datasette, database, "outlets_against_sources", source_id) if quotes else None,
    }
