"""Offsets are a contract: `quotes extract` gives offsets into the text it was given, also
when normalising (CRLF, control characters such as U+0083, lone surrogates, NFC) changed it."""
import json

import regex
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from quotes.cli import cli
from quotes.ingest.decoding import normalise_text
from quotes.ingest.textmap import OffsetMap

HOSTILE = ["\r\n", "\r", "\n", "\x83", "\x00", "\x1f", "\x7f", "\x85", "\u2028", "\ufeff", "\ud800",
           "e\u0301", "\u0301", "\u212b", "\u1100\u1161\u11a8", "“", "”", " said ", "Ann", ".", " ", "\u00a0",
           "\u0958", "\U0001F600"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=3)), max_size=80).map("".join)


def cluster_bounds(text: str) -> list[int]:
    return [0] + [m.end() for m in regex.finditer(r"\X", text, flags=regex.DOTALL)]


@settings(max_examples=400, deadline=None)
@given(hostile_text, st.data())
def test_a_span_of_the_normalised_text_maps_to_given_text_that_normalises_to_it(given_text, data):
    omap = OffsetMap(given_text)
    assert omap.text == normalise_text(given_text)
    bounds = cluster_bounds(omap.text)
    s = data.draw(st.sampled_from(bounds))
    e = data.draw(st.sampled_from([b for b in bounds if b >= s]))
    gs, ge = omap.span(s, e)
    assert 0 <= gs <= ge <= len(given_text)
    assert normalise_text(given_text[gs:ge]) == omap.text[s:e]


def test_control_characters_inside_and_before_a_quote(tmp_path):
    given_text = ("Para one\x83 with junk.\r\n\r\nThe mayor, Ann Lee, said: \u201cWe will\x83 rebuild "
                  "the bridge\x9d by spring.\u201d\r\n\r\n\u201cIt is done,\u201d Lee said on Friday.\r\n")
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "d1", "text": given_text}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output.splitlines()[0])
    assert len(doc["quotes"]) == 2
    for q in doc["quotes"]:
        assert given_text[q["start"]:q["end"]] == q["text"]
    assert "\x83" in doc["quotes"][0]["text"]  # the text as given, junk and all
