"""Hypothesis over ingestion (issue 17): whatever bytes, encodings, HTML, JSON lines, file
names and sidecars arrive, reading gives an Article or a one-line Skipped for each input,
never an exception, and everything it gives can be stored and printed on one line."""
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from quotes.ingest.decoding import UndecodableError, decode_bytes, decode_reporting
from quotes.ingest.files import iter_articles
from quotes.ingest.sources import is_source_file
from quotes.model import Article, Skipped

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(["“", "”", "‘", "’", '"', "'", "said", "Smith", "é", "—", "\n", "\r\n", " ", "<p>",
                         "</p>", "&rdquo;", "<script>x</script>", "\x00", "\ufeff", "\u2028", "Zürich", "дом",
                         "<html>", "\ud800", "a", "."])
TEXTS = st.lists(WORDS, max_size=60).map("".join)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-16-le", "koi8-r"])


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")


BYTES = st.one_of(
    st.binary(max_size=400),
    st.builds(encoded, TEXTS, ENCODINGS),
    st.builds(lambda t, junk, at: (lambda b: b[:at] + junk + b[at:])(t.encode("utf-8", "surrogatepass")),
              TEXTS, st.binary(min_size=1, max_size=3), st.integers(0, 200)),
)
NAMES = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
    st.integers(200, 250).map(lambda n: "n" * n),
)
SIDECARS = st.one_of(
    st.none(),
    st.binary(max_size=200),
    st.dictionaries(st.sampled_from(["outlet", "title", "url", "published", "byline", "other"]),
                    st.one_of(st.text(max_size=30), st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
                    max_size=5).map(lambda d: json.dumps(d).encode()),
    st.just(b"[" * 5000),
)


def one_line(s: str) -> bool:
    return "\n" not in s and "\r" not in s


def storable(s) -> bool:
    if s is None:
        return True
    s.encode("utf-8")  # SQLite cannot take lone surrogates: this raises for them
    return True


@SETTINGS
@given(BYTES)
def test_any_bytes_decode_to_clean_text_or_a_reason(data):
    try:
        text, note = decode_reporting(data)
    except UndecodableError as exc:
        assert one_line(str(exc))
        return
    assert text == decode_bytes(data)
    assert storable(text) and "\r" not in text and "\x00" not in text
    assert note is None or one_line(note)


@SETTINGS
@given(st.lists(st.tuples(NAMES, st.sampled_from([".txt", ".html", ".jsonl", ".text"]), BYTES, SIDECARS),
                min_size=1, max_size=4))
def test_any_directory_of_inputs_reads_without_raising(files):
    with tempfile.TemporaryDirectory() as tmp:
        written = set()
        for name, suffix, data, sidecar in files:
            path = os.path.join(os.fsencode(tmp), os.fsencode(name[:200] + suffix))
            try:
                with open(path, "wb") as handle:
                    handle.write(data)
            except OSError:
                continue  # a name this file system refuses: nothing to read
            written.add(path)
            if sidecar is not None:
                try:
                    with open(os.path.join(os.fsencode(tmp), os.fsencode(name[:200] + ".meta.json")), "wb") as handle:
                        handle.write(sidecar)
                except OSError:
                    pass
        items = list(iter_articles([tmp]))
        for item in items:
            assert isinstance(item, (Article, Skipped))
            if isinstance(item, Skipped):
                assert one_line(item.source) and one_line(item.reason) and storable(item.source)
            else:
                assert item.text.strip() and one_line(item.source) and storable(item.source)
                for value in (item.doc_id, item.outlet, item.title, item.byline, item.published, item.url, item.text):
                    assert storable(value)
                assert all(one_line(n) for n in item.notes)
        # primary sources (a file opening with front matter, captions) are read by the sources
        # step, not as articles (quotes.ingest.sources.is_source_file)
        articles = {p for p in written if not is_source_file(Path(os.fsdecode(p)))}
        if not any(f[1] == ".jsonl" for f in files):  # one item per article file: none lost, none twice
            assert len(items) == len(articles)


@SETTINGS
@given(st.lists(st.one_of(
    st.builds(lambda d: json.dumps(d), st.dictionaries(
        st.sampled_from(["doc_id", "text", "outlet", "url", "date", "x"]),
        st.one_of(TEXTS, st.integers(), st.none(), st.booleans()), max_size=5)),
    TEXTS, st.just("{" * 3000), st.just('{"text": "\\ud800 said “x”"}'),
), max_size=8))
def test_any_json_lines_read_without_raising(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        for item in iter_articles([path]):
            assert isinstance(item, (Article, Skipped))
            assert one_line(item.source)
            if isinstance(item, Article):
                for value in (item.doc_id, item.outlet, item.url, item.text, item.published):
                    assert storable(value)
