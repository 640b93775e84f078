"""Issue 10, the engine's side: one geometry policy (3), names users know (5), no project singleton in the
engine (9), indicators that cannot be computed left out (10), IGNORE_VALIDATION as warnings (11)."""

import json
from pathlib import Path

import pytest
from belt_fixtures import small_belt, square
from osgeo import ogr
from qgis.core import QgsProcessingFeedback
from qgis.PyQt.QtCore import QVariant
from tag_fixtures import memory_layer
from test_guard import failure, uri

TEXT = QVariant.String


class Feedback(QgsProcessingFeedback):
    """Feedback that keeps every message, and warnings and errors apart."""

    def __init__(self):
        super().__init__()
        self.messages, self.warnings, self.errors = [], [], []

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)
        self.warnings.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802,N803
        self.messages.append(error)
        self.errors.append(error)


REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------------------------
# item 3: a site with an empty point geometry does not kill the export


def add_empty_site(gpkg):
    """Add a site with an empty point geometry to the sites layer of a GeoPackage."""
    dataset = ogr.Open(str(gpkg), 1)
    layer = dataset.GetLayerByName("sites")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("name", "无坐标企业")
    feature.SetField("category", "enterprise")
    feature.SetGeometry(ogr.Geometry(ogr.wkbPoint))
    layer.CreateFeature(feature)
    count = layer.GetFeatureCount()
    dataset = None
    return count


