"""The change engine's bulk GeoPackage reader gives, row by row, what the feature-by-feature QGIS reader
gives (issue 25): NULLs, Chinese text, padded text, dates, integers and reals, a CRS other than the work
CRS; and the bulk reader is refused where QGIS is needed (filters, unsaved edits)."""

import math

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

ROWS = [
    # site_id, name, category, staff, opened, score, lon, lat (EPSG:4490)
    ("S011", "安亭汽车城服务站", "service_station", 12, "2025-06-30", 3.5, 121.16, 31.29),
    ("S012", None, "enterprise", None, None, None, 121.17, 31.30),
    ("  S013 ", "  社区 中心  ", "facility", 0, "2024-01-02", -1.25, 121.18, 31.28),
    ("站点-014", "Café ü", None, 7, "2023-12-31", 2.0, None, None),
    (None, "", "school", 3, "2026-02-28", 1e6, 121.19, 31.27),
]


@pytest.fixture
def gpkg(tmp_path):
    """A hand-built GeoPackage of sites in EPSG:4490 (lon/lat), not the work CRS."""
    from osgeo import ogr, osr

    path = str(tmp_path / "hand.gpkg")
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    layer = dataset.CreateLayer("sites", srs, ogr.wkbPoint)
    for name, kind in (
        ("site_id", ogr.OFTString),
        ("name", ogr.OFTString),
        ("category", ogr.OFTString),
        ("staff", ogr.OFTInteger),
        ("opened", ogr.OFTDate),
        ("score", ogr.OFTReal),
    ):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for row in ROWS:
        feature = ogr.Feature(layer.GetLayerDefn())
        for i, value in enumerate(row[:6]):
            if value is None:
                feature.SetFieldNull(i)
            elif i == 4:
                y, m, d = (int(p) for p in value.split("-"))
                feature.SetField(i, y, m, d, 0, 0, 0, 0)
            else:
                feature.SetField(i, value)
        if row[6] is not None:
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(row[6], row[7])
            feature.SetGeometry(point)
        layer.CreateFeature(feature)
    dataset = None
    return path


def both(layer, fields, key="site_id"):
    from beltmap.core.changes import sites

    feedback = QgsProcessingFeedback()
    context = QgsCoordinateTransformContext()
    where = sites.bulk_table(layer)
    assert where is not None
    bulk = sites._read_arrow(where, layer, key, fields, context, feedback)  # noqa: SLF001
    qgis = sites._read_qgis(layer, key, fields, context, feedback)  # noqa: SLF001
    assert bulk is not None, "the bulk reader refused a whole GeoPackage layer"
    return bulk, qgis


def test_bulk_reader_equals_the_feature_reader_row_by_row(gpkg):
    layer = QgsVectorLayer(gpkg + "|layername=sites", "sites", "ogr")
    assert layer.isValid()
    fields = ["site_id", "name", "category", "staff", "opened", "score"]
    bulk, qgis = both(layer, fields)
    assert bulk.n == qgis.n == len(ROWS)
    for i in range(len(ROWS)):
        assert bulk.key(i) == qgis.key(i), i
        assert bulk.category[i] == qgis.category[i], i
        assert bulk.names[i] == qgis.names[i], i
        for k, name in enumerate(fields):
            assert bool(bulk.nulls[k][i]) == bool(qgis.nulls[k][i]), (i, name)
            assert bulk.value(i, k) == qgis.value(i, k), (i, name, bulk.value(i, k), qgis.value(i, k))
        got, want = bulk.xy[i], qgis.xy[i]
        if math.isnan(want[0]):
            assert np.isnan(got).all(), i
        else:
            assert np.allclose(got, want, atol=1e-6), (i, got, want)
    assert bulk.key(0) == "S011" and bulk.key(2) == "S013" and bulk.key(4) is None
    assert bulk.names[0] == "安亭汽车城服务站" and bulk.names[2] == "社区 中心"
    assert 4e5 < bulk.xy[0, 0] < 8e5  # metres in EPSG:4549, not degrees


def test_bulk_reader_is_used_only_for_a_whole_unedited_layer(gpkg):
    from beltmap.core.changes.sites import bulk_table

    layer = QgsVectorLayer(gpkg + "|layername=sites", "sites", "ogr")
    assert bulk_table(layer) is not None
    filtered = QgsVectorLayer(gpkg + "|layername=sites", "sites", "ogr")
    filtered.setSubsetString("staff > 1")
    assert bulk_table(filtered) is None
    edited = QgsVectorLayer(gpkg + "|layername=sites", "sites", "ogr")
    edited.startEditing()
    feature = QgsFeature(edited.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(121.2, 31.3)))
    edited.addFeature(feature)
    assert bulk_table(edited) is None
    edited.rollBack()
    assert bulk_table(edited) is not None


