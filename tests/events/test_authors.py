"""Who acts in a clause under a noun: the author of a declaration, and a relative clause whose
subject is an uncoded noun (no actor from later in the sentence stands in for it)."""

from __future__ import annotations

from tests.events.helpers import coded_triples


def test_the_one_who_issues_a_declaration_demands_what_it_demands(nlp, coder):
    text = (
        "The rebel Kurdistan Workers' Party issued a declaration demanding that the Turkish "
        "government provide information on the safety of its leader."
    )
    events = coded_triples(
        nlp, coder, text, {"Kurdistan Workers' Party": "TURREB", "Turkish government": "TURGOV"}
    )
    assert ("TURREB", "TURGOV", "100") in events
    assert all(source == "TURREB" for source, _, _ in events)


def test_no_actor_after_the_verb_stands_in_for_a_relative_clause_subject(nlp, coder):
    text = (
        "The ministers blacklisted three companies associated with the group that is believed "
        "to be serving the Kremlin's efforts to destabilise Ukraine, Syria and several African "
        "countries."
    )
    actors = {"ministers": "EURGOV", "Kremlin": "RUSGOV", "Ukraine": "UKR", "African": "AFR"}
    events = coded_triples(nlp, coder, text, actors)
    assert not any(source == "AFR" for source, _, _ in events)
