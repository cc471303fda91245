"""Actor coding: CAMEO actor and agent dictionaries, date-aware codes, composites, coreference.

``from eventwire.actors import ActorCoder`` is the pipeline stage; the dictionary readers are in
:mod:`eventwire.actors.dictionary` and the compiler in :mod:`eventwire.actors.compile`.
"""

from eventwire.actors.coder import ActorCoder, default_lexicon
from eventwire.errors import DictionaryError

__all__ = ["ActorCoder", "DictionaryError", "default_lexicon"]
