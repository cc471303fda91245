"""What an article was coded with: the eventwire version, its data files, stage and user files.

The coding stamp is a short hash of these versions. The ingest compares it with the stamp stored
for each article: a newer eventwire, a changed dictionary (packaged or given with ``--actors`` or
``--verbs``) or a stage that reports a new ``version`` makes the article be coded again.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


@lru_cache(maxsize=1)
def data_version() -> str:
    """A hash over every file the package ships in ``eventwire/data`` (names and contents)."""
    digest = hashlib.sha256()
    if DATA_DIR.is_dir():
        for path in sorted(p for p in DATA_DIR.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(DATA_DIR)).encode())
            digest.update(_file_hash(path).encode())
    return digest.hexdigest()[:12]


def coding_versions(pipeline: Any | None = None) -> dict[str, Any]:
    """The versions that decide how an article is coded, as a JSON-ready dict."""
    from eventwire import __version__

    versions: dict[str, Any] = {"eventwire": __version__, "data": data_version()}
    if pipeline is None:
        return versions
    stages = {}
    for stage in getattr(pipeline, "stages", []):
        stages[getattr(stage, "name", type(stage).__name__)] = str(getattr(stage, "version", ""))
    versions["stages"] = stages
    nlp = getattr(pipeline, "nlp", None)
    if nlp is not None:
        meta = getattr(nlp, "meta", {}) or {}
        versions["model"] = f"{meta.get('name', '?')}-{meta.get('version', '?')}"
    config = getattr(pipeline, "config", None)
    files = []
    for path in [
        *getattr(config, "actor_dictionaries", []),
        getattr(config, "verb_dictionary", None),
    ]:
        if path:
            files.append(f"{Path(path).name}:{_file_hash(Path(path))}")
    if files:
        versions["user_dictionaries"] = files
    return versions


def coding_stamp(versions: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(versions, sort_keys=True).encode()).hexdigest()[:16]
