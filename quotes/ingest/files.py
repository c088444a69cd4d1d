"""Reading articles from files: `.txt`, `.html`, directories of them, and `.jsonl` documents.

Yields an `Article` for every readable input and a `Skipped` (with a one-line reason) for
every one that is not, so one bad file never stops a batch.

Metadata that the text does not carry comes from a sidecar file next to the article:
`story.txt` + `story.meta.json` (`{"outlet": ..., "title": ..., "byline": ...,
"published": ..., "url": ...}`). Sidecar and JSONL metadata win over what the text says.
"""
from __future__ import annotations

import copy
import errno
import gzip
import html
import io
import json
import os
import re
import stat
import warnings
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from quotes.ingest.decoding import UndecodableError, decode_bytes, decode_reporting, looks_binary, normalise_text
from quotes.model import Article, Skipped
from quotes.ingest import pagemeta
from quotes.ingest.bylines import clean_byline
from quotes.ingest.language import ENGLISH, NOT_ENGLISH_NOTE, language_of
from quotes.ingest.outlets import canonical_outlet, detect_metadata
from quotes.ingest.publishers import outlet_for_url, page_outlet

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
GZIP_HTML_SUFFIXES = (".html.gz", ".htm.gz")  # saved pages, as crawlers and benchmarks keep them
METADATA_KEYS = ("outlet", "title", "byline", "published", "url")
MAX_FILE_BYTES = 20 * 1024 * 1024  # a single news article is never this big
MAX_TEXT_CHARS = 2_000_000
MAX_HTML_BYTES = 5 * 1024 * 1024  # trafilatura is slow on huge pages; real ones are far smaller
MAX_SIDECAR_BYTES = 1024 * 1024  # five short fields


class NotReadable(ValueError):
    """A file we will not read; the message says why, for the user."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Opened without blocking and
    checked on the open descriptor, so a FIFO, a device (a link to /dev/zero) or a file
    swapped after the check is refused rather than read forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("not a regular file")
        if info.st_size == 0:
            raise NotReadable("empty file")
        if info.st_size > limit:
            raise NotReadable(f"too large ({info.st_size:,} bytes; the limit is {limit:,})")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise NotReadable(f"too large (over {limit:,} bytes, growing while read)")
        return b"".join(chunks)
    finally:
        os.close(fd)


_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def display_name(name) -> str:
    """A path as one printable line that SQLite can store: control characters (a newline
    in a file name) and bytes that are not UTF-8 (kept by Python as U+DC80-U+DCFF) are
    written as escapes: `a\\nb.txt`, `caf\\xe9.txt`."""
    def escape(m: re.Match) -> str:
        code = ord(m.group())
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSHOWABLE.sub(escape, os.fspath(name))


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
    """Files as given, directories walked (sorted) for article files; a directory that
    cannot be read is reported, not passed over. Primary sources (transcripts, captions:
    ``quotes.ingest.sources``) are not articles and are left out."""
    from quotes.ingest.sources import is_source_file

    for raw in paths:
        path = Path(raw)
        try:
            is_dir, is_file, exists = path.is_dir(), path.is_file(), path.exists()
        except OSError as exc:  # a name too long, a loop of links
            yield Skipped(display_name(raw), f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            found: list[Path | Skipped] = []

            def unreadable(exc: OSError) -> None:
                found.append(Skipped(display_name(exc.filename or raw), f"cannot read this directory: {exc.strerror or exc}"))

            for folder, _, files in os.walk(path, onerror=unreadable):
                for name in files:
                    child = Path(folder, name)
                    try:
                        if ((child.suffix.lower() in ARTICLE_SUFFIXES or is_gzip_html(child)) and child.is_file()
                                and not is_source_file(child)):
                            found.append(child)
                    except OSError as exc:
                        found.append(Skipped(display_name(child), f"cannot read: {exc.strerror or exc}"))
            yield from sorted(found, key=lambda p: os.fspath(p) if isinstance(p, Path) else p.source)
        elif is_file:
            if not is_source_file(path):
                yield path
        elif exists:
            yield Skipped(display_name(raw), "not a regular file")
        else:
            yield Skipped(display_name(raw), "no such file or directory")


def is_gzip_html(path: Path) -> bool:
    return path.name.lower().endswith(GZIP_HTML_SUFFIXES)


def article_stem(path: Path) -> str:
    """The file name without its article suffix(es): `story.html.gz` -> `story`."""
    return path.name[: -len(path.suffixes[-1]) - len(path.suffixes[-2])] if is_gzip_html(path) else path.stem


class TooLargeUnpacked(Exception):
    pass


def unpack_gzip(data: bytes, limit: int) -> bytes:
    """A gzip file's contents, refused past `limit` bytes once decompressed (a small file
    can unpack to gigabytes)."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
        unpacked = handle.read(limit + 1)
    if len(unpacked) > limit:
        raise TooLargeUnpacked(f"too large once decompressed (over {limit:,} bytes)")
    return unpacked


