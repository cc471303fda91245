"""Which place names are towns and cities, and in which country, from the packaged gazetteer.

The actor dictionaries list many cities as synonyms of their country (TEL_AVIV under Israel), so a
matched phrase alone does not say whether the text names a country or a city in it. The places
gazetteer (``eventwire/data/places.tsv``, read only here) does: rows with feature ``city`` or
``capital``. The table is read once per process (about 34,000 rows, a few tens of milliseconds).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
PLACES = DATA / "places.tsv"
COUNTRIES = DATA / "places_countries.tsv"
CITY_FEATURES = ("city", "capital")


@lru_cache(maxsize=1)
def city_countries() -> dict[str, str | None]:
    """Lower-case city name -> its ISO-3 country, or None when cities of that name lie in
    several countries (Tripoli). Empty when the gazetteer files are missing."""
    if not PLACES.is_file() or not COUNTRIES.is_file():
        return {}
    iso3: dict[str, str] = {}
    country_names: set[str] = set()
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > 3:
            iso3[cells[0]] = cells[1]
            country_names.add(cells[3].lower())
    out: dict[str, str | None] = {}
    for line in PLACES.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t", 5)
        if len(cells) < 6 or cells[3] not in CITY_FEATURES:
            continue
        key, country = cells[2], iso3.get(cells[4])
        if key in country_names:
            continue  # Singapore, Kuwait, Panama: the country's name first
        if key in out and out[key] != country:
            out[key] = None
        else:
            out[key] = country
    return out


def is_city(name: str) -> bool:
    return name.lower() in city_countries()


def city_country(name: str) -> str | None:
    """The ISO-3 country of an unambiguous city name, else None."""
    return city_countries().get(name.lower())
