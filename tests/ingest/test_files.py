import gzip
import html
from pathlib import Path

from quotes.ingest.files import iter_articles, read_file
from quotes.model import Article, Skipped


def test_sidecar_metadata_wins(fixtures):
    article = read_file(fixtures / "inputs" / "with_sidecar.txt")
    assert isinstance(article, Article)
    assert (article.outlet, article.title, article.published) == ("Fox News", "Mayor holds firm", "2024-05-02")
    assert article.doc_id == "with_sidecar"


def test_html_text_without_scripts_or_navigation(fixtures):
    article = read_file(fixtures / "inputs" / "article.html")
    assert isinstance(article, Article)
    assert "“We will not back down,” Mayor Jane Alvarez said" in article.text
    assert "this is not a quote" not in article.text
    assert "World” news" not in article.text
    assert article.title == "Council keeps budget"
    assert article.outlet == "The Daily Ledger"


def test_jsonl_documents_and_bad_lines(fixtures):
    items = list(iter_articles([fixtures / "inputs" / "docs.jsonl"]))
    articles = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(a.doc_id, a.outlet, a.title, a.published) for a in articles] == [("a1", "Reuters", "Prices", "2024-01-02")]
    reasons = {s.source.rsplit(":", 1)[1]: s.reason for s in skipped}
    assert set(reasons) == {"3", "4", "5"}
    assert "not a JSON line" in reasons["3"]
    assert '"text"' in reasons["4"]
    assert "empty" in reasons["5"]


def test_directory_batch_goes_on_past_bad_files(fixtures):
    items = list(iter_articles([fixtures / "inputs", fixtures / "missing.txt"]))
    skipped = {s.source.split("/")[-1]: s.reason for s in items if isinstance(s, Skipped)}
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["binary.txt"]
    assert "no such file" in skipped["missing.txt"]
    names = {a.doc_id for a in items if isinstance(a, Article)}
    assert {"utf8_bom", "crlf", "windows1252", "article", "with_sidecar", "a1"} <= names
    assert "with_sidecar.meta" not in names  # sidecars are metadata, not articles


def test_seeds_have_five_outlets():
    from conftest import SEEDS

    articles = [a for a in iter_articles([SEEDS]) if isinstance(a, Article)]
    assert len(articles) == 5
    assert sorted(a.outlet for a in articles) == ["Associated Press", "Bloomberg", "Fox News", "New York Post", "The Epoch Times"]


# --- hostile inputs (issue 7) ------------------------------------------------------------
import pytest
from hypothesis import given, settings, strategies as st

from quotes.ingest.files import MAX_FILE_BYTES, has_markup, strip_markup

HOSTILE = __import__("conftest").FIXTURES / "hostile"


@pytest.fixture(scope="module")
def hostile():
    items = list(iter_articles([HOSTILE]))
    articles = {i.doc_id: i for i in items if isinstance(i, Article)}
    skipped = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skipped)}
    return articles, skipped


def test_every_refused_input_has_a_reason(hostile):
    _, skipped = hostile
    assert skipped == {
        "bad_sidecar.txt": skipped["bad_sidecar.txt"],
        "blank.txt": "empty: no text",
        "empty.txt": "empty file",
        "photo.txt": "binary file, not text",
        "script_only.html": "no article text found in the HTML",
        "docs.jsonl:2": skipped["docs.jsonl:2"],
        "docs.jsonl:3": 'no "text" string in this JSON line',
        "docs.jsonl:4": 'no "text" string in this JSON line',
        "docs.jsonl:5": "empty: no text",
        "docs.jsonl:7": skipped["docs.jsonl:7"],
    }
    assert "unreadable metadata file bad_sidecar.meta.json" in skipped["bad_sidecar.txt"]
    assert skipped["docs.jsonl:2"].startswith("not a JSON line")
    assert skipped["docs.jsonl:7"].startswith("not a JSON line")  # 50,000 nested arrays


def test_html_page_gives_text_and_metadata_but_no_script_style_nav_or_footer(hostile):
    articles, _ = hostile
    page = articles["page"]
    assert "“We got what we asked for,” union leader Maria Santos said" in page.text
    for junk in ("script quote", "styled quote", "Home", "Footer slogan"):
        assert junk not in page.text
    assert (page.title, page.byline, page.outlet, page.published) == ("Port strike ends", "Lee Chan", "Harbour Post", "2024-03-04")


