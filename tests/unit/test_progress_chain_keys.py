"""The chain indicators of the progress (issue 27): chain_inside:<leader> and chain_within<R>:<leader>
parsed from the targets table, and a year's chain summary / links CSVs read into per-leader shares."""

import pytest
from beltmap.core.programme.chains import ChainTablesError, leader_text, parse_chain_tables
from beltmap.core.programme.indicators import known_keys, parse_indicator
from beltmap.core.programme.targets import indicator_key, parse_targets


@pytest.mark.parametrize(
    "text, kind, leader, radius",
    [
        ("chain_inside:S001", "chain_inside", "S001", None),
        ("CHAIN_INSIDE:S001", "chain_inside", "S001", None),
        ("chain_within5:S001", "chain_within", "S001", 5.0),
        ("chain_within2.5:上汽大众", "chain_within", "上汽大众", 2.5),
        ("chain_within30:s006", "chain_within", "s006", 30.0),
    ],
)
def test_chain_keys_parse(text, kind, leader, radius):
    spec = parse_indicator(text)
    assert spec is not None and spec.chain
    assert (spec.kind, spec.leader, spec.radius, spec.unit) == (kind, leader, radius, "%")
    assert spec.key.endswith(":" + leader) and spec.key.startswith("chain_")
    assert leader in spec.label_zh


@pytest.mark.parametrize(
    "text", ["chain_inside", "chain_inside:", "chain_within:S001", "chain_within0:S001", "chain_withinx:S1"]
)
def test_bad_chain_keys_are_unknown(text):
    assert parse_indicator(text) is None


def test_other_indicators_are_not_chains():
    assert not parse_indicator("sites").chain and not parse_indicator("cov500").chain


def test_known_keys_list_the_chain_indicators():
    keys = known_keys()
    assert "chain_inside:<leader>" in keys and "chain_within<R>:<leader>" in keys


def test_targets_keep_the_leaders_key_as_written():
    assert indicator_key("Chain_Within5：S001") == "chain_within5:S001"
    assert indicator_key("Sites:Enterprise") == "sites:enterprise"
    (target,) = parse_targets(
        ["指标", "范围", "目标年份", "目标值"], [(2, ["chain_inside: S001", "全带", "2030", "80"])], "t.csv"
    )
    assert target.indicator == "chain_inside:S001"


def test_leader_text_folds_width_case_spaces_and_the_formula_mark():
    assert leader_text("Ｓ００１") == leader_text("s001") == leader_text(" S 001 ")
    assert leader_text("'-S1") == leader_text("-S1")


SUMMARY = (
    "\ufeffleader,leader_name,chain,year,links,partners,new_partners,inside,inside_share,within_5km,"
    "within_30km,median_m\n"
    "S001,上海汽车城站,,,5,4,,3,0.75,3,4,3000\n"
    "S001,上海汽车城站,整车,,2,2,,1,0.5,1,2,3000\n"
    "S001,上海汽车城站,,2021,1,1,1,1,1.0,1,1,100\n"
    "S006,上汽大众安亭基地,,,1,1,,,,0,1,9000\n"
)
LINKS = (
    "row,from_key,from_name,to_key,to_name,distance_m\n"
    "2,S001,a,S002,b,800\n"
    "3,S003,c,S001,a,1500\n"
    "4,S001,a,S004,d,4000\n"
    "5,S001,a,S005,e,12000\n"
    "6,S004,d,S001,a,4000\n"
)


def test_summary_overall_rows_give_the_shares():
    year = parse_chain_tables(SUMMARY, LINKS, "chain_summary.csv")
    leader = year.leader("s001")
    assert leader is year.leader("上海汽车城站") and leader.partners == 4
    assert leader.share_inside() == 75.0
    assert leader.share_within(5) == 75.0 and leader.share_within(30) == 100.0
    # a radius the summary lacks: from the links' distances (each partner once)
    assert leader.share_within(1) == 25.0 and leader.share_within(2) == 50.0
    assert leader.share_within(3.95) == 50.0 and leader.share_within(4) == 75.0
    assert year.leader("S006").share_inside() is None  # no belt: inside unknown
    assert year.leader("S099") is None


def test_without_links_csv_an_unlisted_radius_is_missing():
    year = parse_chain_tables(SUMMARY, None, "chain_summary.csv")
    assert year.leader("S001").share_within(5) == 75.0
    assert year.leader("S001").share_within(1) is None


def test_summary_without_its_columns_is_refused():
    with pytest.raises(ChainTablesError, match="chain_summary.csv.*partners"):
        parse_chain_tables("leader,leader_name,chain,year,inside\n", None, "chain_summary.csv")