def read_file(path: Path) -> Article | Skipped:
    """One `.txt`, `.html` or `.html.gz` article, with its sidecar metadata."""
    where = display_name(path)
    gzipped = is_gzip_html(path)
    is_html = gzipped or path.suffix.lower() in HTML_SUFFIXES
    limit = MAX_HTML_BYTES if is_html else MAX_FILE_BYTES
    try:
        data = read_regular(path, limit)
        text, repaired = decode_reporting(unpack_gzip(data, limit) if gzipped else data)
    except (UndecodableError, NotReadable, TooLargeUnpacked) as exc:
        return Skipped(where, str(exc))
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        return Skipped(where, f"not a readable gzip file: {exc}")
    except OSError as exc:
        return Skipped(where, f"cannot read: {exc.strerror or exc}")
    meta: dict[str, str | None] = {}
    if is_html or looks_like_html_document(text):
        try:
            extracted, meta = html_to_text(text)
        except Exception as exc:  # trafilatura/lxml on hostile markup: report, go on
            return Skipped(where, f"could not parse the HTML ({type(exc).__name__}: {exc})")
        if extracted is None and is_html:
            return Skipped(where, "no article text found in the HTML")
        text = extracted if extracted is not None else strip_markup(text)
    elif has_markup(text):
        text = strip_markup(text)
    sidecar = read_sidecar(path)
    if isinstance(sidecar, Skipped):
        return sidecar
    meta.update({k: v for k, v in sidecar.items() if v})
    article = make_article(display_name(article_stem(path)), text, meta, source=where)
    if repaired and isinstance(article, Article):
        article.notes.append(repaired)
    return article


def read_sidecar(path: Path) -> dict[str, str | None] | Skipped:
    """`NAME.meta.json` beside `NAME.txt`: the metadata the text does not carry. Read with
    the checks of the inputs themselves (a regular file, at most MAX_SIDECAR_BYTES)."""
    sidecar = path.with_name(article_stem(path) + ".meta.json")
    shown = display_name(sidecar.name)
    try:
        data = json.loads(decode_bytes(read_regular(sidecar, MAX_SIDECAR_BYTES)))
    except FileNotFoundError:
        return {}
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no file can have that name: there is none
            return {}
        return Skipped(display_name(path), f"unreadable metadata file {shown}: {exc.strerror or exc}")
    except (NotReadable, UndecodableError, json.JSONDecodeError, RecursionError) as exc:
        return Skipped(display_name(path), f"unreadable metadata file {shown}: {exc}")
    if not isinstance(data, dict):
        return Skipped(display_name(path), f"metadata file {shown} is not a JSON object")
    return {k: _as_text(data.get(k)) for k in METADATA_KEYS}


