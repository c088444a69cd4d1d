"""quotes.site.render: diffs, highlights and lists as safe HTML."""
import json

from markupsafe import Markup

from quotes.site.render import (
    context_html,
    diff_counts,
    highlight,
    json_list,
    paragraph_bounds,
    parse_diff,
    previous_paragraph,
    relation_class,
    render_diff,
    render_list,
)



def test_render_diff_marks_and_escapes():
    html = render_diff([("delete", "<b>old</b>"), ("equal", "same"), ("delete", "gone"), ("insert", "<new>"), ("delete", "tail")])
    assert isinstance(html, Markup)
    assert "<del>gone</del>" in html and "<ins>&lt;new&gt;</ins>" in html
    assert 'title="Not quoted: &lt;b&gt;old&lt;/b&gt;"' in html  # leading cut collapsed
    assert 'class="q-cut"' in html and "<b>" not in html
    assert "<del>tail</del>" in render_diff([("equal", "a"), ("delete", "tail")], trim_edges=False)


def test_render_diff_unknown_op_keeps_words():
    assert "words" in render_diff([("moved", "words")])


def test_diff_counts():
    counts = diff_counts([("delete", "a b"), ("equal", "c"), ("delete", "d"), ("insert", "e f"), ("delete", "g")])
    assert counts == {"equal": 1, "insert": 2, "delete": 1, "cut": 3}


def test_parse_diff_accepts_only_op_pairs():
    assert parse_diff(json.dumps([["equal", "a"], ["insert", "b"]])) == [("equal", "a"), ("insert", "b")]
    assert parse_diff("not json") is None
    assert parse_diff(json.dumps({"a": 1})) is None
    assert parse_diff(json.dumps([["equal", 1]])) is None


def test_lists():
    assert json_list('["a", "", null, "b"]') == ["a", "b"]
    assert json_list("nope") == [] and json_list(None) == []
    html = render_list('["<x>", "y"]')
    assert "&lt;x&gt;" in html and "<x>" not in html
    assert render_list("[]") is None


def test_relation_class_any_spelling():
    assert relation_class("punctuation") == "q-rel-punctuation"
    assert relation_class("Words inserted") == "q-rel-words-inserted"
    assert relation_class(None) == "q-rel-unknown"
    assert relation_class('"><script>') == "q-rel-script"


def test_paragraph_bounds_and_previous():
    text = "First para.\nHe said: “x”.\nLast."
    start = text.index("x")
    assert text[slice(*paragraph_bounds(text, start, start + 1))] == "He said: “x”."
    assert previous_paragraph(text, paragraph_bounds(text, start, start)[0]) == "First para."
    assert previous_paragraph(text, 0) == ""


def test_highlight_overlaps_newlines_and_escaping():
    text = "a <b> c\nd"
    html = highlight(text, [(0, 5, "q-quote"), (2, 9, "q-cue"), (50, 60, "q-bad"), (None, 3, "q-none")])
    assert html == ('<mark class="q-quote">a </mark><mark class="q-quote q-cue">&lt;b&gt;</mark>'
                    '<mark class="q-cue"> c<br>d</mark>')


def test_context_html_highlights_quote_speaker_cue():
    text = "Intro.\n“Serious,” Austin said.\nNext."
    q = {"start": 8, "end": 15, "speaker_start": text.index("Austin"), "speaker_end": text.index("Austin") + 6,
         "cue_start": text.index("said"), "cue_end": text.index("said") + 4}
    html = context_html(text, q)
    assert '<mark class="q-quote">Serious</mark>' in html
    assert '<mark class="q-speaker">Austin</mark>' in html and '<mark class="q-cue">said</mark>' in html
    assert "Intro" not in html and "Next" not in html
    assert context_html(text, {"start": None, "end": None}) == ""


def test_safe_url_only_web_addresses():
    from quotes.site.render import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.org", "/relative",
                "https://exa mple.org", 'https://x.org/"onmouseover=', None, 42]:
        assert safe_url(bad) is None, bad


def test_distinct_roles():
    from quotes.site.render import distinct_roles

    assert distinct_roles(["Defense Secretary", "Secretary", "Secretary of Defense"]) == ["Secretary of Defense"]
    assert distinct_roles(["spokesman", "NATO Secretary-General"]) == ["spokesman", "NATO Secretary-General"]
    assert distinct_roles(["Secretary", "secretary"]) == ["Secretary"]


def test_article_html_links_every_quote_and_escapes_everything():
    from quotes.site.render import article_html

    text = "Intro <b>bold</b>.\n“We <i>will</i> win,” said Ann Lee.\n“Never,” Bo said."
    q1 = text.index("We")
    q2 = text.index("Never")
    html = article_html(text, [
        {"start": q1, "end": text.index(",”"), "url": "/db/quotes/1", "speaker": "Ann <Lee>"},
        {"start": q2, "end": q2 + 5, "url": "/db/quotes/2", "speaker": None},
        {"start": 5, "end": 10_000, "url": "/db/quotes/bad", "speaker": "X"},  # offsets outside the text
    ])
    assert html.count("<p>") == 3 and "<b>" not in html and "&lt;b&gt;bold" in html
    assert '<a class="q-quote-link" href="/db/quotes/1" title="Ann &lt;Lee&gt;"><mark class="q-quote">We &lt;i&gt;will&lt;/i&gt; win</mark></a>,” <span class="q-said-by">— Ann &lt;Lee&gt;</span>' in html
    assert 'href="/db/quotes/2" title="Unattributed"' in html and "/db/quotes/bad" not in html
    # the text reads the same with the tags taken away
    import re
    from html import unescape

    assert unescape(re.sub(r"<[^>]+>|<span class=\"q-said-by\">.*?</span>", "", re.sub(r' <span class="q-said-by">.*?</span>', "", str(html)))) == text.replace("\n", "")


def test_first_line_skips_bylines_and_datelines():
    from quotes.site.render import first_line

    assert first_line("date 2024-10-23 (Bloomberg) -- US Defense Secretary said so") == "US Defense Secretary said so"
    assert first_line("By Ann Lee and Bo Chan, Associated Press\nSEOUL, South Korea (AP) — North Korea has sent") == \
        "North Korea has sent"
    assert first_line("\n\nPlain title\nBody") == "Plain title"
    assert first_line("Biden (again) wins") == "Biden (again) wins"
    assert first_line("word " * 40).endswith("…") and len(first_line("word " * 40)) <= 91