def test_html_inside_txt_files(hostile):
    articles, _ = hostile
    assert articles["html_in"].text == (
        "“We will fight on,” said union leader Maria Santos.\n\nTalks resume on Monday & Tuesday.\nNothing else.")
    saved = articles["saved_page"]
    assert "“We got what we asked for,” union leader Maria Santos said" in saved.text
    assert "<" not in saved.text and "script quote" not in saved.text


def test_jsonl_lone_surrogate_and_legacy_line(hostile):
    articles, _ = hostile
    assert articles["surrogate"].text == "“Bad \ufffd char,” said Senator Ray Holt."
    assert articles["cp1252"].text == "“Legacy line,” said Senator Ray Holt."
    articles["surrogate"].id  # hashable: no lone surrogates left


def test_binary_jsonl_is_one_skip_not_thousands(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(b"\x00\x01\x02\n" * 5000)
    assert [(s.source, s.reason) for s in iter_articles([path])] == [(str(path), "binary file, not JSON lines")]


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "giant.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing written to disk
    (item,) = iter_articles([path])
    assert isinstance(item, Skipped) and item.reason.startswith("too large")


def test_directory_given_as_file_and_special_files(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    items = list(iter_articles([fifo]))
    assert [(i.source, i.reason) for i in items] == [(str(fifo), "not a regular file")]


def test_markup_stripping_is_only_for_text_with_markup():
    assert not has_markup("He said 5 < 6 and AT&T rose.")
    assert strip_markup("<b>A</b> &ldquo;x&rdquo;<br/>B") == "A “x”\nB"
    assert strip_markup('<tweet author="@x">kept</tweet>') == '<tweet author="@x">kept</tweet>'


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("<>/&;#abp r\n“”\"'=") + ["<p>", "</p>", "<br>", "&amp;", "<script>", "</script>", "&rdquo;", "<!--", "-->"]), max_size=80).map("".join))
def test_strip_markup_never_raises(text):
    assert isinstance(strip_markup(text), str)


SEED = Path(__file__).resolve().parents[2] / "seeds" / "004_4517ef6bbb3d0375.txt"


def _paragraphs():
    return "".join(f"<p>{html.escape(p)}</p>\n" for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip())


def test_html_gz_pages_are_read(tmp_path):
    page = f"<html><head><title>T</title></head><body><article>{_paragraphs()}</article></body></html>"
    path = tmp_path / "story.html.gz"
    path.write_bytes(gzip.compress(page.encode("utf-8")))
    article = read_file(path)
    assert isinstance(article, Article) and article.doc_id == "story"
    assert "very, very serious problem" in article.text
    assert [a.doc_id for a in iter_articles([tmp_path]) if isinstance(a, Article)] == ["story"]


def test_broken_gzip_is_one_clear_line(tmp_path):
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    skipped = read_file(path)
    assert isinstance(skipped, Skipped) and "gzip" in skipped.reason


def test_article_inside_nav_falls_back_to_plain_trafilatura(tmp_path):
    """Malformed HTML that opens <nav> and never closes it puts the whole article inside
    the navigation: the cleaned page yields almost nothing, so plain trafilatura is used."""
    page = ("<html><head><title>Austin on North Korea</title></head><body>"
            "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul>"
            f"<div class='story'>{_paragraphs()}</div></body></html>")
    path = tmp_path / "nav.html"
    path.write_text(page, encoding="utf-8")
    article = read_file(path)
    assert isinstance(article, Article)
    assert len(article.text) > 2000 and "very, very serious problem" in article.text


def test_jsonl_without_outlet_gets_the_publisher_of_its_url(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"doc_id": "x", "text": "A story.", "url": "https://apnews.com/article/x"}\n'
                    '{"doc_id": "y", "text": "Another story.", "url": "https://unknown.example/y"}\n', encoding="utf-8")
    articles = [a for a in iter_articles([path]) if isinstance(a, Article)]
    assert [(a.doc_id, a.outlet) for a in articles] == [("x", "Associated Press"), ("y", None)]


def test_html_dates_with_zone_names_give_no_warning(recwarn):
    """htmldate hands "2019-11-18 10:00:00 EST" to dateutil, which warns on every unknown
    zone name: a build stays quiet and the date is read."""
    from quotes.ingest.files import html_to_text

    page = ('<html><head><meta property="article:published_time" content="2019-11-18 10:00:00 EST">'
            "<title>x</title></head><body><article>" + "<p>" + "word " * 120 + "</p>" * 3 + "</article></body></html>")
    text, meta = html_to_text(page)
    assert meta["published"] == "2019-11-18"
    assert not [w for w in recwarn if "tzname" in str(w.message)]
