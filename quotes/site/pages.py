"""Data for the site's own pages: the utterance, quote-in-context, speaker and home panels.

Each `*_page` function reads one database through Datasette (`db.execute`) and returns a
plain dict for the templates, with every piece of article text already escaped or wrapped
by `render`. Tables that a database may lack (`variants`, `speaker_aliases`) are checked
first, so an older database still gets a page, never a 500.
"""
from __future__ import annotations

from quotes.corpus.worddiff import word_diff

from .render import (
    article_html,
    context_html,
    distinct_roles,
    first_line,
    safe_url,
    shorten,
    paragraph_bounds,
    previous_paragraph,
    diff_counts,
    json_list,
    parse_diff,
    relation_class,
    render_diff,
)
from .sqlfunctions import quotes_relation, quotes_similarity


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def utterance_heading(speaker: str | None, text: str | None, n_outlets: int | None) -> str:
    """`Lloyd Austin: “If their intention is…” — 5 outlets`."""
    return f"{speaker or 'Unknown speaker'}: “{shorten(text)}” — {plural(n_outlets or 0, 'outlet')}"


def quote_heading(speaker: str | None, outlet: str | None, published: str | None, text: str | None) -> str:
    """`Lloyd Austin in Fox News, 2024-10-23: “If they are…”`."""
    when = f", {published[:10]}" if published else ""
    return f"{speaker or 'Unattributed'} in {outlet or 'an unknown outlet'}{when}: “{shorten(text)}”"


def article_heading(title: str | None, text: str | None, doc_id: str | None = None) -> str:
    """The article's title, else its first line, else its file name."""
    return title or first_line(text) or doc_id or "Article"

REQUIRED_TABLES = {"quotes", "articles", "utterances", "speakers"}


async def table_names(db) -> set[str]:
    return set(await db.table_names())


def is_quotes_db(tables: set[str]) -> bool:
    return REQUIRED_TABLES <= tables


async def first(db, sql: str, params) -> dict | None:
    rows = (await db.execute(sql, params)).rows
    return dict(rows[0]) if rows else None


async def all_rows(db, sql: str, params) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, params)).rows]


def _links(urls, database: str, row: dict) -> dict:
    """Datasette row links for the ids a row carries."""
    links = {}
    for key, table in (("quote_id", "quotes"), ("article_id", "articles"), ("speaker_id", "speakers"),
                       ("utterance_id", "utterances"), ("outlet_id", "outlets")):
        if row.get(key):
            links[table] = urls.row(database, table, urls_path(row[key]))
    return links


def urls_path(value) -> str:
    from datasette.utils import tilde_encode

    return tilde_encode(str(value))


VERSION_SQL = """
select q.id as quote_id, q.text, q.start, q."end", q.kind, q.method, q.confidence,
       q.speaker_mention, q.speaker_name, q.speaker_id, qs.name as quote_speaker{said_columns},
       a.id as article_id, a.title, a.published, a.url, a.doc_id, substr(a.text, 1, 300) as lede,
       o.id as outlet_id, o.name as outlet{variant_columns}
from quotes q
join articles a on a.id = q.article_id
left join outlets o on o.id = a.outlet_id
left join speakers qs on qs.id = q.speaker_id{variant_join}
where q.utterance_id = :id
order by o.name, a.published, q.start
"""


async def utterance_versions(db, utterance_id: str, reference_quote_id: str | None, tables: set[str]) -> list[dict]:
    """Every quote of an utterance with its relation to the reference and a word diff.

    Stored variants are used when the database has them; otherwise the relation and the
    diff are computed here against the reference quote."""
    with_variants = "variants" in tables
    # when each version was said (quotes.extract.dating); databases of older versions lack it
    columns = set(await db.table_columns("quotes"))
    sql = VERSION_SQL.format(
        said_columns=", q.said_when, q.said_from, q.said_to" if "said_when" in columns else "",
        variant_columns=", v.relation, v.similarity, v.diff, v.reference_quote_id as compared_with" if with_variants else "",
        variant_join=" left join variants v on v.quote_id = q.id" if with_variants else "",
    )
    rows = await all_rows(db, sql, {"id": utterance_id})
    texts = {r["quote_id"]: r["text"] for r in rows}
    reference_text = texts.get(reference_quote_id) or (rows[0]["text"] if rows else "")
    for r in rows:
        r["article_heading"] = article_heading(r.get("title"), r.pop("lede", None), r.get("doc_id"))
        r["is_reference"] = r["quote_id"] == reference_quote_id
        ops = parse_diff(r.get("diff"))
        if ops is None:
            base = texts.get(r.get("compared_with")) or reference_text
            ops = word_diff(base, r["text"])
            r["diff_source"] = "computed"
        else:
            r["diff_source"] = "stored"
        if not r.get("relation"):
            r["relation"] = "reference" if r["is_reference"] else (quotes_relation(reference_text, r["text"]) or "too long to compare")
            r["relation_source"] = "computed"
        if r.get("similarity") is None:
            r["similarity"] = 1.0 if r["is_reference"] else quotes_similarity(reference_text, r["text"])
        r["diff_html"] = render_diff(ops)
        r["counts"] = diff_counts(ops)
        r["relation_class"] = relation_class(r["relation"])
    rows.sort(key=lambda r: (not r["is_reference"], r["outlet"] or "~", r["published"] or "", r["start"] or 0))
    return rows


