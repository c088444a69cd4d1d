"""A real parse of a short text for the module tests of quotes.extract (no mocks)."""
from quotes.extract.attribute import Attributor
from quotes.extract.marks import find_marks
from quotes.extract.nlp import load_nlp
from quotes.extract.pipeline import KEEP_PIPES, ensure_pos, parse_text


def attributor(text: str) -> Attributor:
    """The rules' state for `text`, parsed whole with the pipes extraction uses."""
    nlp = load_nlp()
    doc = nlp(parse_text(text), disable=[p for p in nlp.pipe_names if p not in KEEP_PIPES])
    ensure_pos(doc)
    return Attributor(text, find_marks(text), [(0, doc)])


def token(att: Attributor, word: str, nth: int = 0):
    """The `nth` token whose text is `word`."""
    hits = [t for _, t in att.a.toks if t.text == word]
    return hits[nth]
