"""Place resolution and event locations on real parses (the seed article and written sentences)."""

from __future__ import annotations

import pytest

from eventwire.doc import Article, Document, Event
from eventwire.places import PlaceResolver


def _event(text: str, trigger: str, occurrence: int = 1) -> Event:
    start = -1
    for _ in range(occurrence):
        start = text.index(trigger, start + 1)
    return Event(0, "", (start, start + len(trigger)), None, None, "", "", None, None)


def _resolve(nlp, text: str, *triggers: str) -> Document:
    document = Document(article=Article(text=text), doc=nlp(text))
    document.events = [_event(text, trigger) for trigger in triggers]
    PlaceResolver(nlp)(document)
    return document


def _by_text(document: Document) -> dict[str, list]:
    found: dict[str, list] = {}
    for place in document.places:
        found.setdefault(place.text, []).append(place)
    return found


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    return _resolve(nlp, seed_text, "build-up", "deployment", "seeks", "planning")


def test_seed_troop_build_up_is_on_ukraines_border(seed):
    build_up, deployment, _, planning = seed.events
    for event in (build_up, deployment):
        assert event.location is not None
        assert event.location.name == "Ukraine"
        assert event.location.geonameid == 690791
        assert "Ukraine’s border" in event.location.phrase
        assert event.location.rule.startswith("attached:")
    assert planning.location is not None and planning.location.name == "Ukraine"


def test_seed_moscow_and_kyiv_are_actors_not_event_places(seed):
    places = _by_text(seed)
    assert places["Moscow"] and all(p.role == "actor" for p in places["Moscow"])
    assert places["Kyiv"] and all(p.role == "actor" for p in places["Kyiv"])
    assert all(p.geonameid == 524901 for p in places["Moscow"])
    seeks = seed.events[2]
    assert seeks.location is None


def test_every_place_span_matches_the_text(seed):
    text = seed.article.text
    for place in seed.places:
        assert text[place.span[0] : place.span[1]] == place.text
        assert not place.text.endswith(("'s", "’s"))  # "Ukraine’s" is the place "Ukraine"
    for event in seed.events:
        if event.location is not None and event.location.phrase_span:
            start, end = event.location.phrase_span
            assert text[start:end] == event.location.phrase


def test_people_named_like_places_and_demonyms_are_not_places(nlp):
    text = "Jordan Peterson said the protests in Jordan were peaceful, Russian media reported."
    document = _resolve(nlp, text, "protests")
    assert [(p.text, p.span[0]) for p in document.places] == [("Jordan", text.rindex("Jordan"))]
    assert document.places[0].country == "JOR"
    assert document.events[0].location.country == "JOR"


def test_paris_texas_and_paris_france(nlp):
    texas = _resolve(nlp, "Paris Hilton opened a hotel in Paris, Texas, near Dallas.", "opened")
    paris = _by_text(texas)["Paris"]
    assert len(paris) == 1 and paris[0].admin1 == "TX" and paris[0].geonameid == 4717560
    assert texas.events[0].location.geonameid == 4717560
    france = _resolve(nlp, "Thousands marched in Paris against the pension reform.", "marched")
    assert france.events[0].location.geonameid == 2988507


def test_georgia_state_or_country_from_the_article(nlp):
    state = _resolve(nlp, "Georgia's governor signed the voting bill in Atlanta on Thursday.")
    country = _resolve(
        nlp, "Georgia accused Russia of occupying Abkhazia, officials in Tbilisi said."
    )
    assert _by_text(state)["Georgia"][0].feature == "admin1"
    assert _by_text(country)["Georgia"][0].feature == "country"


def test_capitals_that_speak_are_never_event_locations(nlp):
    text = "Washington warned Beijing against any attempt to change the status quo by force."
    document = _resolve(nlp, text, "warned")
    assert {p.role for p in document.places} == {"actor"}
    assert document.events[0].location is None


def test_summit_venue_and_sentence_fallback(nlp):
    document = _resolve(
        nlp,
        "Leaders met at a summit in Geneva to discuss arms control. "
        "In Kharkiv, residents fear that Russian troops will return. "
        "In Kyiv, officials said Russian drones attacked power plants overnight.",
        "met",
        "return",
        "attacked",
    )
    met, returned, attacked = document.events
    assert met.location.name == "Geneva" and met.location.country == "CHE"
    assert met.location.phrase == "at a summit in Geneva"
    assert returned.location.name == "Kharkiv"
    assert returned.location.rule.startswith("sentence")
    assert returned.location.confidence < met.location.confidence
    assert attacked.location is None  # where it was said is not where it happened


def test_pipeline_fills_places_and_event_locations(seed_document, seed_record):
    assert any(p.name == "Ukraine" for p in seed_document.places)
    assert "places" in seed_record
    assert all("location" in event for event in seed_record["events"])
    for event in seed_document.events:
        if event.location is not None:
            assert event.location.role == "place"
            assert event.location.name not in ("Moscow", "Kyiv")


def test_gold_set_meets_the_targets():
    from eventwire.evaluate.places import evaluate_places

    report = evaluate_places()
    assert report.metrics["gold_places"] >= 150
    for name in ("resolution", "event_location"):
        assert report.metrics[name]["precision"] >= 0.90, report.rows
        assert report.metrics[name]["recall"] >= 0.85, report.rows


def test_names_the_model_splits_or_hides(nlp):
    hormuz = _resolve(nlp, "Iran seized an oil tanker in the Strait of Hormuz on Friday.", "seized")
    assert hormuz.events[0].location.name == "Strait of Hormuz"
    chiefs = _resolve(nlp, "The Kansas City Chiefs beat the Philadelphia Eagles in Las Vegas.")
    assert [p.name for p in chiefs.places] == ["Las Vegas"]
    city = _resolve(nlp, "The flu season has been rough in New York City this year.")
    assert [p.geonameid for p in city.places] == [5128581]


def test_state_said_outright_and_congo_from_context(nlp):
    state = _resolve(nlp, "Washington state filed a legal challenge in federal court.")
    assert state.places[0].feature == "admin1" and state.places[0].admin1 == "WA"
    brazzaville = _resolve(nlp, "Brazzaville is the capital of Congo, across the river.")
    congo = [p for p in brazzaville.places if p.text == "Congo"]
    assert congo and congo[0].country == "COG"


def test_word_table_reads_the_texts_the_tokens_give(nlp, seed_text) -> None:
    """The array-read table used to scan for names agrees with the tokens themselves."""
    from eventwire.places.mentions import Words

    doc = nlp(seed_text[:3000])
    words = Words(doc, seed_text[:3000])
    assert words.words == [t.text for t in doc]
    assert words.capitalised == [t.text[:1].isupper() for t in doc]
    for start in range(0, len(doc) - 3, 7):
        for end in (start + 1, start + 3):
            expected = doc[start:end].text
            for mark in ("'s", "’s"):
                if expected.endswith(mark):
                    expected = expected[: -len(mark)]
            assert words.span_text(start, end) == expected
    assert Words(doc).words == words.words  # without the text, read from the doc
