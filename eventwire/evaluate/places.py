"""Scoring place resolution and event locations against the gold set in ``eval/places/``.

``eval/places/*.jsonl`` hold news-style sentences, one JSON object a line (``gold.jsonl``, the
set the rules were developed on; ``heldout.jsonl``, written after the rules were frozen and scored
as it came)::

    {"id": "p041", "text": "...",
     "mentions": [{"text": "Jordan", "start": 37, "end": 43, "place": 248816, "role": "place"},
                  {"text": "Jordan Peterson", "start": 0, "end": 15, "place": null, "role": null}],
     "events":   [{"trigger": "protests", "start": 28, "end": 36, "location": 248816}]}

``place`` is a GeoNames id (or ``CC:Name`` for a region the gazetteer adds by hand), or null for a
name that is not a place (a person, a demonym, a team). ``role`` is ``place`` or ``actor`` (a
capital or country standing for its government). Every place-like name of a sentence is listed,
so any other predicted place counts against precision.

Reported:

* ``resolution``: predicted ``(sentence, span, place)`` against the gold places, whatever their
  role: a wrong id is a false positive and a false negative; a person or demonym read as a place
  is a false positive.
* ``place_role``: predicted place-of-action mentions (role ``place``) against gold ones; an actor
  ("Moscow said") predicted as a place costs precision.
* ``event_location``: for each gold event trigger, the location the places stage gives an event
  with that trigger. A wrong place is a false positive and a false negative; a location where the
  gold has none is a false positive. Event triggers come from the gold, so this measures the
  places stage alone, not the event coder.

Actors (for the article context and metonym marks) come from the actor stage when it loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eventwire.doc import Article, Document, Event, Place
from eventwire.evaluate import PRF, Report, match_multisets

GOLD_DIR = Path(__file__).resolve().parents[2] / "eval" / "places"


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The gold items of ``path``: one JSONL file, or every ``*.jsonl`` file of a folder (each
    item remembers its file's stem as ``set``)."""
    from eventwire.errors import EventwireError

    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise EventwireError(f"places gold set not found: {path}", code="E101")
    items = []
    for file in files:
        items.extend(_read_file(file))
    return items


def _read_file(file: Path) -> list[dict[str, Any]]:
    from eventwire.errors import EventwireError

    items = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        item["set"] = file.stem
        for mention in item["mentions"]:
            if item["text"][mention["start"] : mention["end"]] != mention["text"]:
                raise EventwireError(f"{file}:{number}: span of {mention['text']!r}", code="E101")
        items.append(item)
    return items


def _key(value: Any) -> str | None:
    return None if value is None else str(value)


def _actor_coder(nlp):
    try:
        from eventwire.actors import ActorCoder

        return ActorCoder(nlp)
    except Exception:  # the actor stage is optional here: places work without it
        return None


def evaluate_places(path: Path | str | None = None) -> Report:
    """Precision and recall of place resolution, place-of-action roles and event locations."""
    items = read_gold(Path(path) if path else GOLD_DIR)
    metrics, rows, actors_used = _score(items)
    sets = sorted({item["set"] for item in items})
    if len(sets) > 1:
        for name in sets:
            sub_metrics, _, _ = _score([item for item in items if item["set"] == name])
            for key in ("resolution", "place_role", "event_location"):
                metrics[f"{name}.{key}"] = sub_metrics[key]
    notes = [
        f"gold: {metrics['mentions']} name mentions ({metrics['gold_places']} places) and "
        f"{metrics['events']} events in {metrics['sentences']} sentences ({', '.join(sets)})",
        "actors from the actor stage" if actors_used else "actor stage unavailable",
        "event triggers come from the gold set: event_location scores the places stage alone",
        "SET.metric: the same scores on one gold file; rows: every disagreement with the gold",
    ]
    return Report(name="places", metrics=metrics, rows=rows, notes=notes)


def _score(items: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]], bool]:
    """Metrics and disagreement rows for ``items``, and whether the actor stage ran."""
    from eventwire.nlp import load_nlp
    from eventwire.places import PlaceResolver, load_gazetteer

    nlp = load_nlp()
    actors = _actor_coder(nlp)
    resolver = PlaceResolver(nlp)
    gazetteer = load_gazetteer()

    def key_of(place: Place) -> str:
        if place.geonameid is not None:
            return str(place.geonameid)
        country = gazetteer.by_iso3.get(place.country or "")
        return f"{country.iso2 if country else ''}:{place.name}"

    predicted_places: list[tuple] = []
    gold_places: list[tuple] = []
    predicted_roles: list[tuple] = []
    gold_roles: list[tuple] = []
    location = PRF()
    rows: list[dict[str, Any]] = []
    actor_leaks = person_hits = 0
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        document = Document(article=Article(text=item["text"], id=item["id"]), doc=doc)
        if actors is not None:
            try:
                actors(document)
            except Exception as exc:
                document.actors = []
                document.add_error("E401", f"actors: {exc}")
        for gold_event in item["events"]:
            document.events.append(
                Event(
                    sentence_index=0,
                    sentence="",
                    span=(gold_event["start"], gold_event["end"]),
                    source=None,
                    target=None,
                    cameo="",
                    root="",
                    goldstein=None,
                    quad_class=None,
                )
            )
        resolver(document)

        predicted = {place.span: place for place in document.places}
        for place in document.places:
            predicted_places.append((item["id"], place.span, key_of(place)))
            if place.role == "place":
                predicted_roles.append((item["id"], place.span))
        for mention in item["mentions"]:
            span = (mention["start"], mention["end"])
            got = predicted.get(span)
            want = _key(mention["place"])
            if want is not None:
                gold_places.append((item["id"], span, want))
                if mention["role"] == "place":
                    gold_roles.append((item["id"], span))
                elif got is not None and got.role == "place":
                    actor_leaks += 1
            elif any(p.span[0] < span[1] and span[0] < p.span[1] for p in document.places):
                person_hits += 1
            got_key = key_of(got) if got is not None else None
            got_role = got.role if got is not None else None
            if got_key != want or (want is not None and got_role != mention["role"]):
                rows.append(
                    {
                        "id": item["id"],
                        "kind": "mention",
                        "text": mention["text"],
                        "gold": want,
                        "gold_role": mention["role"],
                        "predicted": got_key,
                        "predicted_role": got_role,
                        "rule": got.rule if got is not None else None,
                    }
                )
        for gold_event, event in zip(item["events"], document.events, strict=True):
            want = _key(gold_event["location"])
            got = key_of(event.location) if event.location is not None else None
            if got is not None and got == want:
                location.tp += 1
            else:
                if got is not None:
                    location.fp += 1
                if want is not None:
                    location.fn += 1
            if got != want:
                rows.append(
                    {
                        "id": item["id"],
                        "kind": "event",
                        "text": gold_event["trigger"],
                        "gold": want,
                        "gold_role": None,
                        "predicted": got,
                        "predicted_role": None,
                        "rule": event.location.rule if event.location is not None else None,
                    }
                )

    resolution = match_multisets(predicted_places, gold_places)
    roles = match_multisets(predicted_roles, gold_roles)
    n_mentions = sum(len(item["mentions"]) for item in items)
    n_events = sum(len(item["events"]) for item in items)
    metrics = {
        "resolution": resolution.to_dict(),
        "place_role": roles.to_dict(),
        "event_location": location.to_dict(),
        "actor_as_place": actor_leaks,
        "not_a_place_read_as_place": person_hits,
        "sentences": len(items),
        "mentions": n_mentions,
        "gold_places": len(gold_places),
        "events": n_events,
    }
    return metrics, rows, actors is not None
