"""General actor-coding rules on news sentences: peoples, residence, former office-holders, "-led"
composites, the sentence's country, titles before unknown names, towns as civilians."""

from __future__ import annotations

import pytest

from eventwire.actors.codes import sector_of
from eventwire.evaluate.plover_actors import _anchor, _gold_country, _gold_sector, plover_sector

DATE = "2021-12-13"


def mention(document, text):
    found = [m for m in document.actors if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in document.actors]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "text", "country", "sector"),
    [
        # a plural people is its country's civilians
        (
            "Israeli soldiers detained 40 Palestinians near Nablus on Friday.",
            "Palestinians",
            "PSE",
            "CVL",
        ),
        # a country adjective before a people: the people living in that country
        ("Thousands of Iraqi Kurds rallied in Erbil on Sunday.", "Iraqi Kurds", "IRQ", "CVL"),
        ("Bosnian Serbs blocked the road to the town.", "Bosnian Serbs", "BIH", "CVL"),
        # protesters and demonstrators are civilians (PLOVER's CVL)
        (
            "Thousands of Chilean demonstrators marched through Santiago on Friday.",
            "Chilean demonstrators",
            "CHL",
            "CVL",
        ),
        # "-led": the leading country's military
        (
            "Saudi-led forces struck the port of Hodeidah on Monday.",
            "Saudi-led forces",
            "SAU",
            "MIL",
        ),
        # peacekeeping troops keep their country and are military
        (
            "Nepalese peacekeeping troops left Haiti on Monday.",
            "Nepalese peacekeeping troops",
            "NPL",
            "MIL",
        ),
        # a collective noun after the agent noun, and a group "in X"
        (
            "Opposition groups in Zimbabwe called for a general strike.",
            "Opposition groups in Zimbabwe",
            "ZWE",
            "OPP",
        ),
    ],
)
def test_peoples_and_composites(code_text, sentence, text, country, sector):
    found = mention(code_text(sentence, DATE), text)
    assert (found.country, found.sector) == (country, sector)


def test_ethnic_groups_are_coded_by_residence(code_text):
    document = code_text("About 300 ethnic Hungarians protested in Slovakia on Tuesday.", DATE)
    hungarians = mention(document, "Hungarians")
    assert (hungarians.country, hungarians.sector) == ("SVK", "CVL")
    living = code_text("The Albanians of southern Serbia have demanded autonomy.", DATE)
    assert mention(living, "Albanians").country == "SRB"
    # without "ethnic" and without a place after it, a people keeps its own country
    plain = code_text("Albanians voted in large numbers on Sunday.", DATE)
    assert mention(plain, "Albanians").country == "ALB"


def test_former_office_holders_are_elites(code_text):
    document = code_text("Former President Kwame Mensah criticised the Ghanaian government.", DATE)
    former = mention(document, "Former President Kwame Mensah")
    assert (former.country, former.sector) == ("GHA", "ELI")
    current = code_text("President Kwame Mensah criticised the Ghanaian parliament.", DATE)
    assert mention(current, "President Kwame Mensah").sector == "GOV"


def test_unknown_titled_people_and_domestic_groups_take_the_sentence_country(code_text):
    document = code_text(
        "Judge Maria Lopez opened an inquiry into 12 Chilean officials on Friday.", DATE
    )
    judge = mention(document, "Judge Maria Lopez")
    assert (judge.country, judge.sector) == ("CHL", "JUD")
    rebels = code_text("The Malian government rejected demands from Tuareg rebels.", DATE)
    assert (mention(rebels, "Tuareg rebels").country, mention(rebels, "Tuareg rebels").sector) == (
        "MLI",
        "REB",
    )
    # two countries in the sentence: nothing is guessed
    two = code_text("Judge Maria Lopez met French and Chilean officials on Friday.", DATE)
    assert mention(two, "Judge Maria Lopez").country is None
    # a government noun does not take the country of the actor it speaks about
    accused = code_text("The government accused Russia of meddling.", DATE)
    assert all(m.country is None for m in accused.actors if m.text == "government")


def test_titles_before_unknown_names_and_partial_dictionary_names(code_text):
    document = code_text("Archbishop Desmond Tutu called for sanctions against Nigeria.", DATE)
    assert mention(document, "Archbishop Desmond Tutu").kind == "person"
    bashir = code_text("President Omar Hassan al-Bashir spoke in Khartoum on Monday.", DATE)
    found = mention(bashir, "President Omar Hassan al-Bashir")
    assert not (found.code or "").startswith("JOR")  # not King Hassan of Jordan
    assert (found.country, found.sector) == ("SDN", "GOV")


