"""Quotes whose stored speaker is no speaker at all: a time, a place, a heading or a thing
(issue 18: "no quote whose speaker is a thing, a time, a place or a heading").

usage: python benchmarks/nonspeakers.py [--sets train,dev,pages] [--cache DIR] [--code CHECKOUT] [--list]

Extracts PolNeAR train and dev (their texts only; never test) and the saved web pages
(../shared/eval/html-pages) the way `quotes extract` does (quotes.build.extract_documents:
corpus-wide names included), then types every stored speaker name with
quotes.extract.entity_types.stored_name_type, which reads the name (and, for headings and
datelines, the article) whatever mention and resolution led to it. Prints the count per set
and type; --list prints each such quote (name, type, method, the quote's first words) to the
terminal only. --cache DIR keeps each set's extraction as DIR/SET.jsonl and reuses it (delete
it after a code change). --code CHECKOUT extracts with another checkout's code (main, to
compare; in a subprocess), the names still typed by this checkout's rule. Sets that are
absent are skipped with a line saying so.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from common import ROOT

CODE = os.environ.get("NONSPEAKERS_CODE", str(ROOT))  # the checkout whose code extracts
sys.path.insert(0, CODE)
SHARED = ROOT.parent / "shared" / "eval"


def set_inputs(name: str, tmp: Path) -> list[str] | None:
    """The paths `extract_documents` reads for a set, or None when the set is absent."""
    if name == "pages":
        html = SHARED / "html-pages" / "html"
        return [str(html)] if html.is_dir() else None
    gold = SHARED / "polnear" / f"{name}.jsonl"
    if name == "test" or not gold.exists():
        return None  # PolNeAR test is never read
    # the texts only: no gold quote or speaker reaches the extractor
    texts = tmp / f"{name}.jsonl"
    with open(gold, encoding="utf-8") as src, open(texts, "w", encoding="utf-8") as out:
        for line in src:
            d = json.loads(line)
            out.write(json.dumps({"doc_id": d["doc_id"], "text": d["text"]}) + "\n")
    return [str(texts)]


def extract_set(name: str, cache: Path | None, code: str | None = None) -> list[dict] | None:
    """[{doc_id, text, quotes}] for a set, from the cache when it holds it; extracted by
    `code`'s checkout in a subprocess when given."""
    cached = cache / f"{name}.jsonl" if cache else None
    if cached and cached.exists():
        return [json.loads(x) for x in cached.open(encoding="utf-8")]
    if code:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.jsonl"
            env = dict(os.environ, NONSPEAKERS_CODE=str(Path(code).resolve()))
            subprocess.run([sys.executable, __file__, "--sets", name, "--extract-to", str(out)], check=True, env=env)
            docs = [json.loads(x) for x in out.open(encoding="utf-8")] if out.exists() else None
    else:
        docs = _extract(name)
    if cached and docs is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return docs


def _extract(name: str) -> list[dict] | None:
    from quotes.build import Tally, extract_documents, quote_json

    with tempfile.TemporaryDirectory() as tmp:
        paths = set_inputs(name, Path(tmp))
        if paths is None:
            return None
        return [{"doc_id": a.doc_id, "text": a.text, "quotes": [quote_json(q) for q in qs]}
                for a, qs in extract_documents(paths, Tally(), workers=1)]


def nonspeakers(docs: list[dict]):
    """(type, doc_id, quote) for every quote whose stored speaker is no speaker."""
    from quotes.extract.entity_types import stored_name_type

    for d in docs:
        for q in d["quotes"]:
            kind = stored_name_type(q.get("speaker"), d["text"])
            if kind:
                yield kind, d["doc_id"], q


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="train,dev,pages")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--code", help="another checkout whose code extracts (its names typed by this one)")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--extract-to", type=Path, help=argparse.SUPPRESS)  # the --code subprocess
    args = ap.parse_args(argv)
    if args.extract_to:
        docs = _extract(args.sets)
        if docs is not None:
            args.extract_to.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        return 0
    total = 0
    for name in args.sets.split(","):
        docs = extract_set(name, args.cache, args.code)
        if docs is None:
            print(f"{name}: absent, skipped")
            continue
        found = list(nonspeakers(docs))
        quotes = sum(len(d["quotes"]) for d in docs)
        with_speaker = sum(1 for d in docs for q in d["quotes"] if q.get("speaker"))
        counts = Counter(k for k, _, _ in found)
        print(f"{name}: {len(docs)} documents, {quotes} quotes, {with_speaker} with a speaker; "
              f"no speaker at all: {len(found)} {dict(sorted(counts.items()))}")
        total += len(found)
        if args.list:
            for kind, doc_id, q in found:
                print(f"  {kind:8} {q.get('speaker')!r:32} {q.get('method')!s:28} {doc_id[:40]}  "
                      f"{(q.get('text') or '')[:50]!r}")
    print(f"total: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
