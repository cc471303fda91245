"""The hard cases of reported speech, each on sentences written for the test (model-backed)."""

from __future__ import annotations

import pytest

from eventwire.quotes import extractor as extractor_module
from tests.quotes.conftest import assert_spans_valid, find_quote

pytestmark = pytest.mark.slow


def test_extractor_stage_declaration(extractor) -> None:
    assert extractor.name == "quotes"
    assert extractor.requires == ("doc", "actors")
    assert extractor.assigns == ("quotes",)


def test_extractor_direct_quote_then_inverted_cue_with_apposition(quotes_of) -> None:
    document = quotes_of(
        "“We will not be intimidated,” said Jens Stoltenberg, NATO's secretary general."
    )
    quote = find_quote(document, "We will not be intimidated")
    assert quote.text == "We will not be intimidated"
    assert (quote.kind, quote.cue, quote.speaker.text) == ("direct", "said", "Jens Stoltenberg")
    assert_spans_valid(document)


@pytest.mark.parametrize(
    "text",
    [
        "The minister said: “Our borders are closed to smugglers.”",
        "The minister said “Our borders are closed to smugglers.”",
        "“Our borders are closed to smugglers,” the minister told reporters.",
    ],
)
def test_extractor_direct_quote_layouts(quotes_of, text: str) -> None:
    document = quotes_of(text)
    quote = find_quote(document, "Our borders are closed to smugglers")
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.text.lower() == "the minister"
    assert quote.cue in ("said", "told")
    assert_spans_valid(document)


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "The finance minister said that the deficit would shrink next year.",
            "the deficit would shrink next year",
            "said",
            "The finance minister",
        ),
        (
            "Germany warned Poland on Friday that the pipeline deal was final.",
            "the pipeline deal was final",
            "warned",
            "Germany",
        ),
        (
            "The general told reporters the troops would leave by March.",
            "the troops would leave by March",
            "told",
            "The general",
        ),
        (
            "The talks will resume next week, officials said.",
            "The talks will resume next week",
            "said",
            "officials",
        ),
        (
            "The ministry said in a statement that the border crossing would reopen on Monday.",
            "the border crossing would reopen on Monday",
            "said",
            "The ministry",
        ),
    ],
)
def test_extractor_indirect_speech(quotes_of, text, content, cue, speaker) -> None:
    document = quotes_of(text)
    quote = find_quote(document, content)
    assert quote.text == content
    assert (quote.kind, quote.cue, quote.speaker.text) == ("indirect", cue, speaker)


def test_extractor_mixed_quote(quotes_of) -> None:
    document = quotes_of("The senator said the bill was “dead on arrival” in the House.")
    quote = find_quote(document, "dead on arrival")
    assert quote.kind == "mixed"
    assert quote.text == "the bill was “dead on arrival” in the House"


def test_extractor_according_to(quotes_of) -> None:
    document = quotes_of("At least 40 people were injured, according to the health ministry.")
    quote = find_quote(document, "At least 40 people were injured")
    assert quote.cue == "according to"
    assert quote.speaker.text == "the health ministry"
    assert quote.text == "At least 40 people were injured"


def test_extractor_press_release_dash(quotes_of) -> None:
    text = (
        "The agency opened its new office on Monday.\n"
        "“This office brings our services closer to the people who need them.” – Maria Lopez, "
        "Director General\n"
    )
    document = quotes_of(text)
    quote = find_quote(document, "This office brings our services closer")
    assert quote.speaker is not None and quote.speaker.text == "Maria Lopez"
    assert quote.cue is None and quote.rule == "layout:dash"


def test_extractor_colon_before_block_quote(quotes_of) -> None:
    text = (
        "Speaking in Vienna, the foreign minister told delegates:\n"
        "“We have offered a fair deal. The other side must now decide whether it wants peace.”\n"
    )
    document = quotes_of(text)
    quote = find_quote(document, "We have offered a fair deal")
    assert quote.text.endswith("wants peace.")
    assert quote.cue == "told" and quote.speaker.text == "the foreign minister"


