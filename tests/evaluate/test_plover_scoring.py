"""The PLOVER scorer on hand-made cases whose right score is known."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate.plover import (
    PloverRecord,
    gold_triples,
    main_event_type,
    match_triples,
    read_gold,
    score,
)


def event(source, target, type_, modality="asserted", root="16", confidence=0.8):
    return {
        "source": source,
        "target": target,
        "type": type_,
        "modality": modality,
        "root": root,
        "confidence": confidence,
    }


def test_main_event_prefers_asserted_then_confident():
    events = [
        event("RUS", "UKR", "ASSAULT", modality="hypothetical", confidence=0.9),
        event("USA", "RUS", "SANCTION", confidence=0.6),
        event("USA", "RUS", "THREATEN", confidence=0.7),
    ]
    assert main_event_type(events) == "THREATEN"
    assert main_event_type([]) is None
    # an event coded in a renamed 0.5b1 type is compared under its 2021 name
    assert main_event_type([event("A", "B", "DEMAND")]) == "REQUEST"


def test_type_accuracy_and_triple_f1():
    records = [
        PloverRecord("1", None, "", "SANCTION", [("USA", "RUS", "SANCTION")]),
        PloverRecord(
            "2", None, "", "ASSAULT", [("RUS", "UKR", "ASSAULT"), ("RUS", "GEO", "ASSAULT")]
        ),
        PloverRecord("3", None, "", "AGREE", [("HUN", None, "AGREE")]),
    ]
    predicted = {
        "1": [event("USA", "RUS", "SANCTION")],  # right type, right triple
        "2": [event("RUS", "UKR", "ASSAULT"), event("RUS", "UKR", "ASSAULT")],  # 1 tp, 1 fp, 1 fn
        # record 3: nothing predicted: wrong type, one fn
    }
    correct, n, prf = score(predicted, records)
    assert (correct, n) == (2, 3)
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 2)
    assert prf.f1 == pytest.approx(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))


def test_read_gold_keeps_english_records_and_maps_old_type_names(tmp_path):
    data = [
        {"id": "DOC", "event": "DOCUMENT"},
        {
            "id": "1",
            "language": "en",
            "event": "FIGHT",
            "text": "t",
            "source": [{"code": "RUS"}, {"code": "BLR"}],
            "target": [{"code": "UKRMIL"}],
        },
        {
            "id": "2",
            "language": "en",
            "event": "DISAPPROVE",
            "text": "t",
            "source": [{"code": "USA"}],
            "target": "",
        },
        {"id": "3", "language": "es", "event": "PROTEST", "text": "t"},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    first, second = read_gold(path)
    assert first.type == "ASSAULT"
    assert first.triples == [("RUS", "UKR", "ASSAULT"), ("BLR", "UKR", "ASSAULT")]
    assert (second.type, second.triples) == ("ACCUSE", [("USA", None, "ACCUSE")])


def test_main_event_is_the_one_highest_in_the_clauses():
    # "X demanded that Y cancel plans to sell ...": the demand is the main clause's event even
    # when the embedded sale is coded with more confidence
    events = [
        {**event("CHN", "USA", "REQUEST", confidence=0.7), "depth": 0},
        {**event("USA", "TWN", "AGREE", confidence=0.9), "depth": 2},
    ]
    assert main_event_type(events) == "REQUEST"
    # at the same depth the more confident one wins
    events[1]["depth"] = 0
    assert main_event_type(events) == "AGREE"


def test_clause_depth_on_a_parsed_sentence(nlp):
    from types import SimpleNamespace

    from eventwire.evaluate.plover import clause_depth

    text = "China on Tuesday demanded that the US cancel plans to sell weapons to Taiwan."
    document = SimpleNamespace(doc=nlp(text))
    demanded = clause_depth(document, text.index("demanded"))
    cancel = clause_depth(document, text.index("cancel"))
    sell = clause_depth(document, text.index("sell"))
    assert demanded == 0 < cancel < sell
    assert clause_depth(SimpleNamespace(doc=None), 0) == 0


def test_gold_mutual_actors_act_on_each_other():
    raw = {
        "source": [{"code": "ISR"}, {"code": "PSE"}],
        "target": "",
        "textInfo": {"markup": "(SRC/TAR: Israel) and the (SRC/TAR: Palestinians) (EVT: reached)"},
    }
    assert gold_triples(raw, "AGREE") == [("ISR", "PSE", "AGREE"), ("PSE", "ISR", "AGREE")]
    # with no SRC/TAR markup, several sources with no target stay one-sided
    raw["textInfo"] = {"markup": "(SRC: Israel) and the (SRC: Palestinians) (EVT: reached)"}
    assert gold_triples(raw, "AGREE") == [("ISR", None, "AGREE"), ("PSE", None, "AGREE")]
    # a single mutual actor keeps its own triple; a named target is kept as written
    raw = {"source": [{"code": "SDN"}], "target": "", "textInfo": {"markup": "(SRC/TAR: x)"}}
    assert gold_triples(raw, "AGREE") == [("SDN", None, "AGREE")]


def test_gold_country_codes_are_read_as_iso():
    raw = {"source": [{"code": "IGO"}], "target": [{"code": "JAPGOV"}], "textInfo": "x"}
    assert gold_triples(raw, "AGREE") == [("IGO", "JPN", "AGREE")]
    raw = {"source": [{"code": "VTNMIL"}], "target": [{"code": "ITL"}]}
    assert gold_triples(raw, "ASSAULT") == [("VNM", "ITA", "ASSAULT")]


def _typed(source, target, type_, mirror=False, span=(0, 7)):
    return {**event(source, target, type_), "mirror": mirror, "trigger_span": list(span)}


def test_an_action_and_its_mirror_are_scored_once_by_the_action():
    visit = _typed("GBR", "RUS", "CONSULT")
    host = _typed("RUS", "GBR", "CONSULT", mirror=True)
    # the gold codes the visit: one true positive, the mirror is not a false positive
    prf = match_triples([visit, host], [("GBR", "RUS", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 0)
    # the gold codes the host's side: the action's own direction is wrong, the mirror no excuse
    prf = match_triples([visit, host], [("RUS", "GBR", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (0, 1, 1)
    # neither side in the gold: one false positive for the pair
    prf = match_triples([visit, host], [("USA", "RUS", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (0, 1, 1)
    # both sides in the gold: the action matches one, the other is missed
    prf = match_triples([visit, host], [("GBR", "RUS", "CONSULT"), ("RUS", "GBR", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 0, 1)
    # a mirror whose forward event is elsewhere (other words) is an event of its own
    stray = _typed("RUS", "GBR", "CONSULT", mirror=True, span=(20, 27))
    prf = match_triples([visit, stray], [("GBR", "RUS", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 0)
    # events with no PLOVER type are not scored
    prf = match_triples([{**visit, "type": None}], [("GBR", "RUS", "CONSULT")])
    assert (prf.tp, prf.fp, prf.fn) == (0, 0, 1)


def test_repeated_gold_ids_are_made_unique(tmp_path):
    record = {"language": "en", "event": "COERCE", "text": "t", "source": [], "target": ""}
    data = [{**record, "id": "X-0004"}, {**record, "id": "X-0004", "text": "u"}]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    first, second = read_gold(path)
    assert (first.id, second.id) == ("X-0004", "X-0004~2")
    assert (first.text, second.text) == ("t", "u")


def test_records_split_by_the_parity_of_their_number():
    from eventwire.evaluate.plover import id_parity

    assert id_parity("PLOVER-GSR01-AGREE-0006") == "even"
    assert id_parity("PLOVER-GSR01-DEMAND-0007") == "odd"
    assert id_parity("PLOVER-GSR01-COERCE-0004~2") == "even"  # a repeated id keeps its number
