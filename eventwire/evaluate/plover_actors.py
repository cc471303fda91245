"""Actor coding against the PLOVER gold standard records: country and sector of source and target.

The gold file (``anchors/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt``, CC BY-SA 4.0) is read
here at evaluation time only; nothing from it is stored in eventwire. Each of its 322 English
records is one sentence with gold ``source`` and ``target`` lists of ``{actorText, code, sector}``.

For every gold actor: find ``actorText`` in the sentence, take eventwire's actor mention that
overlaps it most (the same parse and ActorCoder the pipeline uses, dated with the record's date),
and compare

- country: the gold ``code`` with eventwire's ``country``; any IGO code counts as ``IGO`` (the gold
  writes IGO for all international organisations);
- sector: the first three letters of the gold ``sector`` (``CVLalb`` -> CVL) with eventwire's
  ``sector`` translated to PLOVER's sector codes. ``sector_with_gold`` scores the actors whose gold
  has a sector (not empty, not ``***``); ``sector_all`` also counts a gold actor without sector as
  right when eventwire gives none.

Fairness of the comparison (each table below is the whole of it):

- eventwire writes CAMEO sectors; PLOVER renamed two of them (its manual, section 5.2.1 note 4:
  CAMEO ``MED`` media is PLOVER ``JRN``, CAMEO ``HLH`` health is PLOVER ``MED``) and folded
  CAMEO's insurgents and separatists into ``REB`` (note 3). :data:`CAMEO_TO_PLOVER_SECTOR`.
- a few gold codes are plainly not the standard ones the gold uses everywhere else (``JAP`` for
  Japan next to ISO-3 codes for every other country, ``CIV`` for civilians where the sector list
  says ``CVL``): :data:`GOLD_COUNTRY_FIXES`, :data:`GOLD_SECTOR_FIXES`.
- alignment: the gold ``actorText`` is found in the sentence exactly, then case- and
  whitespace-tolerantly; a gold text that is not in the sentence at all (a discontinuous
  "US forces" in "US and British forces", a misspelt "Ghanians") is anchored on its first word
  that is (an exact word, else a word at least 85% similar). ``located_in_text`` counts exact
  finds, ``located_by_word`` the anchored ones.

A gold actor whose text eventwire has no mention for counts as wrong on both.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from eventwire.doc import Article, Document
from eventwire.evaluate import Report

GOLD = Path("anchors/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt")

# CAMEO sector -> PLOVER sector (PLOVER manual 5.2.1, notes 3 and 4).
CAMEO_TO_PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED", "INS": "REB", "SEP": "REB"}
# Non-standard codes in the gold file -> the standard code the gold uses elsewhere.
GOLD_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
GOLD_SECTOR_FIXES = {"CIV": "CVL"}


def shared_dir() -> Path:
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared"


def load_gold(shared: Path | None = None) -> list[dict[str, Any]]:
    path = (shared or shared_dir()) / GOLD
    if not path.is_file():
        raise FileNotFoundError(
            f"PLOVER gold records not found at {path}; set EVENTWIRE_SHARED to the shared folder"
        )
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("language") == "en" and r.get("text")]


def _find(text: str, needle: str) -> tuple[int, int] | None:
    """Character span of the gold actor text in the sentence (whitespace- and case-tolerant)."""
    needle = needle.strip()
    if not needle:
        return None
    index = text.find(needle)
    if index >= 0:
        return index, index + len(needle)
    pattern = r"\s+".join(re.escape(word) for word in needle.split())
    match = re.search(pattern, text, re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _anchor(text: str, needle: str) -> tuple[int, int] | None:
    """The first word of ``needle`` that is a word of ``text`` (exactly, else >= 85% similar):
    where a gold text that is not written in the sentence as such is anchored."""
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[\w'-]+", text)]
    wanted = [w for w in re.findall(r"[\w'-]+", needle) if len(w) > 1]
    for word in wanted:
        for found, start, end in words:
            if found == word:
                return start, end
    for word in wanted:
        for found, start, end in words:
            if len(word) > 3 and SequenceMatcher(None, word.lower(), found.lower()).ratio() >= 0.85:
                return start, end
    return None


def _gold_sector(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip() or value.strip() == "***":
        return None
    sector = value.strip()[:3].upper()
    return GOLD_SECTOR_FIXES.get(sector, sector)


def _gold_country(value: str) -> str:
    code = value.strip().upper()
    return GOLD_COUNTRY_FIXES.get(code, code)


def plover_sector(sector: str | None) -> str | None:
    """eventwire's CAMEO sector in PLOVER's sector codes."""
    return CAMEO_TO_PLOVER_SECTOR.get(sector, sector) if sector else None


def _predicted_country(mention) -> str | None:
    if mention is None:
        return None
    if mention.code and mention.code.upper().startswith("IGO"):
        return "IGO"
    return mention.country


def _best_mention(document: Document, span: tuple[int, int]):
    best, best_key = None, None
    for mention in document.actors:
        overlap = min(span[1], mention.span[1]) - max(span[0], mention.span[0])
        if overlap <= 0:
            continue
        key = (mention.country is not None, overlap, -(mention.span[1] - mention.span[0]))
        if best_key is None or key > best_key:
            best, best_key = mention, key
    return best


def evaluate(*, limit: int | None = None, shared: Path | None = None, nlp=None) -> Report:
    """Score eventwire's actor country and sector on the PLOVER gold records."""
    from eventwire.actors import ActorCoder
    from eventwire.nlp import load_nlp

    records = load_gold(shared)[:limit]
    nlp = nlp or load_nlp()
    coder = ActorCoder(nlp)
    texts = [record["text"] for record in records]
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    for record, doc in zip(records, nlp.pipe(texts, batch_size=32), strict=True):
        date = record.get("date")
        document = Document(article=Article(text=record["text"], date=date), doc=doc, date=date)
        coder(document)
        for role in ("source", "target"):
            actors = record.get(role)
            if not isinstance(actors, list):
                continue
            for gold in actors:
                if not isinstance(gold, dict) or not gold.get("code"):
                    continue
                counts["actors"] += 1
                # "U.S. ... negotiators": the gold marks a split span with dots
                segments = [s for s in re.split(r"\.\.+", gold.get("actorText", "")) if s.strip()]
                spans = [s for s in (_find(record["text"], seg) for seg in segments) if s]
                counts["located"] += bool(spans)
                if not spans:
                    anchors = (_anchor(record["text"], seg) for seg in segments)
                    spans = [s for s in anchors if s]
                    counts["located_by_word"] += bool(spans)
                mention = None
                for part in spans:
                    candidate = _best_mention(document, part)
                    if candidate is not None and (mention is None or mention.country is None):
                        mention = candidate
                counts["matched"] += mention is not None
                country_ok = _predicted_country(mention) == _gold_country(gold["code"])
                counts["country_ok"] += country_ok
                gold_sector = _gold_sector(gold.get("sector"))
                predicted_sector = plover_sector(mention.sector) if mention is not None else None
                if gold_sector is not None:
                    counts["with_sector"] += 1
                    counts["sector_ok"] += predicted_sector == gold_sector
                counts["sector_all_ok"] += predicted_sector == gold_sector
                if mention is None:
                    errors["no mention"] += 1
                elif not country_ok:
                    errors["wrong country"] += 1
                if not country_ok or predicted_sector != gold_sector:
                    rows.append(
                        {
                            "id": record.get("id"),
                            "role": role,
                            "gold_text": gold.get("actorText"),
                            "gold": f"{gold['code']}/{gold.get('sector')}",
                            "mention": mention.text if mention else None,
                            "predicted": f"{mention.code}/{mention.country}/{mention.sector}"
                            if mention
                            else None,
                        }
                    )
    n = counts["actors"] or 1
    metrics = {
        "records": len(records),
        "gold_actors": counts["actors"],
        "located_in_text": counts["located"],
        "located_by_word": counts["located_by_word"],
        "with_mention": counts["matched"],
        "country_accuracy": round(counts["country_ok"] / n, 4),
        "sector_with_gold": round(counts["sector_ok"] / (counts["with_sector"] or 1), 4),
        "gold_actors_with_sector": counts["with_sector"],
        "sector_all": round(counts["sector_all_ok"] / n, 4),
        "errors": dict(errors),
    }
    notes = [
        "gold: PLOVER_GSR_CAMEO.txt (CC BY-SA 4.0), read at evaluation time only",
        "country: gold code vs eventwire country (any IGO code counts as IGO); "
        f"non-standard gold codes read as {GOLD_COUNTRY_FIXES}",
        "sector: first three letters of the gold sector vs eventwire sector in PLOVER codes "
        f"{CAMEO_TO_PLOVER_SECTOR}; gold {GOLD_SECTOR_FIXES}",
        "rows: the gold actors eventwire gets wrong on country or sector",
    ]
    return Report(name="plover_actors", metrics=metrics, rows=rows, notes=notes)


if __name__ == "__main__":
    report = evaluate()
    print(json.dumps(report.metrics, indent=2))
