"""The site's relation labels are the corpus's: one vocabulary (quotes.corpus.relations)
for the stored variants, the pairwise SQL functions, the canned queries, the badges and
the chart colours."""
import re
import sqlite3
from pathlib import Path

import yaml

from quotes.corpus.relations import RELATIONS, SOURCE_RELATION_TEXT, SOURCE_RELATIONS
from quotes.site import sourcepages
from quotes.site.charts import RELATION_COLOURS
from quotes.site.render import relation_class
from quotes.site.sqlfunctions import quotes_relation, quotes_similarity, register

SITE = Path(__file__).resolve().parents[2] / "quotes" / "site"
LABELS = set(RELATIONS) | set(SOURCE_RELATIONS)


def _connect(path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path))
    register(conn)
    return conn


def test_the_sites_comparison_gives_the_stored_relation_of_every_variant(seeds_db):
    conn = _connect(seeds_db)
    rows = conn.execute(
        "select v.relation, v.similarity, r.text, q.text, quotes_relation(r.text, q.text) "
        "from variants v join quotes q on q.id = v.quote_id join quotes r on r.id = v.reference_quote_id "
        "where v.relation != 'reference'").fetchall()
    assert len(rows) >= 10
    for stored, similarity, reference, text, in_sql in rows:
        assert quotes_relation(reference, text) == stored == in_sql, (reference, text)
        assert quotes_similarity(reference, text) == round(similarity, 3)


def test_stored_and_canned_query_labels_are_the_vocabulary(seeds_db):
    conn = _connect(seeds_db)
    stored = {r for (r,) in conn.execute("select distinct relation from variants")}
    assert "reference" in stored and stored <= set(RELATIONS)
    queries = yaml.safe_load((SITE / "metadata.yaml").read_text())["databases"]["quotes"]["queries"]
    pairs = conn.execute(queries["outlet_pairs"]["sql"]).fetchall()
    columns = [d[0] for d in conn.execute(queries["outlet_pairs"]["sql"]).description]
    how = [row[columns.index("how")] for row in pairs if row[columns.index("how")]]
    assert how, "the seeds have outlet pairs that differ"
    assert {part.rsplit(" ×", 1)[0] for h in how for part in h.split("; ")} <= set(RELATIONS)
    differently = conn.execute(queries["quoted_differently"]["sql"], {"speaker": ""}).fetchall()
    columns = [d[0] for d in conn.execute(queries["quoted_differently"]["sql"], {"speaker": ""}).description]
    labels = {x for row in differently for x in (row[columns.index("relations")] or "").split(",") if x}
    assert labels and labels <= set(RELATIONS)


def test_labels_written_into_the_sites_sql_are_the_vocabulary():
    text = (SITE / "metadata.yaml").read_text()
    literals = set()
    for m in re.finditer(r"relation\s*(?:=|!=|not in|in)\s*\(?((?:'[^']*'\s*,?\s*)+)", text):
        literals |= set(re.findall(r"'([^']*)'", m.group(1)))
    assert literals and literals <= LABELS, literals - LABELS


def test_every_label_has_a_badge_style_and_a_chart_colour_and_nothing_else_does():
    css = (SITE / "static" / "quotes.css").read_text()
    styled = set(re.findall(r"\.(q-rel-[a-z-]+)", css))
    wanted = {relation_class(label) for label in LABELS}
    assert styled == wanted
    assert set(RELATION_COLOURS) == wanted


def test_the_source_panels_explain_the_source_vocabulary(sources_db):
    assert sourcepages.RELATION_TEXT is SOURCE_RELATION_TEXT
    conn = sqlite3.connect(str(sources_db))
    found = {r for (r,) in conn.execute("select distinct relation from source_quotes")}
    assert found and found <= set(SOURCE_RELATIONS)
