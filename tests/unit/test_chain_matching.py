"""core/chains without QGIS: the links table's columns (English and Chinese), relation words, matching
by key then normalised name with every unmatched reason, measures per leader, chain, year and zone."""

import math

import pytest
from beltmap.core.chains.links import LinksTableError, find_columns, parse_year, read_links, relation_key
from beltmap.core.chains.matching import (
    AMBIGUOUS,
    NO_POSITION,
    NOT_FOUND,
    SELF,
    Firms,
    match_links,
    normalise_name,
    resolve_leaders,
)
from beltmap.core.chains.measures import (
    EndTags,
    arc_points,
    default_leaders,
    headline,
    leader_links,
    link_rows,
    summary_columns,
    summary_rows,
    zone_rows,
)


def test_headers_in_english_and_chinese():
    assert find_columns(["From", "TO", "Relation", "chain"]) == {
        "from": 0,
        "to": 1,
        "relation": 2,
        "chain": 3,
    }
    found = find_columns(["起点", "终点", "关系", "产业链", "起始年份", "签约日期", "备注"])
    assert found == {"from": 0, "to": 1, "relation": 2, "chain": 3, "since": 4, "signed": 5, "note": 6}


def test_missing_from_to_names_the_headers_found():
    with pytest.raises(LinksTableError, match="no from / to column.*firm, supplier, 关系"):
        find_columns(["firm", "supplier", "关系"])


@pytest.mark.parametrize(
    "word, key",
    [("供应", "supplier"), ("Supplier", "supplier"), ("客户", "customer"), ("合作", "partner"),
     ("研发", "research"), ("R&D", "research"), ("服务", "service"), ("供应关系", "supplier"),
     ("", "other"), ("亲戚", "other")],
)  # fmt: skip
def test_relation_words(word, key):
    assert relation_key(word) == key


def test_years():
    assert parse_year("2021年") == 2021
    assert parse_year(2019.0) == 2019
    assert parse_year("2022-05-18") == 2022
    assert parse_year("") is None and parse_year("abc") is None


def test_empty_rows_are_counted_and_signed_gives_the_year():
    rows = [(2, ["A", "B", "供应", "整车", "", "2023-04-01"]), (3, ["", "", "", "", "", ""]),
            (5, ["A", "C", "customer", "整车", "2020", ""])]  # fmt: skip
    table = read_links(["from", "to", "relation", "chain", "since", "signed"], rows)
    assert [link.row for link in table.links] == [2, 5]
    assert table.empty_rows == 2  # row 3 empty, row 4 skipped by the reader (a gap)
    assert table.links[0].since == 2023 and table.links[1].since == 2020


def test_full_width_names_and_spaces_match():
    assert normalise_name("ＡＢＣ 汽车　１号") == normalise_name("abc汽车1号")


def _firms():
    firms = Firms()
    firms.add("S1", "上汽大众", 0.0, 0.0)
    firms.add("S2", "Volvo Cars", 3000.0, 4000.0)
    firms.add("S3", "同名公司", 100.0, 0.0)
    firms.add("S4", "同名公司", 200.0, 0.0)
    firms.add("P1", "Far Supplier", 40000.0, 0.0, is_site=False)
    firms.add("P2", "No Geometry Ltd", None, None, is_site=False)
    return firms


def _links(pairs, relation="供应", chain="整车"):
    rows = [(n + 2, [a, b, relation, chain]) for n, (a, b) in enumerate(pairs)]
    return read_links(["from", "to", "relation", "chain"], rows).links


def test_every_unmatched_reason():
    firms = _firms()
    links = _links(
        [("S1", "volvo  cars"), ("S1", "同名公司"), ("S1", "nobody"), ("上汽大众", "S1"),
         ("S1", "P2"), ("", "S2"), ("Ｓ１", "P1")]
    )  # fmt: skip
    matched, unmatched = match_links(links, firms)
    assert [(u.row, u.reason) for u in unmatched] == [
        (3, AMBIGUOUS), (4, NOT_FOUND), (5, SELF), (6, NO_POSITION), (7, NOT_FOUND),
    ]  # fmt: skip
    assert "S3" in unmatched[0].detail and "S4" in unmatched[0].detail
    assert [link.row for link in matched.links] == [2, 8]
    assert list(matched.to_index) == [1, 4]


