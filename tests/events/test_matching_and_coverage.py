"""Pattern matching and dictionary coverage on newswire sentences: prepositions that are no
infinitive, the nearer of two equal matches, words of names that are no pattern words, objects the
parser moved, stative passives, demands whose content has not happened, mirrored codes."""

from __future__ import annotations

import pytest

from tests.events.helpers import document_with_actors, triples


def coded(nlp, coder, text, actors):
    document = document_with_actors(nlp, text, actors, article_id="matching")
    coder(document)
    return triples(document, modality=True), document


def test_an_infinitive_to_is_no_prepositional_phrase(nlp, coder):
    # ACCLAIM's "- * (TO) [043:042]" needs a "to" phrase; "efforts to improve" has none
    events, _ = coded(
        nlp,
        coder,
        "A top U.S. official today praised Haiti's efforts to improve its record on human rights.",
        {"U.S. official": "USAGOV", "Haiti": "HTI"},
    )
    assert events == [("USAGOV", "HTI", "051", "asserted")]


def test_of_two_equal_matches_the_nearer_wins(nlp, coder):
    # "- * RIGHT [052]" stands by the verb; the "fight" of "- * &FIGHT" at the clause's end is far
    events, _ = coded(
        nlp,
        coder,
        "The United States on Thursday defended the right of Russia troops to fire protectively on "
        "militants in Azerbaijan and insisted unrest there reflected age-old ethnic tensions, not "
        "a fight for political independence.",
        {"United States": "USA", "Russia troops": "RUSMIL", "militants in Azerbaijan": "AZEREB"},
    )
    assert ("USA", "RUSMIL", "052", "asserted") in events


def test_words_of_a_long_name_are_no_pattern_words(nlp, coder):
    # "Security" of "the U.N. Security Council" is no &SECURITY (DEMAND - * &SECURITY [0212])
    events, _ = coded(
        nlp,
        coder,
        "Serbia on Tuesday demanded a meeting of the U.N. Security Council.",
        {"Serbia": "SRB", "U.N. Security Council": "IGOUNO"},
    )
    assert events and all(code != "0212" for _s, _t, code, _m in events)
    assert events[0][:2] == ("SRB", "IGOUNO")


def test_object_of_a_preposition_the_parser_moved(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "Peru has granted diplomatic asylum to five Panamanian army officers holed up in a "
        "diplomatic residence.",
        {"Peru": "PER", "Panamanian army officers": "PANMIL"},
    )
    assert events == [("PER", "PANMIL", "075", "asserted")]


def test_being_opposed_to_is_opposing(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "Israel is opposed to French mediation in peace negotiations with Syria.",
        {"Israel": "ISR", "French": "FRA", "Syria": "SYR"},
    )
    assert events and events[0][0] == "ISR" and events[0][2].startswith("12")
    # opposing sanctions on someone defends them (CAMEO's own OPPOSE pattern), no consultation
    events, _ = coded(
        nlp,
        coder,
        "Germany is opposed to new sanctions on Iran.",
        {"Germany": "DEU", "Iran": "IRN"},
    )
    assert events == [("DEU", "IRN", "052", "asserted")]


def test_a_demanded_action_has_not_happened(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "The ILO reiterated its demand today that Israel ease restrictions on the movement of "
        "Palestinian workers.",
        {"ILO": "IGOUNOLAB", "Israel": "ISR", "Palestinian workers": "PSELAB"},
    )
    assert ("IGOUNOLAB", "ISR", "100", "asserted") in events
    assert ("ISR", "PSELAB", "081", "hypothetical") in events


