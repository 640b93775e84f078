"""Zone summary rows without QGIS (core/zone_summary/counts.py): per zone, per zone type, untagged, total."""

import pytest
from beltmap.core.zone_summary.counts import ZoneInfo, category_columns, summarise


def test_summarise_counts_zones_types_untagged_and_total():
    zones = [
        ZoneInfo("Z1", "one", "park", 2e6),
        ZoneInfo("Z2", "two", "park", 1e6),
        ZoneInfo("Z3", "", "street", 5e5),
    ]
    features = [
        ("Z1", "park", "shop"),
        ("Z1", "park", "shop"),
        ("Z2", "park", "bank"),
        (None, None, "shop"),
        (None, None, None),
    ]
    rows, categories = summarise(features, zones, ["park", "street"])
    assert categories == ["bank", "shop", "(none)"]
    assert [(r.level, r.zone_id) for r in rows] == [
        ("zone", "Z1"),
        ("zone", "Z2"),
        ("zone", "Z3"),
        ("zone_type", None),
        ("zone_type", None),
        ("untagged", None),
        ("total", None),
    ]
    z1, _z2, z3, park, street, untagged, total = rows
    assert z1.counts == {"shop": 2} and z1.density == pytest.approx(1.0)
    assert z3.total == 0 and z3.density == 0
    assert park.zone_type == "park" and park.total == 3 and park.area_m2 == pytest.approx(3e6)
    assert street.total == 0
    assert untagged.counts == {"shop": 1, "(none)": 1} and untagged.density is None
    assert total.total == 5
    assert category_columns(["service_station", "Service station", "企业"]) == [
        ("n_service_station", "service_station"),
        ("n_service_station_2", "Service station"),
        ("n_other", "企业"),
    ]


def test_total_counts_each_feature_once_whatever_the_order():
    for features in ([("Z1", None, "a"), ("Z1", "park", "a")], [("Z1", "park", "a"), ("Z1", None, "a")]):
        rows, _categories = summarise(features, [], ["park"])
        assert rows[-1].level == "total" and rows[-1].counts == {"a": 2}