def credited_elsewhere(version: dict, utterance_speaker: str | None) -> str | None:
    """The speaker this version's outlet credits when it is another than the utterance's
    (a quote the cut grouped across speaker families, ``corpus.unsure``: its own speaker is
    kept), else None."""
    sid = version.get("speaker_id")
    if not sid or sid == utterance_speaker:
        return None
    return version.get("quote_speaker") or version.get("speaker_name")


async def utterance_page(datasette, database: str, utterance_id: str) -> dict | None:
    db = datasette.get_database(database)
    tables = await table_names(db)
    if not is_quotes_db(tables):
        return None
    u = await first(db, """
        select u.*, s.name as speaker, s.kind as speaker_kind, s.roles as speaker_roles
        from utterances u left join speakers s on s.id = u.speaker_id where u.id = :id
    """, {"id": utterance_id})
    if not u:
        return None
    urls = datasette.urls
    versions = await utterance_versions(db, utterance_id, u.get("reference_quote_id"), tables)
    for v in versions:
        v["links"] = _links(urls, database, v)
        v["url"] = safe_url(v.get("url"))
        v["credited"] = credited_elsewhere(v, u.get("speaker_id"))
    outlets = sorted({v["outlet"] or "Unknown outlet" for v in versions})
    dates = sorted({v["published"] for v in versions if v["published"]})
    return {
        "kind": "utterance",
        "heading": utterance_heading(u.get("speaker"), u.get("text"), len(outlets)),
        "chart_url": chart_url(datasette, database, "utterance_versions", utterance_id),
        "utterance": u,
        "speaker_url": urls.row(database, "speakers", urls_path(u["speaker_id"])) if u.get("speaker_id") else None,
        "roles": distinct_roles(json_list(u.get("speaker_roles"))),
        "versions": versions,
        "outlets": outlets,
        "dates": dates,
        "relations": sorted({v["relation"] for v in versions if not v["is_reference"]}),
        "has_variants": "variants" in tables,
    }


async def quote_page(datasette, database: str, quote_id: str) -> dict | None:
    db = datasette.get_database(database)
    tables = await table_names(db)
    if not is_quotes_db(tables):
        return None
    q = await first(db, """
        select q.*, a.text as article_text, a.title, a.doc_id, a.published, a.url, a.byline,
               o.id as outlet_id, o.name as outlet, s.name as speaker,
               u.text as utterance_text, u.n_outlets, u.n_quotes, u.reference_quote_id
        from quotes q
        join articles a on a.id = q.article_id
        left join outlets o on o.id = a.outlet_id
        left join speakers s on s.id = q.speaker_id
        left join utterances u on u.id = q.utterance_id
        where q.id = :id
    """, {"id": quote_id})
    if not q:
        return None
    text = q.pop("article_text") or ""
    start, end = q.get("start"), q.get("end")
    offsets_ok = isinstance(start, int) and isinstance(end, int) and text[start:end] == q["text"]
    urls = datasette.urls
    others = []
    variant = None
    if q.get("utterance_id"):
        versions = await utterance_versions(db, q["utterance_id"], q.get("reference_quote_id"), tables)
        for v in versions:
            v["links"] = _links(urls, database, v)
        variant = next((v for v in versions if v["quote_id"] == quote_id), None)
        others = [v for v in versions if v["quote_id"] != quote_id]
    q["url"] = safe_url(q.get("url"))
    return {
        "kind": "quote",
        "heading": quote_heading(q.get("speaker") or q.get("speaker_name"), q.get("outlet"), q.get("published"), q["text"]),
        "article_heading": article_heading(q.get("title"), text, q.get("doc_id")),
        "quote": q,
        "links": _links(urls, database, q),
        "context_html": context_html(text, q) if offsets_ok else None,
        "before": previous_paragraph(text, paragraph_bounds(text, start, end)[0]) if offsets_ok else "",
        "offsets_ok": offsets_ok,
        "aliases": json_list(q.get("speaker_aliases")),
        "variant": variant,
        "others": others,
    }