def test_leaders_resolved_by_key_or_name():
    found, missing = resolve_leaders(["S1", "Volvo Cars", "同名公司", "ghost"], _firms())
    assert found == [0, 1]
    assert len(missing) == 2 and "ghost" in missing[1]


def test_measures_per_leader_chain_year_and_zone():
    firms = _firms()
    rows = [(2, ["S1", "S2", "供应", "整车", "2021"]), (3, ["S1", "S3", "研发", "电池", "2023"]),
            (4, ["S1", "P1", "客户", "整车", "2023"]), (5, ["S2", "S1", "合作", "整车", ""])]  # fmt: skip
    links = read_links(["from", "to", "relation", "chain", "since"], rows).links
    matched, unmatched = match_links(links, firms)
    assert not unmatched
    tags = {
        0: EndTags("Z1", "汽车城", "park", 1),
        1: EndTags("Z2", "安亭新镇", "community", 1),
        2: EndTags("Z1", "汽车城", "park", 1),
        4: EndTags(None, None, None, 0),
    }
    lines = link_rows(matched, firms, tags)
    assert lines[0]["distance_m"] == 5000.0
    assert lines[0]["cross_type"] == "园区 → 社区" and lines[0]["in_belt"] == 1
    assert lines[2]["in_belt"] == 0 and lines[2]["cross_type"] == "园区 → 区外"
    leaders = default_leaders(matched)
    assert leaders == [0, 1]
    summary = summary_rows(matched, firms, tags, leaders, (5, 30))
    assert set(summary[0]) - {"_leader"} == set(summary_columns((5, 30)))
    s1 = summary[0]
    assert (s1["leader"], s1["chain"], s1["links"], s1["partners"], s1["inside"]) == ("S1", "", 4, 3, 2)
    assert s1["inside_share"] == round(2 / 3, 4)
    assert s1["within_5km"] == 2 and s1["within_30km"] == 2
    assert s1["median_m"] == 5000.0
    assert s1["n_supplier"] == 1 and s1["n_partner"] == 1 and s1["n_research"] == 1 and s1["n_customer"] == 1
    assert s1["zone_types"] == "社区、园区"
    by_chain = {r["chain"]: r for r in summary if r["leader"] == "S1" and r["year"] is None}
    assert by_chain["整车"]["partners"] == 2 and by_chain["电池"]["partners"] == 1
    years = [(r["year"], r["partners"], r["new_partners"], r["inside"]) for r in summary if r["year"]]
    assert years[:2] == [(2021, 1, 1, 1), (2023, 3, 2, 2)]
    share = headline(leader_links(matched, leaders), tags)
    assert share == 0.75  # S2, S3 and S1 (partner of leader S2) in the belt, P1 not
    zones = {
        z["zone_id"]: z for z in zone_rows(lines, [("Z1", "汽车城", "park"), ("Z2", "安亭新镇", "community")])
    }
    assert zones["Z1"]["links_from"] == 3 and zones["Z1"]["links_inside"] == 1
    assert zones["Z1"]["links_leaving_belt"] == 1 and zones["Z1"]["links_other_zone"] == 2
    assert zones["Z2"]["links_to"] == 1 and zones["Z2"]["links_from"] == 1


def test_arcs_keep_their_ends_and_two_way_links_part():
    there = arc_points(0, 0, 1000, 0)
    back = arc_points(1000, 0, 0, 0)
    assert there[0] == (0, 0) and there[-1] == (1000, 0)
    middle, middle_back = there[len(there) // 2], back[len(back) // 2]
    assert middle[1] > 50 and middle_back[1] < -50
    assert math.isclose(middle[0], 500, abs_tol=1e-6)
