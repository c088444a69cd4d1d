"""A database of articles whose stored URLs are hostile (issue 17): javascript:, data:,
vbscript: in every disguise, next to ordinary http(s) ones. Real store code, real SQLite."""
from quotes.build import update_corpus_index
from quotes.model import Article, Quote
from quotes.store.db import open_db, save_article

HOSTILE_URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(document.domain)", " javascript:alert(1)",
    "java\tscript:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x",
    "https:alert(1)", "http://", "file:///etc/passwd",
]
SAFE_URLS = ["https://example.com/a?b=1&c=2#d", "http://example.org/", "HTTPS://EXAMPLE.COM/x"]


def url_article(i: int, url: str) -> tuple[Article, list[Quote]]:
    """One article quoting the same words as the others (one utterance, many outlets' URLs)."""
    text = f"Intro {i}.\n“We will keep the peace, whatever it takes,” said Mallory Doe."
    start, end = text.index("“") + 1, text.index(",”")
    mention = text.index("Mallory Doe")
    article = Article(doc_id=f"u{i}", text=text, outlet=f"Outlet {i}", title=f"T{i}", url=url,
                      published="2024-10-23")
    quote = Quote(start=start, end=end, text=text[start:end], speaker="Mallory Doe", method="test",
                  confidence=1.0, speaker_start=mention, speaker_end=mention + 11, cue="said",
                  cue_start=text.index("said"), cue_end=text.index("said") + 4)
    return article, [quote]


def make_url_db(path) -> None:
    db = open_db(str(path))
    for i, url in enumerate(HOSTILE_URLS + SAFE_URLS):
        save_article(db, *url_article(i, url))
    update_corpus_index(db)
    db.close()
