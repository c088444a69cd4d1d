"""Screenshots of the Datasette site for the README: docs/home.png (the start page with its
charts), docs/search.png (quotes found by a search, as cards), docs/utterance.png,
docs/quote.png, docs/speaker.png and docs/article.png.

    python docs/screenshots.py --db quotes.db

Starts `python -m quotes serve` on a free port, drives Debian's Chromium with Playwright
and saves PNGs of the start page, a search, the most widely quoted utterance, the version
of it that differs most from the reference (in context), its speaker and that version's
article, each once its charts are drawn. The browser tests
(tests/site/test_browser.py) use the same helpers.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
DOCS = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_site(db_path, port: int | None = None, timeout: float = 60.0):
    """`python -m quotes serve --db db_path` in a subprocess; yields its base URL."""
    port = port or free_port()
    env = dict(os.environ)
    root = str(DOCS.parent)
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(db_path), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError("quotes serve exited: " + proc.stdout.read().decode(errors="replace"))
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def pick_pages(page, base: str, database: str, search: str | None = None) -> dict:
    """URLs of the pages worth showing: top utterance, its most changed version, its speaker."""
    def rows(path):
        return page.request.get(base + path).json()

    top = rows(f"/{database}/utterances.json?_sort_desc=n_outlets&_size=1&_shape=array")[0]
    versions = rows(f"/{database}/quotes.json?utterance_id={top['id']}&_shape=array&_size=100")
    reference = top["reference_quote_id"]
    # the version whose words differ most from the reference, else the reference itself
    changed = [v for v in versions if v["id"] != reference]
    quote = max(changed, key=lambda v: (len(v["text"]), v["id"])) if changed else {"id": reference}
    article = rows(f"/{database}/quotes/{quote['id']}.json?_shape=array")[0]["article_id"]
    # by default, the longest word of the top utterance
    words = search or max(top["text"].split(), key=len).strip(",.;:!?\"'“”‘’")
    return {
        "search": f"{base}/{database}/quotes?" + urllib.parse.urlencode({"_search": words}),
        "utterance": f"{base}/{database}/utterances/{top['id']}",
        "quote": f"{base}/{database}/quotes/{quote['id']}",
        "speaker": f"{base}/{database}/speakers/{top['speaker_id']}",
        "article": f"{base}/{database}/articles/{article}",
    }


def wait_for_charts(page, timeout: float = 15000) -> None:
    """Until every chart on the page is drawn (or has said why not). A selector, not
    `wait_for_function`: polling a string predicate evaluates it in the page, which the
    site's Content-Security-Policy (no 'unsafe-eval') refuses whenever a chart is not drawn
    at the first look."""
    page.wait_for_selector("figure.q-chart:not([data-drawn])", state="detached", timeout=timeout)


def capture(base: str, database: str, out_dir: Path = DOCS, browser=None, search: str | None = None) -> list[Path]:
    """Save the PNGs; launches Chromium unless a Playwright `browser` is given."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = launch(p)
            try:
                return capture(base, database, out_dir, own, search)
            finally:
                own.close()
    saved = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{base}/{database}")
        wait_for_charts(page)
        path = out_dir / "home.png"
        height = min(page.evaluate("document.querySelector('.q-home').getBoundingClientRect().bottom") + 20, 2400)
        page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height})
        saved.append(path)
        for name, url in pick_pages(page, base, database, search).items():
            page.goto(url)
            wait_for_charts(page)
            path = out_dir / f"{name}.png"
            # the panel is what matters; cap the height
            height = min(page.evaluate("document.body.scrollHeight"), 2400)
            page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height})
            saved.append(path)
    finally:
        page.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database built by `quotes build`")
    parser.add_argument("--out", default=str(DOCS), help="directory for the PNG files")
    parser.add_argument("--search", help="words for search.png (default: the top utterance's longest word)")
    args = parser.parse_args()
    database = Path(args.db).stem
    with running_site(args.db) as base:
        for path in capture(base, database, Path(args.out), search=args.search):
            print(path)


if __name__ == "__main__":
    main()
