"""A stand-in for spaCy's rule lemmatizer that writes the same lemmas as one array per document.

The stock component visits every token in Python and, for each one whose lemma is not set yet,
asks its cache keyed by (word, part of speech, morphology). Here the same key is read for all
tokens at once with ``Doc.to_array``, looked up in a dict of lemma ids, and written back with
``Doc.from_array``; only a key never seen before goes to the stock lemmatizer (which also settles
every rule and exception). Tokens whose lemma an earlier component set are left alone, as the
stock component leaves them (``overwrite=False``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc


class LemmaLookup:
    """Sets ``token.lemma`` exactly as ``lemmatizer`` would (see module)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.lemma_ids: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        lemma_ids = self.lemma_ids
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = lemma_ids.get(key)
            if found is None:
                text = self.lemmatizer.lemmatize(doc[i])[0]
                found = doc.vocab.strings.add(text)
                if len(lemma_ids) < 2_000_000:
                    lemma_ids[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.asarray(lemmas, dtype=numpy.uint64))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def lookup_from_lemmatizer(lemmatizer: Lemmatizer) -> LemmaLookup | None:
    """The array version of ``lemmatizer``, or None when it is not a rule lemmatizer that keeps
    lemmas set earlier (then its result may depend on more than the key, so it stays)."""
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return None
    return LemmaLookup(lemmatizer)
