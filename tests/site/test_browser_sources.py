"""The primary-source pages in a real browser: Debian's Chromium driven by Playwright against
a real `python -m quotes serve` subprocess. Skipped when /usr/bin/chromium is missing."""
import re

import pytest

from site_data import AUSTIN_UTTERANCE
from test_browser import CHROMIUM, drawn_marks, playwright_sync, screenshots  # (skips with it without Playwright)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium not installed"),
]


@pytest.fixture(scope="module")
def site(sources_db):
    with screenshots.running_site(sources_db) as base:
        yield base


@pytest.fixture
def page(site):
    with playwright_sync.sync_playwright() as p:
        browser = screenshots.launch(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield page
        finally:
            browser.close()


def test_what_was_said_comes_first_then_each_version_then_the_source(site, page, tmp_path):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes/utterances/{AUSTIN_UTTERANCE}")
    said = page.locator("section.q-source")
    expect(said.locator("h2")).to_have_text("What was said")
    expect(said.locator(".q-passage")).to_contain_text("if their intention is to participate in this war")
    # above the comparison between outlets
    assert said.bounding_box()["y"] < page.locator("section.q-utterance").bounding_box()["y"]
    versions = said.locator("article.q-version")
    expect(versions.filter(has_text="Bloomberg").first.locator(".q-rel")).to_have_text(re.compile("punctuation|verbatim"))
    expect(versions.filter(has_text="The Epoch Times").locator(".q-rel", has_text="verbatim").first).to_be_visible()
    page.screenshot(path=str(tmp_path / "utterance_source.png"), full_page=True)

    said.locator("a.q-source-link").click()
    expect(page).to_have_url(re.compile(r"/quotes/sources/"))
    expect(page.locator("section.q-source-page")).to_contain_text("Press conference in Rome")
    expect(page.locator("section.q-source-page li").first).to_be_visible()
    assert drawn_marks(page.locator("figure.q-chart")) >= 4  # this occasion's outlets, one bar each


def test_start_page_chart_of_outlets_against_transcripts(site, page):
    page.goto(f"{site}/quotes")
    charts = page.locator("figure.q-chart")
    playwright_sync.expect(charts).to_have_count(3)
    chart = charts.filter(has_text="found in a transcript")
    assert drawn_marks(chart) >= 5  # one bar segment per outlet and relation
    assert "match the transcript" in chart.locator("svg").text_content()


def test_quote_page_verdict_and_the_outlet_table(site, page):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes/differ_from_source")
    first = page.locator("table.rows-and-columns tbody tr").first
    expect(first).to_be_visible()
    first.locator('a[href*="/quotes/quotes/"]').first.click()
    panel = page.locator("section.q-source-quote")
    expect(panel).to_be_visible()
    expect(panel).not_to_contain_text("Verbatim in the transcript")
    expect(panel.locator("ins, del").first).to_be_visible()

    page.goto(f"{site}/quotes/outlets_against_sources")
    bars = page.locator("table.rows-and-columns .q-bar span")
    expect(bars.first).to_be_attached()
    widths = bars.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert len(widths) >= 4 and max(widths) > 0


def test_words_said_in_several_places_say_so_on_the_quote_and_utterance_pages(sources_db, tmp_path):
    import shutil
    import sqlite3

    path = tmp_path / "quotes.db"
    shutil.copy(sources_db, path)
    conn = sqlite3.connect(path)
    with conn:
        quote = conn.execute("select quote_id from source_quotes where utterance_id = ? limit 1",
                             [AUSTIN_UTTERANCE]).fetchone()[0]
        conn.execute("update source_quotes set places = 3 where quote_id = ?", [quote])
    conn.close()
    expect = playwright_sync.expect
    with screenshots.running_site(path) as base, playwright_sync.sync_playwright() as p:
        browser = screenshots.launch(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/quotes/quotes/{quote}")
            expect(page.locator("section.q-source-quote .q-places")).to_have_text("said 3 times in this source")
            page.goto(f"{base}/quotes/utterances/{AUSTIN_UTTERANCE}")
            version = page.locator(f'section.q-source article.q-version[data-quote-id="{quote}"]')
            expect(version.locator(".q-places")).to_be_visible()
            expect(page.locator("section.q-source .q-places")).to_have_count(1)
        finally:
            browser.close()
