"""De-duplication: reports of the same happening, from one or many articles, form one cluster.

The rule (documented in docs/store.md). Two event reports belong to the same cluster when

1. they have the same dyad: the same source key and the same target key, where an actor's key is
   its CAMEO code, else its country, else its canonical name, else its text in lower case
   (a missing actor has the key ``-``);
2. they have the same CAMEO base code (the first three digits, GDELT's ``EventBaseCode``);
3. they happen close in time: their dates (the article dates) are at most ``window_days`` apart;
   undated reports only join reports of the same article;
4. their evidence is similar: both come from the same article, or the content words of their
   sentences (without stop words, the words naming the two actors and the trigger words, which
   the same code already matched) overlap by at least
   ``min_overlap`` of the smaller set (the overlap coefficient). A report whose sentence has no
   content words left passes this test.

Clusters grow by single linkage: a report joins the first cluster (in date order) holding a member
it matches on all four points. Counts per cluster follow GDELT: reports (event rows), mentions
(sentences reporting it, ``sentence_indices``), articles and sources (distinct ``article.source``,
else the URL's host, else ``unknown``). The representative is the earliest report (then the lowest
article id and event index); its codes and Goldstein value speak for the cluster.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from urllib.parse import urlsplit

WINDOW_DAYS = 3
MIN_OVERLAP = 0.25

STOP_WORDS = frozenset(
    """a about after again against all also an and any are as at be because been before being
    but by can could did do does during for from had has have he her here him his how i if in
    into is it its itself me more most my no nor not of off on once only or other our out over
    own said same says she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your mr mrs ms new one two""".split()  # noqa: SIM905
)
WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


def actor_key(code: str | None, country: str | None, name: str | None, text: str | None) -> str:
    """The identity of an actor for dyads: code, else country, else name, else text."""
    for value in (code, country, name):
        if value:
            return value
    return text.lower() if text else "-"


def evidence_words(sentence: str | None, *excluded_texts: str | None) -> frozenset[str]:
    """Content words of a sentence, without stop words and the words of ``excluded_texts``

    (the actors' texts and the trigger)."""
    actor_words = {w.lower() for t in excluded_texts if t for w in WORD.findall(t)}
    return frozenset(
        w
        for w in (m.lower() for m in WORD.findall(sentence or ""))
        if len(w) > 2 and w not in STOP_WORDS and w not in actor_words
    )


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / min(|A|, |B|); 1.0 when either side has no words (nothing to contradict)."""
    if not a or not b:
        return 1.0
    return len(a & b) / min(len(a), len(b))


def news_source(source: str | None, url: str | None) -> str:
    if source:
        return source
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return "unknown"


@dataclass
class Report:
    """One event row, with what the rule needs."""

    uid: str
    article_id: str
    event_index: int
    date: Date | None
    source_key: str
    target_key: str
    cameo: str
    evidence: frozenset[str]
    mentions: int = 1
    news_source: str = "unknown"

    @property
    def base_code(self) -> str:
        return self.cameo[:3]

    def order(self) -> tuple[Date, str, int]:
        return (self.date or Date.max, self.article_id, self.event_index)


@dataclass
class Cluster:
    members: list[Report] = field(default_factory=list)
    last_date: Date | None = None

    @property
    def representative(self) -> Report:
        return self.members[0]

    @property
    def cluster_id(self) -> str:
        return hashlib.sha256(self.representative.uid.encode()).hexdigest()[:16]

    @property
    def first_date(self) -> Date | None:
        return self.representative.date

    def counts(self) -> dict[str, int]:
        return {
            "num_reports": len(self.members),
            "num_mentions": sum(m.mentions for m in self.members),
            "num_articles": len({m.article_id for m in self.members}),
            "num_sources": len({m.news_source for m in self.members}),
        }


def _matches(report: Report, cluster: Cluster, window_days: int, min_overlap: float) -> bool:
    same_article = any(m.article_id == report.article_id for m in cluster.members)
    if report.date is None or cluster.last_date is None:
        return same_article
    if abs((report.date - cluster.last_date).days) > window_days:
        return False
    if same_article:
        return True
    return any(overlap(report.evidence, m.evidence) >= min_overlap for m in cluster.members)


def cluster_reports(
    reports: Iterable[Report], *, window_days: int = WINDOW_DAYS, min_overlap: float = MIN_OVERLAP
) -> list[Cluster]:
    """Group reports into clusters by the rule above. Deterministic for the same input set."""
    groups: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for report in reports:
        groups[(report.source_key, report.target_key, report.base_code)].append(report)
    clusters: list[Cluster] = []
    for key in sorted(groups):
        open_clusters: list[Cluster] = []
        for report in sorted(groups[key], key=Report.order):
            if report.date is not None:  # drop clusters that fell out of the window
                open_clusters = [
                    c
                    for c in open_clusters
                    if c.last_date is None or (report.date - c.last_date).days <= window_days
                ]
            home = next(
                (c for c in open_clusters if _matches(report, c, window_days, min_overlap)), None
            )
            if home is None:
                home = Cluster()
                open_clusters.append(home)
                clusters.append(home)
            home.members.append(report)
            if report.date is not None and (home.last_date is None or report.date > home.last_date):
                home.last_date = report.date
    return clusters
