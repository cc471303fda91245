"""CAMEO code attributes, the PLOVER mapping and the intent/refusal counterparts."""

from __future__ import annotations

from eventwire.events.codes import PLOVER_DERIVED, cameo_info, parse_cameo2plover, plover_for
from eventwire.events.intent import intent_code, refusal_code


def test_cameo_info_uses_gdelt_goldstein_and_conventional_quad_classes():
    sanctions = cameo_info("163")
    assert (sanctions.root, sanctions.goldstein, sanctions.quad_class) == ("16", -8.0, 4)
    assert cameo_info("016").goldstein == -2.0  # deny responsibility, CAMEO 1.1b3
    assert cameo_info("0110").goldstein == -0.1  # GDELT lacks it: the Parus value
    assert [cameo_info(c).quad_class for c in ("010", "073", "130", "190")] == [1, 2, 3, 4]


def test_codes_outside_cameo_keep_their_root_without_a_score():
    assert cameo_info("1952").goldstein == cameo_info("195").goldstein  # nearest parent
    odd = cameo_info("+++")
    assert (odd.goldstein, odd.quad_class) == (None, None)


def test_plover_mapping_parses_and_falls_back_to_the_parent_code():
    table = parse_cameo2plover(
        "16: SANCTION\n163: COERCE, restrict,   diplomatic # Impose embargo\n"
        "# a comment\n163: SANCTION, , # a later duplicate is ignored\n"
    )
    assert (table["163"].type, table["163"].mode, table["163"].context) == (
        "COERCE",
        "restrict",
        "diplomatic",
    )
    assert table["16"].mode is None


def test_plover_for_reads_the_derived_table_when_present():
    if not PLOVER_DERIVED.is_file():
        return
    assert plover_for("190").type == "ASSAULT"
    assert plover_for("0331").type == "AGREE"
    assert plover_for("010") is None  # statements have no PLOVER type


def test_intent_and_refusal_counterparts():
    assert intent_code("073") == "0333"  # will provide humanitarian aid
    assert intent_code("042") == "036"  # will visit: intent to meet
    assert intent_code("163") == "1312"  # will impose sanctions: threat of sanctions
    assert intent_code("190") == "1384"  # will attack: threat of conventional attack
    assert intent_code("112") is None  # verbal conflict has no intent form
    assert refusal_code("040") == "125"  # will not meet
    assert refusal_code("0841") == "1243"  # will not release
    assert refusal_code("190") is None
