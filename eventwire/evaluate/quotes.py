"""Scoring quotation attribution against gold in brat standoff: ``eventwire eval quotes DIR``.

Gold format
-----------
A directory of pairs ``NAME.txt`` (the article text, UTF-8, read as is: offsets count Python
characters from the first character of the file) and ``NAME.ann`` (brat standoff). A ``.txt``
without an ``.ann`` is skipped with a note. Accepted ``.ann`` lines (tab-separated, as brat writes
them):

- ``T1<TAB>Source 0 5;10 15<TAB>text``: a text-bound annotation; one or more ``start end``
  fragments separated by ``;`` (discontinuous spans), ``text`` the fragments joined by one space.
  Types, case insensitive: ``Source`` (alias ``Speaker``), ``Cue`` (alias ``Frame``), ``Content``
  (aliases ``Quote``, ``Quotation``). Other types (``Addressee``...) are ignored. A fragment outside
  the text is dropped with a note; a ``text`` field that differs from the fragments (whitespace
  aside) gives a note, and the offsets are used.
- ``E1<TAB>Cue:T2 Source:T1 Content:T3``: one attribution. Arguments are ``Role:Tid`` in any
  order; the role names ``Cue``, ``Source``, ``Content`` (and the aliases above) may carry a number
  (``Content2:T7``: several fragments of one content are joined). An argument with another role
  name (the trigger of ``Attribution:T2``) takes the type of the annotation it points to. An
  attribution needs a content; source and cue are optional.
- a ``Content`` annotation in no ``E`` line is an attribution without source and cue. ``Source``
  and ``Cue`` annotations in no ``E`` line still count as gold spans of their type.
- ``#1<TAB>AnnotatorNotes T1<TAB>name=Jens Stoltenberg; code=IGOWSTNAT`` on a ``Source``: the actor
  the speaker resolves to (plain text is read as ``name``). Optional; used for speaker-name
  accuracy.
- ``A1<TAB>Kind E1 Direct`` (or on the ``Content`` annotation): the quote's kind, optional; used
  for recall by kind. Other lines (``R``, ``N``, ``M`` other than ``Kind``) are ignored.

Matching rules
--------------
- *Tokens*: spans are compared as sets of word tokens, the maximal runs of ``\\w`` characters of
  the text (so ``Russia’s`` is ``Russia`` + ``s``). Punctuation and quotation marks are not
  tokens, so a direct quote scores the same whether or not its marks (or a trailing comma) are
  inside the span, and a quote over several paragraphs is the same whether it is one span or one
  fragment per paragraph. A token belongs to a span when any of its characters lies inside one of
  the span's fragments.
- *Exact* (per field: content, source, cue): in each document, the distinct non-empty token sets
  of the predicted spans and of the gold spans are matched one to one; a match needs identical
  token sets (the same first and last word, for a contiguous span). tp = matches, fp = predicted
  sets left, fn = gold sets left; counts are summed over documents (micro-average) before P/R/F1.
- *Token overlap* (per field): in each document, P = the union of tokens of all predicted spans of
  the field, G = the same for gold. tp = |P ∩ G|, fp = |P − G|, fn = |G − P|, summed over
  documents. So precision = overlapping predicted tokens / predicted tokens, recall = overlapping
  gold tokens / gold tokens.
- *Any overlap* (per field): like exact, but a predicted span matches a gold span when they share
  at least one token (one to one, largest overlap first).
- *Speaker accuracy*: gold attributions are paired one to one with predicted quotes by content
  (sharing at least one token, largest overlap first). Over the pairs whose gold attribution has a
  source, a speaker is correct when the predicted speaker span shares a token with the gold source.
  *Speaker-name accuracy* is over the pairs whose gold source has a ``name`` note: correct when
  the predicted resolved name equals it (case and punctuation aside) or contains its last word
  ("Putin" for "Vladimir Putin").

Predictions: ``Quote.span`` is the content, ``Quote.speaker.span`` the source, ``Quote.cue_span``
the cue; eventwire's direct-quote content excludes the quotation marks (which the token rule
ignores).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate import PRF, Report

if TYPE_CHECKING:
    from eventwire.doc import Quote
    from eventwire.pipeline import Pipeline

Spans = list[tuple[int, int]]
WORD = re.compile(r"\w+")
FIELDS = ("content", "source", "cue")
TYPE_ALIASES = {
    "source": "source",
    "speaker": "source",
    "cue": "cue",
    "frame": "cue",
    "content": "content",
    "quote": "content",
    "quotation": "content",
}


@dataclass
class Attribution:
    """One quotation: its content, source and cue spans (each possibly discontinuous)."""

    content: Spans
    source: Spans = field(default_factory=list)
    cue: Spans = field(default_factory=list)
    source_name: str | None = None
    source_code: str | None = None
    kind: str | None = None


@dataclass
class GoldDocument:
    name: str
    text: str
    attributions: list[Attribution]
    extra_spans: dict[str, list[Spans]] = field(default_factory=dict)  # unlinked Source/Cue spans
    notes: list[str] = field(default_factory=list)


# -- reading brat ---------------------------------------------------------------------------------


def _role(name: str) -> str | None:
    return TYPE_ALIASES.get(name.rstrip("0123456789").lower())


def read_brat(txt_path: Path) -> GoldDocument:
    """Read ``NAME.txt`` and its ``NAME.ann`` into a :class:`GoldDocument`."""
    text = txt_path.read_bytes().decode("utf-8")
    ann_path = txt_path.with_suffix(".ann")
    name = txt_path.stem
    notes: list[str] = []
    spans: dict[str, tuple[str, Spans]] = {}  # Tid -> (role, fragments)
    events: list[tuple[str, list[tuple[str, str]]]] = []
    annotator_notes: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for number, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{ann_path.name}:{number}"
        fields = line.split("\t")
        ident = fields[0]
        if ident.startswith("T") and len(fields) >= 2:
            type_name, _, offsets = fields[1].partition(" ")
            role = _role(type_name)
            if role is None:
                continue
            fragments: Spans = []
            try:
                for fragment in offsets.split(";"):
                    start_s, end_s = fragment.split()
                    fragments.append((int(start_s), int(end_s)))
            except ValueError:
                notes.append(f"{where}: cannot read offsets {offsets!r}; line skipped")
                continue
            valid = [(s, e) for s, e in fragments if 0 <= s < e <= len(text)]
            if len(valid) != len(fragments):
                notes.append(f"{where}: fragment outside the text dropped")
            if not valid:
                continue
            stated = fields[2] if len(fields) > 2 else None
            actual = " ".join(text[s:e] for s, e in valid)
            if stated is not None and " ".join(stated.split()) != " ".join(actual.split()):
                notes.append(f"{where}: text {stated!r} differs from the offsets' {actual!r}")
            spans[ident] = (role, valid)
        elif ident.startswith("E") and len(fields) >= 2:
            arguments = []
            for argument in fields[1].split():
                role_name, _, target = argument.partition(":")
                arguments.append((role_name, target))
            events.append((ident, arguments))
        elif ident.startswith("#") and len(fields) >= 3:
            kind, _, target = fields[1].partition(" ")
            if kind == "AnnotatorNotes":
                annotator_notes[target.strip()] = fields[2]
        elif ident[:1] in ("A", "M") and len(fields) >= 2:
            parts = fields[1].split()
            if len(parts) == 3 and parts[0].lower() == "kind":
                kinds[parts[1]] = parts[2].lower()

    attributions: list[Attribution] = []
    linked: set[str] = set()
    for ident, arguments in events:
        parts: dict[str, Spans] = {"content": [], "source": [], "cue": []}
        source_ids = []
        content_ids = []
        for role_name, target in arguments:
            if target not in spans:
                if target:
                    notes.append(f"{name}.ann: {ident} points to unknown {target}")
                continue
            role = _role(role_name) or spans[target][0]
            parts[role].extend(spans[target][1])
            linked.add(target)
            if role == "source":
                source_ids.append(target)
            if role == "content":
                content_ids.append(target)
        if not parts["content"]:
            notes.append(f"{name}.ann: {ident} has no content; skipped")
            continue
        attribution = Attribution(
            content=sorted(parts["content"]),
            source=sorted(parts["source"]),
            cue=sorted(parts["cue"]),
            kind=kinds.get(ident) or next((kinds[c] for c in content_ids if c in kinds), None),
        )
        for source_id in source_ids:
            if source_id in annotator_notes:
                attribution.source_name, attribution.source_code = _parse_note(
                    annotator_notes[source_id]
                )
        attributions.append(attribution)
    extra: dict[str, list[Spans]] = {"source": [], "cue": []}
    for ident, (role, fragments) in spans.items():
        if ident in linked:
            continue
        if role == "content":
            attributions.append(Attribution(content=fragments, kind=kinds.get(ident)))
        else:
            extra[role].append(fragments)
    return GoldDocument(name, text, attributions, extra, notes)


def _parse_note(note: str) -> tuple[str | None, str | None]:
    if "=" not in note:
        return note.strip() or None, None
    values = {}
    for item in note.split(";"):
        key, _, value = item.partition("=")
        values[key.strip().lower()] = value.strip() or None
    return values.get("name"), values.get("code")


def read_gold(directory: Path) -> tuple[list[GoldDocument], list[str]]:
    """Every ``.txt``/``.ann`` pair in ``directory`` (sorted by name), with notes on skipped
    files."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"gold directory {directory} does not exist", code="E101")
    documents, notes = [], []
    for txt_path in sorted(directory.glob("*.txt")):
        if not txt_path.with_suffix(".ann").exists():
            notes.append(f"{txt_path.name}: no .ann beside it; skipped")
            continue
        documents.append(read_brat(txt_path))
    if not documents:
        raise InputError(f"{directory} holds no NAME.txt + NAME.ann pairs", code="E102")
    return documents, notes