def test_extractor_quote_over_several_paragraphs(quotes_of) -> None:
    text = (
        "The coach was blunt after the defeat.\n"
        "“We were not good enough in any part of the game,” Ana Ruiz said. “We lost the ball too "
        "often and we did not defend as a team.\n"
        "“Nobody in that dressing room is happy with how we played tonight.\n"
        "“We will look at the video and we will come back stronger.”\n"
        "The club plays again on Sunday.\n"
    )
    document = quotes_of(text)
    first = find_quote(document, "We were not good enough")
    assert first.cue == "said" and first.speaker.text == "Ana Ruiz"
    running = find_quote(document, "We lost the ball too often")
    assert "Nobody in that dressing room" in running.text
    assert running.text.endswith("come back stronger.")
    assert running.speaker is not None and running.speaker.text == "Ana Ruiz"
    assert not [q for q in document.quotes if "plays again" in q.text]
    assert_spans_valid(document)


def test_extractor_bare_paragraph_continues_speaker(quotes_of) -> None:
    text = (
        "“The strike will go ahead,” union leader Tom Baker told the BBC.\n"
        "“Our members have been patient for far too long.”\n"
    )
    document = quotes_of(text)
    quote = find_quote(document, "Our members have been patient")
    assert quote.rule == "layout:continuation"
    assert quote.speaker.text == "union leader Tom Baker"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("«Nous ne céderons pas», a déclaré le ministre, the broadcaster said.", None),
        ("'We will not give in,' the minister said.", "We will not give in"),
        ("‘We will not give in,’ the minister said.", "We will not give in"),
        ("«We will not give in,» the minister said.", "We will not give in"),
        ("„We will not give in“, the minister said.", "We will not give in"),
        ('"We will not give in," the minister said.', "We will not give in"),
    ],
)
def test_extractor_any_quote_marks(quotes_of, text: str, content: str | None) -> None:
    document = quotes_of(text)
    assert_spans_valid(document)
    if content is not None:
        quote = find_quote(document, content)
        assert quote.text == content and quote.kind == "direct"
        assert quote.speaker.text == "the minister"


def test_extractor_unbalanced_marks_keep_other_quotes(quotes_of) -> None:
    text = (
        "The mayor called the report “biased and moved on.\n"
        "“We will appeal the ruling,” the mayor said.\n"
        "Critics said the ruling was ” final” and welcomed it.\n"
        "“The city must pay,” the judge said.\n"
    )
    document = quotes_of(text)
    assert find_quote(document, "We will appeal the ruling").speaker.text == "the mayor"
    assert find_quote(document, "The city must pay").speaker.text == "the judge"
    assert_spans_valid(document)
    assert not [e for e in document.errors if e["code"] == "E401"]


def test_extractor_scare_quotes_and_titles_are_not_quotes(quotes_of) -> None:
    text = (
        "Viewers loved the series “The Crown” and its ‘intimate’ tone.\n"
        "Officials described the move as a “reset” of relations.\n"
        "The so-called 'peace plan' has few supporters.\n"
    )
    document = quotes_of(text)
    texts = [q.text for q in document.quotes]
    for scare in ("The Crown", "intimate", "peace plan"):
        assert scare not in texts
    assert all(q.speaker is None or "Crown" not in q.text for q in document.quotes)


def test_extractor_negated_speech_is_not_a_quote(quotes_of) -> None:
    document = quotes_of("The company did not say who was behind the attack.")
    assert document.quotes == []


def test_extractor_institution_speaker_is_coded(quotes_of) -> None:
    document = quotes_of("The Kremlin said the sanctions would hurt Europe more than Russia.")
    quote = find_quote(document, "the sanctions would hurt Europe")
    assert quote.speaker.text == "The Kremlin" and quote.speaker_code == "RUSGOV"


