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


FAULTS_OF_REPEATED_PARSES = """
import resource, sys
from pathlib import Path
from quotes.extract.nlp import UNUSED_PIPES, keep_freed_memory, load_nlp
if sys.argv[1] == "keep":
    keep_freed_memory()
nlp = load_nlp(exclude=UNUSED_PIPES, blis=False)
texts = [p for path in sorted(Path(sys.argv[2]).glob("*.txt"))
         for p in path.read_text(encoding="utf-8").split("\\n") if p.strip()]
list(nlp.pipe(texts, batch_size=32))
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    list(nlp.pipe(texts, batch_size=32))
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def test_parse_batches_reuse_freed_memory_instead_of_faulting_it_in_again():
    """With `keep_freed_memory` (what `load_parser` sets), parsing the same batches again
    takes its memory from the heap: a fraction of the page faults of glibc's defaults,
    which give each batch's arrays back to the kernel."""
    import subprocess
    import sys

    from quotes.extract.nlp import keep_freed_memory

    if not keep_freed_memory():
        import pytest

        pytest.skip("not glibc: malloc is left as it is")
    faults = {}
    for mode in ("default", "keep"):
        run = subprocess.run([sys.executable, "-c", FAULTS_OF_REPEATED_PARSES, mode, str(SEEDS)],
                             capture_output=True, text=True, check=True)
        faults[mode] = int(run.stdout.split()[-1])
    if faults["default"] < 1000:  # another allocator (LD_PRELOAD) or tuned malloc: nothing to compare
        import pytest

        pytest.skip(f"the default allocator did not fault the batches in again here ({faults})")
    assert faults["keep"] * 4 < faults["default"], faults


def test_the_loaded_model_is_out_of_the_collectors_generations():
    """`load_parser` freezes what is alive after loading (gc.freeze): the collector's full
    passes during extraction no longer walk the model and spaCy's modules."""
    import gc

    nlp = load_parser()
    assert gc.get_freeze_count() > 0
    assert not any(obj is nlp for obj in gc.get_objects())
