"""The shipped demo GeoPackage: layers, fields, CRS, counts, validity, metadata, reproducibility."""

import subprocess
import sys

import pytest
from beltmap.core.base.zone_types import ZONE_KEYS
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

LAYERS = ("belt", "zones", "sites", "roads")
REQUIRED_FIELDS = {
    "belt": {"name", "name_en", "area_km2"},
    "zones": {"zone_id", "name", "name_en", "zone_type", "note"},
    "sites": {"site_id", "name", "name_en", "category", "cat_zh", "approx"},
    "roads": {"name", "name_en", "highway", "osm_id"},
}
BBOX = QgsRectangle(121.16, 31.265, 121.22, 31.300)


def open_layer(path, name) -> QgsVectorLayer:
    """One layer of a GeoPackage, checked to be valid."""
    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid(), "layer {} missing from {}".format(name, path)
    return layer


def layer_content(path, name):
    """Every feature of a layer as (attributes, geometry WKB), in fid order."""
    return [
        (feature.attributes(), bytes(feature.geometry().asWkb()))
        for feature in open_layer(path, name).getFeatures()
    ]


@pytest.mark.parametrize("name", LAYERS)
def test_layer_fields_crs_and_valid_geometry(qgis_app, demo_gpkg, name):
    layer = open_layer(demo_gpkg, name)
    assert REQUIRED_FIELDS[name] <= set(layer.fields().names())
    assert all(field.isascii() for field in layer.fields().names())
    assert layer.crs().authid() == "EPSG:4490"
    assert layer.featureCount() > 0
    invalid = [f.id() for f in layer.getFeatures() if not f.geometry().isGeosValid()]
    assert invalid == []


def test_belt_area_and_extent(qgis_app, demo_gpkg):
    layer = open_layer(demo_gpkg, "belt")
    assert layer.featureCount() == 1
    belt = next(layer.getFeatures())
    assert "示意" in belt["name"]
    assert BBOX.contains(belt.geometry().boundingBox())
    geometry = belt.geometry()
    to_4549 = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:4549"), QgsProject.instance()
    )
    geometry.transform(to_4549)
    assert 9.5 <= geometry.area() / 1e6 <= 10.5
    assert belt["area_km2"] == pytest.approx(geometry.area() / 1e6, abs=0.01)
    ellipsoidal = QgsDistanceArea()
    ellipsoidal.setEllipsoid("EPSG:7019")  # GRS 1980, the CGCS2000 ellipsoid: a cross-check of the projection
    ellipsoidal.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    assert ellipsoidal.measureArea(belt.geometry()) / 1e6 == pytest.approx(geometry.area() / 1e6, rel=0.01)


def test_zones_types_ids_and_overlaps(qgis_app, demo_gpkg):
    zones = list(open_layer(demo_gpkg, "zones").getFeatures())
    belt = next(open_layer(demo_gpkg, "belt").getFeatures()).geometry()
    assert 20 <= len(zones) <= 40
    types = [zone["zone_type"] for zone in zones]
    assert set(types) == set(ZONE_KEYS)
    ids = [zone["zone_id"] for zone in zones]
    assert len(set(ids)) == len(ids) and all(i.startswith("Z") for i in ids)
    assert all(zone["name"] for zone in zones)
    assert all(belt.buffer(1e-6, 4).contains(zone.geometry()) for zone in zones)
    overlaps = [
        (a["zone_id"], b["zone_id"])
        for i, a in enumerate(zones)
        for b in zones[i + 1 :]
        if a["zone_type"] != b["zone_type"] and a.geometry().intersection(b.geometry()).area() > 0
    ]
    assert len(overlaps) >= 2


def test_sites_counts_categories_and_placement(qgis_app, demo_gpkg):
    sites = list(open_layer(demo_gpkg, "sites").getFeatures())
    assert 150 <= len(sites) <= 400
    assert all(site["name"] and site["category"] for site in sites)
    categories = {site["category"] for site in sites}
    assert len(categories) >= 5
    assert {"service_station", "enterprise", "institute"} <= categories
    zones = [zone.geometry() for zone in open_layer(demo_gpkg, "zones").getFeatures()]
    belt = next(open_layer(demo_gpkg, "belt").getFeatures()).geometry()
    in_zone = [s for s in sites if any(z.intersects(s.geometry()) for z in zones)]
    outside = [s for s in sites if not belt.intersects(s.geometry())]
    assert len(in_zone) > len(sites) / 2
    assert 3 <= len(outside) <= 12
    assert len(sites) - len(in_zone) - len(outside) >= 5  # in the belt, in no zone
    on_edge = [s for s in sites if any(z.touches(s.geometry()) for z in zones)]
    assert len(on_edge) >= 2
    approximate = [s for s in sites if s["approx"] == 1]
    assert approximate and all("(位置近似)" in s["name"] for s in approximate)


def test_build_script_reproduces_the_shipped_file(qgis_app, demo_gpkg, repo_dir, tmp_path):
    out = tmp_path / "demo_belt.gpkg"
    subprocess.run(
        [sys.executable, str(repo_dir / "scripts" / "build_demo.py"), "--out", str(out)],
        check=True,
        cwd=str(tmp_path),
        capture_output=True,
    )
    for name in LAYERS:
        assert layer_content(out, name) == layer_content(demo_gpkg, name), name
