"""Events of the seed article and other texts, coded by the full pipeline."""

from __future__ import annotations

import pytest


def sentence_with(document, words: str) -> int:
    for index, sentence in enumerate(document.doc.sents):
        if words in sentence.text:
            return index
    raise AssertionError(f"no sentence contains {words!r}")


def country(actor) -> str | None:
    return actor.code[:3] if actor is not None and actor.code else None


def events_in(document, words: str):
    index = sentence_with(document, words)
    return [e for e in document.events if index in (e.sentence_indices or [e.sentence_index])]


def test_phone_call_from_russia_to_britain(seed_document):
    found = events_in(seed_document, "in a phone call")
    assert any(country(e.source) == "RUS" and country(e.target) == "GBR" for e in found), found


def test_uk_demand_to_de_escalate(seed_document):
    found = events_in(seed_document, "UK tells Russia")
    assert any(country(e.source) == "GBR" and country(e.target) == "RUS" for e in found), found


def test_g7_warning_is_a_threat_against_russia(seed_document):
    found = events_in(seed_document, "G7")
    warnings = [e for e in found if e.root == "13" and country(e.target) == "RUS"]
    assert warnings, found
    assert all(e.modality == "asserted" for e in warnings)
    assert any("WARN" in e.rule for e in warnings)


def test_eu_sanctions_on_wagner(seed_document):
    found = events_in(seed_document, "Wagner")
    sanctions = [e for e in found if e.root == "16" and country(e.target) == "RUS"]
    assert sanctions, found
    (event,) = sanctions
    assert seed_document.article.text[event.span[0] : event.span[1]] == "slapped"
    assert event.goldstein == -8.0 and event.quad_class == 4


@pytest.mark.parametrize("root", ["18", "19", "20"])
def test_no_asserted_violence(seed_document, root):
    # the invasion is feared, planned, denied or conditional in this article: never asserted
    assert not [e for e in seed_document.events if e.root == root and e.modality == "asserted"]


def test_every_event_is_explained_and_anchored(seed_document, seed_record):
    text = seed_document.article.text
    assert seed_record["events"], "the seed article has events"
    for record in seed_record["events"]:
        start, end = record["span"]
        assert text[start:end] == record["text"]
        assert record["rule"] and record["cameo"]
        for role in ("source", "target"):
            actor = record[role]
            if actor is not None:
                assert text[actor["span"][0] : actor["span"][1]] == actor["text"]
    ids = [e["id"] for e in seed_record["events"]]
    assert len(ids) == len(set(ids))


def test_threatens_in_reported_speech_is_quoted(seed_document):
    found = events_in(seed_document, "expansion of NATO threatens Russia")
    threats = [e for e in found if e.root == "13" and country(e.source) == "IGO"]
    assert threats and all(e.quoted for e in threats)


def test_the_default_pipeline_skips_discarded_sentences(pipeline):
    # "African Nations Cup" is on the discard list: a match report, not an assault
    assert (
        pipeline.code("Nigeria beat Ghana in the African Nations Cup final on Sunday.").events == []
    )
    coded = pipeline.code("Nigerian soldiers beat Ghanaian protesters on Sunday.")
    assert [e.root for e in coded.events] == ["19"]
