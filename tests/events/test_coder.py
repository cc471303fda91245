"""The event coder on sentences written for each construction, with hand-made actor layers."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder
from tests.events.helpers import document_with_actors

ACTORS = {
    "Britain": "GBR",
    "France": "FRA",
    "Russia": "RUS",
    "Moscow": "RUS",
    "Ukraine": "UKR",
    "Kyiv": "UKR",
    "Wagner": "RUSMIL",
    "EU": "IGOEUREEC",
    "Kremlin": "RUSGOV",
    "NATO": "IGOWSTNAT",
    "Israel": "ISR",
    "Syria": "SYR",
    "Turkey": "TUR",
    "Washington": "USA",
    "Beijing": "CHN",
    "Poland": "POL",
    "Germany": "DEU",
    "China": "CHN",
    "Taiwan": "TWN",
}


def code(nlp, coder, text, actors=ACTORS):
    document = document_with_actors(nlp, text, actors, article_id="test")
    coder(document)
    return document


def triples(document, modality=None):
    return sorted(
        (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
        for e in document.events
        if modality is None or e.modality == modality
    )


def test_coordinated_subjects_give_one_event_each(nlp, coder):
    d = code(nlp, coder, "Britain and France condemned Russia on Tuesday.")
    assert triples(d) == [("FRA", "RUS", "111"), ("GBR", "RUS", "111")]
    assert all(e.modality == "asserted" for e in d.events)


def test_passive_agent_is_the_source(nlp, coder):
    d = code(nlp, coder, "Wagner was sanctioned by the EU.")
    assert triples(d) == [("IGOEUREEC", "RUSMIL", "163")]
    assert d.events[0].rule.startswith("verbs.eventwire.txt:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU slapped sanctions on Russia.", ("IGOEUREEC", "RUS", "163")),
        ("Israel imposed a blockade on Syria.", ("ISR", "SYR", "191")),
        ("The EU imposed new sanctions on Russia.", ("IGOEUREEC", "RUS", "163")),
    ],
)
def test_light_verbs_take_their_code_from_the_noun(nlp, coder, text, expected):
    d = code(nlp, coder, text)
    assert triples(d) == [expected]
    assert " * " in d.events[0].rule  # a pattern fired, not the verb's own code


def test_rule_names_the_pattern_line(nlp, coder):
    d = code(nlp, coder, "The EU slapped sanctions on Russia.")
    (event,) = d.events
    assert event.rule.startswith("verbs.CAMEO.2.0.txt:8478 SLAP:")
    assert d.article.text[event.span[0] : event.span[1]] == "slapped"
    assert (event.root, event.goldstein, event.quad_class) == ("16", -8.0, 4)


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Russia did not attack Ukraine.", "negated"),
        ("Russia could attack Ukraine next year.", "hypothetical"),
        ("If Russia invades Ukraine, the EU will respond.", "conditional"),
    ],
)
def test_modality_of_unasserted_attacks(nlp, coder, text, modality):
    d = code(nlp, coder, text)
    attacks = [e for e in d.events if e.root in ("18", "19", "20")]
    assert attacks, "the attack is coded, with its modality"
    assert {e.modality for e in attacks} == {modality}
    assert all(e.confidence < 0.7 for e in attacks)


def test_denial_is_read_and_the_denied_plan_is_not_asserted(nlp, coder):
    d = code(nlp, coder, "Russia denies it plans to invade Ukraine.")
    assert [(e.source.code, e.target.code, e.cameo, e.modality) for e in d.events] == [
        ("RUS", "UKR", "030", "denied")  # the plan (intent) is coded, and it is denied
    ]
    assert not [e for e in d.events if e.modality == "asserted"]


def test_asserted_attack_is_asserted(nlp, coder):
    d = code(nlp, coder, "Russia invaded Ukraine on Thursday.")
    assert triples(d, "asserted") == [("RUS", "UKR", "192")]


def test_a_threat_is_coded_as_the_threat(nlp, coder):
    d = code(nlp, coder, "Russia threatens to invade Ukraine.")
    assert triples(d) == [("RUS", "UKR", "138")]
    assert d.events[0].modality == "asserted"
    assert not [e for e in d.events if e.root in ("18", "19", "20")]


def test_reported_speech_gives_the_statement_and_the_quoted_event(nlp, coder):
    d = code(nlp, coder, "The Kremlin said that NATO threatens Russia.")
    statement = [e for e in d.events if e.source.code == "RUSGOV"]
    embedded = [e for e in d.events if e.source.code == "IGOWSTNAT"]
    # a plain statement has an addressee only when someone is told
    assert [(e.cameo, e.target, e.quoted) for e in statement] == [("010", None, False)]
    assert [(e.target.code, e.root, e.quoted) for e in embedded] == [("RUS", "13", True)]


def test_a_clause_object_gives_the_target_of_a_coded_opinion(nlp, coder):
    # "allow that ..." (ALLOW, 080) is aimed at the subject of the clause
    d = code(nlp, coder, "Britain allowed that Russia had a point.")
    assert ("GBR", "RUS", "080") in triples(d)


def test_told_takes_its_indirect_object_as_target(nlp, coder):
    d = code(nlp, coder, "Britain told Russia that the talks would go ahead.")
    assert ("GBR", "RUS", "010") in triples(d)


def test_control_verb_target_and_appeal(nlp, coder):
    d = code(nlp, coder, "Washington urged Beijing to release the detainees.")
    assert triples(d) == [("USA", "CHN", "0253")]


def test_no_event_without_a_dictionary_verb(nlp, coder):
    # "fancy" is in no verb block: there is no fallback code
    d = code(nlp, coder, "Russia fancied Ukraine.")
    assert d.events == []
    # a verb whose block says [---] (REFUSE) and whose patterns do not match gives no event
    assert code(nlp, coder, "Russia denied Ukraine.").events == []
    # ... while one of its patterns does: "deny accusations" is 016
    assert triples(code(nlp, coder, "Russia denied accusations by Ukraine.")) == [
        ("RUS", "UKR", "016")
    ]


def test_an_object_that_is_no_actor_gives_a_one_sided_event(nlp, coder):
    # "the town" is no actor: the attack is still an event of Russia's, with no target and a
    # lower confidence than an event whose target is named
    town = code(nlp, coder, "Russia attacked the town.")
    assert [(e.source.code, e.target, e.cameo) for e in town.events] == [("RUS", None, "190")]
    named = code(nlp, coder, "Russia attacked Ukraine.")
    assert town.events[0].confidence < named.events[0].confidence
    # no object at all: a one-sided event too
    d = code(nlp, coder, "Russia attacked.")
    assert [(e.source.code, e.target, e.cameo) for e in d.events] == [("RUS", None, "190")]


def test_side_clauses_with_no_target_are_no_events_of_their_own(nlp, coder):
    # the demand is the main clause's; the court clearing him is context, and has no actor
    d = code(
        nlp,
        coder,
        "Papandreou demanded immediate elections after a special court cleared him.",
        {"Papandreou": "GRCELI"},
    )
    (event,) = d.events
    assert (event.source.code, event.target) == ("GRCELI", None)
    assert d.article.text[event.span[0] : event.span[1]] == "demanded"


def test_coordinated_actors_with_no_object_act_on_each_other(nlp, coder):
    d = code(nlp, coder, "Poland and Germany postponed their meeting.")
    assert triples(d) == [("DEU", "POL", "161"), ("POL", "DEU", "161")]


def test_same_action_in_two_sentences_is_merged(nlp, coder):
    text = "The EU slapped sanctions on Russia.\nOn Monday the EU slapped sanctions on Russia."
    d = code(nlp, coder, text)
    (event,) = d.events
    assert event.sentence_indices == [0, 1]
    assert event.to_dict()["sentence_indices"] == [0, 1]


def test_event_ids_are_stable_and_distinct(nlp, coder):
    text = "Britain and France condemned Russia on Tuesday."
    first = [e.id for e in code(nlp, coder, text).events]
    second = [e.id for e in code(nlp, coder, text).events]
    assert first == second and len(set(first)) == 2


def test_a_failing_sentence_is_an_error_and_the_rest_is_coded(nlp, coder, monkeypatch):
    text = "Britain condemned Russia.\nThe EU slapped sanctions on Russia."
    document = document_with_actors(nlp, text, ACTORS)
    original = coder.code_sentence
    calls = []

    def flaky(sentence, index):
        calls.append(sentence.start)
        if len(calls) == 1:
            raise ValueError("broken parse")
        return original(sentence, index)

    monkeypatch.setattr(coder, "code_sentence", flaky)
    coder(document)
    assert [e["code"] for e in document.errors] == ["E401"]
    assert document.errors[0]["sentence_index"] == 0
    assert triples(document) == [("IGOEUREEC", "RUS", "163")]


def test_custom_verbs_file(nlp, tmp_path):
    verbs = tmp_path / "my.verbs.txt"
    verbs.write_text(
        "---  SNUB   [---]  ---\nSNUB {SNUBS SNUBBED SNUBBING}\n"
        "- * + (AT SUMMIT)        [1246]   # SNUB\n"
        "- * +                    [125]    # SNUB\n",
        encoding="utf-8",
    )
    coder = EventCoder(nlp, verbs=verbs)
    d = code(nlp, coder, "Poland snubbed Germany at the summit.")
    assert triples(d) == [("POL", "DEU", "1246")]
    assert d.events[0].rule.startswith("my.verbs.txt:3 SNUB:")
    d = code(nlp, coder, "Poland snubbed Germany.")
    assert triples(d) == [("POL", "DEU", "125")]
    # the custom file replaces the default one: CAMEO verbs are unknown to this coder
    assert code(nlp, coder, "Britain condemned Russia.").events == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an announced action is coded as the intention (CAMEO 03) ...
        ("Britain will provide humanitarian aid to Ukraine.", ("GBR", "UKR", "0333")),
        ("Poland agreed to send troops to Ukraine.", ("POL", "UKR", "0312")),
        # ... an announced attack as a threat (13), never as the attack ...
        ("Russia will attack Ukraine.", ("RUS", "UKR", "1384")),
        # ... and an announced refusal to cooperate as a rejection (12)
        ("Russia said it would not meet Ukraine.", ("RUS", "UKR", "125")),
    ],
)
def test_intentions_threats_and_refusals(nlp, coder, text, expected):
    d = code(nlp, coder, text)
    dyads = [e for e in d.events if e.target is not None]
    assert [(e.source.code, e.target.code, e.cameo) for e in dyads] == [expected]
    assert dyads[0].modality == "asserted"
    assert dyads[0].rule.startswith(("intent", "refusal"))


def test_intents_off_codes_the_announced_action(nlp):
    coder = EventCoder(nlp, intents=False)
    d = code(nlp, coder, "Britain will provide humanitarian aid to Ukraine.")
    assert triples(d) == [("GBR", "UKR", "073")]


def test_discarded_sentences_are_not_coded(nlp):
    def sport(sentence):
        return "football" if "football" in sentence.text else None

    coder = EventCoder(nlp, discards=sport)
    text = "France beat Germany at football.\nBritain condemned Russia."
    d = code(nlp, coder, text)
    assert triples(d) == [("GBR", "RUS", "111")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey said on Tuesday that Syria must return the helicopter.", ("TUR", "SYR", "100")),
        ("Britain said Russia should withdraw its troops.", ("GBR", "RUS", "020")),
    ],
)
def test_saying_that_another_actor_must_act_is_a_demand(nlp, coder, text, expected):
    d = code(nlp, coder, text)
    assert expected in triples(d)
    assert not [e for e in d.events if e.target is None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a threat aimed at the actor whose action is the condition
        (
            "Russia has threatened to stop negotiations if Poland goes ahead with the deployment.",
            ("RUS", "POL", "130"),
        ),
        # a conditional "may halt" is a threat to halt (13), not a halt
        (
            "The EU may halt mediation efforts among Syria's factions if cooperation founders.",
            ("IGOEUREEC", "SYR", "131"),
        ),
        ("Turkey issued an ultimatum to Syria.", ("TUR", "SYR", "130")),
        ("Turkey suspended talks with Syria.", ("TUR", "SYR", "164")),
        ("Turkey said they would boycott all official contact with Syria.", ("TUR", "SYR", "1312")),
    ],
)
def test_threats_and_reductions_of_relations(nlp, coder, text, expected):
    d = code(nlp, coder, text)
    dyads = [(e.source.code, e.target.code, e.cameo) for e in d.events if e.target is not None]
    assert dyads == [expected]


def test_call_names_phones_or_appeals(nlp, coder):
    # naming someone something is not a phone call
    assert code(nlp, coder, "Turkey called Syria a rogue state.").events == []
    # a call on a date is a call, both ways (CALL [041:041])
    assert triples(code(nlp, coder, "Turkey called Syria on Monday.")) == [
        ("SYR", "TUR", "041"),
        ("TUR", "SYR", "041"),
    ]
    # "called on X to" is an appeal
    assert triples(code(nlp, coder, "Turkey called on Syria to withdraw.")) == [
        ("TUR", "SYR", "020")
    ]
