"""Messy real text never breaks the quote stage: random quotation marks in the seed article."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.doc import Article, Document
from tests.quotes.conftest import assert_spans_valid

pytestmark = pytest.mark.slow

MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_robustness_random_marks_in_real_text(nlp, extractor, seed_text, data) -> None:
    text = seed_text
    edits = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(seed_text) - 1), st.sampled_from([*MARKS, ""])),
            min_size=1,
            max_size=8,
        )
    )
    for position, mark in sorted(edits, reverse=True):
        if mark:  # insert a mark
            text = text[:position] + mark + text[position:]
        elif text[position] in MARKS or text[position] in "“”‘’":  # or delete one
            text = text[:position] + text[position + 1 :]
    document = Document(article=Article(text=text), doc=nlp(text))
    extractor(document)  # no actors: the stage must still work
    assert_spans_valid(document)
    assert not [e for e in document.errors if e["code"] == "E401"]


def test_robustness_one_stray_mark_keeps_the_other_quotes(nlp, extractor, seed_text) -> None:
    def quotes(text: str) -> set[str]:
        document = Document(article=Article(text=text), doc=nlp(text))
        extractor(document)
        return {q.text for q in document.quotes if q.kind == "direct"}

    clean = quotes(seed_text)
    broken = seed_text.replace("Putin said in Monday’s call", "Putin said “in Monday’s call", 1)
    damaged = quotes(broken)
    borrell = "Allow me to say, once again, firmly that the European Union is standing united"
    kremlin = "It was underlined that all this is happening"
    for fragment in (borrell, kremlin):
        assert any(fragment in q for q in clean)
        assert any(fragment in q for q in damaged)
