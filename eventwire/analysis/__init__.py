"""Analysis over coded records: summaries now; dyad timelines and the tension index later."""

from eventwire.analysis.summary import Summary

__all__ = ["Summary"]
