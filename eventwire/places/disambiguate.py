"""Choosing which "Paris" a mention means, from the article around it.

Each candidate scores its prior (kind of place plus log-population: Paris, France before Paris,
Texas when nothing else speaks) plus what the article says:

* ``qualified``: "Paris, Texas" / "Tbilisi, Georgia": a name followed by ", <state or country>"
  picks the pair that fits together, and settles both.
* ``context``: the countries of the article's actors and of its unambiguous places (+1.5, a bit
  more when named often), their neighbours (+0.5), and the US states its unambiguous places lie in
  (+4.0): "Georgia" next to "Atlanta" is the state, next to "Tbilisi" the country. A city gets
  only +0.5 for its country, so one mention of "US" does not turn Geneva into Geneva, Illinois.

Confidence grows with the margin between the best and the second-best candidate.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from eventwire.places.gazetteer import Entry, Gazetteer
from eventwire.places.mentions import Mention

SOURCE_CONFIDENCE = {"ner": 0.95, "ner-org": 0.8, "ner-person": 0.75, "gazetteer": 0.8}
COUNTRY_BONUS = 1.5  # a country or state in a country the article is about
CITY_COUNTRY_BONUS = 0.5  # a city there: small towns must not beat Geneva on one "US" alone
NEIGHBOUR_BONUS = 0.5
ADMIN1_BONUS = 4.0
DOMINANT_MARGIN = 2.0


@dataclass
class Choice:
    entry: Entry
    confidence: float
    how: str  # unique, qualified, context, prior


@dataclass
class Context:
    countries: Counter[str]  # ISO-2 -> mentions
    neighbours: set[str]
    admin1: Counter[tuple[str, str]]  # (ISO-2, admin1 code) -> mentions


def build_context(
    mentions: list[Mention], actor_countries: list[str], gazetteer: Gazetteer
) -> Context:
    """Countries and states the article is about, from its actors and its unambiguous places."""
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    for iso3 in actor_countries:
        country = gazetteer.by_iso3.get(iso3)
        if country is not None:
            countries[country.iso2] += 1
    for mention in mentions:
        entry = _dominant(mention.entries)
        if entry is None:
            continue
        if entry.cc:
            countries[entry.cc] += 1
        if entry.admin1 and entry.feature != "country":
            admin1[(entry.cc, entry.admin1)] += 1
    neighbours: set[str] = set()
    for iso2 in countries:
        country = gazetteer.countries.get(iso2)
        if country is not None:
            neighbours.update(country.neighbours)
    return Context(countries=countries, neighbours=neighbours, admin1=admin1)


def _dominant(entries: list[Entry]) -> Entry | None:
    """The entry a mention means whatever the article says: the only one, or one whose prior
    beats every other by far (Florida the state, not Florida in Cuba)."""
    if len(entries) == 1:
        return entries[0]
    ranked = sorted(entries, key=lambda e: -e.prior)
    return ranked[0] if ranked[0].prior - ranked[1].prior >= DOMINANT_MARGIN else None


def _context_score(entry: Entry, context: Context, own: Entry | None = None) -> float:
    """What the rest of the article says for ``entry`` (``own``: the mention's own vote, left
    out so a name never confirms itself)."""
    score = 0.0
    seen = context.countries.get(entry.cc, 0) - (1 if own is not None and own.cc == entry.cc else 0)
    own_state = own is not None and (own.cc, own.admin1) == (entry.cc, entry.admin1)
    states = context.admin1.get((entry.cc, entry.admin1), 0) - (1 if own_state else 0)
    if seen:
        bonus = CITY_COUNTRY_BONUS if entry.feature == "city" else COUNTRY_BONUS
        score += bonus + 0.25 * min(seen - 1, 4)
    elif entry.cc in context.neighbours:
        score += NEIGHBOUR_BONUS
    if entry.admin1 and states > 0 and entry.feature != "country":
        score += ADMIN1_BONUS
    return score


def _fits_inside(inner: Entry, outer: Entry) -> bool:
    """``inner`` lies in ``outer`` (a state or a country): the "Paris, Texas" pattern."""
    if inner.cc != outer.cc or inner.index == outer.index:
        return False
    if outer.feature == "country":
        return inner.feature != "country"
    if outer.feature == "admin1":
        return inner.feature in ("city", "capital") and inner.admin1 == outer.admin1
    return False


def qualified_pairs(doc, mentions: list[Mention]) -> dict[int, Entry | None]:
    """Mentions settled by a "<place>, <state or country>" pattern: mention index -> entry.

    None marks a name qualified by a state or country none of its entries lies in ("Palm Beach,
    Florida" when only an Australian Palm Beach is known): a place the gazetteer lacks, which is
    left unresolved rather than put on the wrong continent."""
    settled: dict[int, Entry | None] = {}
    for k in range(len(mentions) - 1):
        first, second = mentions[k], mentions[k + 1]
        if second.start != first.end + 1 or doc[first.end].text != ",":
            continue
        best: tuple[float, Entry, Entry] | None = None
        for inner in first.entries:
            for outer in second.entries:
                if _fits_inside(inner, outer):
                    score = inner.prior + outer.prior
                    if best is None or score > best[0]:
                        best = (score, inner, outer)
        if best is not None:
            settled[k], settled[k + 1] = best[1], best[2]
        else:
            outer = _dominant(second.entries)
            if (
                outer is not None
                and outer.feature in ("admin1", "country")
                and not any(e.feature in ("admin1", "country") for e in first.entries)
            ):
                settled[k] = None
    return settled


def choose(mention: Mention, context: Context, settled: Entry | None = None) -> Choice:
    """The most likely entry for ``mention``, how it was chosen, and how sure that is."""
    base = SOURCE_CONFIDENCE.get(mention.source, 0.7)
    if settled is not None:
        return Choice(settled, min(0.99, base + 0.03), "qualified")
    if len(mention.entries) == 1:
        return Choice(mention.entries[0], base, "unique")
    own_vote = _dominant(mention.entries)  # what this mention added to the context
    scored = sorted(
        (
            (entry.prior + _context_score(entry, context, own_vote), entry)
            for entry in mention.entries
        ),
        key=lambda pair: -pair[0],
    )
    (best_score, best), (second_score, second) = scored[0], scored[1]
    margin = best_score - second_score
    by_prior = max(mention.entries, key=lambda e: e.prior)
    how = (
        "prior"
        if best.index == by_prior.index
        and _context_score(best, context, own_vote) <= _context_score(second, context, own_vote)
        else "context"
    )
    confidence = base * (0.55 + 0.45 * (1.0 - math.exp(-margin)))
    return Choice(best, confidence, how)
