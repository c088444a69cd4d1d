"""The model extraction loads: only the pipes it runs, every layer on NumPy's BLAS, and the
same tags and parses as spaCy's default (BLIS) build of the same model."""
from pathlib import Path

from quotes.extract.nlp import KEEP_PIPES, load_nlp, load_parser
from quotes.extract.pipeline import disabled_pipes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_the_parser_holds_only_the_pipes_extraction_runs():
    nlp = load_parser()
    assert tuple(nlp.pipe_names) == KEEP_PIPES
    assert disabled_pipes(nlp) == []
    layers = [node for _, pipe in nlp.pipeline for node in pipe.model.walk()]
    assert layers and all(not node.ops.use_blis for node in layers)


def test_numpy_blas_parses_like_blis():
    """Seed articles, paragraph by paragraph: every token's tag, dependency and head agree."""
    texts = [p for path in sorted(SEEDS.glob("*.txt"))
             for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    full = load_nlp()
    lean = load_parser()
    assert any(node.ops.use_blis for _, pipe in full.pipeline
               if getattr(pipe, "model", None) is not None for node in pipe.model.walk())
    for a, b in zip(full.pipe(texts, disable=disabled_pipes(full)), lean.pipe(texts)):
        assert [(t.tag_, t.dep_, t.head.i) for t in a] == [(t.tag_, t.dep_, t.head.i) for t in b], a.text[:80]


def test_quotes_blas_blis_keeps_spacys_own_build(monkeypatch):
    monkeypatch.setenv("QUOTES_BLAS", "blis")
    nlp = load_parser()
    assert tuple(nlp.pipe_names) == KEEP_PIPES
    assert all(node.ops.use_blis for _, pipe in nlp.pipeline for node in pipe.model.walk())