def test_extractor_records_sentence_errors_and_keeps_going(quotes_of, monkeypatch) -> None:
    original = extractor_module.find_cues

    def failing(sentence, *rest):
        if "explode" in sentence.text:
            raise RuntimeError("boom")
        return original(sentence, *rest)

    monkeypatch.setattr(extractor_module, "find_cues", failing)
    document = quotes_of(
        "The minister said the plan would explode.\n“We stand ready,” the general said.\n"
    )
    assert find_quote(document, "We stand ready").speaker.text == "the general"
    errors = [e for e in document.errors if e["code"] == "E401"]
    assert len(errors) == 1 and errors[0]["sentence_index"] == 0


def test_extractor_without_parse_does_nothing(extractor) -> None:
    from eventwire.doc import Article, Document

    document = Document(article=Article(text="“Hello,” she said."))
    extractor(document)
    assert document.quotes == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "The new bridge will open in May, the head of the city's transport department, "
            "Laura Mendes, told reporters.",
            "The new bridge will open in May",
            "the head of the city's transport department",
        ),
        (
            "“We plan to finish the talks soon,” the press service quoted him as saying.",
            "We plan to finish the talks soon",
            "him",
        ),
        (
            "Besides, many missions hire local security firms, he said.",
            "many missions hire local security firms",
            "he",
        ),
    ],
)
def test_extractor_newswire_attributions(quotes_of, text, content, speaker) -> None:
    document = quotes_of(text)
    quote = find_quote(document, content)
    assert quote.text == content
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_extractor_cue_glued_to_a_mark(quotes_of) -> None:
    text = 'He spoke at length. "It is the same story over and over again,"?said Spicer.'
    document = quotes_of(text)
    quote = find_quote(document, "It is the same story")
    assert quote.cue == "said" and quote.speaker.text == "Spicer"
    assert_spans_valid(document)


def test_extractor_reporter_dateline_is_not_a_cue(quotes_of) -> None:
    text = "“The area is secure,” Al Jazeera's Qais Azimy, reporting from Kabul, said."
    document = quotes_of(text)
    quote = find_quote(document, "The area is secure")
    assert quote.text == "The area is secure" and quote.cue == "said"
    assert quote.speaker.text == "Al Jazeera's Qais Azimy"


def test_extractor_inanimate_evidence_is_not_a_speaker(quotes_of) -> None:
    document = quotes_of("Initial figures suggest that turnout was low in the north.")
    assert document.quotes == []


def test_cue_candidates_leave_the_cues_unchanged(nlp, seed_text) -> None:
    """Looking only at the candidate tokens finds exactly the cues a walk over every token finds."""
    from eventwire.quotes.cues import find_cues, speech_candidates

    doc = nlp(seed_text + "\nAccording to officials, the talks failed. She called on them to stop.")
    candidates = speech_candidates(doc)
    assert candidates == sorted(candidates) and candidates
    seen = 0
    for sentence in doc.sents:
        walked, looked_up = find_cues(sentence), find_cues(sentence, candidates)
        assert [(c.start_char, c.end_char, c.rule) for c in walked] == [
            (c.start_char, c.end_char, c.rule) for c in looked_up
        ]
        seen += len(walked)
    assert seen >= 10


def test_words_outside_quotation_marks_are_found_across_overlapping_segments() -> None:
    from eventwire.quotes.extractor import _word_outside
    from eventwire.quotes.marks import find_quote_segments

    text = "He said “we will stay” and “never leave” today."
    segments = find_quote_segments(text)
    assert len(segments) == 2
    first, second = segments
    # the words between the two quotations are outside both
    assert _word_outside(text, first.outer_start, second.outer_end, segments)
    # inside one quotation only: no word outside
    assert not _word_outside(text, first.outer_start, first.outer_end, segments)
    # a segment given twice (or nested) changes nothing
    assert not _word_outside(text, first.start, first.end, [first, first])
    assert _word_outside(text, 0, len(text), [])
