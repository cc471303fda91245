"""Quotation marks on raw text: every mark family, apostrophes, nesting, paragraphs, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes.marks import QUOTE_CHARS, find_quote_segments, top_level


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in top_level(find_quote_segments(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ("He said 'we will win' today.", ["we will win"]),
        ("Il a dit «nous gagnerons» hier.", ["nous gagnerons"]),
        ("Il a dit « nous gagnerons » hier.", ["nous gagnerons"]),
        ("Er sagte „wir gewinnen“ gestern.", ["wir gewinnen"]),
        ("Er sagte »wir gewinnen« gestern.", ["wir gewinnen"]),
        ("A ‹single guillemet› phrase.", ["single guillemet"]),
    ],
)
def test_marks_every_family(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_marks_apostrophes_are_not_quotes() -> None:
    text = "Russia’s troops don’t move, and the allies’ plan isn't 'final' yet, O'Brien said."
    assert quoted(text) == ["final"]


def test_marks_trailing_comma_left_out() -> None:
    assert quoted("“We will win,” she said.") == ["We will win"]


def test_marks_nested_single_quote_is_inner() -> None:
    text = "“Military ‘expansion’ is a threat,” the Kremlin said."
    segments = find_quote_segments(text)
    assert quoted(text) == ["Military ‘expansion’ is a threat"]
    inner = [text[s.start : s.end] for s in segments if s.depth == 1]
    assert inner == ["expansion"]


def test_marks_quote_running_over_paragraphs() -> None:
    text = "“First part of it.\n“Second part.\n“Last part.” Then prose.\nNext “one” here."
    segments = top_level(find_quote_segments(text))
    first = segments[0]
    assert [text[s:e] for s, e in first.pieces] == [
        "First part of it.",
        "Second part.",
        "Last part.",
    ]
    assert text[first.start : first.end].startswith("First") and first.closed
    assert [text[s.start : s.end] for s in segments[1:]] == ["one"]


def test_marks_unclosed_mid_sentence_does_not_run_on() -> None:
    text = "She called it “untenable.\n“I acted in good faith,” she said."
    assert quoted(text) == ["untenable.", "I acted in good faith"]


def test_marks_unbalanced_keeps_the_other_quotes() -> None:
    text = "A stray ” mark, then “a real quote” and “another one” and an “unclosed end"
    found = quoted(text)
    assert "a real quote" in found and "another one" in found


def test_marks_double_open_recovers() -> None:
    text = "He said “first and then “second quote” ends."
    found = quoted(text)
    assert "second quote" in found and "first and then" in found


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*QUOTE_CHARS, "a", "b", " ", "\n", ".", ","]), max_size=80)
)
def test_marks_never_raise_and_spans_are_inside(text: str) -> None:
    for segment in find_quote_segments(text):
        assert 0 <= segment.start < segment.end <= len(text)
        assert text[segment.start : segment.end].strip()
        for start, end in segment.pieces:
            assert segment.start <= start < end <= segment.end