# -- predictions ----------------------------------------------------------------------------------


def attributions_from_quotes(quotes: Iterable[Quote]) -> list[Attribution]:
    """eventwire's quotes as attributions: content, speaker and cue spans and the resolved name."""
    found = []
    for quote in quotes:
        speaker = quote.speaker
        found.append(
            Attribution(
                content=[tuple(quote.span)],  # type: ignore[list-item]
                source=[tuple(speaker.span)] if speaker is not None else [],  # type: ignore[list-item]
                cue=[tuple(quote.cue_span)] if quote.cue_span else [],  # type: ignore[list-item]
                source_name=quote.speaker_name or (speaker.name if speaker else None),
                source_code=quote.speaker_code or (speaker.code if speaker else None),
                kind=quote.kind,
            )
        )
    return found


# -- scoring --------------------------------------------------------------------------------------


class _Tokens:
    """Word tokens of one text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        matches = list(WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def of(self, fragments: Sequence[tuple[int, int]]) -> frozenset[int]:
        found: set[int] = set()
        for start, end in fragments:
            # tokens whose end is after start and whose start is before end
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            found.update(range(first, last))
        return frozenset(found)


def _distinct(token_sets: Iterable[frozenset[int]]) -> list[frozenset[int]]:
    return sorted({s for s in token_sets if s}, key=lambda s: (min(s), len(s)))


def _pair_by_overlap(
    predicted: Sequence[frozenset[int]], gold: Sequence[frozenset[int]]
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) sharing a token, largest overlap first."""
    candidates = [
        (len(p & g), -i, -j, i, j)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        if p & g
    ]
    candidates.sort(reverse=True)
    pairs, used_p, used_g = [], set(), set()
    for _, _, _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _normal_name(name: str) -> list[str]:
    return WORD.findall(name.casefold())


