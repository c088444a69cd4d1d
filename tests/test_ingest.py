from quotes.ingest import iter_articles, read_file
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
