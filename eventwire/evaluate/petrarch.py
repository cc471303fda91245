"""``eventwire eval petrarch-unit``: the 284 PETRARCH unit-test records.

The records describe a fictional world (Arnor, Gondor...), so the coder loads that world's
dictionaries: the validation verbs ``PETR.Validate.verbs.2.0.txt`` (CAMEO 2.0 syntax) and the
``PETR.Validate`` actors, agents and discards, and the gold is ``gold_universalpetrarch_v2`` (the
records re-coded for those verbs). That is the setting in which PETRARCH-2 scores F1 0.51 and 39%
exact sentences. Each record's ``text`` is parsed by eventwire's spaCy pipeline (the records' own
Penn Treebank parses are not used).

The records code an announced action ("Arnor will contribute...") as the action itself, so this
scorer runs the coder with ``intents=False``; eventwire's default codes it as CAMEO's "express
intent" (03) or "threaten" (13), as the CAMEO codebook does (``intents=True`` scores that).

Scores: precision, recall and F1 over (source, target, code) triples per record (a multiset match),
the share of records whose predicted triples equal the gold exactly, and the same per category.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluate import PRF, Report, match_multisets
from eventwire.events.codes import shared_dir

PETRARCH2_REFERENCE = {"f1": 0.51, "exact": 0.39}
Triple = tuple[str, str, str]


def default_paths() -> dict[str, Path]:
    anchors = shared_dir() / "anchors"
    petr = anchors / "petrarch2" / "petrarch2" / "data" / "dictionaries"
    return {
        "gold": anchors / "petrarch2" / "derived" / "PETR.UnitTest.gold.jsonl",
        "verbs": anchors
        / "UniversalPetrarch"
        / "UniversalPetrarch"
        / "data"
        / "dictionaries"
        / "PETR.Validate.verbs.2.0.txt",
        "actors": petr / "PETR.Validate.actors.txt",
        "agents": petr / "PETR.Validate.agents.txt",
        "discards": petr / "PETR.Validate.discards.txt",
    }


@dataclass
class GoldRecord:
    id: str
    category: str
    date: str | None
    text: str
    gold: list[Triple]


def read_gold(path: Path) -> list[GoldRecord]:
    """Records with a ``gold_universalpetrarch_v2`` coding (2 of the 284 have none)."""
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        gold = raw.get("gold_universalpetrarch_v2")
        if gold is None:
            continue
        date = raw.get("date") or None
        if date and len(date) == 8 and date.isdigit():
            date = f"{date[:4]}-{date[4:6]}-{date[6:]}"
        records.append(
            GoldRecord(
                id=raw["id"],
                category=raw.get("category", "?"),
                date=date,
                text=raw["text"],
                gold=[tuple(triple) for triple in gold],  # type: ignore[misc]
            )
        )
    return records


def score_records(
    predicted: dict[str, list[Triple]], records: Iterable[GoldRecord]
) -> tuple[PRF, int, int, dict[str, dict[str, Any]]]:
    """Pooled PRF, exact-record count, record count and per-category figures."""
    total = PRF()
    exact = 0
    n = 0
    categories: dict[str, dict[str, Any]] = {}
    for record in records:
        guess = predicted.get(record.id, [])
        prf = match_multisets(guess, record.gold)
        is_exact = sorted(guess) == sorted(record.gold)
        total.add(prf)
        exact += is_exact
        n += 1
        row = categories.setdefault(record.category, {"prf": PRF(), "exact": 0, "records": 0})
        row["prf"].add(prf)
        row["exact"] += is_exact
        row["records"] += 1
    return total, exact, n, categories


def _actor_stage(nlp: Any, paths: dict[str, Path]) -> Any:
    from eventwire.actors import ActorCoder

    kwargs: dict[str, Any] = {
        "dictionaries": [paths["actors"]],
        "agents": [paths["agents"]],
        "include_default": False,
    }
    parameters = inspect.signature(ActorCoder).parameters
    if "discards" in parameters:
        kwargs["discards"] = [paths["discards"]]
    return ActorCoder(nlp, **kwargs)


def predict(
    records: list[GoldRecord],
    paths: dict[str, Path],
    *,
    modalities: frozenset[str] | None = None,
    actor_stage: Callable[[Any], Any] | None = None,
    intents: bool = False,
) -> tuple[dict[str, list[Triple]], list[dict[str, Any]]]:
    """Code every record's text; returns triples per record id and the per-record details."""
    from eventwire.doc import Article
    from eventwire.events import EventCoder
    from eventwire.nlp import load_nlp
    from eventwire.pipeline import Config, Pipeline

    nlp = load_nlp()
    actors = actor_stage(nlp) if actor_stage is not None else _actor_stage(nlp, paths)
    discarded = getattr(actors, "discarded", None)
    coder = EventCoder(nlp, verbs=paths["verbs"], intents=intents, discards=discarded)
    pipeline = Pipeline(Config(), stages=[actors, coder])
    articles = [Article(text=r.text, id=r.id, date=r.date) for r in records]
    predicted: dict[str, list[Triple]] = {}
    details = []
    for document in pipeline.code_articles(articles):
        triples = []
        for event in document.events:
            if modalities is not None and event.modality not in modalities:
                continue
            if event.source is None or event.target is None:
                continue
            if not event.source.code or not event.target.code:
                continue
            triples.append((event.source.code, event.target.code, event.cameo))
        predicted[document.article.id] = triples
        details.append({"id": document.article.id, "predicted": [list(t) for t in triples]})
    return predicted, details


