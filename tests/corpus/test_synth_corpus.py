"""The benchmarks' synthetic corpus holds unsure and speakerless quotes at the shares its
options name (measured on PolNeAR: benchmarks/synth_corpus.py), and the unsure ones are drawn
apart from the rest of the corpus."""
import sys

from conftest import ROOT
from quotes.corpus.unsure import is_unsure

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth_corpus import SPEAKERLESS, UNSURE, synthetic_articles  # noqa: E402

TEXTS = [" ".join(f"w{i}x{k}" for k in range(6 + i % 9)) for i in range(300)]


def quotes_of(**kwargs) -> list:
    return [q for _, quotes in synthetic_articles(TEXTS, 30_000, seed=1, **kwargs) for q in quotes]


def test_unsure_and_speakerless_quotes_at_their_shares():
    quotes = quotes_of()
    named = [q for q in quotes if q.speaker]
    unsure = [q for q in named if is_unsure(q.method)]
    assert abs(len(unsure) / len(named) - UNSURE) < 0.01
    assert abs((len(quotes) - len(named)) / len(quotes) - SPEAKERLESS) < 0.006
    methods = {q.method for q in unsure}
    assert methods == {"salience_guess", "subject:group"}
    assert not any(is_unsure(q.method) for q in quotes if q.speaker is None)


def test_without_unsure_quotes_the_same_words_are_printed():
    plain, mixed = quotes_of(unsure=0), quotes_of()
    assert not any(is_unsure(q.method) for q in plain)
    assert [q.text for q in plain] == [q.text for q in mixed]
    changed = [(a.speaker, b.speaker) for a, b in zip(plain, mixed) if a.method != b.method]
    assert changed and all(a is not None for a, _ in changed)
    assert sum(a != b for a, b in changed) > 0.9 * len(changed)  # a group noun or, mostly, another person
