"""SQL conditions shared by every query that filters events by actor (CLI, API, timelines)."""

from __future__ import annotations


def actor_condition(side: str, code: str | None = None) -> str:
    """Match one side (``source`` / ``target``) of an event by code prefix or country.

    Takes two parameters: the code prefix, then the country. ``code`` names the column holding the
    code (default ``coalesce(SIDE_code, '')``; event clusters keep theirs in ``SIDE_key``).
    """
    code = code or f"coalesce({side}_code, '')"
    return f"(starts_with({code}, ?) OR {side}_country = ?)"