def evaluate_petrarch_unit(
    gold_path: Path | None = None,
    *,
    verbs: Path | None = None,
    actors: Path | None = None,
    agents: Path | None = None,
    discards: Path | None = None,
    modalities: Iterable[str] | None = None,
    actor_stage: Callable[[Any], Any] | None = None,
    intents: bool = False,
) -> Report:
    """Score eventwire on the PETRARCH unit-test records (see the module docstring)."""
    paths = default_paths()
    for key, value in (
        ("gold", gold_path),
        ("verbs", verbs),
        ("actors", actors),
        ("agents", agents),
        ("discards", discards),
    ):
        if value is not None:
            paths[key] = Path(value)
    missing = [str(p) for key, p in paths.items() if key != "discards" and not p.is_file()]
    if missing:
        from eventwire.errors import EventwireError

        raise EventwireError(
            "PETRARCH unit-test data not found (set EVENTWIRE_SHARED to the shared folder): "
            + ", ".join(missing),
            code="E101",
        )
    records = read_gold(paths["gold"])
    wanted = frozenset(modalities) if modalities is not None else None
    predicted, details = predict(
        records, paths, modalities=wanted, actor_stage=actor_stage, intents=intents
    )
    total, exact, n, categories = score_records(predicted, records)
    gold_by_id = {r.id: r for r in records}
    for detail in details:
        record = gold_by_id.get(detail["id"])
        if record is not None:
            detail["gold"] = [list(t) for t in record.gold]
    rows = []
    for name in sorted(categories):
        row = categories[name]
        prf = row["prf"]
        rows.append(
            {
                "category": name,
                "records": row["records"],
                "precision": round(prf.precision, 4),
                "recall": round(prf.recall, 4),
                "f1": round(prf.f1, 4),
                "exact": round(row["exact"] / row["records"], 4) if row["records"] else 0.0,
            }
        )
    metrics = {
        "records": n,
        **total.to_dict(),
        "exact": round(exact / n, 4) if n else 0.0,
        "petrarch2_f1": PETRARCH2_REFERENCE["f1"],
        "petrarch2_exact": PETRARCH2_REFERENCE["exact"],
    }
    notes = [
        "gold: gold_universalpetrarch_v2 of PETR.UnitTest.gold.jsonl; verbs: "
        f"{paths['verbs'].name}; actors/agents: {paths['actors'].name}, {paths['agents'].name}",
        "triples (source code, target code, CAMEO code) matched as multisets per record; "
        "records whose gold is null are left out",
        "the records' text is parsed by eventwire's spaCy pipeline, not their PTB parses",
        "sentences holding a PETR.Validate discard phrase are not coded (PETRARCH's rule)",
        "modalities scored: " + (", ".join(sorted(wanted)) if wanted else "all"),
        "announced actions coded "
        + (
            "as CAMEO intents (03/13, eventwire's default)"
            if intents
            else "as the action, the "
            "convention of these records (EventCoder(intents=False); default coding uses 03/13)"
        ),
        "PETRARCH-2 on the same records: F1 0.51, 39% exact",
    ]
    report = Report(name="petrarch-unit", metrics=metrics, rows=rows, notes=notes)
    report.details = details  # type: ignore[attr-defined]
    return report
