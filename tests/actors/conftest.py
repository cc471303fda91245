"""Fixtures for the actor tests: one ActorCoder per session and a helper that codes a text."""

from __future__ import annotations

import pytest

from eventwire.doc import Article, Document

SEED_DATE = "2021-12-13"


@pytest.fixture(scope="session")
def coder(nlp):
    from eventwire.actors import ActorCoder

    return ActorCoder(nlp)


@pytest.fixture(scope="session")
def code_text(nlp, coder):
    """code_text(text, date=None, coder=None) -> Document with only the actor layer filled."""

    def run(text: str, date: str | None = None, with_coder=None) -> Document:
        document = Document(article=Article(text=text, date=date), doc=nlp(text), date=date)
        (with_coder or coder)(document)
        return document

    return run


@pytest.fixture(scope="session")
def seed_actors(code_text, seed_text):
    return code_text(seed_text, SEED_DATE)