async def speaker_aliases(db, speaker_id: str, tables: set[str]) -> list[dict]:
    """Names used for a speaker, with the outlets that used them and how often."""
    if "speaker_aliases" in tables:
        columns = {c for c in await db.table_columns("speaker_aliases")}
        if {"speaker_id", "alias"} <= columns:
            count = "sum(coalesce(sa.count, 1))" if "count" in columns else "count(*)"
            outlet_join = "left join outlets o on o.id = sa.outlet_id" if "outlet_id" in columns else "left join outlets o on 0"
            return await all_rows(db, f"""
                select sa.alias, {count} as n, group_concat(distinct o.name) as outlets
                from speaker_aliases sa {outlet_join}
                where sa.speaker_id = :id group by sa.alias order by n desc, sa.alias
            """, {"id": speaker_id})
    # Older databases: the names each article gave, from the quotes themselves.
    rows = await all_rows(db, """
        select q.speaker_name, q.speaker_mention, q.speaker_aliases, o.name as outlet
        from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        where q.speaker_id = :id
    """, {"id": speaker_id})
    found: dict[str, dict] = {}
    for r in rows:
        for name in [r["speaker_name"], r["speaker_mention"], *json_list(r["speaker_aliases"])]:
            if name:
                entry = found.setdefault(name, {"alias": name, "n": 0, "outlets": set()})
                entry["n"] += 1
                if r["outlet"]:
                    entry["outlets"].add(r["outlet"])
    result = [{"alias": e["alias"], "n": e["n"], "outlets": ",".join(sorted(e["outlets"]))} for e in found.values()]
    return sorted(result, key=lambda e: (-e["n"], e["alias"]))


async def speaker_page(datasette, database: str, speaker_id: str) -> dict | None:
    db = datasette.get_database(database)
    tables = await table_names(db)
    if not is_quotes_db(tables):
        return None
    s = await first(db, "select * from speakers where id = :id", {"id": speaker_id})
    if not s:
        return None
    urls = datasette.urls
    per_outlet = await all_rows(db, """
        select o.id as outlet_id, coalesce(o.name, 'Unknown outlet') as outlet,
               count(*) as n_quotes, count(distinct q.article_id) as n_articles,
               count(distinct q.utterance_id) as n_utterances
        from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        where q.speaker_id = :id group by o.id order by n_quotes desc, outlet
    """, {"id": speaker_id})
    quotes_url = urls.table(database, "quotes")
    for r in per_outlet:
        r["quotes_url"] = f"{quotes_url}?speaker_id={urls_path(speaker_id)}" + (
            f"&_outlet={urls_path(r['outlet_id'])}" if r["outlet_id"] else "")
    utterances = await all_rows(db, """
        select id as utterance_id, text, n_quotes, n_articles, n_outlets from utterances
        where speaker_id = :id order by n_outlets desc, n_quotes desc, length(text) desc limit 100
    """, {"id": speaker_id})
    for u in utterances:
        u["url"] = urls.row(database, "utterances", urls_path(u["utterance_id"]))
    return {
        "kind": "speaker",
        "heading": s["name"],
        "chart_url": chart_url(datasette, database, "speaker_outlets", speaker_id),
        "speaker": s,
        "roles": distinct_roles(json_list(s.get("roles"))),
        "aliases": await speaker_aliases(db, speaker_id, tables),
        "per_outlet": per_outlet,
        "utterances": utterances,
        "all_quotes_url": f"{quotes_url}?speaker_id={urls_path(speaker_id)}",
    }


