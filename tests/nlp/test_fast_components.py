"""The fast components give exactly the annotations of the stock spaCy pipeline."""

from __future__ import annotations

import itertools

import pytest

from eventwire.demo import demo_articles
from eventwire.nlp import load_nlp
from eventwire.nlp.attributes import lookup_from_ruler

# Contractions, auxiliaries, pronouns, expletives, spaces: the word forms the ruler's patterns name.
TRICKY = (
    "Y'all ain't gonna believe it. Let's go, c'mon! There are three reasons, and there's more.\n"
    "\n  I'd been doin' it; we'd have gone. She got ta go but he wo n't. It is what it is.\n"
    "They gave it to me and you. \"Nothin' works,\" said ol' Smith, who's been there.\n"
    "I am, you are, it was, they were, she has had, he did do it. Them 'em, gets got.\n"
)

ATTRIBUTES = ("tag_", "pos_", "morph", "lemma_", "dep_", "head", "ent_type_", "ent_iob_")


def _texts(seed_text: str) -> list[str]:
    demo = [a.text for a in itertools.islice(demo_articles(None), 0, 400, 20)]  # 20 articles
    return [seed_text, TRICKY, *demo]


def _annotations(doc) -> list[tuple[object, ...]]:
    return [
        (t.idx, t.text, t.is_sent_start, *(str(getattr(t, a)) for a in ATTRIBUTES)) for t in doc
    ]


def test_fast_pipeline_swaps_the_attribute_ruler_and_lemmatizer(nlp):
    assert "eventwire_attribute_lookup" in nlp.pipe_names
    assert "attribute_ruler" in nlp.disabled
    assert "eventwire_lemma_lookup" in nlp.pipe_names
    assert "lemmatizer" in nlp.disabled
    stock = load_nlp(fast=False)
    assert "attribute_ruler" in stock.pipe_names
    assert "eventwire_attribute_lookup" not in stock.pipe_names


def test_fast_and_stock_pipelines_annotate_every_token_alike(nlp, seed_text):
    stock = load_nlp(fast=False)
    texts = _texts(seed_text)
    fast_docs = list(nlp.pipe(texts, batch_size=8))
    stock_docs = list(stock.pipe(texts, batch_size=8))
    compared = 0
    for fast_doc, stock_doc in zip(fast_docs, stock_docs, strict=True):
        assert fast_doc.text == stock_doc.text
        assert _annotations(fast_doc) == _annotations(stock_doc)
        compared += len(fast_doc)
    assert compared > 5000


def test_lookup_matches_the_ruler_on_the_patterns_it_names(nlp):
    """Each rule's word forms, in context, get the same attributes from both."""
    stock = load_nlp(fast=False)
    ruler = stock.get_pipe("attribute_ruler")
    lookup = lookup_from_ruler(ruler)
    assert lookup is not None
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe([TRICKY, TRICKY.upper(), TRICKY.replace("'", "’")]))
    for doc in docs:
        by_ruler, by_lookup = ruler(doc.copy()), lookup(doc.copy())
        assert _annotations(by_ruler) == _annotations(by_lookup)


def test_a_ruler_the_lookup_cannot_express_keeps_the_stock_component():
    from spacy.lang.en import English

    blank = English()
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the", "OP": "+"}]], {"POS": "DET"})
    assert lookup_from_ruler(ruler) is None
    ruler_with_shape = English().add_pipe("attribute_ruler")
    ruler_with_shape.add([[{"SHAPE": "Xxxx"}]], {"POS": "PROPN"})
    assert lookup_from_ruler(ruler_with_shape) is None


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hello."])
def test_lookup_handles_tiny_documents(nlp, text):
    stock = load_nlp(fast=False)
    assert _annotations(nlp(text)) == _annotations(stock(text))
