"""The site in a real browser: Debian's Chromium driven by Playwright against a real
`python -m quotes serve` subprocess. Skipped when /usr/bin/chromium is missing."""
import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from site_data import AUSTIN_UTTERANCE, add_variants

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not installed"),
]

playwright_sync = pytest.importorskip("playwright.sync_api")


def load_screenshots():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "docs" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshots = load_screenshots()


@pytest.fixture(scope="module")
def site(seeds_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "quotes.db"
    shutil.copy(seeds_db, path)
    add_variants(path)
    with screenshots.running_site(path) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        chromium = screenshots.launch(p)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def test_search_open_utterance_see_differences_follow_article(site, page, tmp_path):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes")
    page.fill("#q-search-input", "serious issue")
    page.click(".q-search input[type=submit]")
    expect(page).to_have_url(re.compile(r"/quotes/quotes\?_search=serious\+issue"))
    expect(page.locator("table.rows-and-columns")).to_contain_text("very, very serious issue")

    # a result's utterance column links to the utterance page
    page.locator(f'table.rows-and-columns a[href$="/utterances/{AUSTIN_UTTERANCE}"]').first.click()
    expect(page).to_have_url(re.compile(f"/quotes/utterances/{AUSTIN_UTTERANCE}$"))
    versions = page.locator("article.q-version")
    expect(versions).to_have_count(8)
    ap = versions.filter(has_text="Associated Press")
    expect(ap.locator("ins", has_text="problem")).to_be_visible()
    expect(ap.locator("del", has_text="issue,")).to_be_visible()
    expect(ap.locator(".q-rel")).to_have_text(re.compile("paraphrase"))  # AP rewords the remark
    # highlighted: inserted words have a coloured background
    background = ap.locator("ins").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "utterance.png"), full_page=True)

    ap.locator("a.q-article-link").click()
    expect(page).to_have_url(re.compile(r"/quotes/articles/"))
    expect(page.locator("body")).to_contain_text("very, very serious problem")


def test_quote_in_context_and_speaker_pages(site, page):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes/utterances/{AUSTIN_UTTERANCE}")
    page.locator("article.q-version", has_text="Associated Press").locator("a.q-context-link").click()
    expect(page.locator(".q-context mark.q-quote")).to_contain_text("If they are belligerents")
    expect(page.locator(".q-context mark.q-speaker")).to_have_text("He")
    expect(page.locator(".q-context mark.q-cue")).to_have_text("added")
    page.locator("a.q-speaker-link").click()
    expect(page).to_have_url(re.compile(r"/quotes/speakers/"))
    expect(page.locator(".q-aliases")).to_contain_text("Austin")
    expect(page.locator(".q-per-outlet tbody tr")).to_have_count(5)
    page.locator(".q-per-outlet a", has_text="Fox News").click()
    expect(page.locator("table.rows-and-columns tbody tr")).to_have_count(2)


def test_screenshot_script(site, browser, tmp_path):
    saved = screenshots.capture(site, "quotes", tmp_path, browser)
    assert {p.name for p in saved} == {"home.png", "utterance.png", "quote.png", "speaker.png"}
    for path in saved:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
