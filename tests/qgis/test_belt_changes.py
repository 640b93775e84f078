"""`beltmap:beltchanges` (issue 18): hand-built years with known changes, bad input, both CRSs."""

import pytest
from change_fixtures import ZONES_BEFORE, sites, zones
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
)
from tag_fixtures import Feedback

OUTPUTS = ("SITE_CHANGES", "SITE_MOVES", "ZONE_CHANGES", "ZONE_DELTAS")


def run_changes(params, provider=None):
    """Run the algorithm with memory outputs; (results, {output: rows as dicts}, feedback)."""
    from qgis import processing

    context = QgsProcessingContext()
    feedback = Feedback()
    params = dict(params)
    for name in OUTPUTS:
        params.setdefault(name, "TEMPORARY_OUTPUT")
    results = processing.run("beltmap:beltchanges", params, context=context, feedback=feedback)
    tables = {}
    for name in OUTPUTS:
        layer = results.get(name)
        if isinstance(layer, str):
            layer = context.getMapLayer(layer)
        if layer is None:
            continue
        rows = []
        for feature in layer.getFeatures():
            row = {
                k: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                for k, v in zip(layer.fields().names(), feature.attributes())
            }
            row["_geometry"] = feature.geometry()
            rows.append(row)
        tables[name] = rows
    return results, tables, feedback


def years(before_sites, after_sites, before_zones=ZONES_BEFORE, after_zones=ZONES_BEFORE, **extra):
    """Parameters comparing two years given as layers."""
    params = {
        "BEFORE_SITES": sites(before_sites),
        "AFTER_SITES": sites(after_sites),
        "BEFORE_ZONES": zones(before_zones),
        "AFTER_ZONES": zones(after_zones),
    }
    params.update(extra)
    return params


def by_key(rows):
    return {row["key"]: row for row in rows}


E = "enterprise"


def test_moved_3_m_is_unchanged_and_12_m_is_moved_with_tolerance_10(provider):
    before = [(100, 100, ["S1", "a", E]), (200, 200, ["S2", "b", E])]
    after = [(103, 100, ["S1", "a", E]), (212, 200, ["S2", "b", E])]
    results, tables, _ = run_changes(years(before, after, TOLERANCE=10))
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == "unchanged"
    assert rows["S2"]["change"] == "moved"
    assert rows["S2"]["moved_m"] == pytest.approx(12.0)
    assert results["MOVED_COUNT"] == 1 and results["UNCHANGED_COUNT"] == 1
    (move,) = tables["SITE_MOVES"]
    assert move["key"] == "S2"
    assert move["_geometry"].length() == pytest.approx(12.0)


def test_unkeyed_sites_match_by_position_within_tolerance_and_same_category(provider):
    before = [(100, 100, [None, "a", E]), (300, 300, [None, "b", E]), (500, 500, [None, "c", E])]
    after = [(104, 100, [None, "a", E]), (312, 300, [None, "b", E]), (500, 500, [None, "c", "school"])]
    results, tables, _ = run_changes(years(before, after))
    changes = sorted(
        (r["name"], r["category"], r["change"], r["matched_by"] or "") for r in tables["SITE_CHANGES"]
    )
    assert changes == [
        ("a", E, "unchanged", "position"),
        ("b", E, "added", ""),
        ("b", E, "removed", ""),
        ("c", E, "removed", ""),
        ("c", "school", "added", ""),
    ]
    assert results["ADDED_COUNT"] == 2 and results["REMOVED_COUNT"] == 2


def test_swapped_keys_follow_the_keys(provider):
    before = [(100, 100, ["S1", "a", E]), (500, 500, ["S2", "b", E])]
    after = [(500, 500, ["S1", "a", E]), (100, 100, ["S2", "b", E])]
    results, tables, _ = run_changes(years(before, after))
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == rows["S2"]["change"] == "moved"
    assert rows["S1"]["moved_m"] == pytest.approx(565.69, abs=0.01)
    assert results["MOVED_COUNT"] == 2


def test_a_null_key_is_matched_by_position(provider):
    before = [(100, 100, ["S1", "a", E]), (200, 200, ["S2", "b", E])]
    after = [(101, 100, [None, "a", E]), (200, 200, ["S2", "b", E])]
    results, tables, _ = run_changes(years(before, after))
    rows = tables["SITE_CHANGES"]
    matched = [r for r in rows if r["name"] == "a"]
    assert len(matched) == 1
    assert matched[0]["matched_by"] == "position"
    assert matched[0]["change"] == "changed"
    assert matched[0]["fields_changed"] == "site_id: S1 → NULL"


