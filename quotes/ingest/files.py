"""Reading articles from files: `.txt`, `.html`, directories of them, and `.jsonl` documents.

Yields an `Article` for every readable input and a `Skipped` (with a one-line reason) for
every one that is not, so one bad file never stops a batch.

Metadata that the text does not carry comes from a sidecar file next to the article:
`story.txt` + `story.meta.json` (`{"outlet": ..., "title": ..., "byline": ...,
"published": ..., "url": ...}`). Sidecar and JSONL metadata win over what the text says.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from quotes.ingest.decoding import UndecodableError, decode_bytes, looks_binary, normalise_text
from quotes.model import Article, Skipped
from quotes.ingest.outlets import canonical_outlet, detect_metadata

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
METADATA_KEYS = ("outlet", "title", "byline", "published", "url")
MAX_FILE_BYTES = 20 * 1024 * 1024  # a single news article is never this big
MAX_TEXT_CHARS = 2_000_000
MAX_HTML_BYTES = 5 * 1024 * 1024  # trafilatura is slow on huge pages; real ones are far smaller


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Every article in the given files and directories, in a stable order."""
    for path in expand_paths(paths):
        if isinstance(path, Skipped):
            yield path
        elif path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        else:
            yield read_file(path)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files as given, directories walked (sorted) for article files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield Skipped(str(raw), "not a regular file")
        else:
            yield Skipped(str(raw), "no such file or directory")


def read_file(path: Path) -> Article | Skipped:
    """One `.txt` or `.html` article, with its sidecar metadata."""
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(str(path), "empty file")
        is_html = path.suffix.lower() in HTML_SUFFIXES
        limit = MAX_HTML_BYTES if is_html else MAX_FILE_BYTES
        if size > limit:
            return Skipped(str(path), f"too large ({size:,} bytes; the limit is {limit:,})")
        text = decode_bytes(path.read_bytes())
    except UndecodableError as exc:
        return Skipped(str(path), str(exc))
    except OSError as exc:
        return Skipped(str(path), f"cannot read: {exc.strerror or exc}")
    meta: dict[str, str | None] = {}
    if is_html or looks_like_html_document(text):
        try:
            extracted, meta = html_to_text(text)
        except Exception as exc:  # trafilatura/lxml on hostile markup: report, go on
            return Skipped(str(path), f"could not parse the HTML ({type(exc).__name__}: {exc})")
        if extracted is None and is_html:
            return Skipped(str(path), "no article text found in the HTML")
        text = extracted if extracted is not None else strip_markup(text)
    elif has_markup(text):
        text = strip_markup(text)
    sidecar = read_sidecar(path)
    if isinstance(sidecar, Skipped):
        return sidecar
    meta.update({k: v for k, v in sidecar.items() if v})
    return make_article(path.stem, text, meta, source=str(path))


