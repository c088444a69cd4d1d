"""Offsets <-> tokens over parsed segments of one article."""
from quotes.extract.marks import find_marks
from quotes.extract.nlp import load_nlp
from quotes.extract.textindex import ArticleIndex


def test_offsets_tokens_quotes_and_paragraphs():
    text = "Kirby spoke first.\n\n“We are ready,” Austin said."
    nlp = load_nlp()
    second = text.index("“")
    ix = ArticleIndex(text, find_marks(text), [(0, nlp(text[:18])), (second, nlp(text[second:]))])
    austin = next(t for _, t in ix.toks if t.text == "Austin")
    assert ix.pos(austin) == text.index("Austin")  # segment offset + token offset
    assert ix.in_quote(text.index("ready")) and not ix.in_quote(text.index("Austin"))
    assert [t.text for t in ix.tokens_between(text.index("Austin"), len(text))] == ["Austin", "said", "."]
    assert ix.para_index(text.index("Kirby")) == 0 and ix.para_index(second) == 2
    assert ix.para_bounds(second) == (second, len(text))
