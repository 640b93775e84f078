"""beltmap:servicecoverage reads a whole GeoPackage point layer in bulk and fills a GeoPackage output inside
SQLite: the output must be the very file the feature-by-feature path writes (fields, values, geometries,
FIDs), a valid GeoPackage whose layer is named after the file, whatever the edge rows."""

import shutil
import sqlite3
import subprocess
import sys

import pytest
from osgeo import ogr, osr
from tag_fixtures import Feedback

# GDAL's GeoPackage validator (python3-gdal)
VALIDATE = "osgeo_utils.samples.validate_gpkg"


def _edge_sites(demo_gpkg, tmp_path, spatial_index=True):
    """The demo sites in a GeoPackage of their own (EPSG:4490), plus a NULL geometry, an empty point and a
    site standing exactly on a station."""
    ogr.UseExceptions()
    path = tmp_path / "sites.gpkg"
    source = ogr.Open(str(demo_gpkg))
    target = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    options = ["SPATIAL_INDEX={}".format("YES" if spatial_index else "NO")]
    layer = target.CopyLayer(source.GetLayerByName("sites"), "sites", options)
    definition = layer.GetLayerDefn()
    station = next(f for f in layer if f.GetField("category") == "service_station")
    for geometry in (None, ogr.CreateGeometryFromWkt("POINT EMPTY"), station.GetGeometryRef().Clone()):
        feature = ogr.Feature(definition)
        feature.SetField("name", "edge")
        feature.SetField("category", "residential")
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    target = None
    return path


def _run(sites, output, feedback=None, roads=None):
    from qgis import processing

    return processing.run(
        "beltmap:servicecoverage",
        {"SITES": sites, "ROADS": roads, "RADII": "300,500,1000", "WEIGHT_FIELD": "", "OUTPUT": str(output)},
        feedback=feedback,
    )


def _rows(path):
    """{fid: (attributes, geometry WKB or None)} and the field definitions of a GeoPackage's one layer."""
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    definition = layer.GetLayerDefn()
    fields = [
        (definition.GetFieldDefn(i).GetName(), definition.GetFieldDefn(i).GetTypeName())
        for i in range(definition.GetFieldCount())
    ]
    rows = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        # QGIS's writer stores a NULL geometry as an empty point, the bulk writer as NULL: no place either way
        empty = geometry is None or geometry.IsEmpty()
        rows[feature.GetFID()] = (
            [feature.GetField(i) for i in range(definition.GetFieldCount())],
            None if empty else bytes(geometry.ExportToIsoWkb()),
        )
    return layer.GetName(), fields, rows


def _count(path) -> int:
    """The feature count of a file's first layer (the dataset kept open while counting)."""
    dataset = ogr.Open(str(path))
    return dataset.GetLayer(0).GetFeatureCount()


def _memory_copy(path):
    """The sites as a memory layer: read and written feature by feature."""
    from qgis.core import QgsFeatureRequest, QgsVectorLayer

    layer = QgsVectorLayer("{}|layername=sites".format(path), "sites", "ogr")
    assert layer.isValid()
    return layer.materialize(QgsFeatureRequest())


@pytest.mark.parametrize("spatial_index", [True, False])
def test_bulk_output_is_the_feature_by_feature_output(provider, demo_gpkg, tmp_path, spatial_index):
    sites = _edge_sites(demo_gpkg, tmp_path, spatial_index)
    roads = "{}|layername=roads".format(demo_gpkg)
    log = Feedback()
    bulk = _run("{}|layername=sites".format(sites), tmp_path / "bulk.gpkg", log, roads)
    assert any("read in bulk" in line for line in log.messages), log.messages
    assert any("written in bulk" in line for line in log.messages), log.messages
    plain_log = Feedback()
    plain = _run(_memory_copy(sites), tmp_path / "plain.gpkg", plain_log, roads)
    assert not any("in bulk" in line for line in plain_log.messages)
    assert bulk["NETWORK_SITES"] == plain["NETWORK_SITES"] and bulk["COVERAGE"] == plain["COVERAGE"]

    name_b, fields_b, rows_b = _rows(tmp_path / "bulk.gpkg")
    name_p, fields_p, rows_p = _rows(tmp_path / "plain.gpkg")
    assert (name_b, name_p) == ("bulk", "plain")  # layers named after their files, never ''
    assert fields_b == fields_p
    assert rows_b == rows_p
    assert sum(1 for _values, wkb in rows_b.values() if wkb is None) == 2  # NULL and empty: NULL
    walk = [f for f, _t in fields_b].index("walk_m")
    assert min(v[walk] for v, _g in rows_b.values() if v[walk] is not None) == 0.0  # on a station

    valid = subprocess.run(
        [sys.executable, "-m", VALIDATE, str(tmp_path / "bulk.gpkg")], capture_output=True, text=True
    )
    assert valid.returncode == 0, valid.stdout + valid.stderr
    dataset = ogr.Open(str(tmp_path / "bulk.gpkg"))
    has_index = dataset.ExecuteSQL("SELECT HasSpatialIndex('bulk', 'geom')")
    assert has_index.GetNextFeature().GetField(0) == 1
    dataset.ReleaseResultSet(has_index)
    layer = dataset.GetLayer(0)
    layer.SetSpatialFilterRect(*_station_box(rows_b, fields_b))
    assert layer.GetFeatureCount() >= 1  # the index finds what it holds
    assert layer.GetLayerDefn().GetGeomType() == ogr.wkbPoint


def _station_box(rows, fields):
    """A small box around the first site with a geometry (in the layer's CRS, EPSG:4490)."""
    geometry = next(ogr.CreateGeometryFromWkb(wkb) for _v, wkb in rows.values() if wkb is not None)
    x, y = geometry.GetX(), geometry.GetY()
    return x - 1e-6, y - 1e-6, x + 1e-6, y + 1e-6


