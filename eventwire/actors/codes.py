"""CAMEO actor codes: split a code into country and sector; choose the code valid on a date.

A CAMEO actor code is a run of three-letter parts: ``RUSGOV`` is country RUS + sector GOV,
``PSEREBHMS`` is PSE + REB (+ the group HMS), ``IGOWSTNAT`` is an intergovernmental organisation
(NATO). For IGO codes the ``country`` field holds a short organisation name (NATO, EU, UN, G7...)
or ``IGO`` when the organisation has no short name here; non-state prefixes (NGO, IMG, MNC...)
are their own ``country``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

# Sector (agent) codes of CAMEO and PLOVER. Only used to find the sector part of IGO/NGO codes;
# for national codes the part after the country is the sector whatever it is.
# CAMEO sector (agent) codes. A code part outside this set is not a sector: PSEGZA is Gaza (a
# place), MORORC an orc band of the test world; they have a country but no sector.
SECTORS = frozenset(
    {
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "LEG",
        "ELI",
        "MED",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "HLH",
        "HRI",
        "LAB",
        "REF",
        "REL",
        "AGR",
        "ENV",
        "UAF",
        "INS",
        "SEP",
        "MOD",
        "RAD",
        "NGO",
        "MNC",
        "IGO",
        "IMG",
        "DEV",
        "AMN",
        "IRC",
        "JRN",
        "SOC",
        "MOP",
        "PPL",
        "SET",
    }
)
# Former unions whose codes carry the member state second (SCGSRB: Serbia in Serbia and
# Montenegro; USRUKR: Ukraine in the USSR): the member is the country.
UNIONS = frozenset({"SCG", "YUG", "SUN", "USR", "CSK"})
# CAMEO country codes that differ from ISO 3166-1 alpha-3; ``country`` is always ISO-3.
# ANG: the Phoenix MilNonState file codes UNITA ``ANGREB`` where every other Angola entry is AGO.
CAMEO_TO_ISO = {
    "TMP": "TLS",
    "ROM": "ROU",
    "ZAR": "COD",
    "SCG": "SCG",
    "YUG": "YUG",
    "ANG": "AGO",
}
# Branches of government a code may name after GOV (Phoenix: US Congress USAGOVLEG).
BRANCHES = frozenset({"LEG", "JUD"})
NON_STATE = frozenset({"NGO", "NGM", "IMG", "MNC", "INT", "IGO", "UIS"})

# IGO code prefixes with the short name written in ``country`` (longest prefix wins).
IGO_NAMES: dict[str, str] = {
    "IGOWSTNAT": "NATO",
    "IGOEUREEC": "EU",
    "IGOEUR": "EU",
    "IGOGOS": "G7",
    "IGOGOE": "G8",
    "IGOBUSGOE": "G8",
    "IGOBUSGOT": "G20",
    "IGOUNODEVWBK": "WORLD BANK",
    "IGOUNODEVIMF": "IMF",
    "IGOUNO": "UN",
    "IGOOPC": "OPEC",
    "IGOBUSOPC": "OPEC",
    "IGOAFRAFU": "AU",
    "IGOMEAARL": "ARAB LEAGUE",
    "IGOEUROSC": "OSCE",
    "IGOASNASE": "ASEAN",
}


def parts(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def is_null_code(code: str | None) -> bool:
    """``---``, ``+++``, ``###``: the dictionary knows the phrase but gives it no actor code."""
    return code is None or not any(char.isalpha() for char in code)


@lru_cache(maxsize=8192)
def country_of(code: str | None) -> str | None:
    """The country (ISO-3, or an IGO's short name, or a region code) of a CAMEO code. Memoised:
    a pure function of the code, asked for every mention."""
    if is_null_code(code):
        return None
    assert code is not None
    upper = code.upper()
    if upper.startswith("IGO"):
        for prefix in sorted(IGO_NAMES, key=len, reverse=True):
            if upper.startswith(prefix):
                return IGO_NAMES[prefix]
        return "IGO"
    chunks = parts(upper)
    if chunks[0] in SECTORS and chunks[0] not in NON_STATE:
        return None  # a sector without a country ("MED" for a news outlet)
    if chunks[0] in UNIONS and len(chunks) > 1 and chunks[1] not in SECTORS:
        return CAMEO_TO_ISO.get(chunks[1], chunks[1])
    return CAMEO_TO_ISO.get(chunks[0], chunks[0])


@lru_cache(maxsize=8192)
def sector_of(code: str | None) -> str | None:
    """The sector (GOV, MIL, REB, ...) of a CAMEO code, or None. Memoised like
    :func:`country_of`."""
    if is_null_code(code):
        return None
    assert code is not None
    chunks = parts(code.upper())
    if chunks[0] in SECTORS and chunks[0] not in NON_STATE:
        return chunks[0]
    if len(chunks) < 2:
        return None
    if chunks[0] in NON_STATE:
        for chunk in chunks[1:]:
            if chunk in SECTORS and chunk not in NON_STATE:
                return chunk
        # an international militarized group (al-Qaeda, MILF) is an armed non-state group:
        # PLOVER's REB
        return "REB" if chunks[0] == "IMG" else None
    rest = chunks[2:] if chunks[0] in UNIONS and chunks[1] not in SECTORS else chunks[1:]
    if len(rest) > 1 and rest[0] == "GOV" and rest[1] in BRANCHES:
        return rest[1]  # USAGOVLEG: the government's legislature is the legislature
    return rest[0] if rest and rest[0] in SECTORS else None


def is_country_code(code: str | None) -> bool:
    """A bare country or region code (RUS, GBR, EUR, WST): it can take an agent (RUS + MIL)."""
    return code is not None and len(code) == 3 and code.isalpha() and code.upper() not in NON_STATE


def is_igo_code(code: str | None) -> bool:
    return code is not None and code.upper().startswith("IGO")


def to_date(value: str | date | None) -> date | None:
    """An ISO date (``2021-12-13``, or a longer timestamp) to a date; None when absent or bad."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def choose_code(codes: list[tuple[str, int | None, int | None]], day: date | None) -> str | None:
    """The code valid on ``day`` from ``(code, start ordinal, end ordinal)`` blocks.

    With a date: the first dated block that contains it, else the first undated block, else
    None. Without a date: the latest dated block (open-ended ``>D`` blocks count as latest, the
    latest start among them), so office-holders get their most recent office; an entry with only
    undated blocks gets its first one.
    """
    undated = [code for code, start, end in codes if start is None and end is None]
    dated = [
        (code, start, end) for code, start, end in codes if start is not None or end is not None
    ]
    if day is not None:
        ordinal = day.toordinal()
        for code, start, end in dated:
            if (start is None or start <= ordinal) and (end is None or ordinal <= end):
                return code
        return undated[0] if undated else None
    open_ended = [(start or 0, code) for code, start, end in dated if end is None]
    if open_ended:
        return max(open_ended)[1]
    if dated:
        return max(dated, key=lambda block: block[2] or 0)[0]
    return undated[0] if undated else None
