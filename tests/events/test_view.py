"""The array view of a parse answers as the tokens do: same verbs, nouns, ancestry and regions."""

from __future__ import annotations

import pytest

from eventwire.events.arguments import (
    SUBJECT_DEPS,
    clause_region_in,
    for_clause,
    subject_heads,
)
from eventwire.events.coder import NOT_A_TRIGGER_DEPS
from eventwire.events.rules import CLAUSE_DEPS, Region
from eventwire.events.view import DocumentView, descends_from, string_ids

TEXT = (
    "The EU called for Russia to withdraw its troops, and Britain and France imposed sanctions.\n"
    "Moscow, which denied the claims, said on Monday it would respond to the attack on Kyiv.\n"
    "Talks between Israel and Lebanon were held in Cairo, officials told reporters."
)


def clause_region(verb, *, before: bool) -> list:
    """The clause region written over spaCy tokens: the reference ``clause_region_in`` matches."""
    collected = []
    stack = [c for c in verb.children if (c.i < verb.i) == before and c.dep_ not in CLAUSE_DEPS]
    if not before:
        stack.extend(
            m
            for c in verb.children
            if c.i > verb.i and for_clause(c)
            for m in c.children
            if m.dep_ == "mark" and m.lower_ == "for"
        )
    while stack:
        token = stack.pop()
        collected.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS or (
                child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            ):
                continue
            stack.append(child)
    if before and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        for head in subject_heads(verb):
            phrase = [head]
            for token in phrase:
                phrase.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
            collected.extend(t for t in phrase if t.dep_ not in CLAUSE_DEPS)
    collected.sort(key=lambda t: t.i)
    return collected


@pytest.fixture(scope="module")
def docs(nlp, seed_text):
    return [nlp(TEXT), nlp(seed_text), nlp("")]


def test_verb_and_noun_candidates_are_those_of_the_token_loop(docs):
    heads = {"talks": 1, "attack": 1, "sanctions": 1, "strike": 1}
    ids = string_ids(heads)
    for doc in docs:
        view = DocumentView(doc)
        for sentence in doc.sents:
            verbs = [
                t.i
                for t in sentence
                if (t.pos_ == "VERB" or t.tag_.startswith("VB"))
                and t.dep_ not in NOT_A_TRIGGER_DEPS
            ]
            nouns = [t.i for t in sentence if t.pos_ in ("NOUN", "PROPN") and t.lower_ in heads]
            start, end = sentence.start, sentence.end
            assert view.verb_candidates(start, end, NOT_A_TRIGGER_DEPS) == verbs
            assert view.noun_candidates(start, end, ids) == nouns
    assert any(DocumentView(docs[0]).verb_candidates(0, len(docs[0]), NOT_A_TRIGGER_DEPS))


def test_ancestry_and_clause_regions_match_the_tokens(docs):
    for doc in docs:
        view = DocumentView(doc)
        for token in doc:
            assert [c.i for c in token.children] == view.children[token.i]
            assert view.dep_ids[token.i] == token.dep
            for other in doc[max(0, token.i - 12) : token.i + 12]:
                assert descends_from(view.heads, other.i, token.i) == token.is_ancestor(other)
            for before in (True, False):
                expected = [t.i for t in clause_region(token, before=before)]
                assert [t.i for t in clause_region_in(view, token, before=before)] == expected


def test_region_inside_with_heads_equals_is_ancestor(docs):
    doc = docs[0]
    view = DocumentView(doc)
    tokens = list(doc)
    with_heads = Region(tokens, heads=view.heads)
    plain = Region(tokens)
    assert any(with_heads.inside(p) for p in range(len(tokens)))
    for position in range(len(tokens)):
        assert with_heads.inside(position) == plain.inside(position)
