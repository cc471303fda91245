"""CAMEO code attributes (root, Goldstein score, quad class) and the PLOVER mapping.

Which variant, and why
----------------------
The shared table ``phoenix_pipeline/cameo_goldstein_quadclass.tsv`` offers two Goldstein columns and
two quad-class schemes. eventwire uses:

* Goldstein: ``goldstein_gdelt_lookup`` (GDELT's lookup), falling back to
  ``goldstein_parus_phoenix``
  for the few codes GDELT lacks (0110, 0357, 109, 1213, 1641-1643). The verb dictionary eventwire
  codes with (PETRARCH-2's CAMEO.2.0.txt) uses the CAMEO 1.1b3 numbering, where 163 is "impose
  embargo, boycott or sanctions" and 016 "deny responsibility"; the GDELT values follow that
  numbering (163 = -8.0, 016 = -2.0), while the Parus 0.5B1 scale predates the renumbering of 16x
  (it gives 016 +3.4 and 163 -6.5). GDELT's values are also the ones most users compare against.
* Quad class: ``quadclass_conventional_1to4`` (1 verbal cooperation = roots 01-05, 2 material
  cooperation = 06-08, 3 verbal conflict = 09-13, 4 material conflict = 14-20). It is the split
  GDELT's QuadClass field documents; the Phoenix variant (0-4, with 16 as verbal conflict) is
  specific to one pipeline.

The compiled table is ``eventwire/data/cameo_codes.tsv`` (MIT, see ``eventwire/data/SOURCES.md``);
``python -m eventwire.events.codes`` rebuilds it from the shared source.

PLOVER
------
The CAMEO-to-PLOVER table is CC BY-SA, so no copy lives inside the package. :func:`plover_table`
reads, in order: ``$EVENTWIRE_PLOVER`` (a file), the derived ``data/plover/cameo2plover.tsv`` at the
repository root (outside the package, with its licence note), or the shared source
``anchors/PLOVER/CAMEO2PLOVER-2021.txt``. When none is present, events carry no PLOVER type.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
CAMEO_TABLE = DATA_DIR / "cameo_codes.tsv"
REPO_ROOT = Path(__file__).resolve().parents[2]
PLOVER_DERIVED = REPO_ROOT / "data" / "plover" / "cameo2plover.tsv"


def shared_dir() -> Path:
    """The read-only shared data folder: ``$EVENTWIRE_SHARED`` or ``../shared`` beside the repo."""
    env = os.environ.get("EVENTWIRE_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


@dataclass(frozen=True)
class CameoInfo:
    code: str
    root: str
    goldstein: float | None
    quad_class: int | None


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    table: dict[str, CameoInfo] = {}
    with CAMEO_TABLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        ):
            goldstein = float(row["goldstein"]) if row["goldstein"] else None
            quad = int(row["quad_class"]) if row["quad_class"] else None
            table[row["code"]] = CameoInfo(row["code"], row["root"], goldstein, quad)
    return table


def root_of(code: str) -> str:
    return code[:2] if len(code) >= 2 and code[:2].isdigit() else code


def quad_class_of_root(root: str) -> int | None:
    if not root.isdigit():
        return None
    value = int(root)
    if 1 <= value <= 5:
        return 1
    if 6 <= value <= 8:
        return 2
    if 9 <= value <= 13:
        return 3
    if 14 <= value <= 20:
        return 4
    return None


def cameo_info(code: str) -> CameoInfo:
    """Root, Goldstein and quad class of a code; codes outside CAMEO keep a None score."""
    table = cameo_table()
    if code in table:
        return table[code]
    root = root_of(code)
    # a code such as "080!" or "1952" that CAMEO lacks: the nearest known parent gives the score
    for cut in range(len(code) - 1, 1, -1):
        parent = code[:cut]
        if parent in table and parent.isdigit():
            info = table[parent]
            return CameoInfo(code, info.root, info.goldstein, info.quad_class)
    return CameoInfo(code, root, None, quad_class_of_root(root))


# -- PLOVER ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PloverInfo:
    type: str | None
    mode: str | None
    context: str | None


def _plover_candidates() -> list[Path]:
    paths = []
    env = os.environ.get("EVENTWIRE_PLOVER")
    if env:
        paths.append(Path(env))
    paths.append(PLOVER_DERIVED)
    paths.append(shared_dir() / "anchors" / "PLOVER" / "CAMEO2PLOVER-2021.txt")
    return paths


def parse_cameo2plover(text: str) -> dict[str, PloverInfo]:
    """Parse the ``CODE: TYPE, MODE, CONTEXT # comment`` lines of CAMEO2PLOVER."""
    table: dict[str, PloverInfo] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.match(r"^(\d{2,4})\s*:\s*(.*)$", line)
        if not match:
            continue
        fields = [f.strip() or None for f in match.group(2).split(",")]
        fields += [None] * (3 - len(fields))
        table.setdefault(match.group(1), PloverInfo(fields[0], fields[1], fields[2]))
    return table