def test_bulk_sites_into_a_new_layer_of_an_existing_geopackage(provider, demo_gpkg, tmp_path):
    sites = _edge_sites(demo_gpkg, tmp_path)
    target = tmp_path / "belt.gpkg"
    shutil.copy(demo_gpkg, target)
    from qgis import processing

    log = Feedback()
    processing.run(
        "beltmap:servicecoverage",
        {
            "SITES": "{}|layername=sites".format(sites),
            "OUTPUT": "ogr:dbname='{}' table=\"coverage\" (geom)".format(target),
        },
        feedback=log,
    )
    assert any("written in bulk" in line for line in log.messages), log.messages
    dataset = ogr.Open(str(target))
    names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    assert "coverage" in names and "roads" in names and "sites" in names
    assert (
        dataset.GetLayerByName("coverage").GetFeatureCount()
        == dataset.GetLayerByName("sites").GetFeatureCount() + 3  # the three edge rows
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_bulk_read_into_a_shapefile_and_a_filtered_layer_go_feature_by_feature(provider, demo_gpkg, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    sites = _edge_sites(demo_gpkg, tmp_path)
    log = Feedback()
    _run("{}|layername=sites".format(sites), tmp_path / "sites.shp", log)
    assert any("read in bulk" in line for line in log.messages)
    assert not any("written in bulk" in line for line in log.messages)
    assert _count(tmp_path / "sites.shp") == _count(sites)

    log = Feedback()
    part = QgsProcessingFeatureSourceDefinition("{}|layername=sites".format(sites), False, 50)
    _run(part, tmp_path / "part.gpkg", log)
    assert not any("in bulk" in line for line in log.messages)
    assert _count(tmp_path / "part.gpkg") == 50
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert not leftovers


def test_output_in_another_spatial_reference_id_is_written_feature_by_feature(provider, tmp_path):
    """Geometry blobs carry the srs_id: when the input's differs from the output's, rows are not copied."""
    ogr.UseExceptions()
    path = tmp_path / "odd_srs.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4549)
    layer = dataset.CreateLayer("sites", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("category", ogr.OFTString))
    for i, category in enumerate(["service_station", "residential", "residential"]):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("category", category)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT ({} 3460000)".format(600000 + 100 * i)))
        layer.CreateFeature(feature)
    dataset = None
    connection = sqlite3.connect(str(path))  # the same CRS under another id, as some tools write it
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute(
        "INSERT INTO gpkg_spatial_ref_sys SELECT 'odd', 990001, organization, organization_coordsys_id, "
        "definition, description FROM gpkg_spatial_ref_sys WHERE srs_id = 4549"
    )
    connection.execute("UPDATE gpkg_geometry_columns SET srs_id = 990001")
    connection.execute("UPDATE gpkg_contents SET srs_id = 990001 WHERE table_name = 'sites'")
    connection.commit()
    connection.close()
    log = Feedback()
    _run("{}|layername=sites".format(path), tmp_path / "out.gpkg", log)
    assert any("feature by feature" in line for line in log.messages), log.messages
    _name, _fields, rows = _rows(tmp_path / "out.gpkg")
    assert len(rows) == 3 and all(wkb is not None for _v, wkb in rows.values())


def test_a_layer_with_unsaved_edits_is_read_through_qgis(provider, demo_gpkg, tmp_path):
    """The file does not hold unsaved edits: the sites are read feature by feature, edits and all."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    sites = _edge_sites(demo_gpkg, tmp_path)
    layer = QgsVectorLayer("{}|layername=sites".format(sites), "sites", "ogr")
    assert layer.startEditing()
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "not saved yet")
    feature.setAttribute("category", "residential")
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(121.17, 31.29)))
    assert layer.addFeature(feature)
    log = Feedback()
    _run(layer, tmp_path / "edited.gpkg", log)
    layer.rollBack()
    assert not any("in bulk" in line for line in log.messages)
    assert _count(tmp_path / "edited.gpkg") == _count(sites) + 1
    _name, fields, rows = _rows(tmp_path / "edited.gpkg")
    name = [f for f, _t in fields].index("name")
    added = [fid for fid, (values, _wkb) in rows.items() if values[name] == "not saved yet"]
    assert added == [max(rows)]  # the next free FID, as saving the edits would give it


def test_an_input_keyed_by_another_column_keeps_its_keys(provider, tmp_path):
    """An input whose key column is not `fid`: the output's FIDs and that column both hold the input's keys
    (QGIS 3.22's own writer wrote 0 into the column)."""
    ogr.UseExceptions()
    path = tmp_path / "keyed.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4549)
    layer = dataset.CreateLayer("sites", srs, ogr.wkbPoint, ["FID=site_no"])
    layer.CreateField(ogr.FieldDefn("category", ogr.OFTString))
    for i, category in enumerate(["service_station", "residential", "residential"]):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetFID(100 + i)
        feature.SetField("category", category)
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT ({} 3460000)".format(600000 + 100 * i)))
        layer.CreateFeature(feature)
    dataset = None
    log = Feedback()
    _run("{}|layername=sites".format(path), tmp_path / "out.gpkg", log)
    assert any("written in bulk" in line for line in log.messages), log.messages
    _name, fields, rows = _rows(tmp_path / "out.gpkg")
    key = [f for f, _t in fields].index("site_no")
    assert sorted((fid, values[key]) for fid, (values, _wkb) in rows.items()) == [
        (100, 100),
        (101, 101),
        (102, 102),
    ]