def chart_url(datasette, database: str, name: str, item_id: str | None = None) -> str:
    """Where static/quotes-charts.js fetches a chart's spec (plugin.serve_chart)."""
    from urllib.parse import urlencode

    path = datasette.urls.path(f"/-/quotes/charts/{urls_path(database)}/{name}.json")
    return path + ("?" + urlencode({"id": item_id}) if item_id else "")


async def home_panel(datasette, database: str) -> dict | None:
    """The start page: a search box, the most widely quoted utterances, the comparison
    views and the two corpus-wide charts."""
    db = datasette.get_database(database)
    tables = await table_names(db)
    if not is_quotes_db(tables):
        return None
    urls = datasette.urls
    top = await all_rows(db, """
        select u.id, u.text, u.n_outlets, u.n_quotes, s.name as speaker from utterances u
        left join speakers s on s.id = u.speaker_id
        order by u.n_outlets desc, u.n_quotes desc, length(u.text) desc limit 8
    """, {})
    counts = await first(db, """
        select (select count(*) from quotes) as quotes, (select count(*) from articles) as articles,
               (select count(*) from outlets) as outlets, (select count(*) from speakers) as speakers
    """, {})
    for u in top:
        u["url"] = urls.row(database, "utterances", urls_path(u["id"]))
        u["heading"] = utterance_heading(u.get("speaker"), u.get("text"), u.get("n_outlets"))
    return {
        "search_url": urls.table(database, "quotes"),
        "search_all_url": urls.path("/-/search"),
        "quoted_differently_url": urls.query(database, "quoted_differently"),
        "outlet_pairs_url": urls.query(database, "outlet_pairs"),
        "utterances_url": urls.table(database, "utterances"),
        "speakers_url": urls.table(database, "speakers"),
        "articles_url": urls.table(database, "articles"),
        "top": [u for u in top if (u.get("n_outlets") or 0) >= 1],
        "example": top[0] if top else None,
        "counts": counts,
        "matrix_chart_url": chart_url(datasette, database, "outlet_matrix"),
        "time_chart_url": chart_url(datasette, database, "quotes_over_time"),
        **(await sources_links(datasette, database, db, tables)),
    }


async def sources_links(datasette, database: str, db, tables: set[str]) -> dict:
    """The start page's links to the checks against primary sources, when there are any."""
    if "source_quotes" not in tables or not (await first(db, "select 1 as x from source_quotes limit 1", {})):
        return {}
    return {"sources_chart_url": chart_url(datasette, database, "outlets_against_sources"),
            "differ_from_source_url": datasette.urls.query(database, "differ_from_source"),
            "outlets_against_sources_url": datasette.urls.query(database, "outlets_against_sources")}


async def article_page(datasette, database: str, article_id: str) -> dict | None:
    """An article to read: its text with every quote highlighted, linked to the quote's page
    and followed by its speaker's name; the quotes listed by speaker; the original URL."""
    db = datasette.get_database(database)
    tables = await table_names(db)
    if not is_quotes_db(tables):
        return None
    a = await first(db, """
        select a.*, o.name as outlet from articles a left join outlets o on o.id = a.outlet_id where a.id = :id
    """, {"id": article_id})
    if not a:
        return None
    urls = datasette.urls
    quotes = await all_rows(db, """
        select q.id as quote_id, q.start, q."end", q.text, q.utterance_id, coalesce(s.name, q.speaker_name) as speaker,
               q.speaker_id, u.n_outlets
        from quotes q left join speakers s on s.id = q.speaker_id left join utterances u on u.id = q.utterance_id
        where q.article_id = :id order by q.start
    """, {"id": article_id})
    text = a.pop("text") or ""
    for q in quotes:
        q["url"] = urls.row(database, "quotes", urls_path(q["quote_id"]))
        q["speaker_url"] = urls.row(database, "speakers", urls_path(q["speaker_id"])) if q.get("speaker_id") else None
        q["utterance_url"] = urls.row(database, "utterances", urls_path(q["utterance_id"])) if q.get("utterance_id") else None
    speakers: dict[str, dict] = {}
    for q in quotes:
        entry = speakers.setdefault(q["speaker"] or "Unattributed", {"name": q["speaker"] or "Unattributed",
                                                                  "url": q["speaker_url"], "n": 0})
        entry["n"] += 1
    a["url"] = safe_url(a.get("url"))
    return {
        "kind": "article",
        "heading": article_heading(a.get("title"), text, a.get("doc_id")),
        "article": a,
        "outlet_url": urls.row(database, "outlets", urls_path(a["outlet_id"])) if a.get("outlet_id") else None,
        "text_html": article_html(text, quotes),
        "quotes": quotes,
        "speakers": sorted(speakers.values(), key=lambda e: (-e["n"], e["name"])),
    }


