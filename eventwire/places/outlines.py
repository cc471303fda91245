"""Country outlines for drawing events on a map with no tile server.

``country_outlines()`` returns ``{ISO-3: {"name", "type": "MultiPolygon", "coordinates"}}``:
GeoJSON geometries (longitude, latitude; rounded to 0.1 degree) from the ``countryinfo``
package, compiled into ``eventwire/data/places_outlines.json`` by
:mod:`eventwire.places.compile`. ``outlines_feature_collection()`` wraps them as one GeoJSON
FeatureCollection, ready for a plotting library.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from eventwire.places.gazetteer import DATA


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, dict[str, Any]]:
    """Every country's outline, keyed by ISO-3 (loaded once)."""
    return json.loads((DATA / "places_outlines.json").read_text(encoding="utf-8"))


def outlines_feature_collection() -> dict[str, Any]:
    """The outlines as a GeoJSON FeatureCollection (``id`` = ISO-3, ``properties.name``)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"name": outline["name"]},
                "geometry": {"type": outline["type"], "coordinates": outline["coordinates"]},
            }
            for iso3, outline in sorted(country_outlines().items())
        ],
    }
