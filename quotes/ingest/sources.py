"""Reading primary sources: transcripts and captions of what was actually said.

A source is never an article: it names no outlet, its quotes are not extracted, and the
corpus step aligns the articles' quotes with it (``quotes.corpus.sources``). Three forms:

- **A transcript with front matter** (``.md`` or ``.txt`` opening with a ``---`` YAML block):
  ``speaker``, ``date``, ``occasion`` (or ``title``/``description``), ``url`` (or
  ``source``). The American Presidency Project transcripts look like this.
- **A transcript with a sidecar** ``NAME.meta.json`` beside ``NAME.txt`` holding the same
  keys (a ``speaker`` or ``occasion`` key, or ``"kind": "source"``, marks it as a source).
- **Captions**: WebVTT (``.vtt``) and SubRip (``.srt``) files; metadata from a sidecar or
  front matter is not possible there, so from ``NAME.meta.json``.

The words may hold **speaker turns**: a line opening with a label in capitals and a colon
(``SECRETARY AUSTIN: …``, ``MR. KIRBY: …``, ``>> TRUMP: …``) or a question (``Q …``,
``Q: …``), and in captions a voice tag (``<v Lloyd Austin>``). Each turn keeps the name
its label gives ("SECRETARY AUSTIN"); the alignment step matches it to the speaker index.
Questions are nobody's words. A source without turns is one turn of its ``speaker``, given
by its front matter, its sidecar or ``quotes build --source-speaker``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from quotes.ingest.decoding import UndecodableError, decode_bytes
from quotes.model import Skipped, Source, Turn

CAPTION_SUFFIXES = {".vtt", ".srt"}
TRANSCRIPT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
SOURCE_SUFFIXES = CAPTION_SUFFIXES | TRANSCRIPT_SUFFIXES
MAX_SOURCE_BYTES = 20 * 1024 * 1024
# sidecar keys that make a .txt a source rather than an article
SOURCE_MARKERS = ("speaker", "occasion")

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# "SECRETARY AUSTIN:", "MR. KIRBY:", ">> TRUMP:", "SEN. J. D. VANCE (R-OH):" at a line start
_LABEL = re.compile(
    r"^[ \t]*(?:>>+[ \t]*)?(?P<label>[A-Z][A-Z'’.\-]*(?:[ \t]+[A-Z][A-Z'’.\-]*){0,5}(?:[ \t]+\([^)\n]{1,30}\))?)"
    r"[ \t]*:[ \t]+", re.M)
_QUESTION = re.compile(r"^[ \t]*(?:>>+[ \t]*)?(?P<label>Q(?:UESTION)?)(?:[ \t]*[:.][ \t]*|[ \t]+)(?=\S)", re.M)
_SPEAKER_CHANGE = re.compile(r"^[ \t]*>>+[ \t]*", re.M)


def is_source_file(path: Path) -> bool:
    """Captions, a file opening with YAML front matter, or a text whose sidecar names a
    speaker or an occasion (or says ``"kind": "source"``)."""
    suffix = path.suffix.lower()
    if suffix in CAPTION_SUFFIXES:
        return True
    if suffix not in TRANSCRIPT_SUFFIXES:
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return True
    meta = _sidecar_json(path)
    return isinstance(meta, dict) and (any(meta.get(k) for k in SOURCE_MARKERS)
                                       or str(meta.get("kind", "")).lower() in ("source", "transcript"))


def expand_source_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The source files among the inputs (directories walked, sorted); the rest are articles
    (``quotes.ingest.files`` leaves these out)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SOURCE_SUFFIXES and is_source_file(child):
                    yield child
        elif path.is_file() and is_source_file(path):
            yield path


def iter_sources(paths: Iterable[str | Path], default_speaker: str | None = None) -> Iterator[Source | Skipped]:
    """Every source in the inputs, or a ``Skipped`` with the reason it cannot be used."""
    for path in expand_source_paths(paths):
        yield read_source(path, default_speaker)


def read_source(path: Path, default_speaker: str | None = None) -> Source | Skipped:
    where = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return Skipped(where, "empty file")
        if size > MAX_SOURCE_BYTES:
            return Skipped(where, f"too large ({size:,} bytes; the limit is {MAX_SOURCE_BYTES:,})")
        raw = decode_bytes(path.read_bytes())
    except UndecodableError as exc:
        return Skipped(where, str(exc))
    except OSError as exc:
        return Skipped(where, f"cannot read: {exc.strerror or exc}")
    meta: dict = {}
    body = raw
    front = _FRONT.match(raw)
    if front:
        try:
            import yaml

            loaded = yaml.safe_load(front.group(1)) or {}
        except yaml.YAMLError as exc:
            return Skipped(where, f"unreadable front matter: {str(exc).splitlines()[0]}")
        if not isinstance(loaded, dict):
            return Skipped(where, "front matter is not a mapping of keys to values")
        meta.update(loaded)
        body = raw[front.end():]
    sidecar = _sidecar_json(path)
    if isinstance(sidecar, Skipped):
        return sidecar
    if isinstance(sidecar, dict):
        meta.update({k: v for k, v in sidecar.items() if v not in (None, "")})
    elif sidecar is not None:
        return Skipped(where, f"metadata file {path.stem}.meta.json is not a JSON object")
    captions = path.suffix.lower() in CAPTION_SUFFIXES
    if captions:
        text, turns = parse_captions(body)
    else:
        text = body.strip("\n")
        turns = parse_turns(text)
    speaker = _text(meta.get("speaker")) or default_speaker
    if not turns:
        if not text.strip():
            return Skipped(where, "empty: no words")
        if not speaker:
            return Skipped(where, "no speaker: give one in its front matter or sidecar (speaker: …), "
                                  "or with --source-speaker")
        turns = [Turn(*_strip_span(text, 0, len(text)), speaker=speaker)]
    date = _day(meta.get("date"))
    if meta.get("date") and date is None:
        return Skipped(where, f"date {meta.get('date')!r} is not a day (YYYY-MM-DD)")
    url = _text(meta.get("url")) or _url(meta.get("source"))
    title = _text(meta.get("occasion")) or _text(meta.get("title")) or _text(meta.get("description"))
    return Source(doc_id=path.stem, text=text, turns=turns, speaker=speaker, date=date, title=title,
                  url=url, kind="captions" if captions else "transcript", source=where)


def parse_turns(text: str) -> list[Turn]:
    """Speaker turns of a transcript (see module doc); [] when it has no labels. Text
    before the first label (a heading, a note) belongs to no one."""
    marks = []
    for m in _LABEL.finditer(text):
        label = collapse(m.group("label"))
        if sum(c.isalpha() for c in label) >= 2:
            marks.append((m.start(), m.end(), label))
    for m in _QUESTION.finditer(text):
        marks.append((m.start(), m.end(), "Q"))
    if not marks:
        return []
    marks.sort()
    turns = []
    for k, (_, body_start, label) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        start, end = _strip_span(text, body_start, end)
        if end > start:
            speaker = None if label in ("Q", "QUESTION") else label
            turns.append(Turn(start, end, speaker=speaker, label=label))
    return turns


_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")


def parse_captions(raw: str) -> tuple[str, list[Turn]]:
    """The words of WebVTT or SRT captions as one text, and their turns.

    Cues are joined in order (timings, cue numbers, NOTE/STYLE blocks and tags dropped); a
    line repeated from the cue before (rolling captions) is kept once. A new turn starts at
    a voice tag (``<v Name>``), a label (``NAME: …``) or a ``>>`` speaker change. The text
    is written back as ``LABEL: words`` paragraphs so that it reads like a transcript."""
    pieces: list[tuple[str | None, bool, str]] = []  # (speaker, new turn, words)
    previous = ""
    for block in re.split(r"\n[ \t]*\n", raw.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        timing = next((i for i, ln in enumerate(lines) if _TIMING.match(ln)), None)
        if timing is None:
            continue  # the header, NOTE and STYLE blocks
        for line in lines[timing + 1:]:
            voice = _VOICE.search(line)
            new = bool(voice) or bool(_SPEAKER_CHANGE.match(line))
            speaker = collapse(voice.group(1)) if voice else None
            words = collapse(_TAG.sub("", _SPEAKER_CHANGE.sub("", line)))
            label = _LABEL.match(words + " ")
            question = _QUESTION.match(words)
            if label and sum(c.isalpha() for c in label.group("label")) >= 2:
                speaker, new = collapse(label.group("label")), True
                words = words[label.end():].strip()
            elif question:  # a reporter's question: nobody's words
                speaker, new = None, True
                words = words[question.end():].strip()
            if not words or words == previous:
                continue
            previous = words
            pieces.append((speaker, new, words))
    text_parts: list[str] = []
    turns: list[Turn] = []
    length = 0
    current: str | None = None
    for speaker, new, words in pieces:
        if new or not turns:
            current = speaker if new else None
            prefix = ("\n\n" if text_parts else "") + (f"{current}: " if current else "")
            text_parts.append(prefix)
            length += len(prefix)
            turns.append(Turn(length, length, speaker=current, label=current))
        else:
            text_parts.append(" ")
            length += 1
        text_parts.append(words)
        length += len(words)
        turns[-1].end = length
    if all(t.speaker is None for t in turns):
        turns = []  # no speakers named: the source's speaker said it all
    return "".join(text_parts), turns


def _sidecar_json(path: Path) -> dict | Skipped | None:
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return None
    try:
        return json.loads(decode_bytes(sidecar.read_bytes()))
    except (OSError, UndecodableError, json.JSONDecodeError) as exc:
        return Skipped(str(path), f"unreadable metadata file {sidecar.name}: {exc}")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def collapse(text: str) -> str:
    return " ".join(text.split())


def _text(value) -> str | None:
    if value is None:
        return None
    value = collapse(str(value))
    return value or None


def _url(value) -> str | None:
    value = _text(value)
    return value if value and re.match(r"https?://", value) else None


def _day(value) -> str | None:
    """An ISO day from a YAML date, a datetime or a string that starts with one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    m = re.match(r"\s*(\d{4}-\d{2}-\d{2})", str(value))
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        return None
