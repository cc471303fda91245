"""Event coding: who did what to whom, in CAMEO and PLOVER, from the dependency parse.

``EventCoder(nlp, verbs=PATH)`` is the pipeline stage; ``load_verb_dictionary`` reads a verb
dictionary in the PETRARCH-2 CAMEO 2.0 syntax (raising ``DictionaryError`` E201 on a bad file).
"""

from eventwire.errors import DictionaryError
from eventwire.events.coder import EventCoder, default_verbs_paths
from eventwire.events.dictionary import load_verb_dictionary, parse_verb_dictionary
from eventwire.events.selection import merge_events

__all__ = [
    "DictionaryError",
    "EventCoder",
    "default_verbs_paths",
    "load_verb_dictionary",
    "merge_events",
    "parse_verb_dictionary",
]
