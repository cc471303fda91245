"""Retreats, mobilisations and concessions coded from the dictionary; event nouns under aspectual
verbs ("completed its withdrawal"); passives whose agent is unsaid ("were killed in a bombing")."""

from __future__ import annotations

import pytest

from tests.events.helpers import document_with_actors


def code(nlp, coder, text, actors):
    document = document_with_actors(nlp, text, actors, article_id="weak")
    coder(document)
    return document


def triples(document):
    return {
        (
            e.source.code if e.source else None,
            e.target.code if e.target else None,
            e.cameo,
            e.modality,
        )
        for e in document.events
    }


@pytest.mark.parametrize(
    ("text", "actors", "code_"),
    [
        (
            "Russia deployed troops to its border with Ukraine on Tuesday.",
            {"Russia": "RUS", "Ukraine": "UKR"},
            "154",
        ),
        (
            "Britain mobilised army reservists for a possible war against Iraq.",
            {"Britain": "GBR", "Iraq": "IRQ"},
            "154",
        ),
        (
            "Israel has strengthened its forces in southern Lebanon after rocket fire.",
            {"Israel": "ISR", "Lebanon": "LBN"},
            "154",
        ),
    ],
)
def test_moving_forces_into_position_is_a_mobilisation(nlp, coder, text, actors, code_):
    d = code(nlp, coder, text, actors)
    events = [e for e in d.events if e.cameo == code_]
    assert events, [(e.cameo, e.rule) for e in d.events]
    assert events[0].source.code == next(iter(actors.values()))
    assert events[0].plover_type in (None, "MOBILIZE")  # None when the PLOVER table is absent


def test_withdrawing_forces_is_a_military_retreat_and_evacuating_people_is_not(nlp, coder):
    d = code(
        nlp,
        coder,
        "Israel withdrew its forces from the Gaza Strip on Monday.",
        {"Israel": "ISR", "Gaza Strip": "PSE"},
    )
    assert any(e.cameo == "0874" and e.source.code == "ISR" for e in d.events)
    d = code(
        nlp,
        coder,
        "U.N. helicopters evacuated the wounded from the besieged town of Srebrenica.",
        {"U.N. helicopters": "IGOUNO", "Srebrenica": "BIH"},
    )
    assert not any(e.cameo.startswith("087") for e in d.events)


def test_easing_restrictions_and_accepting_demands_are_concessions(nlp, coder):
    d = code(
        nlp,
        coder,
        "Serbia eased emergency measures in Kosovo on Wednesday.",
        {"Serbia": "SRB", "Kosovo": "SRBKSV"},
    )
    assert ("SRB", "SRBKSV", "081", "asserted") in triples(d)
    d = code(
        nlp,
        coder,
        "The Nepalese government on Friday accepted demands from Maoist rebels.",
        {"Nepalese government": "NPLGOV", "Maoist rebels": "NPLREB"},
    )
    assert any(e.cameo == "080" and e.source.code == "NPLGOV" for e in d.events)


@pytest.mark.parametrize(
    ("text", "actors", "source"),
    [
        (
            "The United States speeded up the pullout of its troops from Somalia on Friday.",
            {"United States": "USA", "Somalia": "SOM"},
            "USA",
        ),
        (
            "Syria completed its withdrawal from Lebanon on Tuesday, ending 29 years of "
            "military presence.",
            {"Syria": "SYR", "Lebanon": "LBN"},
            "SYR",
        ),
    ],
)
def test_an_event_noun_under_an_aspectual_verb_is_the_event(nlp, coder, text, actors, source):
    d = code(nlp, coder, text, actors)
    retreats = [e for e in d.events if e.cameo == "0874"]
    assert retreats and retreats[0].source.code == source
    assert "withdrawal" in retreats[0].rule.lower() or "pullout" in retreats[0].rule.lower()


def test_a_passive_with_no_agent_is_an_event_on_its_victim(nlp, coder):
    d = code(
        nlp,
        coder,
        "Two Israeli soldiers were killed in a roadside bombing in southern Lebanon, the army "
        "said.",
        {"Israeli soldiers": "ISRMIL", "Lebanon": "LBN", "army": "ISRMIL"},
    )
    (killed,) = [e for e in d.events if e.root in ("18", "19", "20")]
    assert killed.source is None and killed.target.code == "ISRMIL"
    assert "passive, no agent" in killed.rule
    # an agent that is no actor (a weapon) leaves the event one-sided too
    d = code(
        nlp,
        coder,
        "Three British soldiers were killed by a roadside bomb near Basra.",
        {"British soldiers": "GBRMIL", "Basra": "IRQ"},
    )
    assert any(e.source is None and e.target.code == "GBRMIL" for e in d.events)


def test_a_passive_with_no_agent_needs_a_material_action_and_a_named_victim(nlp, coder):
    # praise is no material action: without a source there is no event
    d = code(
        nlp,
        coder,
        "The French president was praised for his stance on Iraq.",
        {"French president": "FRAGOV", "Iraq": "IRQ"},
    )
    assert not any(e.source is None for e in d.events)
    # a threatened killing is not an asserted one
    d = code(
        nlp,
        coder,
        "Hostages could be killed if the army storms the embassy.",
        {"Hostages": "---", "army": "PERMIL"},
    )
    assert not any(e.source is None and e.root in ("18", "19", "20") for e in d.events)


def test_an_accusation_in_the_passive_names_its_target(nlp, coder):
    d = code(
        nlp,
        coder,
        "The Iranian foreign minister was accused of lying about the nuclear programme.",
        {"Iranian foreign minister": "IRNGOV"},
    )
    (accused,) = [e for e in d.events if e.root == "11"]
    assert accused.source is None and accused.target.code == "IRNGOV"


def test_a_subject_owned_by_a_pronoun_in_reported_speech_is_the_speakers(nlp, coder):
    # "their forces" is no coded actor; in the Serbs' reported clause it is theirs, and the
    # withdrawal from a town of their own country is an event with no other party
    d = code(
        nlp,
        coder,
        "Bosnian Serbs said on Tuesday their forces had completed their withdrawal from the "
        "Bosnian town of Gorazde.",
        {"Bosnian Serbs": "BIHSRB", "Bosnian town": "BIHSRB"},
    )
    (retreat,) = [e for e in d.events if e.cameo == "0874"]
    assert retreat.source.code == "BIHSRB" and retreat.target is None