@pytest.mark.slow
def test_export_with_an_empty_site_geometry_succeeds(qgis_process, demo_copy, tmp_path):
    sites = add_empty_site(demo_copy)
    out = tmp_path / "out"
    result = qgis_process(
        [
            "run",
            "beltmap:exportpackage",
            "--json",
            "--",
            "BELT={}|layername=belt".format(demo_copy),
            "ZONES={}|layername=zones".format(demo_copy),
            "SITES={}|layername=sites".format(demo_copy),
            "OUTPUT_FOLDER={}".format(out),
            "IGNORE_VALIDATION=true",
            "FORMATS=PNG",
            "DPI=36",
        ],
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    package = out / "anchi_belt_map"
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    layers = {layer["name"]: layer for layer in manifest["layers"]}
    assert layers["sites"]["feature_count"] == sites
    assert layers["sites"]["null_geometry_count"] == 1 and layers["zones"]["null_geometry_count"] == 0
    dataset = ogr.Open(str(package / "belt.gpkg"))
    empty = [f.GetField("name") for f in dataset.GetLayerByName("sites") if f.GetGeometryRef() is None]
    dataset = None
    assert empty == ["无坐标企业"]


def test_geometry_policy_finds_null_empty_and_nan(qgis_app):
    from beltmap.core.base.geometry_policy import null_geometry_count, usable_geometry, with_null_geometries
    from qgis.core import QgsGeometry, QgsPoint

    assert usable_geometry(QgsGeometry.fromWkt("POINT(1 2)"))
    assert not usable_geometry(None) and not usable_geometry(QgsGeometry())
    assert not usable_geometry(QgsGeometry.fromWkt("POINT EMPTY"))
    assert not usable_geometry(QgsGeometry(QgsPoint(float("nan"), 1.0)))
    layer = memory_layer("Point", [], [("POINT(1 2)", []), (None, []), ("POINT(3 4)", [])])
    assert null_geometry_count(layer) == 1
    copy, count = with_null_geometries(layer)
    assert count == 1 and copy.featureCount() == 3
    assert [f.hasGeometry() for f in copy.getFeatures()] == [True, False, True]


def test_a_writer_failure_names_the_layer_not_the_folder(qgis_app, tmp_path):
    from beltmap.core.errors import BeltMapError, WriteError
    from beltmap.core.package.gpkg import open_layer

    with pytest.raises(WriteError) as info:
        open_layer(str(tmp_path / "belt.gpkg"), "sites")
    assert isinstance(info.value, BeltMapError) and not isinstance(info.value, OSError)
    assert "layer sites" in str(info.value)


# ---------------------------------------------------------------------------------------------
# item 5: zones by zone_id and name, sites by id and name


def named_belt(path):
    """Four layers; zone Z05 汽车博览公园 has an unknown zone type."""
    zones = [
        (square(121.17, 31.28), ("Z01", "安亭社区", "社区")),
        (square(121.173, 31.28), ("Z05", "汽车博览公园", "工厂区")),
    ]
    return small_belt(path, zones=zones, sites=[("POINT(121.171 31.281)", ("上汽大众", "enterprise"))])


def test_validation_names_zones_by_id_and_name(provider, tmp_path):
    from qgis import processing

    gpkg = named_belt(tmp_path / "belt.gpkg")
    results = processing.run(
        "beltmap:validate", {"ZONES": "{}|layername=zones".format(gpkg), "REPORT": "TEMPORARY_OUTPUT"}
    )
    rows = [dict(zip(f.fields().names(), f.attributes())) for f in results["REPORT"].getFeatures()]
    unknown = [r for r in rows if r["check"] == "zone_type_unknown"]
    assert unknown and unknown[0]["feature"] == "Z05 汽车博览公园", rows
    assert unknown[0]["message"].startswith("Zone Z05 汽车博览公园 has the unknown zone type '工厂区'")


def test_export_refusal_names_the_zone(provider, tmp_path):
    gpkg = named_belt(tmp_path / "belt.gpkg")
    parameters = {"BELT": uri(gpkg, "belt"), "ZONES": uri(gpkg, "zones"), "SITES": [uri(gpkg, "sites")]}
    message = failure("beltmap:exportpackage", dict(parameters, OUTPUT_FOLDER=str(tmp_path / "out")))
    assert "zones (zones) Z05 汽车博览公园" in message, message
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# ---------------------------------------------------------------------------------------------
# item 9: the engine never reaches for the project singleton; validation uses the run's transforms


def test_validation_takes_the_runs_transform_context(qgis_app, tmp_path):
    from beltmap.core.validation import run_checks
    from qgis.core import QgsCoordinateTransformContext, QgsVectorLayer

    gpkg = named_belt(tmp_path / "belt.gpkg")
    zones = QgsVectorLayer("{}|layername=zones".format(gpkg), "zones", "ogr")
    context = QgsCoordinateTransformContext()
    issues = run_checks(zones=zones, transform_context=context)
    assert any(i.check == "zone_type_unknown" and i.feature == "Z05 汽车博览公园" for i in issues)


def test_web_map_with_an_empty_site_geometry_succeeds(provider, demo_copy, tmp_path):
    from qgis import processing

    sites = add_empty_site(demo_copy)
    parameters = {
        "BELT": "{}|layername=belt".format(demo_copy),
        "ZONES": "{}|layername=zones".format(demo_copy),
        "SITES": ["{}|layername=sites".format(demo_copy)],
        "TAG": False,
        "IGNORE_VALIDATION": True,
        "OUTPUT_FOLDER": str(tmp_path / "web"),
    }
    results = processing.run("beltmap:exportwebmap", parameters)
    assert results["SITE_COUNT"] == sites - 1  # the site without a position is not drawn
    assert (tmp_path / "web" / "index.html").is_file()


# ---------------------------------------------------------------------------------------------
# item 10: evaluationindex without service stations


def _units_and_sites():
    from tag_fixtures import box, local

    zones = memory_layer(
        "Polygon",
        [("zone_id", TEXT), ("name", TEXT), ("zone_type", TEXT)],
        [
            (box(300 * i, 0, 300 * i + 200, 200), ["Z{}".format(i + 1), "区域{}".format(i + 1), "park"])
            for i in range(3)
        ],
        name="zones",
    )
    sites = memory_layer(
        "Point",
        [("name", TEXT), ("category", TEXT)],
        [
            (local("POINT({} {})", 20, 20), ["e1", "enterprise"]),
            (local("POINT({} {})", 40, 20), ["e2", "enterprise"]),
            (local("POINT({} {})", 320, 20), ["f1", "facility"]),
        ],
        name="sites",
    )
    return zones, sites


def test_indicators_that_need_stations_are_left_out_with_a_warning(provider, tmp_path):
    from qgis import processing

    zones, sites = _units_and_sites()
    feedback = Feedback()
    results = processing.run(
        "beltmap:evaluationindex",
        {"UNITS": "zones", "ZONES": zones, "SITES": sites, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    dropped = json.loads(results["DROPPED_INDICATORS"])
    assert {"cov500", "walk"} <= set(dropped)
    assert results["UNIT_COUNT"] == 3
    text = "\n".join(feedback.messages)
    assert "left out" in text and "STATIONS" not in text.replace("STATION_CATEGORY", "")


def test_an_indicator_the_users_file_asks_for_stops_the_run(provider, tmp_path):
    zones, sites = _units_and_sites()
    config = tmp_path / "indicators.json"
    asked = [{"key": "d_ent", "kind": "density", "category": "enterprise"}]
    asked.append({"key": "cov500", "kind": "coverage", "radius": 500})
    config.write_text(json.dumps({"indicators": asked}), encoding="utf-8")
    parameters = {"UNITS": "zones", "ZONES": zones, "SITES": sites, "OUTPUT": "TEMPORARY_OUTPUT"}
    message = failure("beltmap:evaluationindex", dict(parameters, INDICATORS=str(config)))
    assert "cov500" in message and "INDICATORS" in message
    assert "STATIONS" not in message.replace("STATION_CATEGORY", "")


# ---------------------------------------------------------------------------------------------
# item 11: IGNORE_VALIDATION logs warnings and says the run continues


def test_ignored_problems_are_warnings_saying_the_run_continues(provider, tmp_path):
    from beltmap.core.validation.gate import validate_or_stop
    from qgis.core import QgsCoordinateTransformContext, QgsVectorLayer

    gpkg = named_belt(tmp_path / "belt.gpkg")
    zones = QgsVectorLayer("{}|layername=zones".format(gpkg), "zones", "ogr")
    gate = Feedback()
    errors = validate_or_stop(True, gate, QgsCoordinateTransformContext(), zones=zones)
    assert errors
    assert gate.errors == []
    assert any("the run continues" in w and "Z05 汽车博览公园" in w for w in gate.warnings), gate.warnings
    assert not any("nothing was written" in m for m in gate.messages)


def test_coverage_output_writes_empty_and_nan_geometries_as_null(provider):
    from qgis import processing
    from tag_fixtures import local

    sites = memory_layer(
        "Point",
        [("name", TEXT), ("category", TEXT)],
        [
            (local("POINT({} {})", 0, 0), ["station", "service_station"]),
            (local("POINT({} {})", 100, 0), ["near", "enterprise"]),
            ("POINT EMPTY", ["empty", "enterprise"]),
            (None, ["null", "enterprise"]),
        ],
        name="sites",
    )
    results = processing.run("beltmap:servicecoverage", {"SITES": sites, "OUTPUT": "TEMPORARY_OUTPUT"})
    rows = {f["name"]: f for f in results["OUTPUT"].getFeatures()}
    assert set(rows) == {"station", "near", "empty", "null"}
    assert not rows["empty"].hasGeometry() and not rows["null"].hasGeometry()
    assert rows["near"].hasGeometry() and rows["near"]["walk_m"] > 0
    assert rows["empty"]["walk_m"] is None or str(rows["empty"]["walk_m"]) == "NULL"


# issue 17: checkParameterValues builds the request as the run will


def test_check_parameter_values_builds_the_request(provider, tmp_path):
    """A BeltMapError while building the request is the refusal's message, before anything runs."""
    from beltmap.processing.tag_zones import TagZonesAlgorithm
    from qgis.core import QgsProcessingContext

    algorithm = TagZonesAlgorithm()
    algorithm.initAlgorithm()
    gpkg = named_belt(tmp_path / "belt.gpkg")
    parameters = {
        "INPUT": "{}|layername=sites".format(gpkg),
        "ZONES": "{}|layername=zones".format(gpkg),
        "UNKNOWN_AS": "factory",
        "OUTPUT": str(tmp_path / "out.gpkg"),
    }
    ok, message = algorithm.checkParameterValues(parameters, QgsProcessingContext())
    assert not ok and "UNKNOWN_AS 'factory' is not a zone type" in message
    parameters["UNKNOWN_AS"] = "park"
    assert algorithm.checkParameterValues(parameters, QgsProcessingContext()) == (True, "")
    assert not (tmp_path / "out.gpkg").exists()