def test_edited_layer_is_read_with_its_edits(gpkg):
    from beltmap.core.changes.sites import read_sites

    edited = QgsVectorLayer(gpkg + "|layername=sites", "sites", "ogr")
    edited.startEditing()
    feature = QgsFeature(edited.fields())
    feature.setAttribute("site_id", "S099")
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(121.2, 31.3)))
    assert edited.addFeature(feature)
    feedback = QgsProcessingFeedback()
    table = read_sites(
        edited, "site_id", ["site_id"], QgsCoordinateTransformContext(), feedback, what="AFTER"
    )
    assert table.n == len(ROWS) + 1
    assert "S099" in [table.key(i) for i in range(table.n)]
    edited.rollBack()


def run_in_project(params):
    """beltchanges with the project in its context (a selection is found by layer id); (results, feedback)."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProject
    from tag_fixtures import Feedback

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    feedback = Feedback()
    return processing.run("beltmap:beltchanges", params, context=context, feedback=feedback), feedback


def test_beltchanges_reads_whole_layers_in_bulk_and_a_selection_through_qgis(provider, demo_gpkg):
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProject
    from test_belt_changes import run_changes

    sites = "{}|layername=sites".format(demo_gpkg)
    zones = "{}|layername=zones".format(demo_gpkg)
    params = {"BEFORE_SITES": sites, "BEFORE_ZONES": zones, "AFTER_SITES": sites, "AFTER_ZONES": zones}
    results, _tables, feedback = run_changes(params)
    assert results["UNCHANGED_COUNT"] == 268
    assert any("BEFORE: 268 sites read in bulk" in m for m in feedback.messages), feedback.messages
    assert any("AFTER: 268 sites read in bulk" in m for m in feedback.messages)
    layer = QgsVectorLayer(sites, "sites", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        layer.selectByIds(layer.allFeatureIds()[:100])
        selected = QgsProcessingFeatureSourceDefinition(layer.id(), True)
        results, feedback = run_in_project(dict(params, AFTER_SITES=selected))
        assert results["REMOVED_COUNT"] == 168
        assert any("AFTER: 100 sites read feature by feature" in m for m in feedback.messages)
        assert any("BEFORE: 268 sites read in bulk" in m for m in feedback.messages)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_only_site_changes_skips_the_deltas(provider, demo_gpkg, tmp_path):
    from test_belt_changes import run_changes

    out = tmp_path / "sites.gpkg"
    params = {"BEFORE": str(demo_gpkg), "AFTER": str(demo_gpkg), "SITE_CHANGES": str(out)}
    params.update({name: None for name in ("SITE_MOVES", "ZONE_CHANGES", "ZONE_DELTAS")})
    results, _tables, feedback = run_changes(params)
    assert results["UNCHANGED_COUNT"] == 268 and out.exists()
    assert any("not computed" in m for m in feedback.messages), feedback.messages
    assert not results.get("ZONE_DELTAS")


def test_past_the_limit_the_report_csv_lists_only_changed_sites(provider, demo_gpkg, tmp_path, monkeypatch):
    """For a million sites the report's site_changes.csv lists the changed ones; SITE_CHANGES keeps all
    (the limit lowered here so the demo's 268 sites are past it)."""
    import csv

    import demo_next_year
    from beltmap.core.change_report import report
    from test_belt_changes import run_changes

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    monkeypatch.setattr(report, "ALL_SITES_IN_CSV", 100)
    folder = tmp_path / "report"
    results, tables, feedback = run_changes(
        {"BEFORE": str(demo_gpkg), "AFTER": str(after), "REPORT_FOLDER": str(folder)}
    )
    with open(folder / "site_changes.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    everyone = tables["SITE_CHANGES"]
    changed = [r for r in everyone if r["change"] != "unchanged"]
    assert 0 < len(changed) < len(everyone)
    assert len(rows) == len(changed) and all(r["change"] != "unchanged" for r in rows)
    assert sorted(r["key"] for r in rows) == sorted(str(r["key"]) for r in changed)
    assert any("lists only the {} changed sites".format(len(changed)) in m for m in feedback.messages)
