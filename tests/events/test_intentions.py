"""Intentions carried by a noun ("signalled their readiness to impose ...") and the other side of
a mirrored code under an intention."""

from __future__ import annotations

from tests.events.helpers import coded_triples


def test_readiness_to_impose_measures_is_a_threat_not_a_signal_of_cooperation(nlp, coder):
    text = "The EU ministers signalled their readiness to impose huge new measures on Russia."
    events = coded_triples(nlp, coder, text, {"EU ministers": "IGOEUREECGOV", "Russia": "RUS"})
    assert events == [("IGOEUREECGOV", "RUS", "1312")]  # threaten with sanctions


def test_a_noun_that_is_no_intention_keeps_the_verb_event(nlp, coder):
    text = "Russia reached a consensus with China to exchange information."
    events = coded_triples(nlp, coder, text, {"Russia": "RUS", "China": "CHN"})
    assert ("RUS", "CHN", "037") in events
    assert all(code == "037" for _, _, code in events)


def test_an_intention_to_hold_talks_is_only_the_speakers(nlp, coder):
    text = "Iran signalled its willingness to hold talks with Washington."
    events = coded_triples(nlp, coder, text, {"Iran": "IRN", "Washington": "USAGOV"})
    assert events == [("IRN", "USAGOV", "036")]