def test_towns_that_suffer_events_are_civilians_capitals_stay_countries(code_text):
    town = code_text("Gunmen attacked a bus in Basra on Sunday.", DATE)
    assert (mention(town, "Basra").country, mention(town, "Basra").sector) == ("IRQ", "CVL")
    unknown = code_text("Troops imposed a curfew in Cizre after the protests.", DATE)
    assert (mention(unknown, "Cizre").country, mention(unknown, "Cizre").sector) == ("TUR", "CVL")
    origin = code_text("A missionary from Calgary was arrested in Lebanon.", DATE)
    assert mention(origin, "Calgary").sector is None  # where someone comes from
    capital = code_text("Talks were held in Baghdad on Monday.", DATE)
    assert mention(capital, "Baghdad").code == "IRQ"


def test_security_council_governs_and_armed_transnational_groups_are_rebels(code_text):
    document = code_text("The U.N. Security Council extended the mission on Friday.", DATE)
    council = mention(document, "U.N. Security Council")
    assert (council.country, council.sector) == ("UN", "GOV")
    assert sector_of("IMGMUSAQA") == "REB"
    assert sector_of("NGOHRIAMN") == "HRI"


def test_scorer_speaks_plover():
    assert plover_sector("MED") == "JRN" and plover_sector("HLH") == "MED"
    assert plover_sector("GOV") == "GOV" and plover_sector(None) is None
    assert _gold_country("JAP") == "JPN" and _gold_country("RUS") == "RUS"
    assert _gold_sector("CIV") == "CVL" and _gold_sector("***") is None
    sentence = "The Red Cross said US and British forces must ensure security."
    assert _anchor(sentence, "US forces") == (sentence.index("US"), sentence.index("US") + 2)
    ghana = "Benin refused admittance to Ghanaians on Monday."
    start = ghana.index("Ghanaians")
    assert _anchor(ghana, "Ghanians") == (start, start + len("Ghanaians"))
    assert _anchor(ghana, "Togolese") is None


def test_apposition_gives_an_unknown_person_the_title(code_text):
    document = code_text(
        "Amara Kone, Mali's best-known human rights activist, began a hunger strike on Monday.",
        DATE,
    )
    kone = mention(document, "Amara Kone")
    assert (kone.country, kone.sector) == ("MLI", "OPP")


def test_places_linked_to_their_agents(code_text):
    group = code_text("An armed group based in Mindanao claimed the attack.", DATE)
    assert any(m.country == "PHL" and m.sector == "REB" for m in group.actors)
    village = code_text("Rebels seized a village in northern Mali on Tuesday.", DATE)
    assert mention(village, "village in northern Mali").country == "MLI"
    # a compass word before a country is not "the West"
    assert all(m.country != "WST" for m in village.actors)
    troops = code_text("Turkey said its forces in Syria would stay.", DATE)
    assert all(m.text != "forces in Syria" for m in troops.actors)  # located, not Syria's


def test_ranks_possessives_and_branches(code_text):
    general = code_text("General Abdel Fattah al-Burhan dissolved the government.", DATE)
    assert mention(general, "General Abdel Fattah al-Burhan").sector == "MIL"
    assembly = code_text("The UN General Assembly adopted the resolution.", DATE)
    assert all(m.sector != "MIL" for m in assembly.actors)
    king = code_text("Biden met Jordan's visiting King Abdullah II on Monday.", DATE)
    assert mention(king, "Jordan's visiting King Abdullah II").country == "JOR"
    assert sector_of("USAGOVLEG") == "LEG" and sector_of("RUSGOV") == "GOV"


def test_general_and_towns_do_not_overreach(code_text):
    lawyers = code_text(
        "The attorneys general of Washington and Minnesota sued the administration.", DATE
    )
    assert all(m.sector != "MIL" for m in lawyers.actors)
    public = code_text("The general public in Ohio was not told about the leak.", DATE)
    assert all(m.sector != "MIL" for m in public.actors)
    states = code_text("Heavy snow fell in Maryland and New York on Monday.", DATE)
    assert all(m.sector != "CVL" for m in states.actors if m.text in ("Maryland", "New York"))


def test_titled_unknown_people_take_the_article_country(code_text):
    text = (
        "Kenya's parliament approved the budget on Tuesday.\n"
        "Kenyan lawmakers said the vote in Nairobi was close.\n"
        "The opposition in Kenya called for protests.\n"
        "Finance Minister Wanjiru Odhiambo said the budget would cut debt.\n"
    )
    minister = mention(code_text(text, DATE), "Finance Minister Wanjiru Odhiambo")
    assert (minister.country, minister.sector) == ("KEN", "GOV")
    mixed = code_text(
        "Kenya and Uganda signed a trade deal.\nUganda, Tanzania and Kenya met.\n"
        "Finance Minister Wanjiru Odhiambo said the deal would cut costs.\n",
        DATE,
    )
    assert mention(mixed, "Finance Minister Wanjiru Odhiambo").country is None