def _read_plover_tsv(path: Path) -> dict[str, PloverInfo]:
    table: dict[str, PloverInfo] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        ):
            table[row["cameo"]] = PloverInfo(
                row["type"] or None, row["mode"] or None, row["context"] or None
            )
    return table


@lru_cache(maxsize=1)
def plover_table() -> dict[str, PloverInfo]:
    """The CAMEO -> PLOVER table, or an empty one when no copy is present (see module doc)."""
    for path in _plover_candidates():
        if path.is_file():
            if path.suffix == ".tsv":
                return _read_plover_tsv(path)
            return parse_cameo2plover(path.read_text(encoding="utf-8"))
    return {}


def plover_for(code: str) -> PloverInfo | None:
    """PLOVER type and mode of a CAMEO code: the code itself, else its nearest listed parent.

    The 2021 table lists no CAMEO 01 (statements: PLOVER has no such type) and no 02 (appeals).
    PLOVER's REQUEST covers appeals as well as demands, so eventwire gives a 02 code the type
    REQUEST (its own rule, not a row of the table) when a table is loaded at all.
    """
    table = plover_table()
    for cut in range(len(code), 1, -1):
        info = table.get(code[:cut])
        if info is not None and info.type:
            return info
    if table and code[:2] == "02":
        return APPEAL
    return None


APPEAL = PloverInfo("REQUEST", None, None)


# -- building the compiled table ------------------------------------------------------------------


def build_cameo_table(source: Path, destination: Path = CAMEO_TABLE) -> int:
    """Compile ``cameo_goldstein_quadclass.tsv`` into eventwire's table; returns the row count."""
    rows = []
    with source.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            goldstein = row["goldstein_gdelt_lookup"] or row["goldstein_parus_phoenix"]
            rows.append(
                (row["cameo_code"], row["root_code"], goldstein, row["quadclass_conventional_1to4"])
            )
    with destination.open("w", encoding="utf-8") as out:
        out.write(
            "# CAMEO code, root, Goldstein score, quad class. Derived from phoenix_pipeline\n"
            "# cameo_goldstein_quadclass.tsv (MIT); see eventwire/data/SOURCES.md.\n"
        )
        out.write("code\troot\tgoldstein\tquad_class\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    return len(rows)


def build_plover_table(source: Path, destination: Path = PLOVER_DERIVED) -> int:
    """Write the derived CAMEO -> PLOVER table (CC BY-SA) outside the package."""
    table = parse_cameo2plover(source.read_text(encoding="utf-8"))
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("w", encoding="utf-8") as out:
        out.write(
            "# Derived from openeventdata/PLOVER CAMEO2PLOVER-2021.txt (commit 5e0c24f),\n"
            "# licensed CC BY-SA 4.0 (Open Event Data Alliance); this file is under the same\n"
            "# licence. See data/plover/README.md.\n"
        )
        out.write("cameo\ttype\tmode\tcontext\n")
        for code, info in table.items():
            out.write(f"{code}\t{info.type or ''}\t{info.mode or ''}\t{info.context or ''}\n")
    return len(table)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    anchors = shared_dir() / "anchors"
    n = build_cameo_table(anchors / "phoenix_pipeline" / "cameo_goldstein_quadclass.tsv")
    m = build_plover_table(anchors / "PLOVER" / "CAMEO2PLOVER-2021.txt")
    print(f"wrote {n} CAMEO codes to {CAMEO_TABLE} and {m} PLOVER rows to {PLOVER_DERIVED}")
