"""Running the pipeline over many articles: in this process, or in several worker processes."""

from eventwire.engine.local import code_records

__all__ = ["code_records"]
