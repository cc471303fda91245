"""Places: place mentions resolved against an offline GeoNames gazetteer, event locations and
actor locations. See ``docs/places.md``.

    from eventwire.places import PlaceResolver     # the pipeline stage (name "places")
    from eventwire.places import load_gazetteer    # the compiled gazetteer, loaded once
"""

from eventwire.places.gazetteer import Gazetteer, load_gazetteer
from eventwire.places.stage import PlaceResolver

__all__ = ["Gazetteer", "PlaceResolver", "load_gazetteer"]
