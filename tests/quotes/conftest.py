"""Fixtures for the quote tests: parse a text once, code its actors, extract its quotes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.doc import ActorMention, Article, Document, Quote


@pytest.fixture(scope="session")
def extractor(nlp):
    from eventwire.quotes import QuoteExtractor

    return QuoteExtractor(nlp)


@pytest.fixture(scope="session")
def actor_coder(nlp):
    from eventwire.actors import ActorCoder

    return ActorCoder(nlp)


@pytest.fixture(scope="session")
def quotes_of(nlp, extractor, actor_coder) -> Callable[..., Document]:
    """quotes_of(text, actors=None) -> Document with actors (real coder unless given) and quotes."""

    def run(text: str, actors: list[ActorMention] | None = None) -> Document:
        document = Document(article=Article(text=text), doc=nlp(text), date="2021-12-13")
        if actors is None:
            actor_coder(document)
        else:
            document.actors = actors
        extractor(document)
        return document

    return run


def find_quote(document: Document, fragment: str) -> Quote:
    """The shortest quote whose text contains ``fragment`` (the innermost of nested attributions:
    'Putin said “...”, according to the Kremlin'); fails the test when there is none."""
    found = [q for q in document.quotes if fragment in q.text]
    assert found, f"no quote containing {fragment!r}; got {[q.text for q in document.quotes]}"
    return min(found, key=lambda q: len(q.text))


def assert_spans_valid(document: Document) -> None:
    text = document.article.text
    for quote in document.quotes:
        assert text[quote.span[0] : quote.span[1]] == quote.text
        if quote.cue_span is not None:
            assert text[quote.cue_span[0] : quote.cue_span[1]] == quote.cue
        if quote.speaker is not None:
            assert text[quote.speaker.span[0] : quote.speaker.span[1]] == quote.speaker.text
