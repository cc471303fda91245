"""Hand-made coded articles (real Documents, serialised by Document.to_dict) and store fixtures."""

from __future__ import annotations

import atexit
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from eventwire.doc import ActorMention, Article, Document, Event, Quote

# CAMEO code -> (root, Goldstein, quad class), as in the CAMEO codebook.
CODES = {
    "010": ("01", 0.0, 1),
    "040": ("04", 1.0, 1),
    "057": ("05", 8.0, 2),
    "111": ("11", -2.0, 3),
    "130": ("13", -4.4, 3),
    "138": ("13", -7.0, 3),
    "163": ("16", -8.0, 4),
    "190": ("19", -10.0, 4),
}
COUNTRIES = {
    "Russia": ("RUS", "RUS", None, "Russia", "country"),
    "Moscow": ("RUSGOV", "RUS", "GOV", "Russian government", "organisation"),
    "Ukraine": ("UKR", "UKR", None, "Ukraine", "country"),
    "Kyiv": ("UKRGOV", "UKR", "GOV", "Ukrainian government", "organisation"),
    "Britain": ("GBR", "GBR", None, "United Kingdom", "country"),
    "China": ("CHN", "CHN", None, "China", "country"),
    "Japan": ("JPN", "JPN", None, "Japan", "country"),
}


@dataclass
class Spec:
    """One event in a hand-made article: ``source verb target`` inside sentence ``sentence``."""

    source: str
    verb: str
    target: str | None
    cameo: str
    sentence: int = 0


def _mention(text: str, sentence_start: int, sentence: str, word: str) -> ActorMention:
    start = sentence_start + sentence.index(word)
    code, country, sector, name, kind = COUNTRIES[word]
    return ActorMention(
        text=word,
        span=(start, start + len(word)),
        code=code,
        country=country,
        sector=sector,
        name=name,
        kind=kind,
    )


def make_document(
    article_id: str,
    date: str | None,
    sentences: list[str],
    specs: list[Spec],
    *,
    source: str | None = "Test Wire",
    url: str | None = None,
    quote: tuple[int, str, str] | None = None,
) -> Document:
    """A Document whose events point at real words of its text (spans checked by the store tests).

    ``quote`` is ``(sentence, speaker word, quoted words)``.
    """
    text = "\n".join(sentences)
    starts, position = [], 0
    for sentence in sentences:
        starts.append(position)
        position += len(sentence) + 1
    document = Document(
        article=Article(
            text=text, id=article_id, title=sentences[0], date=date, source=source, url=url
        ),
        date=date,
    )
    for spec in specs:
        sentence, start = sentences[spec.sentence], starts[spec.sentence]
        src = _mention(text, start, sentence, spec.source)
        tgt = _mention(text, start, sentence, spec.target) if spec.target else None
        verb_start = start + sentence.index(spec.verb)
        root, goldstein, quad = CODES[spec.cameo]
        document.actors += [m for m in (src, tgt) if m is not None]
        document.events.append(
            Event(
                sentence_index=spec.sentence,
                sentence=sentence,
                span=(verb_start, verb_start + len(spec.verb)),
                source=src,
                target=tgt,
                cameo=spec.cameo,
                root=root,
                goldstein=goldstein,
                quad_class=quad,
                plover_type="THREATEN" if root == "13" else ("ASSAULT" if root == "19" else None),
                confidence=0.8,
                rule="hand-made",
                id=f"{article_id}-e{len(document.events)}",
            )
        )
    if quote is not None:
        index, speaker_word, words = quote
        sentence, start = sentences[index], starts[index]
        speaker = _mention(text, start, sentence, speaker_word)
        q_start = start + sentence.index(words)
        document.quotes.append(
            Quote(
                text=words,
                span=(q_start, q_start + len(words)),
                kind="indirect",
                cue="said",
                speaker=speaker,
                sentence_index=index,
                rule="hand-made",
            )
        )
    document.actors.sort(key=lambda m: m.span)
    return document


def make_record(*args: Any, **kwargs: Any) -> dict[str, Any]:
    return make_document(*args, **kwargs).to_dict()


# -- a PostgreSQL server shared by every test of the session -----------------------------------

_SERVER: dict[str, Any] = {}


def postgres_server() -> Any:
    """Start (once per test process) a throwaway PostgreSQL server; skip if none can start.

    With EVENTWIRE_REQUIRE_POSTGRES=1 (CI) a server that cannot start fails the tests instead.
    """
    from eventwire.store.pgtemp import PostgresUnavailable, TempPostgres

    if "error" in _SERVER:
        _skip_or_fail(_SERVER["error"])
    if "server" not in _SERVER:
        server = TempPostgres()
        try:
            server.start()
        except PostgresUnavailable as exc:
            server.stop()
            _SERVER["error"] = str(exc)
            _skip_or_fail(str(exc))
        _SERVER["server"] = server
        atexit.register(server.stop)
    return _SERVER["server"]


def _skip_or_fail(reason: str) -> None:
    message = f"no PostgreSQL server could be started locally: {reason}"
    if os.environ.get("EVENTWIRE_REQUIRE_POSTGRES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def new_location(kind: str, tmp_path: Path) -> str:
    """A fresh, empty database of the given kind: a DuckDB file or a PostgreSQL database."""
    if kind == "duckdb":
        return str(tmp_path / "events.duckdb")
    return postgres_server().create_database(f"t_{uuid.uuid4().hex[:12]}")


BACKENDS = ["duckdb", "postgresql"]
