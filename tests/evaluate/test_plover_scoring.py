"""The PLOVER scorer on hand-made cases whose right score is known."""

from __future__ import annotations

import json

import pytest

from eventwire.evaluate.plover import PloverRecord, main_event_type, read_gold, score


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
