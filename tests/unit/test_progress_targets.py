"""The targets table (core/programme/targets.py) and the year labels (core/base/year_labels.py)."""

import pytest
from beltmap.core.base import year_labels
from beltmap.core.programme.indicators import known_keys, parse_indicator
from beltmap.core.programme.scopes import resolve_scope
from beltmap.core.programme.targets import TargetsError, parse_targets
from beltmap.core.site_import.table import read_table


def rows(*cells):
    return [(n + 2, list(c)) for n, c in enumerate(cells)]


def test_english_and_chinese_headers_give_the_same_targets():
    english = parse_targets(
        ["indicator", "scope", "target_year", "target", "direction", "unit"],
        rows(["sites", "Z1", "2030", "8", "increase", "个"]),
        "t.csv",
    )
    chinese = parse_targets(
        ["指标", "范围", "目标年份", "目标值", "方向", "单位"],
        rows(["sites", "Z1", 2030, 8.0, "提高", "个"]),
        "t.csv",
    )
    assert english[0].target == chinese[0].target == 8.0
    assert english[0].target_year == chinese[0].target_year == 2030 and chinese[0].unit == "个"


def test_gbk_csv_with_chinese_headers_reads(tmp_path):
    path = tmp_path / "目标.csv"
    path.write_bytes("指标,范围,目标年份,目标值,方向\nsites,园区,2030,80,降低\n".encode("gbk"))
    table = read_table(str(path))
    targets = parse_targets(table.headers, list(table.rows), "目标.csv")
    assert targets[0].scope == "园区" and targets[0].direction_word == "降低"


def test_missing_columns_named_in_both_languages():
    with pytest.raises(TargetsError, match=r"target_year, target \(缺少列：目标年份、目标值\)"):
        parse_targets(["indicator", "scope"], rows(["sites", "Z1"]), "t.csv")


@pytest.mark.parametrize(
    "cells, message",
    [
        (["sites", "Z1", "2030", "many"], r"t.csv row 2: the target 'many' is not a number"),
        (["sites", "Z1", "soon", "8"], r"row 2: the target_year 'soon' is not a year"),
        (
            ["sites", "Z1", "2030", "8", "2030"],
            r"row 2: target_year 2030 is not after the baseline year 2030",
        ),
        (["sites", "Z1", "2030", "8", "", "sideways"], r"row 2: direction 'sideways'"),
        (["", "Z1", "2030", "8"], r"row 2: indicator and scope must be given"),
    ],
)
def test_bad_rows_are_named(cells, message):
    headers = ["indicator", "scope", "target_year", "target", "baseline_year", "direction"]
    with pytest.raises(TargetsError, match=message):
        parse_targets(headers, rows(cells), "t.csv")


def test_indicators_known_and_unknown():
    assert parse_indicator("cov300").radius == 300 and parse_indicator("cov300").kind == "coverage"
    assert parse_indicator("sites:enterprise").category == "enterprise"
    assert parse_indicator("walk_mean").decrease and parse_indicator("walk").decrease
    assert parse_indicator("d_enterp").category == "enterprise"
    assert parse_indicator("index").kind == "index" and parse_indicator("lum").kind == "lum"
    assert parse_indicator("happiness") is None
    assert {"sites", "density", "cov<R>", "walk_mean", "index", "d_svc", "lum"} <= set(known_keys())


def test_scopes():
    ids = ["Z1", "Z2"]
    assert resolve_scope("全带", ids).kind == "belt" and resolve_scope("belt", ids).kind == "belt"
    assert resolve_scope("Z2", ids).kind == "zone"
    assert resolve_scope("园区", ids).key == "park" and resolve_scope("park", ids).key == "park"
    assert resolve_scope("Z9", ids) is None


def test_year_labels():
    assert year_labels.year_label({"label": "2025"}, "/x/belt_2024") == "2025"
    assert year_labels.year_label({"year": 2025}, "/x/belt") == "2025"
    assert year_labels.year_label({}, "/x/belt_2024.zip") == "2024"
    assert year_labels.year_label({}, "/x/belt_2024/") == "2024"
    assert year_labels.year_label({"created": "2026-01-01"}, "/x/belt") == ""  # never the export date
    assert year_labels.year_in_name("belt_20241.gpkg") == ""
    assert year_labels.as_year("2025 (revised)") == 2025
    assert year_labels.split_labels("2024, 2025，2026") == ["2024", "2025", "2026"]
    with pytest.raises(year_labels.YearLabelError, match=r"same label '2026': a.zip and b"):
        year_labels.check_unique(["2026", "2026"], ["a.zip", "b"])
    with pytest.raises(year_labels.YearLabelError, match=r"c: no year label"):
        year_labels.check_unique(["2026", ""], ["a.zip", "c"])
