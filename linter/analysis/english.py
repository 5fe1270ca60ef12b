"""English tokenisation with spaCy, loaded only for documents with English.

A blank English pipeline plus a sentencizer is always available. When a
trained pipeline (``en_core_web_sm``) is installed, it is used for lemmas;
it is never required. ``XHSLINT_SPACY_MODEL`` names another pipeline, or
``blank`` to force the blank one.
"""

from __future__ import annotations

import os
from functools import lru_cache

TRAINED_DEFAULT = "en_core_web_sm"


@lru_cache(maxsize=1)
def english_pipeline():
    import spacy

    wanted = os.environ.get("XHSLINT_SPACY_MODEL", TRAINED_DEFAULT)
    nlp = None
    if wanted and wanted != "blank":
        try:
            nlp = spacy.load(wanted, exclude=["parser", "ner", "senter"])
        except (OSError, ImportError, ValueError):
            nlp = None
    if nlp is None:
        nlp = spacy.blank("en")
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp
