"""The de-duplication rule on hand-made cases, and clusters over the whole store."""

from __future__ import annotations

from datetime import date

from eventwire.analysis.dedup import (
    Report,
    actor_key,
    cluster_reports,
    evidence_words,
    news_source,
    overlap,
)
from tests.store.helpers import Spec, make_record

VERSIONS = {"eventwire": "test"}


def report(uid, article, day, cameo="130", sentence="Russia threatened Ukraine with troops",
           source="RUS", target="UKR", outlet="Wire A", mentions=1,
           trigger="threatened"):  # fmt: skip
    return Report(
        uid=uid,
        article_id=article,
        event_index=int(uid.rsplit(":", 1)[1]),
        date=date(2021, 12, day) if day else None,
        source_key=source,
        target_key=target,
        cameo=cameo,
        evidence=evidence_words(sentence, "Russia", "Ukraine", trigger),
        mentions=mentions,
        news_source=outlet,
    )


def test_same_happening_from_two_outlets_is_one_cluster():
    a = report("a:0", "a", 13, sentence="Russia threatened Ukraine with troops at the border")
    b = report("b:0", "b", 14, sentence="Russia threatens Ukraine, masses troops near border",
               outlet="Wire B", mentions=2, trigger="threatens")  # fmt: skip
    (cluster,) = cluster_reports([b, a])
    assert cluster.representative is a  # the earliest report speaks for the cluster
    assert cluster.counts() == {
        "num_reports": 2,
        "num_mentions": 3,
        "num_articles": 2,
        "num_sources": 2,
    }


def test_each_condition_of_the_rule_separates():
    base = report("a:0", "a", 13)
    other_code = report("b:0", "b", 13, cameo="190")  # different base code
    same_base = report("c:0", "c", 13, cameo="1381")  # 138 != 130
    far = report("d:0", "d", 20)  # 7 days later, window is 3
    other_dyad = report("e:0", "e", 13, target="GBR")
    reversed_dyad = report("f:0", "f", 13, source="UKR", target="RUS")
    unrelated = report("g:0", "g", 13, sentence="Russia threatened Ukraine gas pipeline tariffs")
    clusters = cluster_reports([base, other_code, same_base, far, other_dyad, reversed_dyad,
                                unrelated])  # fmt: skip
    assert len(clusters) == 7
    assert all(len(c.members) == 1 for c in clusters)


def test_base_code_groups_subcodes_and_window_is_inclusive():
    a = report("a:0", "a", 13, cameo="1382")
    b = report("b:0", "b", 16, cameo="1383")  # 3 days: inside the window
    (cluster,) = cluster_reports([a, b])
    assert cluster.representative.base_code == "138"


def test_single_linkage_chains_through_time():
    a = report("a:0", "a", 10)
    b = report("b:0", "b", 13)
    c = report("c:0", "c", 16)  # 6 days after a, 3 after b
    (cluster,) = cluster_reports([c, a, b])
    assert [m.uid for m in cluster.members] == ["a:0", "b:0", "c:0"]


def test_same_article_merges_and_undated_reports_stay_in_their_article():
    a = report("a:0", "a", 13, sentence="Russia threatened Ukraine")
    a2 = report("a:1", "a", 13, sentence="Completely different words here about gas")
    undated = report("u:0", "u", None)
    undated2 = report("u:1", "u", None)
    other_undated = report("v:0", "v", None)
    clusters = cluster_reports([a, a2, undated, undated2, other_undated])
    sizes = sorted(len(c.members) for c in clusters)
    assert sizes == [1, 2, 2]


def test_helpers():
    assert actor_key("RUSGOV", "RUS", "Kremlin", "the Kremlin") == "RUSGOV"
    assert actor_key(None, None, None, "The Protesters") == "the protesters"
    assert actor_key(None, None, None, None) == "-"
    assert news_source(None, "https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert news_source("Reuters", "https://x.org") == "Reuters"
    assert overlap(frozenset(), frozenset({"x"})) == 1.0
    words = evidence_words("Russia said on Monday it would deploy troops", "Russia", "deploy")
    assert words == {"monday", "troops"}


def _week(article, day, specs, outlet):
    sentences = ["Russia threatened Ukraine with troops at the border.",
                 "Russia attacked Ukraine near the border town."]  # fmt: skip
    return make_record(article, f"2021-12-{day:02d}", sentences, specs, source=outlet)


def test_clusters_over_the_store(store):
    records = [
        _week("a1", 13, [Spec("Russia", "threatened", "Ukraine", "130")], "Wire A"),
        _week("a2", 14, [Spec("Russia", "threatened", "Ukraine", "130")], "Wire B"),
        _week("a3", 14, [Spec("Russia", "threatened", "Ukraine", "130")], "Wire B"),
        _week("a4", 14, [Spec("Russia", "attacked", "Ukraine", "190", sentence=1)], "Wire A"),
    ]
    store.write_records(records, versions=VERSIONS, stamp="s")
    assert store.clusters_stale()
    assert store.update_clusters() == 2
    assert not store.clusters_stale()
    rows = store.dicts("SELECT * FROM event_clusters ORDER BY base_code")
    threat, attack = rows
    assert (threat["base_code"], threat["num_reports"], threat["num_articles"],
            threat["num_sources"]) == ("130", 3, 3, 2)  # fmt: skip
    assert threat["representative_uid"] == "a1:0"
    assert str(threat["first_date"]) == "2021-12-13"
    assert str(threat["last_date"]) == "2021-12-14"
    assert (attack["base_code"], attack["num_reports"]) == ("190", 1)
    assert store.count("cluster_members") == 4
    # a narrower window splits nothing here; a zero overlap threshold merges nothing new
    assert store.update_clusters(window_days=0) == 3
