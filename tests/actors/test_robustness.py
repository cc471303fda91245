"""The actor stage never raises and keeps the span invariant on arbitrary text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "Putin",
    "the",
    "Kremlin",
    "said",
    "he",
    "British",
    "Prime",
    "Minister",
    "of",
    "Russia",
    "’s",
    "NATO",
    "chief",
    "and",
    ",",
    ".",
    "\n",
    "troops",
    "US",
    "the West",
    "Moscow",
    "in",
    "She",
    "EU",
    "foreign",
    "ministers",
    "G7",
    "Johnson",
    "alliance",
    "bloc",
    "“",
    "”",
    "-",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    words=st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=40),
    date=st.sampled_from([None, "2021-12-13", "1995-01-01", "not a date"]),
)
def test_any_text_codes_without_error(code_text, words, date):
    text = " ".join(words)
    document = code_text(text, date)
    assert not document.errors
    for i, mention in enumerate(document.actors):
        assert text[mention.span[0] : mention.span[1]] == mention.text
        assert mention.antecedent is None or 0 <= mention.antecedent < i