def _same_name(predicted: str | None, gold: str) -> bool:
    if not predicted:
        return False
    p, g = _normal_name(predicted), _normal_name(gold)
    return bool(g) and (p == g or g[-1] in p)


@dataclass
class _Totals:
    exact: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    overlap: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    any_overlap: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    speaker_total: int = 0
    speaker_correct: int = 0
    name_total: int = 0
    name_correct: int = 0
    kind_total: dict[str, int] = field(default_factory=dict)
    kind_found: dict[str, int] = field(default_factory=dict)
    gold_quotes: int = 0
    predicted_quotes: int = 0


def score_document(
    text: str,
    gold: GoldDocument | list[Attribution],
    predicted: list[Attribution],
    totals: _Totals | None = None,
) -> tuple[_Totals, dict[str, object]]:
    """Add one document's counts to ``totals``; return them and the document's row."""
    totals = totals if totals is not None else _Totals()
    tokens = _Tokens(text)
    attributions = gold.attributions if isinstance(gold, GoldDocument) else gold
    extra = gold.extra_spans if isinstance(gold, GoldDocument) else {}
    row: dict[str, object] = {"gold": len(attributions), "predicted": len(predicted)}
    totals.gold_quotes += len(attributions)
    totals.predicted_quotes += len(predicted)
    for name in FIELDS:
        gold_sets = _distinct(
            [tokens.of(getattr(a, name)) for a in attributions]
            + [tokens.of(s) for s in extra.get(name, [])]
        )
        predicted_sets = _distinct(tokens.of(getattr(a, name)) for a in predicted)
        remaining = list(gold_sets)
        tp = 0
        for candidate in predicted_sets:
            if candidate in remaining:
                remaining.remove(candidate)
                tp += 1
        exact = PRF(tp=tp, fp=len(predicted_sets) - tp, fn=len(gold_sets) - tp)
        totals.exact[name].add(exact)
        pairs = _pair_by_overlap(predicted_sets, gold_sets)
        totals.any_overlap[name].add(
            PRF(tp=len(pairs), fp=len(predicted_sets) - len(pairs), fn=len(gold_sets) - len(pairs))
        )
        p_all = frozenset().union(*predicted_sets) if predicted_sets else frozenset()
        g_all = frozenset().union(*gold_sets) if gold_sets else frozenset()
        overlap = PRF(tp=len(p_all & g_all), fp=len(p_all - g_all), fn=len(g_all - p_all))
        totals.overlap[name].add(overlap)
        row[f"{name}_overlap_f1"] = round(overlap.f1, 4)
        row[f"{name}_exact_f1"] = round(exact.f1, 4)

    predicted_content = [tokens.of(a.content) for a in predicted]
    gold_content = [tokens.of(a.content) for a in attributions]
    pairs = _pair_by_overlap(predicted_content, gold_content)
    matched_gold = {j for _, j in pairs}
    for j, attribution in enumerate(attributions):
        if attribution.kind:
            totals.kind_total[attribution.kind] = totals.kind_total.get(attribution.kind, 0) + 1
            if j in matched_gold:
                totals.kind_found[attribution.kind] = totals.kind_found.get(attribution.kind, 0) + 1
    for i, j in pairs:
        gold_attribution, guess = attributions[j], predicted[i]
        if gold_attribution.source:
            totals.speaker_total += 1
            if tokens.of(gold_attribution.source) & tokens.of(guess.source):
                totals.speaker_correct += 1
        if gold_attribution.source_name:
            totals.name_total += 1
            if _same_name(guess.source_name, gold_attribution.source_name):
                totals.name_correct += 1
    return totals, row


