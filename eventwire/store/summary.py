"""The summary of everything in a store, in the same shape as the one `eventwire code` prints."""

from __future__ import annotations

from eventwire.analysis.summary import Summary
from eventwire.store.store import Store


def summary_from_store(store: Store) -> Summary:
    """Counts over the whole database: articles, events by root and modality, dyads, speakers.

    ``seconds`` is the time spent by the ingest runs that finished (so the rate it prints is the
    coding rate of the runs that built the store).
    """
    summary = Summary()
    summary.articles = store.count("articles")
    summary.words = int(store.scalar("SELECT coalesce(sum(words), 0) FROM articles") or 0)
    summary.actors = store.count("actors")
    summary.events = store.count("events")
    summary.quotes = store.count("quotes")
    summary.errors = int(
        store.scalar("SELECT count(*) FROM errors WHERE stage = ?", ["coding"]) or 0
    )
    summary.skipped = int(store.scalar("SELECT count(*) FROM errors WHERE stage = ?", ["input"]))
    summary.seconds = float(
        store.scalar(
            "SELECT coalesce(sum(seconds), 0) FROM ingest_runs"
            " WHERE status = ? AND articles_added + articles_replaced > 0",
            ["done"],
        )
        or 0.0
    )
    for root, n in store.query("SELECT root, count(*) FROM events GROUP BY root")[1]:
        summary.roots[root] = int(n)
    for modality, n in store.query("SELECT modality, count(*) FROM events GROUP BY modality")[1]:
        summary.modalities[modality] = int(n)
    _, dyads = store.query(
        "SELECT coalesce(source_code, source_country, source_name, source_text),"
        " coalesce(target_code, target_country, target_name, target_text), count(*)"
        " FROM events WHERE source_text IS NOT NULL AND target_text IS NOT NULL"
        " GROUP BY 1, 2"
    )
    for source, target, n in dyads:
        summary.dyads[(source or "-", target or "-")] = int(n)
    _, speakers = store.query(
        "SELECT coalesce(speaker_name, speaker_text), count(*) FROM quotes"
        " WHERE speaker_text IS NOT NULL OR speaker_name IS NOT NULL GROUP BY 1"
    )
    for speaker, n in speakers:
        summary.speakers[speaker] = int(n)
    return summary
