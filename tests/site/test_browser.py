"""The site in a real browser: Debian's Chromium driven by Playwright against a real
`python -m quotes serve` subprocess. Skipped when /usr/bin/chromium is missing.

What a new user does, from the first page and without docs: find Austin's remark, see in
a chart which outlets changed his words, open the comparison, read the AP article with its
quotes highlighted and follow one. No request may leave the machine (the chart library is
shipped with the package)."""
import importlib.util
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

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
def page(browser, site):
    """A page that refuses (and records) every request to another host, and records
    script errors."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.outside, page.errors = [], []
    host = urlsplit(site).netloc

    def route(r):
        if urlsplit(r.request.url).netloc != host:
            page.outside.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.outside == [] and page.errors == []
    page.close()


def drawn_marks(figure) -> int:
    """Marks the chart drew: SVG paths and texts inside its mark groups."""
    playwright_sync.expect(figure).to_have_attribute("data-drawn", "1", timeout=15000)
    return figure.locator("svg g.mark-rect path, svg g.mark-text text").count()


def test_new_user_finds_austin_sees_the_chart_compares_and_reads_the_ap_article(site, page):
    expect = playwright_sync.expect
    page.goto(site)  # `/` is the start page
    expect(page).to_have_url(re.compile(r"/quotes$"))
    charts = page.locator("figure.q-chart")
    expect(charts).to_have_count(2)
    assert drawn_marks(charts.nth(0)) >= 20  # the outlet x outlet matrix: 5 x 4 cells
    assert drawn_marks(charts.nth(1)) >= 1
    page.locator("ol.q-top a", has_text="Lloyd Austin: “If their intention").click()
    expect(page).to_have_url(re.compile(f"/quotes/utterances/{AUSTIN_UTTERANCE}$"))
    expect(page.locator("h1")).to_have_text(re.compile("^Lloyd Austin: “If their intention.*— 5 outlets$"))

    # the chart: one bar per version, the changed ones shorter than the reference
    chart = page.locator("figure.q-chart")
    bars = chart.locator("svg g.mark-rect path")
    assert drawn_marks(chart) >= 8
    # 9 versions: Bloomberg's split second part (the Indo-Pacific) joins (corpus.splitparts)
    expect(bars).to_have_count(9)
    expect(chart.locator("svg")).to_contain_text("Associated Press")

    versions = page.locator("article.q-version")
    expect(versions).to_have_count(9)
    ap = versions.filter(has_text="Associated Press")
    expect(ap.locator("ins", has_text="problem")).to_be_visible()
    expect(ap.locator("del", has_text="issue,")).to_be_visible()
    expect(ap.locator(".q-rel")).to_have_text(re.compile("paraphrase"))
    background = ap.locator("ins").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")

    # the AP article, its quotes highlighted, and one followed to its page
    ap.locator("a.q-article-link").click()
    expect(page).to_have_url(re.compile(r"/quotes/articles/"))
    marks = page.locator(".q-article-text a.q-quote-link mark.q-quote")
    assert marks.count() >= 5
    expect(page.locator(".q-article-text")).to_contain_text("very, very serious problem")
    expect(page.locator(".q-article-text .q-said-by").first).to_contain_text("—")
    page.locator(".q-article-text a.q-quote-link", has_text="If they are belligerents").click()
    expect(page).to_have_url(re.compile(r"/quotes/quotes/"))
    expect(page.locator(".q-context mark.q-quote")).to_contain_text("If they are belligerents")


def test_search_gives_cards_that_lead_to_the_comparison(site, page):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes")
    page.fill("#q-search-input", "serious issue")
    page.click(".q-search input[type=submit]")
    expect(page).to_have_url(re.compile(r"/quotes/quotes\?_search=serious\+issue"))
    cards = page.locator("li.q-card")
    expect(cards.first).to_be_visible()
    expect(page.locator("ol.q-cards")).to_contain_text("very, very serious issue")
    expect(page.locator("dl.column-descriptions")).to_be_hidden()  # the glossary is folded
    page.locator("details.q-glossary summary").click()
    expect(page.locator("details.q-glossary dl")).to_contain_text("Offset of the first quoted character")
    cards.filter(has_text="Fox News").locator("a.q-card-utterance").click()
    expect(page).to_have_url(re.compile(f"/quotes/utterances/{AUSTIN_UTTERANCE}$"))


def test_quote_in_context_and_speaker_pages(site, page):
    expect = playwright_sync.expect
    page.goto(f"{site}/quotes/utterances/{AUSTIN_UTTERANCE}")
    page.locator("article.q-version", has_text="Associated Press").locator("a.q-context-link").click()
    expect(page.locator(".q-context mark.q-quote")).to_contain_text("If they are belligerents")
    expect(page.locator(".q-context mark.q-speaker")).to_have_text("He")
    expect(page.locator(".q-context mark.q-cue")).to_have_text("added")
    page.locator("a.q-speaker-link").first.click()
    expect(page).to_have_url(re.compile(r"/quotes/speakers/"))
    assert drawn_marks(page.locator("figure.q-chart")) >= 5  # who quotes him, and how faithfully
    expect(page.locator(".q-aliases")).to_contain_text("Austin")
    expect(page.locator(".q-per-outlet tbody tr")).to_have_count(5)
    page.locator(".q-per-outlet a", has_text="Fox News").click()
    expect(page.locator("li.q-card")).to_have_count(2)


STRICT_CSP = "default-src 'self'; script-src 'self'; object-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"


def test_charts_draw_under_a_strict_content_security_policy(site, page):
    """No eval and no inline script: the charts still draw when the page forbids both."""
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": STRICT_CSP})

    page.route(re.compile(r".*/quotes(/utterances/[^/.]+)?$"), with_csp)
    for path in ["/quotes", f"/quotes/utterances/{AUSTIN_UTTERANCE}"]:
        page.goto(site + path)
        for i in range(page.locator("figure.q-chart").count()):
            assert drawn_marks(page.locator("figure.q-chart").nth(i)) >= 1
    # only Datasette's own inline scripts may be refused, never ours
    assert not [v for v in violations if "eval" in v or "quotes" in v], violations


def test_screenshot_script(site, browser, tmp_path):
    saved = screenshots.capture(site, "quotes", tmp_path, browser)
    assert {p.name for p in saved} == {"home.png", "search.png", "utterance.png", "quote.png", "speaker.png",
                                       "article.png"}
    for path in saved:
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