def _accuracy(correct: int, total: int) -> dict[str, float | int]:
    return {
        "correct": correct,
        "total": total,
        "accuracy": round(correct / total, 4) if total else 0.0,
    }


def build_report(totals: _Totals, rows: list[dict[str, object]], notes: list[str]) -> Report:
    metrics: dict[str, object] = {
        "documents": len(rows),
        "gold_quotes": totals.gold_quotes,
        "predicted_quotes": totals.predicted_quotes,
    }
    for name in FIELDS:
        metrics[name] = {
            "exact": totals.exact[name].to_dict(),
            "overlap": totals.overlap[name].to_dict(),
            "any_overlap": totals.any_overlap[name].to_dict(),
        }
    metrics["speaker_accuracy"] = _accuracy(totals.speaker_correct, totals.speaker_total)
    metrics["speaker_name_accuracy"] = _accuracy(totals.name_correct, totals.name_total)
    metrics["content_recall_by_kind"] = {
        kind: _accuracy(totals.kind_found.get(kind, 0), total)
        for kind, total in sorted(totals.kind_total.items())
    }
    return Report(name="quotes", metrics=metrics, rows=rows, notes=notes)


def score(
    documents: list[GoldDocument],
    predictions: list[list[Attribution]],
    notes: list[str] | None = None,
) -> Report:
    """Score predicted attributions (one list per gold document, same order) against the gold."""
    totals = _Totals()
    rows = []
    all_notes = list(notes or [])
    for gold, predicted in zip(documents, predictions, strict=True):
        _, row = score_document(gold.text, gold, predicted, totals)
        rows.append({"document": gold.name, **row})
        all_notes.extend(gold.notes)
    return build_report(totals, rows, all_notes)


def _default_pipeline() -> tuple[Pipeline, list[str]]:
    """The actors and quotes stages (events do not affect quotes)."""
    from eventwire.nlp import load_nlp
    from eventwire.pipeline import Pipeline
    from eventwire.quotes import QuoteExtractor

    nlp = load_nlp()
    try:
        from eventwire.actors import ActorCoder
    except ImportError:
        return Pipeline(stages=[_NoActors(), QuoteExtractor(nlp)]), [
            "the actors stage is not available: speakers are resolved without actor codes"
        ]
    return Pipeline(stages=[ActorCoder(nlp), QuoteExtractor(nlp)]), []


class _NoActors:
    name = "actors"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("actors",)

    def __call__(self, document: object) -> None:
        return None


def evaluate_quotes(directory: Path, pipeline: Pipeline | None = None) -> Report:
    """Run eventwire over every gold text in ``directory`` and score its quotes (rules above)."""
    from eventwire.doc import Article

    documents, notes = read_gold(Path(directory))
    if pipeline is None:
        pipeline, more = _default_pipeline()
        notes.extend(more)
    articles = [Article(text=d.text, id=d.name) for d in documents]
    predictions = [attributions_from_quotes(doc.quotes) for doc in pipeline.code_articles(articles)]
    notes.append(
        "tokens are \\w+ runs; exact = identical token sets, overlap = token-level P/R over the "
        "union of spans, micro-averaged over documents"
    )
    return score(documents, predictions, notes)
