"""Compile the bundled CAMEO dictionaries into ``eventwire/data/actors.lexicon.json.gz``.

    python -m eventwire.actors.compile [--shared DIR] [--out FILE]

Reads the Phoenix actor, agent and discard files of PETRARCH-2 (from the shared anchors folder,
``$EVENTWIRE_SHARED`` or ``<repo>/../shared``) and eventwire's own supplement files in
``eventwire/data/``, keys every phrase with the spaCy tokenizer, and writes the compiled lexicon
with the SHA-256 of each source. Problems in the Phoenix files (a few typos) are skipped and
listed; problems in eventwire's own files are errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from eventwire.actors.lexicon import build_lexicon

PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"
COMPILED = PACKAGE_DATA / "actors.lexicon.json.gz"
SUPPLEMENT_ACTORS = PACKAGE_DATA / "actors.supplement.txt"
SUPPLEMENT_AGENTS = PACKAGE_DATA / "actors.supplement.agents.txt"
CAPITALS = PACKAGE_DATA / "actors.capitals.txt"
PHOENIX_ACTORS = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
PHOENIX_AGENTS = ("Phoenix.agents.txt",)
PHOENIX_DISCARDS = ("Phoenix.discards.txt",)
# One-word Phoenix phrases that are common English nouns (the Phoenix files give them to one
# group each: ORGANIZATION -> the PLO's Tanzim, YOUTH, FALCON); matched capitalised at the start
# of a sentence or in a title they code the wrong actor, so the compiled lexicon drops them.
# TIGERS (Phoenix: Swaziland rebels) is as often a sports team or the Tamil Tigers.
GENERIC_WORDS = ("organization", "organisation", "youth", "falcon", "tigers")
DICTIONARY_DIR = Path("anchors/petrarch2/petrarch2/data/dictionaries")


def shared_dir() -> Path:
    """The read-only shared data folder: ``$EVENTWIRE_SHARED`` or ``<repo>/../shared``."""
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared"


def dictionary_dir(shared: Path | None = None) -> Path:
    return (shared or shared_dir()) / DICTIONARY_DIR


def spacy_tokenizer():
    """A batch tokenizer (texts -> token strings) using the pipeline's own tokenizer rules."""
    from eventwire.nlp import load_nlp

    nlp = load_nlp()

    def tokenize(texts):
        return ([token.text for token in doc] for doc in nlp.tokenizer.pipe(texts, batch_size=2000))

    import spacy

    return tokenize, spacy.__version__


def town_keys(lexicon) -> dict[str, str]:
    """Phrase key -> ISO-3 for the towns and cities the coder may code as their population
    (CVL) when something happens to them: dictionary phrases that the places gazetteer lists as a
    town of the entry's own country, then gazetteer towns of one country only. Capitals are left
    out (a capital stands for its country)."""
    from eventwire.actors.cities import city_countries, is_city_of
    from eventwire.actors.codes import choose_code, country_of

    towns: dict[str, str] = dict(city_countries())
    for key, index in lexicon.phrases.items():
        record = lexicon.actors[index]
        if record.kind not in ("country", "group") or key == record.name.lower():
            continue
        country = country_of(choose_code(record.codes, None))
        if country is not None and is_city_of(key, country):
            towns[key] = country
    return towns


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None, help="shared data folder")
    parser.add_argument("--out", type=Path, default=COMPILED)
    args = parser.parse_args(argv)
    source_dir = dictionary_dir(args.shared)
    if not source_dir.is_dir():
        print(
            f"error: dictionary folder not found: {source_dir} (set EVENTWIRE_SHARED)",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    tokenize, version = spacy_tokenizer()
    warnings: list[str] = []
    phoenix = build_lexicon(
        tokenize,
        actor_files=[source_dir / name for name in PHOENIX_ACTORS],
        agent_files=[source_dir / name for name in PHOENIX_AGENTS],
        discard_files=[source_dir / name for name in PHOENIX_DISCARDS],
        strict=False,
        spacy_version=version,
        warnings=warnings,
    )
    own = build_lexicon(
        tokenize,
        actor_files=[CAPITALS, SUPPLEMENT_ACTORS],
        agent_files=[SUPPLEMENT_AGENTS],
        strict=True,
        spacy_version=version,
    )
    lexicon = phoenix.extended(own)
    for word in GENERIC_WORDS:  # a capitalised "Organization" is not the PLO
        lexicon.phrases.pop(word, None)
    lexicon.index()
    lexicon.reindex_surnames()
    lexicon.towns = town_keys(lexicon)
    lexicon.save(args.out)
    elapsed = time.perf_counter() - started
    for warning in warnings:
        print(f"skipped: {warning}", file=sys.stderr)
    print(
        f"wrote {args.out}: {len(lexicon.actors)} actor entries, "
        f"{len(lexicon.phrases)} actor phrases, "
        f"{len(lexicon.agents)} agents, {len(lexicon.agent_phrases)} agent phrases, "
        f"{len(lexicon.discards)} discards; {len(warnings)} problems skipped; {elapsed:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
