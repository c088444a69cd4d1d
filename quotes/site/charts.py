"""The site's charts: Vega-Lite specs built from the database, drawn in the page by the
shipped Vega files (static/vendor) through static/quotes-charts.js, with no network access.

Each chart is served as JSON at `/-/quotes/charts/<database>/<name>.json` (`?id=` for the
speaker and utterance charts), so a page loads at once and a slow query costs only its chart.
`spec_*` functions are pure (rows in, spec out); `CHARTS` maps a name to the async function
that reads the rows.

- `outlet_matrix`: outlet x outlet, the share of the utterances both printed that they
  printed in different words, and how they differ (the `outlet_pairs` canned query);
- `quotes_over_time`: quotes per outlet per publication day (or month, over long spans);
- `speaker_outlets`: for one speaker, each outlet's quotes by how faithful they are to the
  reference version (variant relation);
- `utterance_versions`: for one utterance, each version's similarity to the reference.
- `outlets_against_sources`: each outlet's quotes found in a primary source (`?id=`: in one
  source), by their relation to the transcript, verbatim first (quotes.site.sourcepages).
"""
from __future__ import annotations

from datetime import date

from .render import relation_class

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
MAX_OUTLETS = 12  # outlets a chart names; the others are "Other outlets" (timeline) or left out (matrix)
OTHER_OUTLETS = "Other outlets"

# The badge colours of quotes.css, so a chart's legend reads like the pages' badges.
RELATION_COLOURS = {
    "q-rel-reference": "#6a5acd",
    "q-rel-identical": "#7fbf7f",
    "q-rel-punctuation": "#8fb8e8",
    "q-rel-truncation": "#e8c65a",
    "q-rel-substitution": "#f0a070",
    "q-rel-omission": "#d98cc8",
    "q-rel-bracketed": "#a898e0",
    "q-rel-paraphrase": "#e06666",
    # against a primary source (quotes.corpus.relations.SOURCE_RELATIONS)
    "q-rel-verbatim": "#4caf6a",
    "q-rel-words-inserted": "#a898e0",
    "q-rel-words-changed": "#f0a070",
}
OTHER_COLOUR = "#b0b0b8"


def relation_scale(relations) -> dict:
    """A Vega-Lite colour scale giving each relation its badge colour."""
    domain = sorted({r or "unknown" for r in relations}, key=lambda r: (r != "reference", r != "identical", r))
    return {"domain": domain, "range": [RELATION_COLOURS.get(relation_class(r), OTHER_COLOUR) for r in domain]}


def _base(title: str, **extra) -> dict:
    return {"$schema": VEGA_LITE_SCHEMA, "title": {"text": title, "anchor": "start", "fontSize": 14},
            "config": {"view": {"stroke": None}, "axis": {"labelFontSize": 12, "titleFontSize": 12},
                       "legend": {"labelFontSize": 12, "titleFontSize": 12}},
            **extra}


def top_outlets(rows: list[dict], weight: str, fields=("outlet",), limit: int = MAX_OUTLETS) -> set[str]:
    """The `limit` outlets with the most `weight` over `rows`."""
    totals: dict[str, int] = {}
    for r in rows:
        for f in fields:
            totals[r[f]] = totals.get(r[f], 0) + (r[weight] or 0)
    return set(sorted(totals, key=lambda o: (-totals[o], o))[:limit])


def spec_outlet_matrix(rows: list[dict]) -> dict:
    """Rows of the `outlet_pairs` query (one per unordered pair) as a symmetric heat map of
    the MAX_OUTLETS outlets that share the most utterances."""
    kept = top_outlets(rows, "shared_utterances", ("outlet_a", "outlet_b"))
    values = []
    for r in rows:
        if r["outlet_a"] not in kept or r["outlet_b"] not in kept:
            continue
        for a, b in ((r["outlet_a"], r["outlet_b"]), (r["outlet_b"], r["outlet_a"])):
            values.append({"outlet": a, "other": b, "shared": r["shared_utterances"], "different": r["different"],
                           "pct": r["pct_different"], "how": r.get("how") or "same words",
                           "label": f"{r['different']}/{r['shared_utterances']}"})
    n = len({v["outlet"] for v in values})
    size = max(160, min(520, 48 * n))
    return _base(
        "How often two outlets print the same utterance in different words",
        data={"values": values}, width=size, height=size,
        encoding={
            "x": {"field": "outlet", "type": "nominal", "title": None, "axis": {"labelAngle": -40}},
            "y": {"field": "other", "type": "nominal", "title": None},
        },
        layer=[
            {"mark": {"type": "rect", "stroke": "#fff"},
             "encoding": {
                 "color": {"field": "pct", "type": "quantitative", "title": "% different",
                           "scale": {"domain": [0, 100], "scheme": "orangered"}},
                 "tooltip": [{"field": "outlet", "title": "Outlet"}, {"field": "other", "title": "and"},
                             {"field": "shared", "title": "Utterances both printed"},
                             {"field": "different", "title": "In different words"},
                             {"field": "how", "title": "How"}]}},
            {"mark": {"type": "text", "fontSize": 11},
             "encoding": {"text": {"field": "label"},
                          "color": {"condition": {"test": "datum.pct > 55", "value": "white"}, "value": "black"}}},
        ],
    )