def read_sidecar(path: Path) -> dict[str, str | None] | Skipped:
    """`NAME.meta.json` beside `NAME.txt`: the metadata the text does not carry."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(decode_bytes(sidecar.read_bytes()))
    except (OSError, UndecodableError, json.JSONDecodeError) as exc:
        return Skipped(str(path), f"unreadable metadata file {sidecar.name}: {exc}")
    if not isinstance(data, dict):
        return Skipped(str(path), f"metadata file {sidecar.name} is not a JSON object")
    return {k: _as_text(data.get(k)) for k in METADATA_KEYS}


def read_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """Documents `{"doc_id", "text", "outlet"?, "title"?, "published"?, "url"?}`, one a line."""
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Skipped(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        if looks_binary(handle.read(8192)):
            yield Skipped(str(path), "binary file, not JSON lines")
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                doc = json.loads(_decode_line(raw))
            except (UndecodableError, json.JSONDecodeError, RecursionError) as exc:
                yield Skipped(where, f"not a JSON line: {exc}")
                continue
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                yield Skipped(where, 'no "text" string in this JSON line')
                continue
            doc_id = _as_text(doc.get("doc_id")) or f"{path.stem}-{number}"
            meta = {k: _as_text(doc.get(k)) for k in METADATA_KEYS}
            if not meta["published"]:
                meta["published"] = _as_text(doc.get("date"))
            text = normalise_text(doc["text"])
            art = make_article(doc_id, text, meta, source=where)
            if isinstance(art, Article) and text != doc["text"]:
                art.given_text = doc["text"]  # output offsets index the text as given
            yield art


def make_article(doc_id: str, text: str, meta: dict, source: str) -> Article | Skipped:
    """Check the text and fill metadata gaps from what the text itself says."""
    if not text.strip():
        return Skipped(source, "empty: no text")
    if len(text) > MAX_TEXT_CHARS:
        return Skipped(source, f"too large ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    found = detect_metadata(text)
    merged = {k: meta.get(k) or found.get(k) for k in METADATA_KEYS}
    return Article(
        doc_id=doc_id,
        text=text,
        outlet=canonical_outlet(merged["outlet"]),
        title=merged["title"],
        byline=merged["byline"],
        published=merged["published"],
        url=merged["url"],
        source=source,
    )


def html_to_text(html: str) -> tuple[str | None, dict[str, str | None]]:
    """Article text and metadata from HTML with trafilatura (no scripts, no navigation)."""
    import trafilatura

    html = drop_boilerplate(html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return None, {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = normalise_text(data.get("text") or "")
    if not text.strip():
        return None, {}
    meta = {
        "outlet": data.get("sitename"),
        "title": data.get("title"),
        "byline": data.get("author"),
        "published": data.get("date"),
        "url": data.get("url"),
    }
    return text, {k: _as_text(v) for k, v in meta.items()}


_BOILERPLATE = "//script|//style|//noscript|//nav|//footer|//aside|//menu|//*[@role='navigation']"


def drop_boilerplate(page: str) -> str:
    """The page without scripts, styles, navigation, footers and asides (not forms: some CMSs
    wrap the whole page in one). trafilatura skips them too, but its fallbacks take the
    navigation when a page has no article at all."""
    from lxml import etree, html as lxml_html

    try:
        tree = lxml_html.document_fromstring(re.sub(r"\A\s*<\?xml[^>]*>", "", page))
    except (ValueError, etree.ParserError):
        return page
    for element in tree.xpath(_BOILERPLATE):
        if element.getparent() is not None:
            element.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")


def _decode_line(raw: bytes) -> str:
    """A JSON line: UTF-8 (BOM allowed), else the legacy encodings `decode_bytes` knows."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(raw)


# HTML that turns up inside .txt files: a whole saved page, or a CMS export with tags and
# entities (`<p>`, `&rdquo;`) around the words.
_DOCUMENT = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|u|em|strong|h[1-6]|ul|ol|li|blockquote|q|cite|figure|figcaption"
    r"|img|section|article|header|footer|nav|aside|table|tr|td|th|tbody|thead|hr|font|small|sup|sub)"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)
_BLOCK_TAG = re.compile(r"<(?:br|/p|/div|/h[1-6]|/li|/blockquote|/tr|hr)\b[^<>]*>", re.I)
_DROPPED = re.compile(r"<(script|style|noscript|nav|head)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def looks_like_html_document(text: str) -> bool:
    """A saved web page, whatever its file name says."""
    return bool(_DOCUMENT.match(text[:2000]))


def has_markup(text: str) -> bool:
    return bool(_HTML_TAG.search(text) or _ENTITY.search(text) or _DROPPED.search(text) or "<!--" in text)


def strip_markup(text: str) -> str:
    """Plain text from text with HTML bits in it: scripts, styles and navigation dropped,
    block tags become line breaks, other known tags vanish, entities are decoded
    (`&rdquo;` -> ”). Unknown tags (`<tweet author=...>`) are left for the mark finder."""
    text = _DROPPED.sub("", text)
    text = _COMMENT.sub("", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    return normalise_text(re.sub(r"\n{3,}", "\n\n", text)).strip("\n")


def _as_text(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
