"""The offline gazetteer: compiled GeoNames places, looked up by name in one dict access.

``eventwire/data/places.tsv`` (built by :mod:`eventwire.places.compile`) holds every country,
US state, city over 15,000 people and a hand-written set of regions and seas, each with its
English names. :func:`load_gazetteer` reads it once per process into a ``name key -> entries``
dict; nothing is fetched from the network, ever.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parents[1] / "data"
_FIRST_WORD = re.compile(r"[ \-]")

# How much a kind of place is expected, before the article says anything (added to the
# population prior). Countries and capitals are what political news names most.
FEATURE_PRIOR = {
    "country": 2.5,
    "capital": 2.5,
    "admin1": 1.5,
    "region": 4.5,
    "water": 4.5,
    "continent": 4.0,
    "city": 0.0,
}


class Entry(NamedTuple):
    """One gazetteer place. ``cc`` is ISO-2; ``geonameid`` is None for hand-written regions.

    A named tuple, not a dataclass: 34,000 of them are built at load time, and tuples build fast.
    """

    index: int
    geonameid: int | None
    name: str
    feature: str
    cc: str
    admin1: str
    lat: float | None
    lon: float | None
    population: int

    @property
    def prior(self) -> float:
        """Log-population plus the kind's bonus: big, known places win when nothing else says."""
        return FEATURE_PRIOR.get(self.feature, 0.0) + 0.75 * math.log10(max(self.population, 1000))

    @property
    def key(self) -> str:
        """A stable id: the GeoNames id, else ``CC:Name`` for a hand-written region."""
        return str(self.geonameid) if self.geonameid is not None else f"{self.cc}:{self.name}"


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    fips: str
    name: str
    neighbours: frozenset[str]
    demonyms: tuple[str, ...]
    continent: str


def name_key(text: str) -> str:
    """The lookup form of a name: case-folded, curly apostrophes straightened, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").strip()
    return " ".join(text.split()).casefold()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Gazetteer:
    """Name lookups over the compiled places, plus the country table (ISO-2/ISO-3/FIPS)."""

    def __init__(self, places_file: Path, countries_file: Path) -> None:
        self.entries: list[Entry] = []
        self._index: dict[str, list[int]] = {}
        self._primary: set[tuple[str, int]] = set()  # (key, entry) pairs that are main names
        self.countries: dict[str, Country] = {}
        self.by_iso3: dict[str, Country] = {}
        self.country_entry: dict[str, Entry] = {}
        self.state_names: dict[str, str] = {}
        self._load_countries(countries_file)
        self._load_places(places_file)

    def _load_countries(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            iso2, iso3, fips, name, neighbours, demonyms, continent = line.split("\t")
            country = Country(
                iso2=iso2,
                iso3=iso3,
                fips=fips,
                name=name,
                neighbours=frozenset(filter(None, neighbours.split(","))),
                demonyms=tuple(
                    d.strip() for d in demonyms.replace(",", "|").split("|") if d.strip()
                ),
                continent=continent,
            )
            self.countries[iso2] = country
            self.by_iso3[iso3] = country

    def _load_places(self, path: Path) -> None:
        index = self._index
        entries = self.entries
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                gid, name, main, feature, cc, admin1, lat, lon, pop, aliases = line.rstrip(
                    "\n"
                ).split("\t")
                entry = Entry(
                    len(entries),
                    int(gid) if gid else None,
                    name,
                    feature,
                    cc,
                    admin1,
                    float(lat) if lat else None,
                    float(lon) if lon else None,
                    int(pop),
                )
                entries.append(entry)
                self._primary.add((main, entry.index))
                index.setdefault(main, []).append(entry.index)
                if main.startswith("the "):  # "The Netherlands" is also "Netherlands"
                    self._primary.add((main[4:], entry.index))
                    index.setdefault(main[4:], []).append(entry.index)
                keys = aliases.split("|") if aliases else ()  # already in name_key form
                for key in keys:
                    if key[0] == "=":  # a curated English name: as good as the main name
                        key = key[1:]
                        self._primary.add((key, entry.index))
                    bucket = index.get(key)
                    if bucket is None:
                        index[key] = [entry.index]
                    elif bucket[-1] != entry.index:
                        bucket.append(entry.index)
                if feature == "country":
                    self.country_entry[cc] = entry
                elif feature == "admin1" and cc == "US":
                    self.state_names[admin1] = name

    def lookup(self, text: str) -> list[Entry]:
        """Every place called ``text`` (any listed English name or spelling)."""
        key = name_key(text)
        found = self._index.get(key)
        if found is None and key.startswith("the "):
            found = self._index.get(key[4:])
        return [self.entries[i] for i in found] if found else []

    def is_main_name(self, text: str, entry: Entry) -> bool:
        """True when ``text`` is the entry's own name (not one of its many alternate spellings)."""
        key = name_key(text)
        if key.startswith("the "):
            key = key[4:]
        return (key, entry.index) in self._primary or key == name_key(_fold(entry.name))

    def has_key(self, key: str) -> bool:
        return key in self._index

    def country_of(self, entry: Entry) -> Country | None:
        return self.countries.get(entry.cc)

    def entry_by_id(self, geonameid: int) -> Entry | None:
        for entry in self.entries:
            if entry.geonameid == geonameid:
                return entry
        return None

    @cached_property
    def demonyms(self) -> frozenset[str]:
        return frozenset(
            name_key(d) for country in self.countries.values() for d in country.demonyms
        )

    @cached_property
    def first_words(self) -> frozenset[str]:
        """First words of the names of several words ("port" of "port-au-prince"): a token that
        is not one cannot start such a name, which saves trying every n-gram."""
        return frozenset(
            _FIRST_WORD.split(key, maxsplit=1)[0] for key in self._index if " " in key or "-" in key
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer(DATA / "places.tsv", DATA / "places_countries.tsv")
