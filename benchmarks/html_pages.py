"""HTML ingestion on real web pages: article text against hand-extracted bodies, and the
outlet, byline and title read from each page, for checking by reading.

    python benchmarks/html_pages.py                      # figures + one line per page
    python benchmarks/html_pages.py --json out.json      # also every page's fields as JSON
    python benchmarks/html_pages.py --plain              # plain trafilatura, for comparison

Pages: ../shared/eval/html-pages/html/<id>.html.gz (181 pages from 126 sites, Scrapinghub's
article-extraction benchmark, MIT), ground truth `ground-truth.json` ({id: {url,
articleBody}}). Each page goes through `quotes.ingest.files.read_file`, the path `quotes
build` takes; the page's own URL is not given (the outlet must follow from the page).

Word-level precision and recall: the extracted text and the body as multisets of lower-cased
words (letters and digits); precision = shared words / extracted words, recall = shared
words / body words. Reported micro (over all words) and as the mean over pages (a skipped
page counts 0 recall; its precision is left out of the mean).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ROOT.parent / "shared" / "eval" / "html-pages"

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in _WORD.findall(text or ""))


def overlap(extracted: str, truth: str) -> tuple[int, int, int]:
    """(shared words, extracted words, body words)."""
    a, b = words(extracted), words(truth)
    return sum((a & b).values()), sum(a.values()), sum(b.values())


def plain_trafilatura(path: Path):
    """The baseline: trafilatura alone on the decoded page, no cleaning, no fallback."""
    import gzip

    import trafilatura

    html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {"text": data.get("text") or "", "outlet": data.get("sitename"), "byline": data.get("author"),
            "title": data.get("title"), "url": data.get("url")}


def ingest(path: Path):
    from quotes.ingest.files import read_file
    from quotes.model import Skipped

    item = read_file(path)
    if isinstance(item, Skipped):
        return None
    return {"text": item.text, "outlet": item.outlet, "byline": item.byline, "title": item.title, "url": item.url}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=str(PAGES))
    parser.add_argument("--plain", action="store_true", help="plain trafilatura instead of quotes' ingestion")
    parser.add_argument("--json", help="write every page's fields and scores here")
    parser.add_argument("--quiet", action="store_true", help="figures only, no line per page")
    args = parser.parse_args()
    pages = Path(args.pages)
    truth = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    run = plain_trafilatura if args.plain else ingest
    shared = extracted = body = 0
    precisions, recalls, rows = [], [], []
    skipped = 0
    started = time.perf_counter()
    for page_id in sorted(truth):
        path = pages / "html" / f"{page_id}.html.gz"
        got = run(path)
        expected = truth[page_id]["articleBody"]
        if got is None:
            skipped += 1
            s, e, b = 0, 0, sum(words(expected).values())
        else:
            s, e, b = overlap(got["text"], expected)
        shared, extracted, body = shared + s, extracted + e, body + b
        if e:
            precisions.append(s / e)
        recalls.append(s / b if b else 1.0)
        domain = re.sub(r"^www\.", "", re.sub(r"^https?://([^/]+).*", r"\1", truth[page_id]["url"]))
        row = {"id": page_id, "domain": domain, "precision": round(s / e, 3) if e else None,
               "recall": round(s / b, 3) if b else None, **({k: v for k, v in got.items() if k != "text"} if got else {}),
               "chars": len(got["text"]) if got else 0}
        rows.append(row)
        if not args.quiet:
            print(f"{domain[:28]:28} | {str(row.get('outlet'))[:34]:34} | {str(row.get('byline'))[:30]:30} | "
                  f"P {row['precision'] if row['precision'] is not None else '-':<5} R {row['recall']}")
    seconds = time.perf_counter() - started
    print(f"pages {len(truth)}, skipped {skipped}, {seconds:.1f} s")
    print(f"micro precision {shared / extracted if extracted else 0:.3f}, micro recall {shared / body:.3f}")
    print(f"mean precision {sum(precisions) / len(precisions):.3f} (pages with text), "
          f"mean recall {sum(recalls) / len(recalls):.3f}")
    print(f"pages with recall < 0.5: {sum(r < 0.5 for r in recalls)}; with an outlet: "
          f"{sum(bool(r.get('outlet')) for r in rows)}; with a byline: {sum(bool(r.get('byline')) for r in rows)}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
