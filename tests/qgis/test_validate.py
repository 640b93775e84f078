"""`beltmap:validate`: each planted problem is found, the clean demo belt has no error, bad input is clear."""

import hashlib

import pytest
import qgis_profile
from belt_fixtures import square, write_layers
from beltmap.core.base import coords
from beltmap.core.base.zone_types import nearest_key
from osgeo import gdal, ogr

X0, Y0 = 121.160, 31.270  # south-west corner of the small planted belt (about 1.5 km²)


def bowtie(x, y, size=0.001):
    return "POLYGON(({0} {1},{2} {3},{2} {1},{0} {3},{0} {1}))".format(x, y, x + size, y + size)


def planted(tmp_path):
    """A GeoPackage with one of each problem, plus a shapefile without CRS; returns the paths."""
    gpkg = tmp_path / "planted.gpkg"
    zones = [
        (square(X0 + 0.001, Y0 + 0.001), ("Z1", "园区一", "park")),
        (square(X0 + 0.002, Y0 + 0.002), ("Z2", "园区二", "产业园区")),  # overlaps Z1, same type
        (square(X0 + 0.006, Y0 + 0.001), ("Z3", "工厂", "工厂区")),  # unknown type
        (square(X0 + 0.006, Y0 + 0.005), ("Z4", "无类型", None)),  # no type
        (square(X0 + 0.001, Y0 + 0.008), ("Z1", "重复编号", "community")),  # duplicate id
        (bowtie(X0 + 0.008, Y0 + 0.008), ("Z6", "自相交", "street")),  # invalid
        (square(X0 + 0.05, Y0 + 0.05), ("Z7", "带外", "scenic")),  # outside the belt
    ]
    inside = [(X0 + 0.001 + 0.0025 * (i % 4), Y0 + 0.001 + 0.0025 * (i // 4)) for i in range(16)]
    sites = [
        ("POINT({} {})".format(x, y), ("点{}".format(i), "enterprise", "企业"))
        for i, (x, y) in enumerate(inside)
    ]
    sites += [
        ("POINT({} {})".format(X0 + 0.0050, Y0 + 0.0060), ("安驰路党群服务站", "service_station", "")),
        (
            "POINT({} {})".format(X0 + 0.00505, Y0 + 0.0060),
            ("安驰路党群服务站", "service_station", ""),
        ),  # 5 m
        ("POINT({} {})".format(X0 + 0.03, Y0 + 0.03), ("带外企业", "enterprise", "")),  # outside
        ("POINT({} {})".format(X0 + 0.004, Y0 + 0.004), ("安驰路".encode().decode("cp1252"), "x", "")),
        ("POINT({} {})".format(X0 + 0.0045, Y0 + 0.004), ("安驰\ufffd路", "x", "")),
    ]
    gcj_sites = [
        ("POINT({} {})".format(*coords.wgs84_to_gcj02(x, y)), ("高德{}".format(i), "enterprise"))
        for i, (x, y) in enumerate(inside)
    ]
    write_layers(
        gpkg,
        {
            "belt": (ogr.wkbPolygon, ["name"], [(square(X0, Y0, 0.012), ("小实践带",))]),
            "zones": (ogr.wkbPolygon, ["zone_id", "name", "zone_type"], zones),
            "sites": (ogr.wkbPoint, ["name", "category", "category_zh"], sites),
            "gcj_sites": (ogr.wkbPoint, ["name", "category"], gcj_sites),
            "empty_sites": (ogr.wkbPoint, ["name", "category"], []),
            "roads_as_polygons": (ogr.wkbPolygon, ["name"], [(square(X0, Y0), ("博园路",))]),
            "zones_as_points": (
                ogr.wkbPoint,
                ["zone_id", "name", "zone_type"],
                [("POINT(121.1 31.2)", ("a", "b", "park"))],
            ),
        },
    )
    dataset = ogr.Open(str(gpkg), 1)
    layer = dataset.GetLayerByName("zones")
    feature = ogr.Feature(layer.GetLayerDefn())  # a zone without geometry
    feature.SetField("zone_id", "Z8")
    feature.SetField("name", "无几何")
    feature.SetField("zone_type", "exhibition")
    layer.CreateFeature(feature)
    dataset = None
    no_crs = tmp_path / "no_crs.shp"
    driver = ogr.GetDriverByName("ESRI Shapefile")
    dataset = driver.CreateDataSource(str(no_crs))
    layer = dataset.CreateLayer("no_crs", None, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("name", "no crs")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT(121.17 31.28)"))
    layer.CreateFeature(feature)
    dataset = None
    return gpkg, no_crs


def uri(path, name):
    return "{}|layername={}".format(path, name)


def run_validate(tmp_path, **params):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    parameters = {"REPORT": "TEMPORARY_OUTPUT", "REPORT_HTML": str(tmp_path / "report.html")}
    parameters.update(params)
    context = QgsProcessingContext()
    results = processing.run(
        "beltmap:validate", parameters, context=context, feedback=QgsProcessingFeedback()
    )
    rows = [f.attributes() for f in results["REPORT"].getFeatures()]
    return results, rows


def found(rows, check, severity=None, layer=None):
    return [
        r
        for r in rows
        if r[3] == check and (severity is None or r[0] == severity) and (layer is None or layer in r[1])
    ]


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


def test_every_planted_problem_is_found(tmp_path, provider):
    gpkg, no_crs = planted(tmp_path)
    before = digests(tmp_path)
    results, rows = run_validate(
        tmp_path,
        BELT=uri(gpkg, "belt"),
        ZONES=uri(gpkg, "zones"),
        SITES=[uri(gpkg, "sites"), uri(gpkg, "gcj_sites"), uri(gpkg, "empty_sites"), str(no_crs)],
        ROADS=uri(gpkg, "roads_as_polygons"),
    )
    fid = {r[2] for r in found(rows, "zone_type_unknown", "error")}
    assert len(fid) == 1
    message = found(rows, "zone_type_unknown")[0][4]
    assert "工厂区" in message and "'{}'".format(nearest_key("工厂区")) in message  # nearest known type
    assert found(rows, "zone_type_missing", "error")
    assert found(rows, "zone_id_duplicate", "error")
    assert found(rows, "geometry_invalid", "error", "zones")
    assert found(rows, "geometry_null", "error", "zones")
    assert found(rows, "zone_outside_belt", "warning")
    overlaps = found(rows, "zone_overlap", "warning")
    assert len(overlaps) == 1 and "park" in overlaps[0][4]
    assert found(rows, "geometry_type", "error", "roads")
    assert found(rows, "crs_missing", "error", "no_crs")
    assert found(rows, "empty_layer", "warning", "empty_sites")
    assert found(rows, "crs_geographic", "info", "belt")
    assert found(rows, "belt_area", "warning")
    shift = found(rows, "coordinate_shift", "error", "gcj_sites")
    assert len(shift) == 1 and "GCJ-02" in shift[0][4] and "SOURCE_CRS=GCJ02" in shift[0][5]
    assert not found(rows, "coordinate_shift", layer="(sites)")
    assert len(found(rows, "site_duplicate", "warning")) == 1
    assert found(rows, "site_outside_belt", "warning", "(sites)")
    garbled = found(rows, "text_encoding", "warning")
    assert len(garbled) == 2 and any("U+FFFD" in r[4] for r in garbled)
    assert found(rows, "field_name_long", "warning", "(sites)")
    # every check id reported is declared with its check (run_checks skips checks by these ids)
    from beltmap.core.validation.checks import CHECKS

    declared = {check_id for _check, _can_error, ids in CHECKS for check_id in ids}
    assert {r[3] for r in rows} <= declared
    assert all(r[5] for r in rows)  # every issue says how to fix it
    assert results["ERRORS"] == len([r for r in rows if r[0] == "error"]) >= 8
    assert results["WARNINGS"] == len([r for r in rows if r[0] == "warning"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "工厂区" in html and "coordinate_shift" in html
    assert digests(tmp_path) == {**before, "report.html": digests(tmp_path)["report.html"]}


def test_a_check_whose_every_id_is_skipped_is_not_run(monkeypatch):
    from beltmap.core import validation
    from beltmap.core.validation import checks

    ran = []
    entries = [
        (lambda data, name=c.__name__: ran.append(name) or iter(()), e, ids) for c, e, ids in checks.CHECKS
    ]
    monkeypatch.setattr(validation, "CHECKS", tuple(entries))
    validation.run_error_checks(
        skip=(
            "geometry_empty",
            "geometry_invalid",
            "geometry_null",
            "zone_type_field",
            "zone_type_missing",
            "zone_type_unknown",
        )
    )
    assert ran == ["check_layers", "check_zone_ids", "check_coordinate_shift"]


def test_zones_given_as_points(tmp_path, provider):
    gpkg, _ = planted(tmp_path)
    results, rows = run_validate(tmp_path, ZONES=uri(gpkg, "zones_as_points"))
    assert found(rows, "geometry_type", "error", "zones")
    assert "Point" in found(rows, "geometry_type")[0][4]


def test_clean_demo_belt_has_no_error(tmp_path, provider, demo_gpkg):
    results, rows = run_validate(
        tmp_path,
        BELT=uri(demo_gpkg, "belt"),
        ZONES=uri(demo_gpkg, "zones"),
        SITES=[uri(demo_gpkg, "sites")],
        ROADS=uri(demo_gpkg, "roads"),
    )
    assert results["ERRORS"] == 0, [r for r in rows if r[0] == "error"]
    assert not found(rows, "coordinate_shift") and not found(rows, "zone_overlap")
    assert not found(rows, "text_encoding") and not found(rows, "belt_area")


@pytest.mark.parametrize(
    "system, forward", [("GCJ02", coords.wgs84_to_gcj02), ("BD09", coords.wgs84_to_bd09)]
)
def test_demo_sites_shifted_to_web_map_coordinates_are_flagged(provider, demo_gpkg, system, forward):
    from beltmap.core.validation import run_error_checks
    from qgis.core import QgsGeometry, QgsPointXY, QgsVectorLayer

    sites = QgsVectorLayer(uri(demo_gpkg, "sites"), "sites", "ogr")
    shifted = QgsVectorLayer("Point?crs=EPSG:4490&field=name:string", "shifted", "memory")
    features = []
    for feature in sites.getFeatures():
        point = feature.geometry().asPoint()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*forward(point.x(), point.y()))))
        feature.setAttributes([feature["name"]])
        features.append(feature)
    shifted.dataProvider().addFeatures(features)
    belt = QgsVectorLayer(uri(demo_gpkg, "belt"), "belt", "ogr")
    roads = QgsVectorLayer(uri(demo_gpkg, "roads"), "roads", "ogr")
    errors = run_error_checks(belt=belt, sites=[shifted], roads=roads)
    assert [e.check for e in errors] == ["coordinate_shift"]
    assert "SOURCE_CRS={}".format(system) in errors[0].fix
    assert run_error_checks(belt=belt, sites=[sites], roads=roads) == []


def test_a_large_layer_is_judged_on_an_even_sample_with_the_same_verdict(provider, demo_gpkg):
    """12,000 sites (the demo's, each 45 times over a few metres apart): shifted to GCJ-02 they are
    flagged, as they are, not; the evidence counts the sample (SHIFT_SAMPLE), not all the sites."""
    from beltmap.core.validation import run_error_checks
    from beltmap.core.validation.shift import SHIFT_SAMPLE
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    sites = QgsVectorLayer(uri(demo_gpkg, "sites"), "sites", "ogr")
    points = [f.geometry().asPoint() for f in sites.getFeatures()]
    layers = {}
    for name, move in (("plain", lambda x, y: (x, y)), ("shifted", coords.wgs84_to_gcj02)):
        layer = QgsVectorLayer("Point?crs=EPSG:4490", name, "memory")
        features = []
        for k in range(45):
            for point in points:
                feature = QgsFeature()
                xy = move(point.x() + k * 1e-5, point.y())
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
                features.append(feature)
        layer.dataProvider().addFeatures(features)
        assert layer.featureCount() > 2 * SHIFT_SAMPLE
        layers[name] = layer
    belt = QgsVectorLayer(uri(demo_gpkg, "belt"), "belt", "ogr")
    roads = QgsVectorLayer(uri(demo_gpkg, "roads"), "roads", "ogr")
    errors = run_error_checks(belt=belt, sites=[layers["shifted"]], roads=roads)
    assert [e.check for e in errors] == ["coordinate_shift"]
    assert "of its {} sites".format(SHIFT_SAMPLE) in errors[0].message
    assert run_error_checks(belt=belt, sites=[layers["plain"]], roads=roads) == []


def test_gate_stops_unless_ignore_validation(tmp_path, provider):
    from beltmap.core.errors import BeltMapError
    from beltmap.core.validation.gate import validate_or_stop
    from beltmap.processing.base import BeltMapAlgorithm
    from beltmap.processing.validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    class Gated(BeltMapAlgorithm):
        def name(self):
            return "gated"

        def displayName(self):  # noqa: N802
            return "gated"

        def initAlgorithm(self, config=None):  # noqa: N802
            add_ignore_validation_parameter(self)

    algorithm = Gated()
    algorithm.initAlgorithm()
    assert algorithm.parameterDefinition(IGNORE_VALIDATION).help()
    gpkg, _ = planted(tmp_path)
    zones = QgsVectorLayer(uri(gpkg, "zones"), "zones", "ogr")
    belt = QgsVectorLayer(uri(gpkg, "belt"), "belt", "ogr")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    with pytest.raises(BeltMapError) as info:
        validate_or_stop(False, feedback, context.transformContext(), zones=zones, belt=belt)
    assert "工厂区" in str(info.value) and "IGNORE_VALIDATION" in str(info.value)
    errors = validate_or_stop(True, feedback, context.transformContext(), zones=zones, belt=belt)
    assert errors and all(e.severity == "error" for e in errors)
    assert validate_or_stop(False, feedback, context.transformContext(), zones=None, belt=belt) == []


# ---------------------------------------------------------------------------------------------
# bad input, as a new user would try it


def _validate_error(tmp_path, **params):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        run_validate(tmp_path, **params)
    return str(info.value)


def test_not_a_gis_file(tmp_path, provider):
    path = tmp_path / "zones.gpkg"
    path.write_text("这不是地理数据 / not GIS data\n", encoding="utf-8")
    before = path.read_bytes()
    message = _validate_error(tmp_path, ZONES=str(path))
    assert "cannot be read" in message and "zones.gpkg" in message
    assert path.read_bytes() == before


def test_truncated_geopackage(tmp_path, provider, demo_gpkg):
    path = tmp_path / "truncated.gpkg"
    path.write_bytes(demo_gpkg.read_bytes()[:8192])
    before = path.read_bytes()
    message = _validate_error(tmp_path, ZONES=uri(path, "zones"))
    assert "cannot be read" in message
    assert path.read_bytes() == before


@pytest.mark.parametrize("missing", [".shx", ".dbf"])
def test_shapefile_missing_a_part(tmp_path, provider, missing):
    path = tmp_path / "zones.shp"
    write_layers(
        path,
        {
            "zones": (
                ogr.wkbPolygon,
                ["zone_id", "name", "zone_type"],
                [(square(121.17, 31.28), ("Z1", "甲", "park"))],
            )
        },
    )
    path.with_suffix(missing).unlink()
    before = digests(tmp_path)
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        if missing == ".shx":
            message = _validate_error(tmp_path, ZONES=str(path))
            assert "cannot be read" in message and ".shx" in message
        else:  # GDAL reads the geometry alone: the report says the fields are missing
            results, rows = run_validate(tmp_path, ZONES=str(path))
            assert found(rows, "zone_type_field", "error")
    finally:
        gdal.PopErrorHandler()
    after = digests(tmp_path)
    after.pop("report.html", None)
    assert after == before


def test_empty_zones_layer(tmp_path, provider):
    path = tmp_path / "empty.gpkg"
    write_layers(path, {"zones": (ogr.wkbPolygon, ["zone_id", "name", "zone_type"], [])})
    results, rows = run_validate(tmp_path, ZONES=uri(path, "zones"))
    assert found(rows, "empty_layer", "error") and results["ERRORS"] >= 1


def test_nothing_given(tmp_path, provider):
    assert "at least one layer" in _validate_error(tmp_path)


def test_gbk_shapefile_input_without_cpg(tmp_path, provider):
    from test_encoding import write_shapefile

    path = write_shapefile(tmp_path / "gbk_sites.shp")
    results, rows = run_validate(tmp_path, SITES=[str(path)])
    assert not found(rows, "text_encoding")  # read as GBK, so no 乱码


@pytest.mark.slow
def test_qgis_process_validate_json(tmp_path, qgis_process, demo_gpkg):
    gpkg, _ = planted(tmp_path)
    report = tmp_path / "report.csv"
    html = tmp_path / "报告 页面.html"
    result = qgis_process(
        [
            "run",
            "beltmap:validate",
            "--json",
            "--",
            "BELT={}".format(uri(demo_gpkg, "belt")),
            "ZONES={}".format(uri(gpkg, "zones")),
            "SITES={}".format(uri(demo_gpkg, "sites")),
            "REPORT={}".format(report),
            "REPORT_HTML={}".format(html),
        ]
    )
    data = qgis_profile.json_output(result)
    assert data["results"]["ERRORS"] >= 4 and "WARNINGS" in data["results"]
    assert "zone_type_unknown" in report.read_text(encoding="utf-8") and html.exists()