def test_null_geometry_in_one_year_is_matched_by_key_and_counted(provider):
    before = [(100, 100, ["S1", "a", E]), (None, None, ["S2", "b", E])]
    after = [(None, None, ["S1", "a", E]), (None, None, ["S2", "b", E])]
    results, tables, feedback = run_changes(years(before, after))
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == "changed"
    assert rows["S1"]["fields_changed"] == "geometry: point → NULL"
    assert rows["S2"]["change"] == "unchanged"
    assert any("2 sites without geometry" in m for m in feedback.messages)


def test_zone_retyped_retags_its_sites_and_zone_deltas(provider):
    before = [(100, 100, ["S1", "a", E]), (150, 100, ["S3", "c", E]), (1500, 500, ["S2", "b", E])]
    after_zones = [ZONES_BEFORE[0], (1000, 0, 2000, 1000, ["Z2", "二社区", "street"])]
    results, tables, _ = run_changes(years(before, before, after_zones=after_zones))
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == "unchanged"
    assert rows["S2"]["change"] == "retagged"
    assert (rows["S2"]["zone_type_b"], rows["S2"]["zone_type_a"]) == ("community", "street")
    zone = {r["zone_id"]: r for r in tables["ZONE_CHANGES"]}
    assert zone["Z2"]["change"] == "retyped" and zone["Z1"]["change"] == "unchanged"
    assert results["RETAGGED_COUNT"] == 1 and results["ZONES_CHANGED_COUNT"] == 1
    deltas = {r["zone_id"]: r for r in tables["ZONE_DELTAS"]}
    assert deltas["Z2"]["sites_b"] == deltas["Z2"]["sites_a"] == 1
    assert deltas["Z2"]["score_scale"] == "pooled"


def test_split_and_merge(provider):
    before_zones = [
        (0, 0, 1000, 1000, ["Z1", "一园", "park"]),
        (1000, 0, 1500, 1000, ["Z2a", "二社区甲", "community"]),
        (1500, 0, 2000, 1000, ["Z2b", "二社区乙", "community"]),
    ]
    after_zones = [
        (0, 0, 500, 1000, ["Z1n", "一园北", "park"]),
        (500, 0, 1000, 1000, ["Z1s", "一园南", "park"]),
        (1000, 0, 2000, 1000, ["Z2", "二社区", "community"]),
    ]
    sites_both = [(100, 100, ["S1", "a", E]), (1200, 500, ["S2", "b", E])]
    results, tables, _ = run_changes(years(sites_both, sites_both, before_zones, after_zones))
    zone = {(r["zone_id"], r["year"]): r for r in tables["ZONE_CHANGES"]}
    assert zone[("Z1n", "after")]["change"] == "split" and zone[("Z1n", "after")]["related"] == "Z1"
    assert zone[("Z1s", "after")]["change"] == "split"
    assert zone[("Z2", "after")]["change"] == "merged" and zone[("Z2", "after")]["related"] == "Z2a;Z2b"
    assert zone[("Z1", "before")]["change"] == "split"
    assert zone[("Z2a", "before")]["change"] == "merged"
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == rows["S2"]["change"] == "retagged"


def test_reshaped_zone_reports_areas(provider):
    after_zones = [(0, 0, 1000, 1200, ["Z1", "一园", "park"]), ZONES_BEFORE[1]]
    results, tables, _ = run_changes(years([], [], after_zones=after_zones))
    zone = {r["zone_id"]: r for r in tables["ZONE_CHANGES"]}
    assert "reshaped" in zone["Z1"]["change"]
    assert zone["Z1"]["area_b_m2"] == pytest.approx(1e6) and zone["Z1"]["area_pct"] == pytest.approx(20.0)