def id_params(ids: list[str]) -> tuple[str, dict]:
    """`:p0, :p1, ...` and their values, for an `in (...)` over a page's ids."""
    return ", ".join(f":p{i}" for i in range(len(ids))), {f"p{i}": v for i, v in enumerate(ids)}


def in_order(ids: list[str], rows: list[dict], key: str) -> list[dict]:
    """`rows` in the order of `ids` (the table page's order), missing ones left out."""
    by_id = {r[key]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


async def quote_cards(datasette, database: str, ids: list[str]) -> list[dict]:
    """The quotes of a table page as cards: speaker, outlet, date, text, relation, links."""
    if not ids:
        return []
    db = datasette.get_database(database)
    tables = await table_names(db)
    with_variants = "variants" in tables
    marks, params = id_params(ids)
    rows = await all_rows(db, f"""
        select q.id as quote_id, q.text, q.kind, q.confidence, q.article_id, q.utterance_id, q.speaker_id,
               coalesce(s.name, q.speaker_name) as speaker, a.title, a.doc_id, a.published, a.url,
               substr(a.text, 1, 300) as lede, o.id as outlet_id, o.name as outlet, u.n_outlets{", v.relation, v.similarity" if with_variants else ""}
        from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id
        left join speakers s on s.id = q.speaker_id left join utterances u on u.id = q.utterance_id
        {"left join variants v on v.quote_id = q.id" if with_variants else ""}
        where q.id in ({marks})
    """, params)
    cards = in_order(ids, rows, "quote_id")
    for r in cards:
        r["links"] = _links(datasette.urls, database, r)
        r["url"] = safe_url(r.get("url"))
        r["relation_class"] = relation_class(r.get("relation"))
        r["article_heading"] = article_heading(r.get("title"), r.pop("lede"), r.get("doc_id"))
    return cards


async def utterance_cards(datasette, database: str, ids: list[str]) -> list[dict]:
    """The utterances of a table page as cards: the plain-language heading and the outlets."""
    if not ids:
        return []
    db = datasette.get_database(database)
    marks, params = id_params(ids)
    rows = await all_rows(db, f"""
        select u.id, u.text, u.n_outlets, u.n_quotes, u.speaker_id, s.name as speaker from utterances u
        left join speakers s on s.id = u.speaker_id where u.id in ({marks})
    """, params)
    outlets = await all_rows(db, f"""
        select distinct q.utterance_id, o.name from quotes q
        join articles a on a.id = q.article_id join outlets o on o.id = a.outlet_id
        where q.utterance_id in ({marks})
    """, params)
    names: dict[str, list[str]] = {}
    for r in outlets:
        names.setdefault(r["utterance_id"], []).append(r["name"])
    cards = in_order(ids, rows, "id")
    for r in cards:
        r["url"] = datasette.urls.row(database, "utterances", urls_path(r["id"]))
        r["speaker_url"] = datasette.urls.row(database, "speakers", urls_path(r["speaker_id"])) if r.get("speaker_id") else None
        r["outlets"] = sorted(n for n in names.get(r["id"], []) if n)
    return cards


async def article_cards(datasette, database: str, ids: list[str]) -> list[dict]:
    """The articles of a table page as cards: title (or first line), outlet, date, byline,
    number of quotes, the original URL."""
    if not ids:
        return []
    db = datasette.get_database(database)
    marks, params = id_params(ids)
    rows = await all_rows(db, f"""
        select a.id, a.doc_id, a.title, substr(a.text, 1, 300) as lede, a.published, a.byline, a.url, a.n_quotes,
               a.outlet_id, o.name as outlet
        from articles a left join outlets o on o.id = a.outlet_id where a.id in ({marks})
    """, params)
    cards = in_order(ids, rows, "id")
    for r in cards:
        r["heading"] = article_heading(r.get("title"), r.pop("lede"), r.get("doc_id"))
        r["link"] = datasette.urls.row(database, "articles", urls_path(r["id"]))
        r["url"] = safe_url(r.get("url"))
    return cards


CARD_LOADERS = {"quotes": quote_cards, "utterances": utterance_cards, "articles": article_cards}
