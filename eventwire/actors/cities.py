"""Which place names are towns and cities, and in which country, from the packaged gazetteer.

The actor dictionaries list many cities as synonyms of their country (TEL_AVIV under Israel), so a
matched phrase alone does not say whether the text names a country or a city in it. The places
gazetteer (``eventwire/data/places.tsv``, read only here) does: rows with feature ``city`` or
``capital``. Used by the compiler (:func:`eventwire.actors.compile.town_keys`), which stores the
result in the compiled lexicon, so the coder never reads the gazetteer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
PLACES = DATA / "places.tsv"
COUNTRIES = DATA / "places_countries.tsv"
CITY_FEATURES = ("city", "capital")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(main name -> ISO-3 countries, main name or alias -> ISO-3 countries) of the towns and
    cities of the gazetteer, keys lower case. Empty when the gazetteer files are missing."""
    if not PLACES.is_file() or not COUNTRIES.is_file():
        return {}, {}
    iso3: dict[str, str] = {}
    country_names: set[str] = set()
    for line in COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > 3:
            iso3[cells[0]] = cells[1]
            country_names.add(cells[3].lower())
    main: dict[str, set[str]] = {}
    every: dict[str, set[str]] = {}
    capitals: set[str] = set()
    larger: set[str] = set(country_names)  # names of states, regions, seas: not towns
    rows = [line.split("\t") for line in PLACES.read_text(encoding="utf-8").splitlines()]
    for cells in rows:
        if len(cells) >= 10 and cells[3] not in CITY_FEATURES:
            larger.update(key.lstrip("=") for key in [cells[2], *cells[9].split("|")])
    for cells in rows:
        if len(cells) < 10 or cells[3] not in CITY_FEATURES or cells[4] not in iso3:
            continue
        country = iso3[cells[4]]
        if cells[3] == "capital":
            capitals.add(cells[2])
        if cells[2] not in larger:  # Singapore, New York, Panama: the country or state first
            main.setdefault(cells[2], set()).add(country)
        for key in [cells[2], *cells[9].split("|")]:
            key = key.lstrip("=")
            if key and key not in larger:
                every.setdefault(key, set()).add(country)
    return (
        {key: frozenset(value) for key, value in main.items() if key not in capitals},
        {key: frozenset(value) for key, value in every.items()},
    )


def is_city_of(name: str, country: str | None) -> bool:
    """Whether ``country`` has a town or city called ``name`` (main name or alias: "Basra")."""
    return country is not None and country in _tables()[1].get(name.lower(), ())


def city_countries() -> dict[str, str]:
    """Main name -> ISO-3 for the town and city names found in one country only (not Tripoli),
    capitals left out."""
    return {key: next(iter(value)) for key, value in _tables()[0].items() if len(value) == 1}
