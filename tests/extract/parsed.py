"""A real parse of a short text for the module tests of quotes.extract (no mocks)."""
from quotes.extract.attribution import mark_context
from quotes.extract.attribution.entities import article_context
from quotes.extract.candidates import View
from quotes.extract.marks import find_marks
from quotes.extract.nlp import load_nlp
from quotes.extract.pipeline import disabled_pipes, ensure_pos, parse_text


def attributor(text: str, k: int = 0, previous=None) -> View:
    """Attribution's state for `text` (parsed whole, with the pipes extraction uses) and its
    `k`-th mark (no mark context when the text has no marks)."""
    nlp = load_nlp()
    doc = nlp(parse_text(text), disable=disabled_pipes(nlp))
    ensure_pos(doc)
    ctx = article_context(text, find_marks(text), [(0, doc)])
    return View(ctx, mark_context(ctx, ctx.index.marks[k], previous or []) if ctx.index.marks else None)


def token(att: View, word: str, nth: int = 0):
    """The `nth` token whose text is `word`."""
    hits = [t for _, t in att.a.toks if t.text == word]
    return hits[nth]
