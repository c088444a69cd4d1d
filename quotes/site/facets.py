"""Facets and filters on values that live in another table.

A quote's outlet is in `articles`, its relation to the reference in `variants`; Datasette's
column facets cannot reach them. `JoinFacet` (type `join`, configured as `{join: outlet}` in
metadata or `?_facet_join=outlet`) counts them through the join, and `join_filters` turns
`?_outlet=<outlet id>` or `?_relation=<relation>` into a where clause. A join whose tables
are missing from the database is skipped.
"""
from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import path_with_added_args, path_with_removed_args

_OUTLET_OF_QUOTE = "select q.id from quotes q join articles a on a.id = q.article_id where a.outlet_id = :{p}"

# table -> join name -> (tables needed, facet SQL over the table's rows, filter where clause)
JOINS: dict[str, dict[str, tuple[set[str], str, str]]] = {
    "quotes": {
        "outlet": (
            {"articles", "outlets"},
            "select o.id as value, o.name as label, count(*) as count from ({sql}) x "
            "join articles a on a.id = x.article_id join outlets o on o.id = a.outlet_id "
            "group by o.id order by count desc, label limit {limit}",
            "article_id in (select id from articles where outlet_id = :{p})",
        ),
        "relation": (
            {"variants"},
            "select v.relation as value, v.relation as label, count(*) as count from ({sql}) x "
            "join variants v on v.quote_id = x.id group by v.relation order by count desc, value limit {limit}",
            "id in (select quote_id from variants where relation = :{p})",
        ),
    },
    "variants": {
        "outlet": (
            {"quotes", "articles", "outlets"},
            "select o.id as value, o.name as label, count(*) as count from ({sql}) x "
            "join quotes q on q.id = x.quote_id join articles a on a.id = q.article_id "
            "join outlets o on o.id = a.outlet_id group by o.id order by count desc, label limit {limit}",
            "quote_id in (" + _OUTLET_OF_QUOTE + ")",
        ),
    },
    "utterances": {
        "outlet": (
            {"quotes", "articles", "outlets"},
            "select o.id as value, o.name as label, count(distinct x.id) as count from ({sql}) x "
            "join quotes q on q.utterance_id = x.id join articles a on a.id = q.article_id "
            "join outlets o on o.id = a.outlet_id group by o.id order by count desc, label limit {limit}",
            "id in (select q.utterance_id from quotes q join articles a on a.id = q.article_id "
            "where a.outlet_id = :{p})",
        ),
    },
}


async def _tables(datasette, database: str) -> set[str]:
    return set(await datasette.get_database(database).table_names())


async def join_filters(datasette, database: str, table: str, args) -> tuple[list[str], dict, list[str]]:
    """Where clauses, params and human descriptions for `?_<join>=value` arguments."""
    joins = JOINS.get(table)
    if not joins or not any(f"_{name}" in args for name in joins):
        return [], {}, []
    tables = await _tables(datasette, database)
    where, params, human = [], {}, []
    for name, (needs, _, clause) in joins.items():
        if not needs <= tables:
            continue
        for i, value in enumerate(args.getlist(f"_{name}")):
            p = f"p_join_{name}_{i}"
            where.append(clause.format(p=p))
            params[p] = value
            human.append(f'{name} is "{value}"')
    return where, params, human


class JoinFacet(Facet):
    type = "join"

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        joins = JOINS.get(self.table or "")
        if not joins:
            return results, timed_out
        tables = await _tables(self.ds, self.database)
        qs_pairs = self.get_querystring_pairs()
        facet_size = self.get_facet_size()
        for source_and_config in self.get_configs():
            config, source = source_and_config["config"], source_and_config["source"]
            name = config.get("name") or config.get("simple")
            if name not in joins or not joins[name][0] <= tables:
                continue
            sql = joins[name][1].format(sql=self.sql, limit=facet_size + 1)
            try:
                rows = (await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )).rows
            except QueryInterrupted:
                timed_out.append(name)
                continue
            values = []
            for row in rows[:facet_size]:
                arg = (f"_{name}", str(row["value"]))
                selected = arg in qs_pairs
                path = (path_with_removed_args(self.request, {arg[0]: arg[1]}) if selected
                        else path_with_added_args(self.request, {arg[0]: arg[1]}))
                values.append({
                    "value": row["value"], "label": row["label"], "count": row["count"],
                    "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
                    "selected": selected,
                })
            results.append({
                "name": name,
                "type": self.type,
                "hideable": source != "metadata",
                "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_join": name})),
                "results": values,
                "truncated": len(rows) > facet_size,
            })
        return results, timed_out
