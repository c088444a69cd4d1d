"""Screenshot of the utterance page's "What was said" panel (docs/sources.png).

    python docs/sources_screenshot.py

Builds seeds/ with the transcript fixtures written for the tests (tests/fixtures/sources:
Austin's Rome press conference, Kirby's briefing as captions) in a temporary directory,
serves it with `quotes serve` and captures Austin's utterance page with Debian's Chromium.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "sources.png"


def main() -> None:
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "quotes.db"
        subprocess.run([sys.executable, "-m", "quotes", "build", str(ROOT / "seeds"),
                        str(ROOT / "tests" / "fixtures" / "sources"), "--db", str(db)], check=True, cwd=ROOT)
        import sqlite3

        conn = sqlite3.connect(db)
        uid = conn.execute("""select su.utterance_id from source_utterances su join utterances u on u.id = su.utterance_id
                              where su.state = 'confirmed' order by su.n_found desc, u.n_outlets desc limit 1""").fetchone()[0]
        conn.close()
        with screenshots.running_site(db) as base, sync_playwright() as p:
            browser = screenshots.launch(p)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/quotes/utterances/{uid}")
            panel = page.locator("section.q-source")
            panel.screenshot(path=str(OUT))
            browser.close()
    print(OUT)


if __name__ == "__main__":
    main()