def test_years_in_4326_and_4549_compare_in_the_work_crs(provider):
    before_rows = [(100, 100, ["S1", "a", E]), (200, 200, ["S2", "b", E])]
    after_rows = [(100, 100, ["S1", "a", E]), (220, 200, ["S2", "b", E])]
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    work = QgsCoordinateReferenceSystem("EPSG:4549")
    transform = QgsCoordinateTransform(work, wgs, QgsProject.instance().transformContext())
    before = sites(before_rows)
    moved = sites([])
    moved = sites(after_rows)
    # the after year reprojected to EPSG:4326
    from qgis import processing

    after_4326 = processing.run(
        "native:reprojectlayer", {"INPUT": moved, "TARGET_CRS": wgs, "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    zones_4326 = processing.run(
        "native:reprojectlayer",
        {"INPUT": zones(ZONES_BEFORE), "TARGET_CRS": wgs, "OUTPUT": "TEMPORARY_OUTPUT"},
    )["OUTPUT"]
    assert transform.isValid() and after_4326.crs().authid() == "EPSG:4326"
    params = {
        "BEFORE_SITES": before,
        "BEFORE_ZONES": zones(ZONES_BEFORE),
        "AFTER_SITES": after_4326,
        "AFTER_ZONES": zones_4326,
    }
    results, tables, _ = run_changes(params)
    rows = by_key(tables["SITE_CHANGES"])
    assert rows["S1"]["change"] == "unchanged"
    assert rows["S2"]["change"] == "moved" and rows["S2"]["moved_m"] == pytest.approx(20.0, abs=0.01)
    assert results["ZONES_CHANGED_COUNT"] == 0


def test_order_of_features_does_not_change_position_matching(provider):
    before = [(100, 100, [None, "a", E]), (104, 100, [None, "b", E]), (300, 300, [None, "c", E])]
    after = [(102, 100, [None, "b", E]), (102, 100, [None, "a", E]), (305, 300, [None, "c", E])]
    first = run_changes(years(before, after))[1]["SITE_CHANGES"]
    second = run_changes(years(list(reversed(before)), list(reversed(after))))[1]["SITE_CHANGES"]
    summary = sorted((r["name"], r["change"]) for r in first)
    assert summary == sorted((r["name"], r["change"]) for r in second)
    assert summary == [("a", "unchanged"), ("b", "unchanged"), ("c", "unchanged")]


def test_key_field_missing_in_one_year_stops_with_nothing_written(provider, tmp_path):
    from change_fixtures import SITE_FIELDS
    from qgis.PyQt.QtCore import QVariant

    other = sites([(100, 100, ["x", "a", E])], fields=[("code2", QVariant.String)] + SITE_FIELDS[1:])
    params = years([(100, 100, ["S1", "a", E])], [])
    params["AFTER_SITES"] = other
    params["KEY_FIELD"] = "site_id"
    params["SITE_CHANGES"] = str(tmp_path / "out.gpkg")
    with pytest.raises(QgsProcessingException, match="AFTER have no field|AFTER"):
        run_changes(params)
    assert not (tmp_path / "out.gpkg").exists()


def test_empty_year_and_duplicated_keys_are_said_plainly(provider):
    before = [(100, 100, ["S1", "a", E]), (200, 200, ["S1", "b", E])]
    results, tables, feedback = run_changes(years(before, []))
    assert results["REMOVED_COUNT"] == 2
    assert any("AFTER has no sites: every site is removed" in m for m in feedback.messages)
    assert any("duplicated keys, matched by position: S1" in m for m in feedback.messages)


def test_key_fields_of_different_types_are_compared_as_text(provider):
    from change_fixtures import SITE_FIELDS
    from qgis.PyQt.QtCore import QVariant

    numeric = [("site_id", QVariant.Int)] + SITE_FIELDS[1:]
    params = years([], [])
    params["BEFORE_SITES"] = sites([(100, 100, [7, "a", E])], fields=numeric)
    params["AFTER_SITES"] = sites([(100, 100, ["7", "a", E])])
    results, tables, feedback = run_changes(params)
    assert results["UNCHANGED_COUNT"] == 1
    assert any("compared as text" in m for m in feedback.messages)


def test_no_year_given_names_what_is_missing(provider):
    with pytest.raises(QgsProcessingException, match="BEFORE_SITES"):
        run_changes({"AFTER_SITES": sites([]), "AFTER_ZONES": zones(ZONES_BEFORE)})


def test_points_are_tagged_as_the_tagging_engine_does_boundaries_included(qgis_app, demo_gpkg):
    """The column-wise point tagging of core/changes gives the Tagger's zone for every point."""
    import numpy as np
    from beltmap.core.base.progress import Progress
    from beltmap.core.changes.zones import read_year_zones, tag_points
    from beltmap.core.tagging.rule import RULE_PRIORITY
    from beltmap.core.tagging.tagger import Tagger
    from qgis.core import QgsCoordinateTransformContext, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("{}|layername=zones".format(demo_gpkg), "zones", "ogr")
    zones = read_year_zones(layer, QgsCoordinateTransformContext(), "BEFORE", Progress())
    box = zones.shapes[0].boundingBox()
    for shape in zones.shapes[1:]:
        box.combineExtentWith(shape.boundingBox())
    rng = np.random.default_rng(18)
    points = [
        np.column_stack(
            [
                rng.uniform(box.xMinimum(), box.xMaximum(), 3000),
                rng.uniform(box.yMinimum(), box.yMaximum(), 3000),
            ]
        )
    ]
    for shape in zones.shapes[:10]:  # vertices and edge midpoints: on the boundary
        vertices = np.array([(v.x(), v.y()) for v in shape.vertices()])
        points += [vertices, (vertices[:-1] + vertices[1:]) / 2]
    xy = np.vstack(points)
    tagger = Tagger(zones.zone_set, RULE_PRIORITY)
    expected = [tagger.tag(QgsGeometry.fromPointXY(QgsPointXY(x, y))).choice for x, y in xy.tolist()]
    assert tag_points(zones, xy).tolist() == expected
    assert sum(1 for e in expected if e >= 0) > 1000
