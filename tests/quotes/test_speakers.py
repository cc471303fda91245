"""Speaker resolution with hand-made actor layers: antecedents, fallbacks, apposition, roles."""

from __future__ import annotations

import pytest

from eventwire.doc import ActorMention, Document
from tests.quotes.conftest import find_quote

pytestmark = pytest.mark.slow


def mention(document_text: str, doc, text: str, occurrence: int = 0, **fields) -> ActorMention:
    start = -1
    for _ in range(occurrence + 1):
        start = document_text.index(text, start + 1)
    span = doc.char_span(start, start + len(text))
    return ActorMention(
        text=text,
        span=(start, start + len(text)),
        token_start=span.start,
        token_end=span.end,
        **fields,
    )


def with_actors(nlp, quotes_of, text: str, specs: list[tuple]) -> Document:
    doc = nlp(text)
    actors = [mention(text, doc, t, occ, **fields) for t, occ, fields in specs]
    actors.sort(key=lambda m: m.span)
    return quotes_of(text, actors=actors)


def test_speakers_pronoun_takes_the_actor_layers_antecedent(nlp, quotes_of) -> None:
    text = "Boris Johnson met Putin on Monday.\nHe said the talks had been frank.\n"
    person = {"kind": "person", "code": "GBRGOV", "name": "Boris Johnson"}
    document = with_actors(
        nlp,
        quotes_of,
        text,
        [
            ("Boris Johnson", 0, person),
            ("Putin", 0, {"kind": "person", "code": "RUSGOV", "name": "Vladimir Putin"}),
            ("He", 0, {**person, "rule": "coref:pronoun", "antecedent": 0}),
        ],
    )
    quote = find_quote(document, "the talks had been frank")
    assert quote.speaker.text == "He"
    assert (quote.speaker_name, quote.speaker_code) == ("Boris Johnson", "GBRGOV")


def test_speakers_unresolved_pronoun_falls_back_to_preceding_subject(nlp, quotes_of) -> None:
    text = "Vladimir Putin phoned Boris Johnson on Monday.\nHe said Russia wanted talks.\n"
    document = with_actors(
        nlp,
        quotes_of,
        text,
        [
            ("Vladimir Putin", 0, {"kind": "person", "code": "RUSGOV", "name": "Vladimir Putin"}),
            ("Boris Johnson", 0, {"kind": "person", "code": "GBRGOV", "name": "Boris Johnson"}),
        ],
    )
    quote = find_quote(document, "Russia wanted talks")
    assert quote.speaker.text == "He"
    assert (quote.speaker_name, quote.speaker_code) == ("Vladimir Putin", "RUSGOV")


def test_speakers_without_actors_use_person_names(nlp, quotes_of) -> None:
    text = "“We need more time,” said Angela Merkel."
    document = quotes_of(text, actors=[])
    quote = find_quote(document, "We need more time")
    assert quote.speaker.text == "Angela Merkel"
    assert quote.speaker_name == "Angela Merkel" and quote.speaker_code is None


def test_speakers_institution_code(nlp, quotes_of) -> None:
    text = "The Kremlin said the drills were routine."
    document = with_actors(
        nlp,
        quotes_of,
        text,
        [("Kremlin", 0, {"kind": "organisation", "code": "RUSGOV", "name": "Kremlin"})],
    )
    quote = find_quote(document, "the drills were routine")
    assert quote.speaker.text == "The Kremlin"
    assert (quote.speaker_name, quote.speaker_code) == ("Kremlin", "RUSGOV")


def test_speakers_apposition_names_the_role(nlp, quotes_of) -> None:
    text = "A Kremlin spokesman, Dmitry Peskov, said the drills were routine."
    document = with_actors(
        nlp,
        quotes_of,
        text,
        [
            ("Kremlin", 0, {"kind": "organisation", "code": "RUSGOV", "name": "Kremlin"}),
            ("spokesman", 0, {"kind": "person", "rule": "agent", "name": "spokesman"}),
            ("Dmitry Peskov", 0, {"kind": "person", "code": "RUSGOV", "name": "Dmitry Peskov"}),
        ],
    )
    quote = find_quote(document, "the drills were routine")
    assert quote.speaker.text == "A Kremlin spokesman"  # the in-text mention, without apposition
    assert (quote.speaker_name, quote.speaker_code) == ("Dmitry Peskov", "RUSGOV")


def test_speakers_role_noun_resolves_to_the_titled_person(nlp, quotes_of) -> None:
    text = (
        "Prime Minister Rachel Adams visited Leeds on Monday.\n"
        "Her finance minister, Tom Hughes, was more cautious.\n"
        "The prime minister insisted the scheme was affordable.\n"
    )
    document = with_actors(
        nlp,
        quotes_of,
        text,
        [
            ("Rachel Adams", 0, {"kind": "person", "name": "Rachel Adams"}),
            ("Tom Hughes", 0, {"kind": "person", "name": "Tom Hughes"}),
            ("prime minister", 0, {"kind": "person", "rule": "agent", "name": "prime minister"}),
        ],
    )
    quote = find_quote(document, "the scheme was affordable")
    assert quote.speaker.text == "The prime minister"
    assert quote.speaker_name == "Rachel Adams"


def test_speakers_pronoun_after_a_quote_is_the_last_quoted_person(quotes_of) -> None:
    text = (
        "“We will win the final,” said Maria Lopez, the team captain.\n"
        "“Our coach Peter Hall prepared us well for this game,” she said.\n"
        "Lopez said the season had been long.\n"
    )
    document = quotes_of(text, actors=[])
    quote = find_quote(document, "Our coach Peter Hall prepared us well")
    assert quote.speaker.text == "she"
    assert quote.speaker_name == "Maria Lopez"  # not Peter Hall, named inside the quotation
    surname = find_quote(document, "the season had been long")
    assert surname.speaker.text == "Lopez" and surname.speaker_name == "Maria Lopez"
