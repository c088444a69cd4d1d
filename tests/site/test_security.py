"""The public site under attack (issue 17, docs/security.md): stored XSS through article
URLs, the Content-Security-Policy, hostile calls of the plugin's SQL functions, and what
the site allows (arbitrary read-only SQL, no whole-database download)."""
import re
import sqlite3
import time

import pytest
from datasette.app import Datasette

from hostile_data import HOSTILE_URLS, SAFE_URLS, make_url_db
from quotes.site import SETTINGS
from quotes.site.safety import http_url, policy

def test_only_http_urls_with_a_host_are_links():
    for url in HOSTILE_URLS:
        assert http_url(url) is None, url
    for url in SAFE_URLS:
        assert http_url(url) == url
    assert http_url(None) is None and http_url(42) is None


@pytest.fixture(scope="module")
def url_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("xss") / "xss.db"
    make_url_db(path)
    return path


@pytest.fixture(scope="module")
def ds(url_db):
    return Datasette([str(url_db)], settings=SETTINGS)


async def get(ds, path, status=200, **params):
    response = await ds.client.get(path, params=params or None)
    assert response.status_code == status, (path, response.text[:1000])
    return response


def hrefs(html):
    return re.findall(r'href="([^"]*)"', html)


async def row_pages(ds):
    quotes = (await get(ds, "/xss/quotes.json", _shape="array", _size="max")).json()
    utterances = (await get(ds, "/xss/utterances.json", _shape="array")).json()
    articles = (await get(ds, "/xss/articles.json", _shape="array", _size="max")).json()
    return ([f"/xss/quotes/{q['id']}" for q in quotes] + [f"/xss/utterances/{u['id']}" for u in utterances]
            + [f"/xss/articles/{a['id']}" for a in articles] + ["/xss/articles", "/xss"])


async def test_hostile_article_urls_are_never_links(ds):
    pages = await row_pages(ds)
    assert len(pages) > 2 * len(HOSTILE_URLS)
    linked = set()
    for path in pages:
        html = (await get(ds, path)).text
        for href in hrefs(html):
            low = href.replace("&#58;", ":").lower()
            assert not re.match(r"\s*(javascript|data|vbscript|file):", low), (path, href)
            assert not href.startswith("//evil"), (path, href)
            linked.add(href)
    # the http(s) ones stay links ("original ↗"); the others are shown as text
    assert {"https://example.com/a?b=1&amp;c=2#d", "http://example.org/"} <= linked
    html = (await get(ds, "/xss/articles", _size="max", _grid="1")).text  # stored, and shown as text
    assert "javascript:alert(1)" in html and "vbscript:msgbox(1)" in html
    assert not [h for h in hrefs(html) if re.match(r"\s*(javascript|data|vbscript|file):", h.replace("&#58;", ":").lower())]


async def test_every_response_has_the_policy(ds):
    for path in ["/", "/xss", "/xss/quotes", "/xss.json", "/-/quotes/quotes.css", "/xss/quotes.csv",
                 "/-/static/app.css", "/xss?sql=select+1", "/-/search?q=peace", "/nothing-here"]:
        response = await ds.client.get(path)
        csp = response.headers.get("content-security-policy")
        assert csp, path
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        script = directives["script-src"].split()
        assert script[0] == "'self'" and all(s.startswith("'sha256-") for s in script[1:]), (path, csp)
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_sites_own_inline_scripts_are_allowed_and_nothing_else(ds):
    """Each inline script of each page is in the page's policy by its hash: the table,
    query, search and copyable pages keep working in a browser (test_browser_security)."""
    import base64
    import hashlib

    for path in ["/xss", "/xss/quotes", "/xss?sql=select+1", "/-/search?q=peace", "/xss/quotes.copyable",
                 "/xss/quoted_differently"]:
        response = await get(ds, path)
        csp = response.headers["content-security-policy"]
        bodies = [b for attrs, b in re.findall(r"<script\b([^>]*)>(.*?)</script>", response.text, re.S)
                  if "src=" not in attrs and b]
        assert bodies, path
        for body in bodies:
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, (path, body[:80])


def test_injected_inline_scripts_get_no_hash():
    from quotes.site.safety import ScriptAllowList, _template_pattern

    allow = ScriptAllowList([_template_pattern("DATASETTE_ALLOW_FACET = {{ datasette_allow_facet }};"),
                             _template_pattern("\nvar x = 1;\n")])
    page = ("<script>DATASETTE_ALLOW_FACET = true;</script><script>var x = 1;</script>"
            "<script>alert(1)</script><script>DATASETTE_ALLOW_FACET = alert(1);</script>"
            "<script>DATASETTE_ALLOW_FACET = true; fetch('//x')</script>")
    assert len(allow.hashes(page)) == 2
    assert "sha256" not in policy().split("script-src")[1].split(";")[0]


# --- the plugin's SQL functions under hostile calls ------------------------------------

LIMIT_S = SETTINGS["sql_time_limit_ms"] / 1000


