# ruff: noqa: E501
"""Write the brat ``.ann`` files of this gold set from the hand-made annotations below.

The judgement (what is a quote, its content, source and cue) is made by hand in :data:`GOLD`; this
script only finds the character offsets by string search, so they are right. A needle is a string
that occurs once in the text, or ``(string, anchor)``: the first occurrence of ``string`` at or after
the one occurrence of ``anchor``. A content given as a list is one discontinuous span.

Run from the repository root: ``.venv/bin/python eval/quotes/annotate.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
Needle = str | tuple[str, str]


def A(content, source=None, cue=None, name=None, code=None, kind="indirect"):
    return {
        "content": content,
        "source": source,
        "cue": cue,
        "name": name,
        "code": code,
        "kind": kind,
    }


GOLD: dict[str, list[dict]] = {
    "seed": [
        A(
            "Russia wants talks to curb NATO expansion",
            ("Putin", "Putin tells"),
            ("tells", "Putin tells"),
            name="Vladimir Putin",
        ),
        A(
            "de-escalate tensions’ with Ukraine",
            ("UK", "UK tells"),
            ("tells", "UK tells"),
            kind="mixed",
        ),
        A(
            "Moscow wants immediate talks with the West to curb any potential eastward expansion of NATO",
            "Russia’s President Vladimir Putin",
            ("told", "Putin has told"),
            name="Vladimir Putin",
        ),
        A(
            "NATO’s relationship with Ukraine is going to be decided by the 30 NATO allies and Ukraine, "
            "no one else",
            "the NATO chief",
            "saying",
            kind="direct",
        ),
        A(
            "there was a need to immediately begin negotiations with the goal of coming up with clear, "
            "international legal agreements that would prevent NATO’s further expansion east and the "
            "deployment of weapons that threaten Russia to neighbouring states, primarily Ukraine",
            ("Putin", "Putin said in Monday"),
            ("said", "Putin said in Monday"),
            name="Vladimir Putin",
            kind="direct",
        ),
        A(
            "Putin said in Monday’s call that “there was a need to immediately begin negotiations with "
            "the goal of coming up with clear, international legal agreements that would prevent NATO’s "
            "further expansion east and the deployment of weapons that threaten Russia to neighbouring "
            "states, primarily Ukraine”",
            ("the Kremlin", "according to the Kremlin"),
            "according to",
            name="Kremlin",
            code="RUSGOV",
            kind="mixed",
        ),
        A(
            "It was underlined that all this is happening against the background of active military "
            "‘expansion’ on the territory of Ukraine by NATO countries creating a direct threat to the "
            "security of Russia",
            ("the Kremlin", "Russia,” the Kremlin said"),
            ("said", "Russia,” the Kremlin said"),
            name="Kremlin",
            code="RUSGOV",
            kind="direct",
        ),
        A(
            "Russia could be planning a multifront offensive on neighbouring Ukraine as early as next "
            "year, involving up to 175,000 soldiers",
            "US intelligence",
            "assesses",
        ),
        A(
            "it plans to invade",
            ("The Kremlin", "The Kremlin denies"),
            "denies",
            name="Kremlin",
            code="RUSGOV",
        ),
        A(
            "the West is gripped by Russophobia",
            ("The Kremlin", "The Kremlin denies"),
            ("says", "and says the West"),
            name="Kremlin",
            code="RUSGOV",
        ),
        A(
            "the expansion of NATO threatens Russia and has contravened assurances given to it as the "
            "Soviet Union collapsed in 1991",
            ("Moscow", "Moscow says"),
            ("says", "Moscow says"),
        ),
        A(
            "Johnson told Putin of his “deep concern” at the Russian troop build-up on Ukraine’s border",
            "Downing Street",
            ("said", "Downing Street said"),
            name="Downing Street",
            code="GBRGOV",
            kind="mixed",
        ),
        A(
            "his “deep concern” at the Russian troop build-up on Ukraine’s border",
            ("Johnson", "Johnson told Putin"),
            ("told", "Johnson told Putin"),
            name="Boris Johnson",
            kind="mixed",
        ),
        A(
            "the importance of working through diplomatic channels to de-escalate tensions and identify "
            "durable solutions",
            ("He", "He “reiterated"),
            "reiterated",
            name="Boris Johnson",
            kind="mixed",
        ),
        A(
            "He “reiterated the importance of working through diplomatic channels to de-escalate "
            "tensions and identify durable solutions",
            "the British government statement",
            ("said", "statement said"),
            code="GBRGOV",
            kind="mixed",
        ),
        A(
            "The prime minister emphasised the UK’s commitment to Ukraine’s territorial integrity and "
            "sovereignty, and warned that any destabilising action would be a strategic mistake that "
            "would have significant consequences.",
            "the British government statement",
            None,
            code="GBRGOV",
            kind="direct",
        ),
        A(
            "massive consequences” if it invades the former Soviet state",
            "the grouping’s top diplomats",
            ("warned", "diplomats warned"),
            kind="mixed",
        ),
        A(
            "Allow me to say, once again, firmly that the European Union is standing united in support "
            "of Ukraine’s sovereignty and territorial integrity",
            "EU foreign policy chief Josep Borrell",
            ("said", "Borrell said"),
            name="Josep Borrell",
            kind="direct",
        ),
    ],
    "01_press_release_dash": [
        A(
            "We urge both parties to use this window to agree a lasting settlement and to protect "
            "civilians.",
            "Anna Lindqvist",
            name="Anna Lindqvist",
            kind="direct",
        ),
        A(
            "The talks must include the humanitarian corridors that were promised in March.",
            "Lars Berg",
            name="Lars Berg",
            kind="direct",
        ),
        A("the next round would take place in Geneva", "Officials", ("said", "Officials said")),
    ],
    "02_colon_block": [
        A("long winter in Ukraine", "NATO chief", "warns", name="Jens Stoltenberg"),
        A(
            "We must be prepared for a long haul. Russia is preparing for a longer war and we need to "
            "make sure that Ukraine gets what it needs to prevail.",
            "Jens Stoltenberg",
            "told",
            name="Jens Stoltenberg",
            kind="direct",
        ),
        A(
            "Allies have delivered more than ever before, but there is still more to do.",
            ("he", "he said:"),
            ("said", "he said:"),
            name="Jens Stoltenberg",
            kind="direct",
        ),
        A(
            "The alliance will also increase its stockpiles of ammunition",
            "a NATO statement",
            ("said", "statement said"),
            name="NATO",
        ),
    ],
    "03_multi_paragraph": [
        A(
            "Nobody enjoys making these decisions",
            ("Dubois", "Dubois said"),
            ("said", "Dubois said"),
            name="Claire Dubois",
            kind="direct",
        ),
        A(
            [
                "We looked at every department and every contract, and we found savings that do not touch "
                "front-line services.",
                "The alternative was a tax rise that families in this city simply cannot afford.",
                "I would rather take the criticism now than hand the next council an empty bank account.",
            ],
            ("Dubois", "Dubois said"),
            None,
            name="Claire Dubois",
            kind="direct",
        ),
        A(
            "the cuts would hit libraries and youth centres hardest",
            "Opposition councillor Mark Reyes",
            ("said", "Reyes said"),
            name="Mark Reyes",
        ),
        A(
            "the plan “short-sighted",
            ("He", "He called"),
            "called",
            name="Mark Reyes",
            kind="mixed",
        ),
    ],
    "04_bare_continuation": [
        A(
            "Russia does not threaten anyone",
            "Kremlin spokesman Dmitry Peskov",
            "told",
            name="Dmitry Peskov",
            kind="direct",
        ),
        A(
            "Our troops are on our own territory and they will stay there as long as we consider it "
            "necessary.",
            "Kremlin spokesman Dmitry Peskov",
            None,
            name="Dmitry Peskov",
            kind="direct",
        ),
        A(
            "Moscow had not received a formal reply to its security proposals",
            ("Peskov", "Peskov also said"),
            ("said", "Peskov also said"),
            name="Dmitry Peskov",
        ),
        A(
            "We are still waiting.",
            ("Peskov", "Peskov also said"),
            None,
            name="Dmitry Peskov",
            kind="direct",
        ),
    ],
    "05_guillemets": [
        A(
            "This is not a step back, it is a step towards independence",
            ("Marchand", "Marchand said"),
            ("said", "Marchand said"),
            name="Sophie Marchand",
            kind="direct",
        ),
        A("the plan ‹a gamble", "The German economy minister", "called", kind="mixed"),
        A(
            "it would study the plan carefully",
            "A spokesman for the European Commission",
            ("said", "Commission said"),
            name="European Commission",
        ),
        A(
            "member states were free to choose their energy mix",
            "A spokesman for the European Commission",
            "adding",
            name="European Commission",
        ),
        A(
            "We have no objection in principle",
            "the spokesman",
            ("said", "the spokesman said"),
            name="European Commission",
            kind="direct",
        ),
    ],
    "06_straight_quotes": [
        A("strike will go ahead", "Union", "says"),
        A(
            "next week's strike would go ahead after talks with employers collapsed",
            "The rail union",
            ("said", "union said"),
        ),
        A(
            "We didn't want it to come to this, but the companies left us no choice",
            "the union's general secretary",
            "told",
            name="Mick Lawson",
            kind="direct",
        ),
        A(
            "the employers' latest offer was 'an insult' to staff who had worked through the pandemic",
            ("Lawson", "Lawson said"),
            ("said", "Lawson said"),
            name="Mick Lawson",
            kind="mixed",
        ),
        A(
            "We're disappointed the union has walked away. Our offer remains on the table.",
            "A spokesperson for the rail operators",
            ("said", "operators said"),
            kind="direct",
        ),
        A("get back around the table", "The government", "urged", kind="mixed"),
    ],
    "07_unbalanced": [
        A(
            "the leak of a confidential memo had made her position “untenable",
            "The transport minister",
            "saying",
            name="Helen Carter",
            kind="mixed",
        ),
        A(
            "I have always acted in good faith and I stand by every decision I took",
            "Helen Carter",
            ("said", "Carter said"),
            name="Helen Carter",
            kind="direct",
        ),
        A(
            "a successor would be named shortly",
            "The prime minister",
            ("said", "and said a successor"),
        ),
        A(
            "the resignation was “long overdue”",
            "Opposition leaders",
            ("said", "leaders said"),
            kind="mixed",
        ),
    ],
    "08_scare_titles": [
        A(
            "the series was “a drama, inspired by real events” and that viewers understood this",
            ("the broadcaster", "the broadcaster said"),
            ("said", "broadcaster said"),
            kind="mixed",
        ),
    ],
    "09_according_to": [
        A(
            "Thousands of people marched through the centre of Karvonia's second city on Saturday",
            "local media",
            ("according to", "according to local"),
        ),
        A("230 people were detained across the country", "the interior ministry", "According to"),
        A("The protests were peaceful", "organisers", ("said", "organisers said")),
        A(
            "police used tear gas near the parliament building",
            "witnesses",
            ("according to", "according to witnesses"),
        ),
        A(
            'officers had acted "in line with the law"',
            "The ministry",
            ("said", "ministry said"),
            kind="mixed",
        ),
        A(
            "the number of arrests was far higher than the official figure",
            "Human rights groups",
            ("said", "groups said"),
        ),
    ],
    "10_apposition": [
        A(
            "the alliance would not be intimidated by Russian military exercises near its borders",
            "Jens Stoltenberg",
            ("said", "general, said"),
            name="Jens Stoltenberg",
        ),
        A(
            "NATO is a defensive alliance and we will continue to defend every inch of allied territory",
            ("Stoltenberg", "Stoltenberg told"),
            "told",
            name="Jens Stoltenberg",
            kind="direct",
        ),
        A(
            "the exercises were a routine matter for Russia's armed forces",
            "A Kremlin spokesman",
            ("said", "Peskov, said"),
            name="Dmitry Peskov",
        ),
        A(
            'the West of "stoking tensions"',
            "Russia's foreign minister",
            "accused",
            name="Sergei Lavrov",
            kind="mixed",
        ),
        A(
            "the allies were united",
            "The US ambassador to NATO",
            ("said", "Smith, said"),
            name="Julianne Smith",
        ),
    ],
    "11_pronouns": [
        A(
            "households would receive support with their energy bills throughout the winter",
            ("She", "She said"),
            ("said", "She said"),
            name="Rachel Adams",
        ),
        A(
            "Nobody should have to choose between heating and eating",
            ("she", "she told"),
            "told",
            name="Rachel Adams",
            kind="direct",
        ),
        A("the support could not last forever", ("He", "He warned"), "warned", name="Tom Hughes"),
        A(
            "the government had the money to pay for the scheme",
            "The prime minister",
            "insisted",
            name="Rachel Adams",
        ),
        A(
            "They will publish the full plan next week",
            "the two ministers",
            ("said", "ministers said"),
        ),
    ],
    "12_institutions": [
        A(
            'the expulsions were a response to "unfriendly actions" by London',
            "The Kremlin",
            ("said", "Kremlin said"),
            name="Kremlin",
            code="RUSGOV",
            kind="mixed",
        ),
        A(
            'the decision "completely unjustified"',
            "The Foreign Office",
            "called",
            name="Foreign Office",
            code="GBRGOV",
            kind="mixed",
        ),
        A(
            "it would respond in due course",
            "The Foreign Office",
            ("said", "and said it"),
            name="Foreign Office",
            code="GBRGOV",
        ),
        A(
            "the prime minister had been briefed",
            "Downing Street",
            ("said", "Street said"),
            name="Downing Street",
            code="GBRGOV",
        ),
        A(
            'Washington stood "shoulder to shoulder" with the United Kingdom',
            "the State Department",
            ("said", "Department said"),
            name="State Department",
            code="USAGOV",
            kind="mixed",
        ),
    ],
    "13_indirect": [
        A(
            "any attempt to change borders by force would have serious consequences",
            "The European Union's foreign policy chief",
            "warned",
        ),
        A(
            "his country wanted peace but would protect its people",
            "Serbian President Aleksandar Vučić",
            "told",
            name="Aleksandar Vučić",
        ),
        A("the police operation in the north was legal", "Kosovo's prime minister", "insisted"),
        A(
            "they feared the crisis could escalate before the talks resume",
            "Diplomats in Brussels",
            ("said", "Brussels said"),
        ),
        A(
            "Serbian troops had been moved closer to the border",
            ("Vučić", "Vučić also"),
            "denied",
            name="Aleksandar Vučić",
        ),
    ],
    "14_mixed": [
        A(
            'inflation had "turned a corner"',
            "The governor of the central bank",
            ("said", "Santos, said"),
            name="Maria Santos",
            kind="mixed",
        ),
        A("complacency", "The governor of the central bank", "warned", name="Maria Santos"),
        A(
            "the bank's commitment to bringing inflation back to its target",
            ("She", 'She "'),
            "reaffirmed",
            name="Maria Santos",
            kind="mixed",
        ),
        A(
            "She \"reaffirmed the bank's commitment to bringing inflation back to its target",
            "a spokesman",
            ("said", "spokesman said"),
            kind="mixed",
        ),
        A(
            'the labour market as "remarkably resilient',
            ("Santos", "Santos described"),
            "described",
            name="Maria Santos",
            kind="mixed",
        ),
        A(
            "they expected rates to stay on hold until the summer",
            "Economists",
            ("said", "Economists said"),
        ),
    ],
    "15_said_inverted": [
        A(
            "The government has lost its majority and it has lost the trust of the country",
            "opposition leader Daniel Okafor",
            ("said", "said opposition"),
            name="Daniel Okafor",
            kind="direct",
        ),
        A(
            "We are ready to govern",
            ("Okafor", "added Okafor"),
            "added",
            name="Daniel Okafor",
            kind="direct",
        ),
        A(
            "Early elections would only bring more instability",
            "Interior Minister Petra Novak",
            ("said", "Novak said"),
            name="Petra Novak",
            kind="direct",
        ),
        A(
            "Yes. We have the votes.",
            ("Novak", "Novak replied"),
            "replied",
            name="Petra Novak",
            kind="direct",
        ),
    ],
    "16_low_marks_headline": [
        A("We will not be blackmailed", ("Berlin", "Berlin:"), None, kind="direct"),
        A(
            "Berlin would not give in to pressure over gas supplies",
            "Germany's chancellor",
            ("said", "chancellor said"),
        ),
        A(
            ["Wir lassen uns nicht erpressen", "we will not be blackmailed"],
            ("he", "he told"),
            "told",
            kind="direct",
        ),
        A(
            "the country's storage facilities were more than 90 percent full",
            "The economy minister",
            ("said", "minister said"),
        ),
        A(
            ["It's a good position to be in", "but the winter will be hard."],
            ("he", "he said"),
            ("said", "he said"),
            kind="direct",
        ),
    ],
    "17_institution_pronoun": [
        A(
            "serious cyber incident",
            ("it", "it described"),
            "described",
            name="Skyways",
            kind="mixed",
        ),
        A(
            "its booking systems had been taken offline as a precaution",
            "The company",
            ("said", "company said"),
            name="Skyways",
        ),
        A(
            "We apologise to all affected passengers",
            ("it", "it said"),
            ("said", "it said"),
            name="Skyways",
            kind="direct",
        ),
        A("customers would be offered refunds", ("it", "it said"), "adding", name="Skyways"),
        A(
            "it was working with the airline",
            "The national cyber security agency",
            ("said", "agency said"),
        ),
    ],
}


def _occurrences(text: str, string: str) -> list[int]:
    """Starts of ``string`` in ``text`` as a whole word ("he" is not inside "there")."""
    pattern = re.escape(string)
    if string[:1].isalnum():
        pattern = r"(?<!\w)" + pattern
    if string[-1:].isalnum():
        pattern += r"(?!\w)"
    return [m.start() for m in re.finditer(pattern, text)]


def locate(text: str, needle: Needle) -> tuple[int, int]:
    if isinstance(needle, tuple):
        string, anchor = needle
        anchors = _occurrences(text, anchor)
        if len(anchors) != 1:
            raise ValueError(f"anchor {anchor!r} occurs {len(anchors)} times")
        start = next(s for s in _occurrences(text, string) if s >= anchors[0])
    else:
        string = needle
        found = _occurrences(text, string)
        if len(found) != 1:
            raise ValueError(f"{string!r} occurs {len(found)} times; give an anchor")
        start = found[0]
    return start, start + len(string)


def write_ann(name: str, attributions: list[dict]) -> str:
    text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
    lines: list[str] = []
    ids: dict[tuple, str] = {}

    def t_line(kind: str, needles: list[Needle]) -> str:
        spans = tuple(locate(text, n) for n in needles)
        key = (kind, spans)
        if key not in ids:
            ids[key] = f"T{len(ids) + 1}"
            offsets = ";".join(f"{s} {e}" for s, e in spans)
            shown = " ".join(text[s:e] for s, e in spans)
            lines.append(f"{ids[key]}\t{kind} {offsets}\t{shown}")
        return ids[key]

    notes: dict[str, str] = {}
    for number, item in enumerate(attributions, start=1):
        content = item["content"] if isinstance(item["content"], list) else [item["content"]]
        args = []
        if item["cue"]:
            args.append(f"Cue:{t_line('Cue', [item['cue']])}")
        if item["source"]:
            source = t_line("Source", [item["source"]])
            args.append(f"Source:{source}")
            fields = [f"{k}={item[k]}" for k in ("name", "code") if item[k]]
            if fields:
                notes[source] = "; ".join(fields)
        args.append(f"Content:{t_line('Content', content)}")
        lines.append(f"E{number}\t{' '.join(args)}")
        lines.append(f"A{number}\tKind E{number} {item['kind']}")
    for number, (target, note) in enumerate(sorted(notes.items()), start=1):
        lines.append(f"#{number}\tAnnotatorNotes {target}\t{note}")
    return "\n".join(lines) + "\n"


def main() -> None:
    for name, attributions in GOLD.items():
        (HERE / f"{name}.ann").write_text(write_ann(name, attributions), encoding="utf-8")
    print(f"wrote {len(GOLD)} .ann files, {sum(len(a) for a in GOLD.values())} attributions")


if __name__ == "__main__":
    main()