def test_added_patterns_keep_the_verbs_own_code(nlp, coder):
    # eventwire's file adds "REITERATE - * DEMAND" in a [---] block; "reiterated that ..." keeps
    # CAMEO.2.0.txt's statement code, and "must" in what was said makes it a demand
    events, _ = coded(
        nlp,
        coder,
        "A senior British minister reiterated that Libya must hand over the suspects.",
        {"British minister": "GBRGOV", "Libya": "LBY"},
    )
    assert events == [("GBRGOV", "LBY", "100", "asserted")]


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        (
            "A US national has been put under investigation in Italy.",
            {"US national": "USACVL", "Italy": "ITA"},
            (None, "USACVL", "090", "asserted"),
        ),
        (
            "The United States continued to send arms to Pakistan last year.",
            {"United States": "USA", "Pakistan": "PAK"},
            ("USA", "PAK", "072", "asserted"),
        ),
        (
            "Thousands of Serbian protesters blocked roads in Belgrade.",
            {"Serbian protesters": "SRBOPP", "Belgrade": "SRB"},
            ("SRBOPP", "SRB", "144", "asserted"),
        ),
        (
            "The Kremlin tweeted that NATO must withdraw its forces.",
            {"Kremlin": "RUSGOV", "NATO": "IGOWSTNAT"},
            ("RUSGOV", "IGOWSTNAT", "100", "asserted"),
        ),
        (
            "NATO confirmed on Wednesday it would tighten the naval blockade of Serbia.",
            {"NATO": "IGOWSTNAT", "Serbia": "SRB"},
            ("IGOWSTNAT", "SRB", "1381", "asserted"),
        ),
    ],
)
def test_dictionary_coverage(nlp, coder, text, actors, expected):
    events, _ = coded(nlp, coder, text, actors)
    assert expected in events


def test_the_mirror_of_a_mirrored_code_says_so(nlp, coder):
    events, document = coded(
        nlp,
        coder,
        "The Prime Minister visited Moscow on Monday.",
        {"Prime Minister": "GBRGOV", "Moscow": "RUS"},
    )
    assert events == [("GBRGOV", "RUS", "042", "asserted"), ("RUS", "GBRGOV", "043", "asserted")]
    forward, mirror = document.events
    assert "mirror" not in forward.rule
    assert "(mirror: 043" in mirror.rule and mirror.rule.startswith(forward.rule)


def test_a_prepositional_pattern_looks_at_the_phrase_own_noun(nlp, coder):
    # "(WITH &WEAPON) [072]" is "with weapons"; here the weapons are deep inside the phrase
    events, _ = coded(
        nlp,
        coder,
        "French President Jacques Chirac issued a stern reminder Saturday to Iraq that it must "
        "cooperate fully with UN inspectors probing suspect sites for weapons of mass destruction.",
        {"French President Jacques Chirac": "FRAGOV", "Iraq": "IRQ", "UN inspectors": "IGOUNO"},
    )
    assert ("FRAGOV", "IRQ", "100", "asserted") in events
    assert all(code != "072" for _s, _t, code, _m in events)


def test_a_place_is_no_stand_in_target_of_coordinated_actors(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "Israel and the Palestinians reached a consensus to exchange information on water "
        "resources at a conference in the Middle East.",
        {"Israel": "ISR", "Palestinians": "PSE", "Middle East": "MEA"},
    )
    dyads = {(s, t) for s, t, code, _m in events if code == "037"}
    assert dyads == {("ISR", "PSE"), ("PSE", "ISR")}


def test_a_complaint_is_aimed_at_what_it_is_about(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "Lebanon complained to the United Nations on Tuesday over two Israeli air raids.",
        {"Lebanon": "LBN", "United Nations": "IGOUNO", "Israeli": "ISR"},
    )
    assert ("LBN", "ISR", "114", "asserted") in events
    # told to someone, about nothing named: the one told stays the target
    events, _ = coded(nlp, coder, "Iran complained to the UN.", {"Iran": "IRN", "UN": "IGOUNO"})
    assert events == [("IRN", "IGOUNO", "114", "asserted")]


def test_forces_readied_for_a_fight_are_aimed_at_its_adversary(nlp, coder):
    events, _ = coded(
        nlp,
        coder,
        "Britain mobilized army reservists for a possible war against Iraq on Tuesday.",
        {"Britain": "GBR", "Iraq": "IRQ"},
    )
    assert events == [("GBR", "IRQ", "154", "asserted")]
    events, _ = coded(
        nlp, coder, "Britain mobilized army reservists on Tuesday.", {"Britain": "GBR"}
    )
    assert events == [("GBR", None, "154", "asserted")]