# The worst case for comparing word sequences: two long runs of a few repeated words.
N_WORDS = 12000
HOSTILE_A = (f"(with recursive n(i) as (select 0 union all select i + 1 from n where i < {N_WORDS - 1}) "
             "select group_concat(case i % 2 when 0 then 'a' else 'b' end, ' ') from n)")
HOSTILE_B = (f"(with recursive n(i) as (select 0 union all select i + 1 from n where i < {N_WORDS - 1}) "
             "select group_concat(case i % 3 when 0 then 'b' else 'a' end, ' ') from n)")


@pytest.mark.parametrize("call", [
    "quotes_similarity({a}, {b})",
    "quotes_relation({a}, {b})",
    "quotes_relation({a} || ' [x]', {b})",
    "quotes_words({a}) = quotes_words({b})",
])
async def test_hostile_function_calls_end_within_the_time_limit(ds, call):
    sql = "select " + call.format(a=HOSTILE_A, b=HOSTILE_B)
    started = time.perf_counter()
    response = await ds.client.get("/xss.json", params={"sql": sql})
    elapsed = time.perf_counter() - started
    assert response.status_code in (200, 400), response.text[:300]
    assert elapsed < LIMIT_S + 1.5, (call, elapsed)


def test_comparisons_past_the_word_cap_are_null():
    from quotes.site.sqlfunctions import MAX_COMPARED_WORDS, quotes_relation, quotes_similarity

    long = " ".join(["a", "b"] * MAX_COMPARED_WORDS)
    assert quotes_similarity(long, "a b") is None and quotes_relation("a b", long) is None
    assert quotes_relation(long, long) == "identical"
    assert quotes_similarity("a b c", "a b c") == 1.0


async def test_functions_over_a_huge_self_join_are_interrupted(ds):
    sql = ("with recursive n(i) as (select 1 union all select i + 1 from n limit 100000000) "
           "select sum(quotes_similarity(printf('%d a b c', i), 'a b c d')) from n")
    started = time.perf_counter()
    response = await ds.client.get("/xss.json", params={"sql": sql})
    assert response.status_code == 400 and "too long" in response.json()["error"]
    assert time.perf_counter() - started < LIMIT_S + 1.5


async def test_giant_values_are_refused_not_built(ds):
    for sql in ("select length(randomblob(1000000000))", "select length(zeroblob(500000000))",
                "select length(printf('%.*c', 1000000000, 'x'))", "select length(format('%.*c', 2000000000, 'x'))",
                "select length(replace(hex(randomblob(50000000)), 'A', 'AAAAAAAAAA'))"):
        started = time.perf_counter()
        response = await ds.client.get("/xss.json", params={"sql": sql})
        if response.status_code == 200:  # printf gives NULL rather than build it
            assert response.json()["rows"] == [[None]], sql
        else:
            assert response.status_code == 400, (sql, response.text[:300])
            assert "too big" in response.json()["error"].lower() or "too long" in response.json()["error"]
        assert time.perf_counter() - started < LIMIT_S + 1.5


# --- what the public site allows (docs/security.md) ------------------------------------

async def test_read_only_sql_is_allowed(ds):
    response = await get(ds, "/xss.json", sql="select count(*) as n from quotes", _shape="array")
    assert response.json() == [{"n": len(HOSTILE_URLS) + len(SAFE_URLS)}]
    for sql in ("delete from quotes", "pragma writable_schema = 1", "attach database ':memory:' as m",
                "select load_extension('/tmp/x')", "select readfile('/etc/passwd')"):
        response = await ds.client.get("/xss.json", params={"sql": sql})
        assert response.status_code == 400, sql


async def test_the_database_file_cannot_be_downloaded(ds):
    for path in ("/xss.db", "/xss.db?_hash=1"):
        response = await ds.client.get(path)
        assert response.status_code in (403, 404), (path, response.status_code)
        assert not response.content.startswith(b"SQLite format 3")
    html = (await get(ds, "/xss")).text
    assert "xss.db" not in re.sub(r"<title>.*?</title>", "", html, flags=re.S) or 'href="/xss.db"' not in html


def test_serve_settings_state_the_decision():
    from quotes.site import datasette_args

    args = datasette_args("q.db")
    settings = dict(zip(args[args.index("--setting") + 1::3], args[args.index("--setting") + 2::3]))
    assert settings["allow_download"] == "False"
    assert settings["allow_csv_stream"] == "False"
    assert int(settings["sql_time_limit_ms"]) <= 5000


def test_length_limit_on_every_site_connection(url_db):
    from quotes.site.plugin import prepare_connection
    from quotes.site.sqlfunctions import MAX_SQL_LENGTH

    conn = sqlite3.connect(url_db)
    prepare_connection(conn)
    with pytest.raises(sqlite3.DataError):
        conn.execute("select randomblob(?)", [MAX_SQL_LENGTH + 1]).fetchone()
    assert conn.execute("select length(randomblob(1000))").fetchone() == (1000,)
    assert conn.execute("select printf('%d-%s-%5.2f', 3, 'x', 2.5), format('%.*c', 3, 'y')").fetchone() == (
        "3-x- 2.50", "yyy")