def spec_quotes_over_time(rows: list[dict]) -> dict:
    """Rows (outlet, day, quotes) as stacked bars per day, or per month over long spans; the
    outlets past the MAX_OUTLETS biggest are one "Other outlets"."""
    kept = top_outlets(rows, "quotes")
    rows = [dict(r, outlet=r["outlet"] if r["outlet"] in kept else OTHER_OUTLETS) for r in rows]
    days = sorted(r["day"] for r in rows)
    span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days if days else 0
    unit, label = ("yearmonthdate", "Day") if span <= 120 else ("yearmonth", "Month")
    return _base(
        "Quotes per outlet over time (by publication date)",
        data={"values": rows}, width="container", height=220, mark={"type": "bar", "tooltip": True},
        encoding={
            "x": {"field": "day", "type": "ordinal", "timeUnit": unit, "title": label},
            "y": {"field": "quotes", "type": "quantitative", "aggregate": "sum", "title": "Quotes"},
            "color": {"field": "outlet", "type": "nominal", "title": "Outlet"},
        },
    )


def spec_speaker_outlets(rows: list[dict], speaker: str) -> dict:
    """Rows (outlet, relation, quotes) as one stacked bar per outlet (the MAX_OUTLETS
    outlets that quote the speaker most; the others as one bar)."""
    kept = top_outlets(rows, "quotes")
    rows = [dict(r, outlet=r["outlet"] if r["outlet"] in kept else OTHER_OUTLETS) for r in rows]
    return _base(
        f"Who quotes {speaker}, and how faithfully",
        data={"values": rows}, width="container", height=max(80, 28 * len({r['outlet'] for r in rows})),
        mark={"type": "bar", "tooltip": True},
        encoding={
            "y": {"field": "outlet", "type": "nominal", "title": None, "sort": "-x"},
            "x": {"field": "quotes", "type": "quantitative", "aggregate": "sum", "title": "Quotes"},
            "color": {"field": "relation", "type": "nominal", "title": "Compared with the reference",
                      "scale": relation_scale(r["relation"] for r in rows)},
        },
    )


def spec_utterance_versions(versions: list[dict]) -> dict:
    """Each version of an utterance as a bar of its similarity to the reference."""
    values, seen = [], {}
    for v in versions:
        outlet = v.get("outlet") or "Unknown outlet"
        seen[outlet] = seen.get(outlet, 0) + 1
        label = outlet if seen[outlet] == 1 else f"{outlet} ({seen[outlet]})"
        values.append({"version": label, "similarity": round(float(v.get("similarity") or 0), 3),
                       "relation": v.get("relation") or "unknown", "text": (v.get("text") or "")[:160]})
    return _base(
        "Each version's similarity to the reference (1 = the same words)",
        data={"values": values}, width="container", height=max(80, 26 * len(values)),
        mark={"type": "bar", "tooltip": {"content": "data"}},
        encoding={
            "y": {"field": "version", "type": "nominal", "title": None, "sort": None},
            "x": {"field": "similarity", "type": "quantitative", "title": "Similarity",
                  "scale": {"domain": [0, 1]}},
            "color": {"field": "relation", "type": "nominal", "title": "Relation",
                      "scale": relation_scale(v["relation"] for v in values)},
        },
    )


def spec_outlets_against_sources(rows: list[dict]) -> dict:
    """Rows (outlet, relation, quotes) as one bar per outlet split by the relation to the
    transcript, in shares, outlets quoting verbatim most often on top."""
    from quotes.corpus.relations import SOURCE_RELATIONS

    kept = top_outlets(rows, "quotes")
    rows = [dict(r, outlet=r["outlet"] if r["outlet"] in kept else OTHER_OUTLETS) for r in rows]
    totals: dict[str, int] = {}
    verbatim: dict[str, int] = {}
    for r in rows:
        totals[r["outlet"]] = totals.get(r["outlet"], 0) + r["quotes"]
        if r["relation"] == "verbatim":
            verbatim[r["outlet"]] = verbatim.get(r["outlet"], 0) + r["quotes"]
    order = sorted(totals, key=lambda o: (-verbatim.get(o, 0) / totals[o], o))
    values = [dict(r, label=f"{r['outlet']} ({totals[r['outlet']]})", rank=SOURCE_RELATIONS.index(r["relation"]))
              for r in rows]
    return _base(
        "How often each outlet's quotes match the transcript",
        data={"values": values}, width="container", height=max(80, 28 * len(totals)),
        mark={"type": "bar", "tooltip": True},
        encoding={
            "y": {"field": "label", "type": "nominal", "title": None,
                  "sort": [f"{o} ({totals[o]})" for o in order]},
            "x": {"field": "quotes", "type": "quantitative", "aggregate": "sum", "stack": "normalize",
                  "title": "Share of the outlet's quotes found in a transcript", "axis": {"format": "%"}},
            "color": {"field": "relation", "type": "nominal", "title": "Against the transcript",
                      "scale": {"domain": list(SOURCE_RELATIONS),
                                "range": [RELATION_COLOURS.get(relation_class(r), OTHER_COLOUR) for r in SOURCE_RELATIONS]}},
            "order": {"field": "rank", "type": "quantitative"},
        },
    )


