"""Properties of the pipeline on generated news-like text (hypothesis).

Whatever the text: coding never raises, every span is valid, ids are the same on every run, and
the record validates against the JSON Schema the package ships.
"""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.doc import Article
from eventwire.schema import record_schema
from tests.reliability.helpers import span_problems

pytestmark = pytest.mark.slow

ACTORS = [
    "Russia", "Ukraine", "NATO", "the Kremlin", "Vladimir Putin", "Putin", "Boris Johnson",
    "Downing Street", "the European Union", "the EU", "Josep Borrell", "China", "Beijing",
    "the United Nations", "Iran", "Israel", "Hamas", "the G7", "Washington", "Joe Biden",
    "the Wagner group", "Japan", "Kyiv", "Moscow", "the rebels", "police", "protesters",
]  # fmt: skip
VERBS = [
    "warned", "threatened", "accused", "met", "praised", "criticised", "sanctioned", "attacked",
    "called on", "said", "told", "denied", "rejected", "urged", "invaded", "signed a deal with",
    "will not attack", "may sanction", "did not meet", "condemned", "appealed to", "helped",
]  # fmt: skip
TAILS = ["", " on Monday", " over the crisis", " in Geneva", " near the border", " again"]
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e"]
PUNCT = [".", ",", ";", ":", "!", "?", " -", " \u2014", "...", "(", ")", "\n", "\n\n", " "]
ODD = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),  # lone surrogates cannot be encoded as UTF-8
    ),
    max_size=6,
)

clause = st.builds(
    lambda a, v, b, t: f"{a} {v} {b}{t}",
    st.sampled_from(ACTORS),
    st.sampled_from(VERBS),
    st.sampled_from(ACTORS),
    st.sampled_from(TAILS),
)
quoted_clause = st.builds(
    lambda speaker, q1, c, q2: f"{speaker} said {q1}{c}{q2}",
    st.sampled_from(ACTORS),
    st.sampled_from(QUOTES),
    clause,
    st.sampled_from([*QUOTES, ""]),
)
piece = st.one_of(clause, quoted_clause, st.sampled_from(PUNCT), st.sampled_from(QUOTES), ODD)
news_text = st.lists(piece, min_size=1, max_size=14).map(lambda parts: " ".join(parts))
VALIDATOR = jsonschema.Draft202012Validator(record_schema())
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)


def _code(pipeline, text: str) -> dict:
    (document,) = pipeline.code_articles([Article(text=text, date="2021-12-13")])
    return document.to_dict()


@SETTINGS
@given(text=news_text)
def test_generated_text_is_coded_with_valid_spans_and_a_valid_record(pipeline, text):
    if not text.strip():
        return
    record = _code(pipeline, text)
    assert [e for e in record["errors"] if e["code"] == "E401"] == []  # no stage raised
    assert span_problems(record) == []
    errors = sorted(VALIDATOR.iter_errors(record), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:3]]


@settings(SETTINGS, max_examples=25)
@given(text=news_text)
def test_ids_are_stable_across_runs(pipeline, text):
    if not text.strip():
        return
    first, second = _code(pipeline, text), _code(pipeline, text)
    assert first["article"]["id"] == second["article"]["id"]
    assert [e["id"] for e in first["events"]] == [e["id"] for e in second["events"]]
    assert len({e["id"] for e in first["events"]}) == len(first["events"])  # ids are unique
    assert first == second  # the whole record is deterministic


@settings(SETTINGS, max_examples=40)
@given(text=st.text(max_size=300))
def test_arbitrary_unicode_never_raises(pipeline, text):
    """Any text at all (surrogates included) through the public entry point: a record or an
    InputError, nothing else."""
    import eventwire
    from eventwire.errors import InputError

    try:
        document = eventwire.code(text, pipeline=pipeline)
    except InputError as err:
        assert err.code in {"E107", "E114", "E115"}
        return
    record = document.to_dict()
    assert [e for e in record["errors"] if e["code"] == "E401"] == []
    assert span_problems(record) == []
