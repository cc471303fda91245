"""GDELT 2.0 geography columns from a resolved place (for the exports).

``geo_columns(place, "Action")`` returns ``ActionGeo_Type``, ``ActionGeo_FullName``,
``ActionGeo_CountryCode`` (FIPS 10-4), ``ActionGeo_ADM1Code`` (FIPS country + admin1 code, as GDELT
writes it: ``USTX``, ``UP12``), ``ActionGeo_ADM2Code`` (empty: the gazetteer has no second level),
``ActionGeo_Lat``, ``ActionGeo_Long`` and ``ActionGeo_FeatureID`` (the GeoNames id, where GDELT
uses GNS/GNIS ids; the name or region key when there is none). Use the prefixes ``Actor1``,
``Actor2`` and ``Action`` with an event's ``source_location``, ``target_location`` and
``location``. A missing place gives the columns with empty values.
"""

from __future__ import annotations

from typing import Any

from eventwire.doc import Place

# GDELT's geographic resolution codes.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5

COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def geo_type(place: Place) -> int:
    us = place.country == "USA"
    if place.feature == "country":
        return COUNTRY
    if place.feature == "admin1":
        return US_STATE if us else WORLD_STATE
    if place.feature in ("city", "capital"):
        return US_CITY if us else WORLD_CITY
    return WORLD_STATE if place.country else COUNTRY  # regions, seas, continents


def full_name(place: Place) -> str:
    """``Paris, Texas, United States``; ``Kyiv, Ukraine``; ``Ukraine``."""
    from eventwire.places.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    country = gazetteer.by_iso3.get(place.country or "")
    parts = [place.name]
    if place.country == "USA" and place.admin1 and place.feature in ("city", "capital"):
        state = gazetteer.state_names.get(place.admin1)
        if state:
            parts.append(state)
    if country is not None and place.feature != "country":
        parts.append(country.name)
    return ", ".join(parts)


def geo_columns(place: Place | None, prefix: str) -> dict[str, Any]:
    """The eight ``{prefix}Geo_*`` columns for ``place`` (or empty ones for None)."""
    if place is None:
        return {f"{prefix}Geo_{name}": None for name in COLUMNS}
    adm1 = ""
    if place.fips and place.admin1 and place.feature not in ("country",):
        adm1 = f"{place.fips}{place.admin1}"
    elif place.fips:
        adm1 = place.fips
    return {
        f"{prefix}Geo_Type": geo_type(place),
        f"{prefix}Geo_FullName": full_name(place),
        f"{prefix}Geo_CountryCode": place.fips,
        f"{prefix}Geo_ADM1Code": adm1,
        f"{prefix}Geo_ADM2Code": "",
        f"{prefix}Geo_Lat": place.lat,
        f"{prefix}Geo_Long": place.lon,
        f"{prefix}Geo_FeatureID": str(place.geonameid) if place.geonameid else place.name,
    }
