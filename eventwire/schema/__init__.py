"""The JSON Schema of eventwire's output record, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The schema (draft 2020-12) every record written by `eventwire code` conforms to."""
    text = resources.files("eventwire.schema").joinpath("record.schema.json").read_text("utf-8")
    return json.loads(text)
