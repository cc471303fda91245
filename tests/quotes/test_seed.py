"""The reference article: who said what, with speakers resolved to actors (full pipeline)."""

from __future__ import annotations

from tests.quotes.conftest import assert_spans_valid, find_quote


def test_seed_nato_chief_direct_quote(seed_document) -> None:
    quote = find_quote(seed_document, "NATO’s relationship with Ukraine is going to be decided")
    assert quote.kind == "direct"
    assert quote.cue == "saying"
    assert quote.speaker is not None and quote.speaker.text == "the NATO chief"
    assert quote.text.endswith("no one else")  # content without the quotation marks


def test_seed_putin_quote_and_kremlin_attribution(seed_document) -> None:
    putin = find_quote(seed_document, "there was a need to immediately begin negotiations")
    assert putin.kind == "direct" and putin.cue == "said"
    assert putin.speaker_name == "Vladimir Putin" and putin.speaker_code == "RUSGOV"
    assert putin.text.startswith("there was a need") and putin.text.endswith("primarily Ukraine")
    according = [q for q in seed_document.quotes if q.cue == "according to"]
    assert len(according) == 1
    assert according[0].speaker.text == "the Kremlin" and according[0].speaker_code == "RUSGOV"
    assert according[0].kind == "mixed" and according[0].text.startswith("Putin said")


def test_seed_kremlin_direct_quote(seed_document) -> None:
    quote = find_quote(seed_document, "It was underlined that all this is happening")
    assert quote.kind == "direct" and quote.cue == "said"
    assert quote.speaker.text == "the Kremlin" and quote.speaker_code == "RUSGOV"
    assert "‘expansion’" in quote.text  # the inner scare quote stays part of the quotation


def test_seed_mixed_quote_resolves_he_to_johnson(seed_document) -> None:
    quote = find_quote(seed_document, "the importance of working through diplomatic channels")
    assert quote.kind == "mixed"
    assert quote.cue == "reiterated"
    assert quote.speaker.text == "He"
    assert quote.speaker_name == "Boris Johnson" and quote.speaker_code == "GBRGOV"


def test_seed_downing_street_and_statement(seed_document) -> None:
    downing = find_quote(seed_document, "Johnson told Putin of his “deep concern”")
    assert downing.speaker.text == "Downing Street" and downing.speaker_code == "GBRGOV"
    assert downing.kind == "mixed"
    told = find_quote(seed_document, "his “deep concern” at the Russian troop build-up")
    assert told.cue == "told" and told.speaker_name == "Boris Johnson"
    bare = find_quote(seed_document, "The prime minister emphasised the UK’s commitment")
    assert bare.kind == "direct" and bare.cue is None  # a bare quote paragraph
    assert bare.speaker is not None and bare.speaker_code == "GBRGOV"  # continues the statement


def test_seed_borrell_quote(seed_document) -> None:
    quote = find_quote(seed_document, "Allow me to say, once again, firmly")
    assert quote.kind == "direct" and quote.cue == "said"
    assert quote.speaker.text == "EU foreign policy chief Josep Borrell"
    assert quote.speaker_name == "Josep Borrell"


def test_seed_scare_quotes_are_not_quotes(seed_document) -> None:
    text = seed_document.article.text
    destabilise = text.index("“destabilise”") + 1
    for quote in seed_document.quotes:
        assert quote.text not in (
            "expansion",
            "destabilise",
            "deep concern",
            "massive consequences",
        )
        assert not quote.span[0] <= destabilise < quote.span[1]


def test_seed_indirect_quotes_found(seed_document) -> None:
    indirect = {q.text: q for q in seed_document.quotes if q.kind == "indirect"}
    moscow = indirect[
        "Moscow wants immediate talks with the West to curb any potential eastward "
        "expansion of NATO"
    ]
    assert moscow.cue == "told" and moscow.speaker_name == "Vladimir Putin"
    assert indirect["it plans to invade"].cue == "denies"
    assert indirect["the West is gripped by Russophobia"].speaker_code == "RUSGOV"


def test_seed_spans_and_record(seed_document, seed_record) -> None:
    assert_spans_valid(seed_document)
    text = seed_document.article.text
    assert len(seed_record["quotes"]) == len(seed_document.quotes) >= 10
    for record in seed_record["quotes"]:
        assert text[record["span"][0] : record["span"][1]] == record["text"]
        assert record["kind"] in ("direct", "indirect", "mixed")
        if record["speaker"] is not None:
            start, end = record["speaker"]["span"]
            assert text[start:end] == record["speaker"]["text"]
    assert not [e for e in seed_document.errors if "quotes" in e["message"]]
