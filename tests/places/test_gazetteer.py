"""The compiled gazetteer: what it holds, how fast it loads, and the GDELT columns it feeds."""

from __future__ import annotations

import time

from eventwire.doc import Place
from eventwire.places.gazetteer import DATA, Gazetteer, load_gazetteer
from eventwire.places.gdelt import geo_columns


def test_loads_well_under_a_second():
    started = time.process_time()  # CPU time: steady on a busy machine
    gazetteer = Gazetteer(DATA / "places.tsv", DATA / "places_countries.tsv")
    elapsed = time.process_time() - started
    assert elapsed < 1.0, f"gazetteer took {elapsed:.2f}s to load"
    assert len(gazetteer.entries) > 30_000


def test_ambiguous_names_keep_every_reading():
    gazetteer = load_gazetteer()
    paris = {(e.cc, e.admin1) for e in gazetteer.lookup("Paris")}
    assert {("FR", "11"), ("US", "TX")} <= paris
    georgia = {e.feature for e in gazetteer.lookup("Georgia")}
    assert {"country", "admin1"} <= georgia


def test_english_spellings_and_aliases():
    gazetteer = load_gazetteer()
    assert [e.geonameid for e in gazetteer.lookup("Kiev")] == [703448]
    assert gazetteer.lookup("the United States")[0].geonameid == 6252001
    assert gazetteer.lookup("U.K.")[0].name == "United Kingdom"
    assert gazetteer.lookup("Crimea")[0].feature == "admin1"
    assert gazetteer.lookup("Russian") == []  # demonyms are not places


def test_country_codes():
    gazetteer = load_gazetteer()
    ukraine = gazetteer.countries["UA"]
    assert (ukraine.iso3, ukraine.fips) == ("UKR", "UP")
    assert "RU" in ukraine.neighbours
    assert "ukrainian" in gazetteer.demonyms


def test_gdelt_columns_for_a_us_city_and_a_missing_place():
    paris_tx = Place(
        text="Paris",
        span=(0, 5),
        name="Paris",
        country="USA",
        fips="US",
        admin1="TX",
        lat=33.66,
        lon=-95.56,
        geonameid=4717560,
        feature="city",
    )
    columns = geo_columns(paris_tx, "Action")
    assert columns["ActionGeo_Type"] == 3
    assert columns["ActionGeo_FullName"] == "Paris, Texas, United States"
    assert columns["ActionGeo_ADM1Code"] == "USTX"
    assert columns["ActionGeo_FeatureID"] == "4717560"
    assert set(geo_columns(None, "Actor1").values()) == {None}


def test_country_outlines_for_a_map():
    from eventwire.places.outlines import country_outlines, outlines_feature_collection

    ukraine = country_outlines()["UKR"]
    points = [point for polygon in ukraine["coordinates"] for ring in polygon for point in ring]
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    assert min(lons) < 30.5 < max(lons) and min(lats) < 50.45 < max(lats)  # Kyiv lies inside
    assert len(outlines_feature_collection()["features"]) > 150
