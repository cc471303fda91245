"""Non-English articles are skipped with a note, not mis-coded; English news always passes."""

from __future__ import annotations

import itertools

import pytest

from eventwire.demo import demo_articles
from eventwire.errors import InputError
from eventwire.ingest.language import guess_english
from eventwire.ingest.readers import article_from_json
from tests.conftest import SEED_ARTICLE

NOT_ENGLISH = {
    "fr": "Le président français a déclaré lundi que la France ne reconnaîtra pas les résultats "
    "des élections et appelle à de nouvelles négociations avec la Russie.",
    "de": "Der Bundeskanzler hat am Montag in Berlin gesagt, dass Deutschland die Sanktionen gegen "
    "Russland verschärfen werde, wenn die Truppen nicht abziehen.",
    "ru": "Президент России Владимир Путин заявил в понедельник, что Москва хочет немедленных "
    "переговоров с Западом о расширении НАТО на восток.",
    "es": "El presidente ruso dijo el lunes que Moscú quiere conversaciones inmediatas con "
    "Occidente para frenar la expansión de la OTAN hacia el este.",
    "ar": "قال الرئيس الروسي فلاديمير بوتين يوم الاثنين إن موسكو تريد محادثات فورية مع الغرب "
    "للحد من توسع حلف شمال الأطلسي شرقا في أوروبا الشرقية.",
}


@pytest.mark.parametrize("lang", sorted(NOT_ENGLISH))
def test_other_languages_are_refused_with_e114(lang):
    with pytest.raises(InputError) as info:
        article_from_json({"text": NOT_ENGLISH[lang]}, f"<{lang}>")
    assert info.value.code == "E114"
    assert "English" in info.value.message


def test_english_news_passes():
    assert guess_english(SEED_ARTICLE.read_text(encoding="utf-8")).english
    for article in itertools.islice(demo_articles(None), 500):
        assert guess_english(article.text).english, article.id


def test_short_texts_are_let_through():
    assert guess_english("Putin warns NATO").english
    assert guess_english("Путин предупредил НАТО").english  # too short to judge