def read_jsonl(path: Path) -> Iterator[Article | Skipped]:
    """Documents `{"doc_id", "text", "outlet"?, "title"?, "published"?, "url"?}`, one a line."""
    shown = display_name(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Skipped(shown, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        if looks_binary(handle.read(8192)):
            yield Skipped(shown, "binary file, not JSON lines")
            return
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            where = f"{shown}:{number}"
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
            doc_id = _as_text(doc.get("doc_id")) or f"{display_name(path.stem)}-{number}"
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
    merged["outlet"] = merged["outlet"] or outlet_for_url(merged["url"])
    article = Article(
        doc_id=doc_id,
        text=text,
        outlet=canonical_outlet(merged["outlet"]),
        title=merged["title"],
        byline=merged["byline"],
        published=merged["published"],
        url=merged["url"],
        source=source,
        language=language_of(text),
    )
    if article.language != ENGLISH:
        article.notes.append(NOT_ENGLISH_NOTE)
    return article


# The cleaned page "yields almost nothing" below this many characters: then plain
# trafilatura on the whole page is tried too (malformed HTML can put the article inside
# <nav>, which the cleaning drops), and the longer text wins.
FALLBACK_BELOW_CHARS = 500


def html_to_text(page: str) -> tuple[str | None, dict[str, str | None]]:
    """Article text and metadata from HTML with trafilatura (no scripts, no navigation).

    The outlet comes from the page's address and site names (`publishers.page_outlet`),
    the byline is cleaned of page furniture (`bylines.clean_byline`)."""
    tree = parse_page(page)
    cleaned = drop_boilerplate(tree) if tree is not None else page
    data = _trafilatura(cleaned)
    text = normalise_text((data or {}).get("text") or "")
    if len(text.strip()) < FALLBACK_BELOW_CHARS:
        plain = _trafilatura(page)
        plain_text = normalise_text((plain or {}).get("text") or "")
        if len(plain_text.strip()) > max(2 * len(text.strip()), FALLBACK_BELOW_CHARS // 2):
            data, text = plain, plain_text
    if not text.strip():
        return None, {}
    found = pagemeta.page_metadata(tree) if tree is not None else {}
    url = found.get("url") or data.get("url")
    title = _as_text(data.get("title")) or found.get("title")
    outlet = page_outlet(url, [*found.get("site_names", []), data.get("sitename")], title)
    meta = {
        "outlet": outlet,
        "title": title,
        "byline": clean_byline(_as_text(data.get("author")), outlet),
        "published": data.get("date"),
        "url": url,
    }
    return text, {k: _as_text(v) for k, v in meta.items()}


def _trafilatura(page) -> dict | None:
    import trafilatura

    with warnings.catch_warnings():
        # htmldate hands dates like "2019-11-18 10:00:00 EST" to dateutil, which warns about
        # every zone name it does not know; the date is read all the same
        warnings.filterwarnings("ignore", message=r"tzname .* identified but not understood")
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


_BOILERPLATE = "//script|//style|//noscript|//nav|//footer|//aside|//menu|//*[@role='navigation']"


def parse_page(page: str):
    """The page as an lxml tree, or None when lxml cannot parse it."""
    from lxml import etree, html as lxml_html

    try:
        return lxml_html.document_fromstring(re.sub(r"\A\s*<\?xml[^>]*>", "", page))
    except (ValueError, etree.ParserError):
        return None


def drop_boilerplate(page):
    """The page (HTML text or a parsed tree) without scripts, styles, navigation, footers and
    asides (not forms: some CMSs wrap the whole page in one), as HTML text. trafilatura skips
    them too, but its fallbacks take the navigation when a page has no article at all."""
    from lxml import html as lxml_html

    tree = parse_page(page) if isinstance(page, str) else copy.deepcopy(page)
    if tree is None:
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


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _as_text(value) -> str | None:
    """A metadata value as text SQLite can store (JSON may carry lone surrogates)."""
    if value is None:
        return None
    value = _LONE_SURROGATE.sub("\ufffd", str(value)).strip()
    return value or None
