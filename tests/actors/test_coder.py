"""Actor coding on real text: the seed article, dates, composites, metonyms, NER unknowns, coref."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorCoder
from eventwire.errors import DictionaryError

from ..conftest import SHARED

DICTIONARIES = SHARED / "anchors" / "petrarch2" / "petrarch2" / "data" / "dictionaries"


def mentions_of(document, text):
    return [m for m in document.actors if m.text == text]


def only(document, text):
    found = mentions_of(document, text)
    assert found, f"no mention {text!r} in {[m.text for m in document.actors]}"
    return found[0]


def test_every_span_equals_its_text_and_tokens(seed_actors):
    text = seed_actors.article.text
    assert seed_actors.actors
    previous = (-1, -1)
    for mention in seed_actors.actors:
        assert text[mention.span[0] : mention.span[1]] == mention.text
        tokens = seed_actors.doc[mention.token_start : mention.token_end]
        assert (tokens.start_char, tokens.end_char) == tuple(mention.span)
        assert tuple(mention.span) >= previous  # sorted by span
        previous = tuple(mention.span)


def test_seed_russia_side(seed_actors):
    putin = only(seed_actors, "Russia’s President Vladimir Putin")
    assert (putin.code, putin.country, putin.sector, putin.kind) == (
        "RUSGOV",
        "RUS",
        "GOV",
        "person",
    )
    assert putin.name == "Vladimir Putin"
    for text in ("Putin", "Kremlin"):
        for mention in mentions_of(seed_actors, text):
            assert (mention.country, mention.sector) == ("RUS", "GOV")
    assert all(m.country == "RUS" for m in mentions_of(seed_actors, "Moscow"))
    assert all(m.country == "UKR" for m in mentions_of(seed_actors, "Kyiv"))


def test_seed_british_side_and_coreference(seed_actors):
    actors = seed_actors.actors
    johnson = only(seed_actors, "British Prime Minister Boris Johnson")
    assert (johnson.code, johnson.name, johnson.kind) == ("GBRGOV", "Boris Johnson", "person")
    full = actors.index(johnson)
    later = mentions_of(seed_actors, "Johnson")
    assert len(later) == 2
    assert all(m.antecedent == full and m.code == "GBRGOV" for m in later)
    assert all(m.rule == "coref:surname" for m in later)
    he = only(seed_actors, "He")
    assert he.antecedent == full and he.rule == "coref:pronoun" and he.name == "Boris Johnson"
    pm = only(seed_actors, "prime minister")
    assert pm.antecedent == full and pm.rule == "coref:role" and pm.code == "GBRGOV"
    assert only(seed_actors, "Downing Street").code == "GBRGOV"
    assert only(seed_actors, "British government").code == "GBRGOV"


def test_seed_organisations(seed_actors):
    nato = mentions_of(seed_actors, "NATO")
    assert nato and all(m.code == "IGOWSTNAT" and m.country == "NATO" for m in nato)
    assert only(seed_actors, "NATO chief").country == "NATO"
    assert only(seed_actors, "Western military alliance").code == "IGOWSTNAT"
    g7 = only(seed_actors, "G7")
    assert (g7.code, g7.country, g7.kind) == ("IGOGOS", "G7", "igo")
    grouping = only(seed_actors, "the grouping")
    assert grouping.antecedent == seed_actors.actors.index(g7)
    assert only(seed_actors, "top diplomats").code == "IGOGOSGOV"  # the grouping's diplomats
    borrell = only(seed_actors, "EU foreign policy chief Josep Borrell")
    assert (borrell.code, borrell.country, borrell.name) == ("IGOEUREEC", "EU", "Josep Borrell")
    assert only(seed_actors, "European Union").code == "IGOEUREEC"
    ministers = only(seed_actors, "European foreign ministers")
    assert (ministers.code, ministers.country, ministers.sector) == ("EURGOV", "EUR", "GOV")
    assert only(seed_actors, "US intelligence").code == "USASPY"
    assert all(m.code == "WST" for m in mentions_of(seed_actors, "West"))


def test_unknown_entity_keeps_null_code_and_context_country(seed_actors):
    wagner = only(seed_actors, "Wagner")
    assert (wagner.code, wagner.country, wagner.rule) == (None, "RUS", "ner")


@pytest.mark.parametrize(
    "date, putin, johnson",
    [
        ("2005-06-01", "RUSGOV", "GBRELI"),
        ("2021-12-13", "RUSGOV", "GBRGOV"),
        ("1995-06-01", "RUSELI", "GBRELI"),
        (None, "RUSGOV", "GBRGOV"),
    ],
)
def test_codes_follow_the_article_date(code_text, date, putin, johnson):
    document = code_text("Vladimir Putin met Boris Johnson in Moscow.", date)
    assert only(document, "Vladimir Putin").code == putin
    assert only(document, "Boris Johnson").code == johnson


def test_tony_blair_in_and_out_of_office(code_text):
    text = "Tony Blair spoke to reporters in London."
    assert only(code_text(text, "2005-06-01"), "Tony Blair").code == "GBRGOV"
    assert only(code_text(text, "2021-12-13"), "Tony Blair").code != "GBRGOV"


@pytest.mark.parametrize(
    "sentence, text, code",
    [
        ("Russian troops crossed the border on Sunday.", "Russian troops", "RUSMIL"),
        ("Ukrainian rebels shelled the town overnight.", "Ukrainian rebels", "UKRREB"),
        ("Chinese police detained three activists.", "Chinese police", "CHNCOP"),
        ("The French government protested.", "French government", "FRAGOV"),
        ("The President of Brazil visited Lisbon.", "President of Brazil", "BRAGOV"),
        ("NATO troops arrived in Kosovo.", "NATO troops", "IGOWSTNATMIL"),
        ("The Elysee said it would respond.", "Elysee", "FRAGOV"),
        ("Zhongnanhai was silent.", "Zhongnanhai", "CHNGOV"),
        ("Officials in Zhongnanhai were silent.", "Officials in Zhongnanhai", "CHNGOV"),
        ("The White House rejected the claim.", "White House", "USAGOV"),
        ("Beijing warned Washington on Monday.", "Beijing", "CHNGOV"),
        ("Beijing warned Washington on Monday.", "Washington", "USAGOV"),
        ("Talks were held in Moscow on Monday.", "Moscow", "RUS"),
        ("Rebels in Darfur attacked a convoy.", "Rebels in Darfur", "SDNREB"),
        ("President Mugabe spoke in Harare.", "President Mugabe", "ZWEGOV"),
        ("President Reagan met Gorbachev.", "President Reagan", "USAGOV"),
        ("Western allies pledged more aid.", "Western allies", "WST"),
    ],
)
def test_composites_metonyms_and_regions(code_text, sentence, text, code):
    document = code_text(sentence, "2021-12-13")
    assert only(document, text).code == code


def test_lowercase_common_words_are_not_actors(code_text):
    document = code_text("Let us hope the turkey is ready and the west wing is open.", "2021-12-13")
    assert not [m for m in document.actors if m.code]


def test_user_dictionary_adds_and_overrides(nlp, code_text, tmp_path):
    actors = tmp_path / "mine.actors.txt"
    actors.write_text(
        "ACME_WIDGETS_CORPORATION [USABUS]\n+ACME\n"
        "BORIS_JOHNSON [GBRLEG]  # override the bundled entry\n",
        encoding="utf-8",
    )
    coder = ActorCoder(nlp, dictionaries=[actors])
    document = code_text("Boris Johnson praised Acme in Moscow.", "2021-12-13", coder)
    assert only(document, "Acme").code == "USABUS"
    assert only(document, "Boris Johnson").code == "GBRLEG"
    assert only(document, "Moscow").code == "RUS"  # the bundled entries are still there


def test_bad_user_dictionary_raises_e201(nlp, tmp_path):
    bad = tmp_path / "bad.actors.txt"
    bad.write_text("GOOD_ACTOR [USA]\nBAD_ACTOR [USA 2020-01]\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        ActorCoder(nlp, dictionaries=[bad])
    assert caught.value.code == "E201" and caught.value.where == f"{bad}:2"
    with pytest.raises(DictionaryError):
        ActorCoder(nlp, dictionaries=[tmp_path / "missing.txt"])


def test_validate_world_with_only_given_files(nlp, code_text):
    coder = ActorCoder(
        nlp,
        dictionaries=[DICTIONARIES / "PETR.Validate.actors.txt"],
        agents=[DICTIONARIES / "PETR.Validate.agents.txt"],
        include_default=False,
    )
    text = "Arnor is about to restore full diplomatic ties with Gondor. Kyiv protested."
    document = code_text(text, "1995-01-01", coder)
    assert only(document, "Arnor").code == "ARN"
    assert only(document, "Gondor").code == "GON"
    assert not [m for m in document.actors if m.code == "UKR"]  # no Phoenix entries
    gollum = "Gollum met Frodo."
    assert only(code_text(gollum, "1995-01-01", coder), "Gollum").code == "HOB"
    assert only(code_text(gollum, "1997-01-01", coder), "Gollum").code == "HOBGOV"
    assert only(code_text(gollum, "2001-01-01", coder), "Gollum").code == "HOBREB"
    soldiers = code_text("Gondor soldiers attacked.", "1995-01-01", coder)
    assert only(soldiers, "Gondor soldiers").code == "GONMIL"


def test_pronouns_only_as_subjects_and_nearest_subject_person(code_text):
    text = (
        "German Chancellor Angela Merkel met Emmanuel Macron in Berlin on Monday.\n"
        "She said the talks were useful, and the French president thanked her."
    )
    document = code_text(text, "2019-06-03")
    she = only(document, "She")
    merkel = only(document, "German Chancellor Angela Merkel")
    assert she.antecedent == document.actors.index(merkel) and she.code == "DEUGOV"
    assert not mentions_of(document, "her")  # objects are not coded


def test_article_before_a_longer_name_and_datelines(code_text):
    document = code_text("Israeli settlers in the West Bank protested.", "2021-12-13")
    assert only(document, "West Bank").code == "PSE"
    assert not [m for m in document.actors if m.code == "WST"]
    dateline = code_text("MOSCOW (Reuters) - Russia said on Monday it would respond.", "2021-12-13")
    assert only(dateline, "MOSCOW").code == "RUS"  # a place, not the government


def test_coordination_plural_demonyms_and_stated_country(code_text):
    document = code_text("US and British forces must ensure security.", "2003-04-01")
    assert only(document, "US").code == "USAMIL"
    assert only(document, "British forces").code == "GBRMIL"
    people = code_text("Thousands of Libyans fled the fighting.", "2011-03-01")
    assert only(people, "Libyans").code == "LBYCVL"
    kagame = code_text("President Paul Kagame of Rwanda arrived in Kampala.", "2005-01-01")
    assert only(kagame, "President Paul Kagame of Rwanda").country == "RWA"


def test_discard_list_flags_sport_sentences(nlp, coder):
    doc = nlp("Manchester United won the match.\nThe army attacked rebels.")
    first, second = list(doc.sents)
    assert coder.discarded(first) == "manchester united"
    assert coder.discarded(second) is None


def test_office_named_in_the_text_wins_without_a_date(code_text):
    document = code_text("EU foreign policy chief Josep Borrell said the bloc was united.")
    assert only(document, "EU foreign policy chief Josep Borrell").code == "IGOEUREEC"
    madrid = code_text("Spanish Foreign Minister Josep Borrell met his Moroccan counterpart.")
    assert only(madrid, "Spanish Foreign Minister Josep Borrell").code == "ESPGOV"


def test_listed_owners_share_the_agent(code_text):
    document = code_text(
        "The foreign ministers of France, Germany and Italy met in Rome.", "2021-12-13"
    )
    assert only(document, "foreign ministers of France").code == "FRAGOV"
    assert only(document, "Germany").code == "DEUGOV"
    assert only(document, "Italy").code == "ITAGOV"
    troops = code_text("Soldiers from Chad crossed into Sudan.", "2021-12-13")
    assert only(troops, "Soldiers from Chad").code == "TCDMIL"


def test_named_organisation_holding_a_country(code_text):
    document = code_text("The Nigerian Union of Teachers called a strike on Monday.", "2021-12-13")
    union = only(document, "Nigerian Union of Teachers")
    assert (union.country, union.kind) == ("NGA", "organisation")
    assert not mentions_of(document, "Nigerian")
