"""Facets and filters on values that live in another table.

A quote's outlet is in `articles`, its relation to the reference in `variants`; Datasette's
column facets cannot reach them. `JoinFacet` (type `join`, configured as `{join: outlet}` in
metadata or `?_facet_join=outlet`) counts them through the join, and `join_filters` turns
`?_outlet=<outlet id>` or `?_relation=<relation>` into a where clause. A join whose tables
are missing from the database is skipped.

On the unfiltered table a join facet counts from a smaller table when that gives the same
counts (at 1,000,000 quotes the joins take 0.4-0.5 s each, the shortcuts under 0.1 s):

- quotes by outlet: the articles' `n_quotes` summed per outlet. `save_article` (and
  `shards.merge_shard`, which copies what it wrote) replaces an article's quotes and its
  `n_quotes` in one transaction, so `n_quotes` is the number of its quotes.
- quotes by relation: the variants counted per relation. `variants.quote_id` is the primary
  key and a foreign key to `quotes.id`: each quote has at most one variant, and every
  variant has its quote.
- variants by outlet: quotes per outlet as above, when there are as many variants as quotes
  (then every quote has its variant).

A join facet asked for in the URL (`?_facet_join=`) gets `sql_time_limit_ms` rather than
`facet_time_limit_ms`: the reader asked for it, so it should answer rather than time out
(utterances by outlet over the whole table takes about a second at 1,000,000 quotes, which
is why it is not among the utterances table's default facets).
"""
from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

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


# `+outlet_id`: scan the covering index articles(id, outlet_id, n_quotes) rather than every
# article row in outlet order
_QUOTES_PER_OUTLET = (
    "select o.id as value, o.name as label, x.n as count from (select +outlet_id as outlet_id, "
    "sum(n_quotes) as n from articles group by +outlet_id) x join outlets o on o.id = x.outlet_id "
    "where x.n > 0 order by count desc, label limit {limit}"
)
# table -> join name -> (facet SQL giving the same counts as the join over the whole table,
# SQL that must return a true value for that to hold, or None)
UNFILTERED: dict[str, dict[str, tuple[str, str | None]]] = {
    "quotes": {
        "outlet": (_QUOTES_PER_OUTLET, None),
        "relation": (
            "select relation as value, relation as label, count(*) as count from variants "
            "group by relation order by count desc, value limit {limit}",
            None,
        ),
    },
    "variants": {
        # variants per outlet are quotes per outlet when every quote has its variant: the
        # quote_ids are distinct (primary key) and all in quotes (foreign key), so equal counts
        # mean the same set (true after the corpus step, which gives every quote a variant)
        "outlet": (_QUOTES_PER_OUTLET,
                   "select (select count(*) from variants) = (select count(*) from quotes)"),
    },
}


def is_unfiltered(sql: str, table: str) -> bool:
    """True for the facet SQL of a table page without any filter or search: Datasette builds
    it as `select <columns> from <table> <where>`, the where clause empty."""
    return sql.rstrip().endswith(f" from {escape_sqlite(table)}")


async def facet_sql(db, table: str, name: str, sql: str, limit: int) -> str:
    """The SQL of join facet `name` over the rows that `sql` selects from `table`."""
    shortcut, guard = UNFILTERED.get(table, {}).get(name) or (None, None)
    if shortcut and is_unfiltered(sql, table):
        if guard is None or (await db.execute(guard)).rows[0][0]:
            return shortcut.format(limit=limit)
    return JOINS[table][name][1].format(sql=sql, limit=limit)


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
            sql = await facet_sql(self.ds.get_database(self.database), self.table, name, self.sql, facet_size + 1)
            limit = self.ds.setting("sql_time_limit_ms" if source == "request" else "facet_time_limit_ms")
            try:
                rows = (await self.ds.execute(
                    self.database, sql, self.params, truncate=False, custom_time_limit=limit,
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