async def _rows(db, sql: str, params=None, time_limit_ms=None) -> list[dict]:
    result = await db.execute(sql, params or {}, custom_time_limit=time_limit_ms)
    return [dict(r) for r in result.rows]


async def outlet_matrix(datasette, db, tables, args, time_limit_ms):
    from .plugin import packaged_metadata

    sql = packaged_metadata()["databases"]["quotes"]["queries"]["outlet_pairs"]["sql"]
    rows = await _rows(db, sql, time_limit_ms=time_limit_ms)
    if not rows:
        return {"empty": "No utterance was printed by two outlets yet, so there is nothing to compare."}
    return spec_outlet_matrix(rows)


async def quotes_over_time(datasette, db, tables, args, time_limit_ms):
    rows = await _rows(db, """
        select coalesce(o.name, 'Unknown outlet') as outlet, substr(a.published, 1, 10) as day,
               sum(a.n_quotes) as quotes
        from articles a left join outlets o on o.id = a.outlet_id
        where substr(a.published, 1, 10) glob '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' and a.n_quotes > 0
        group by 1, 2 order by 2, 1
    """, time_limit_ms=time_limit_ms)
    good = []
    for r in rows:
        try:
            date.fromisoformat(r["day"])
        except ValueError:
            continue
        good.append(r)
    if not good:
        return {"empty": "No article has a publication date, so there is no timeline."}
    return spec_quotes_over_time(good)


async def speaker_outlets(datasette, db, tables, args, time_limit_ms):
    speaker_id = args.get("id") or ""
    speaker = await _rows(db, "select name from speakers where id = :id", {"id": speaker_id})
    if not speaker:
        return None
    relation = "coalesce(v.relation, 'not compared')" if "variants" in tables else "'not compared'"
    join = "left join variants v on v.quote_id = q.id" if "variants" in tables else ""
    rows = await _rows(db, f"""
        select coalesce(o.name, 'Unknown outlet') as outlet, {relation} as relation, count(*) as quotes
        from quotes q join articles a on a.id = q.article_id left join outlets o on o.id = a.outlet_id {join}
        where q.speaker_id = :id group by 1, 2 order by 1, 2
    """, {"id": speaker_id}, time_limit_ms=time_limit_ms)
    if not rows:
        return {"empty": "No quotes."}
    return spec_speaker_outlets(rows, speaker[0]["name"])


async def utterance_versions(datasette, db, tables, args, time_limit_ms):
    from .pages import utterance_versions as versions_of

    utterance_id = args.get("id") or ""
    u = await _rows(db, "select reference_quote_id from utterances where id = :id", {"id": utterance_id})
    if not u:
        return None
    return spec_utterance_versions(await versions_of(db, utterance_id, u[0]["reference_quote_id"], tables))


async def outlets_against_sources(datasette, db, tables, args, time_limit_ms):
    if "source_quotes" not in tables:
        return {"empty": "This database has no primary sources."}
    source_id = args.get("id") or None
    rows = await _rows(db, f"""
        select coalesce(o.name, 'Unknown outlet') as outlet, sq.relation, count(*) as quotes
        from source_quotes sq join quotes q on q.id = sq.quote_id join articles a on a.id = q.article_id
        left join outlets o on o.id = a.outlet_id
        {"where sq.source_id = :id" if source_id else ""}
        group by 1, 2 order by 1, 2
    """, {"id": source_id} if source_id else {}, time_limit_ms=time_limit_ms)
    if not rows:
        return {"empty": "No quote was found in a primary source."}
    return spec_outlets_against_sources(rows)


CHARTS = {
    "outlet_matrix": outlet_matrix,
    "quotes_over_time": quotes_over_time,
    "speaker_outlets": speaker_outlets,
    "utterance_versions": utterance_versions,
    "outlets_against_sources": outlets_against_sources,
}
