"""A running summary of coded records: what `eventwire code` and the demo print at the end."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# CAMEO root codes with their short names (CAMEO manual, section headings).
ROOT_NAMES: dict[str, str] = {
    "01": "make public statement",
    "02": "appeal",
    "03": "express intent to cooperate",
    "04": "consult",
    "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation",
    "07": "provide aid",
    "08": "yield",
    "09": "investigate",
    "10": "demand",
    "11": "disapprove",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "exhibit force posture",
    "16": "reduce relations",
    "17": "coerce",
    "18": "assault",
    "19": "fight",
    "20": "use unconventional mass violence",
}


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return (
        actor.get("code") or actor.get("country") or actor.get("name") or actor.get("text") or "-"
    )


@dataclass
class Summary:
    """Counts over records, added one at a time (so a stream of any length fits in memory)."""

    articles: int = 0
    words: int = 0
    actors: int = 0
    events: int = 0
    quotes: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    roots: Counter[str] = field(default_factory=Counter)
    modalities: Counter[str] = field(default_factory=Counter)
    dyads: Counter[tuple[str, str]] = field(default_factory=Counter)
    speakers: Counter[str] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        self.articles += 1
        self.words += len(record["article"]["text"].split())
        self.actors += len(record["actors"])
        self.events += len(record["events"])
        self.quotes += len(record["quotes"])
        self.errors += len(record["errors"])
        for event in record["events"]:
            self.roots[event["root"]] += 1
            self.modalities[event["modality"]] += 1
            if event["source"] and event["target"]:
                self.dyads[(_actor_label(event["source"]), _actor_label(event["target"]))] += 1
        for quote in record["quotes"]:
            speaker = quote.get("speaker")
            if speaker:
                self.speakers[speaker.get("name") or speaker.get("text")] += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "words": self.words,
            "actors": self.actors,
            "events": self.events,
            "quotes": self.quotes,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "articles_per_second": round(self.articles / self.seconds, 2) if self.seconds else None,
            "words_per_second": round(self.words / self.seconds) if self.seconds else None,
            "events_by_root": dict(sorted(self.roots.items())),
            "events_by_modality": dict(self.modalities.most_common()),
            "top_dyads": [[a, b, n] for (a, b), n in self.dyads.most_common(10)],
            "top_speakers": [[s, n] for s, n in self.speakers.most_common(10)],
        }

    def render(self) -> str:
        """Plain-text report, for the terminal."""
        lines = [
            f"articles coded   {self.articles:,}"
            + (f"   (skipped {self.skipped:,}, see messages above)" if self.skipped else ""),
            f"words            {self.words:,}",
            f"actors           {self.actors:,}",
            f"events           {self.events:,}",
            f"quotes           {self.quotes:,}",
            f"stage errors     {self.errors:,}",
        ]
        if self.seconds:
            lines.append(
                f"time             {self.seconds:.1f} s  "
                f"({self.articles / self.seconds:.1f} articles/s, "
                f"{self.words / self.seconds:,.0f} words/s)"
            )
        if self.roots:
            lines.append("\nevents by CAMEO root")
            for root, n in sorted(self.roots.items()):
                lines.append(f"  {root}  {ROOT_NAMES.get(root, '?'):<34} {n:>6,}")
        if self.modalities:
            lines.append("\nevents by modality")
            for modality, n in self.modalities.most_common():
                lines.append(f"  {modality:<14} {n:>6,}")
        if self.dyads:
            lines.append("\ntop dyads (source -> target)")
            for (a, b), n in self.dyads.most_common(10):
                lines.append(f"  {a:>12} -> {b:<12} {n:>5,}")
        if self.speakers:
            lines.append("\ntop quoted speakers")
            for speaker, n in self.speakers.most_common(10):
                lines.append(f"  {speaker:<30} {n:>5,}")
        return "\n".join(lines)
