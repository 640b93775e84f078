"""beltmap:servicecoverage: walking distances on a hand-made street grid, the straight-line fallback,
coverage rates per zone type, and the demo belt through qgis_process.bin."""

import json
import math

import pytest
import qgis_profile
from coverage_fixtures import grid_roads, memory_layer, point

SITE_FIELDS = ["name:string", "category:string", "zone_type:string", "pop:double"]


def _sites():
    return memory_layer(
        "Point",
        SITE_FIELDS,
        [
            (point(210, 305), ("A", "enterprise", "park", 10)),  # station 2: 90 + 5 + its 7.07 snap
            (point(100, 100), ("B", "enterprise", "park", 30)),  # station 1: 200 along the grid + 10
            (point(50, -3), ("C", "facility", "community", 50)),  # station 1: 50 + 3 + 10
            (point(2050, 2010), ("D", "facility", "community", 10)),  # near the island road only
        ],
        "sites",
    )


def _stations():
    return memory_layer(
        "Point",
        ["name:string", "sid:string"],
        [(point(0, -10), ("south-west", "S1")), (point(305, 305), ("north-east", "S2"))],
        "stations",
    )


def _run(params):
    from qgis import processing

    base = {
        "OUTPUT": "TEMPORARY_OUTPUT",
        "SPOKES": "TEMPORARY_OUTPUT",
        "CATCHMENTS": "TEMPORARY_OUTPUT",
        "COVERAGE_TABLE": "TEMPORARY_OUTPUT",
    }
    base.update(params)
    return processing.run("beltmap:servicecoverage", base)


def _by_name(layer):
    return {f["name"]: f for f in layer.getFeatures()}


def test_grid_network_known_shortest_paths(provider):
    result = _run(
        {
            "SITES": _sites(),
            "STATIONS": _stations(),
            "STATION_ID_FIELD": "sid",
            "ROADS": grid_roads(),
            "RADII": "100,300",
            "DETOUR": 1.3,
            "WALK_SPEED": 1.0,
        }
    )
    sites = _by_name(result["OUTPUT"])
    snap2 = math.hypot(5, 5)
    assert sites["A"]["station_id"] == "S2"
    assert sites["A"]["walk_m"] == pytest.approx(90 + 5 + snap2, abs=0.1)
    assert sites["B"]["station_id"] == "S1" and sites["B"]["walk_m"] == pytest.approx(210, abs=0.1)
    assert sites["C"]["walk_m"] == pytest.approx(63, abs=0.1)
    assert sites["C"]["walk_min"] == pytest.approx(63 / 60, abs=0.01)
    for name in "ABC":
        assert sites[name]["method"] == "network"
    # D is only near a road the grid does not reach: straight line x detour, recorded as such
    assert sites["D"]["method"] == "euclidean"
    assert sites["D"]["walk_m"] == pytest.approx(1.3 * math.hypot(2050 - 305, 2010 - 305), abs=0.1)
    assert [sites[n]["cov_100"] for n in "ABCD"] == [0, 0, 1, 0]
    assert [sites[n]["cov_300"] for n in "ABCD"] == [1, 1, 1, 0]
    assert json.loads(result["COVERAGE"]) == {"100": 0.25, "300": 0.75}
    assert json.loads(result["COVERAGE_BY_ZONE_TYPE"]) == {
        "community": {"100": 0.5, "300": 0.5},
        "park": {"100": 0.0, "300": 1.0},
    }
    assert (result["NETWORK_SITES"], result["EUCLIDEAN_SITES"], result["STATION_COUNT"]) == (3, 1, 2)
    spokes = {f["site_fid"]: f for f in result["SPOKES"].getFeatures()}
    assert len(spokes) == 3 and spokes[0]["station_id"] == "S2"
    catchments = {(f["station_id"], f["radius_m"]): f for f in result["CATCHMENTS"].getFeatures()}
    small = catchments[("S1", 100.0)].geometry()
    assert small.contains(point(20, 20)) and not small.contains(point(60, 60))
    assert catchments[("S1", 300.0)].geometry().area() > small.area()
    table = [(f["zone_type"], f["radius_m"], f["rate"]) for f in result["COVERAGE_TABLE"].getFeatures()]
    assert ("all", 300.0, 0.75) in table and ("park", 100.0, 0.0) in table


def test_weighted_rate(provider):
    result = _run(
        {
            "SITES": _sites(),
            "STATIONS": _stations(),
            "ROADS": grid_roads(),
            "RADII": "100",
            "WEIGHT_FIELD": "pop",
        }
    )
    assert json.loads(result["COVERAGE"]) == {"100": pytest.approx(50 / 100)}


def test_euclidean_fallback_without_roads(provider):
    result = _run({"SITES": _sites(), "STATIONS": _stations(), "RADII": "300", "DETOUR": 1.5})
    sites = _by_name(result["OUTPUT"])
    assert {f["method"] for f in sites.values()} == {"euclidean"}
    assert sites["B"]["walk_m"] == pytest.approx(1.5 * math.hypot(100, 110), abs=0.1)
    assert sites["A"]["walk_m"] == pytest.approx(1.5 * math.hypot(95, 0), abs=0.1)
    circles = [f.geometry() for f in result["CATCHMENTS"].getFeatures()]
    assert len(circles) == 2
    assert circles[0].area() == pytest.approx(math.pi * (300 / 1.5) ** 2, rel=0.01)


def test_stations_by_category_and_no_station(provider):
    from qgis.core import QgsProcessingException

    result = _run({"SITES": _sites(), "STATION_CATEGORY": "facility", "RADII": "300"})
    sites = _by_name(result["OUTPUT"])
    assert sites["C"]["walk_m"] == 0 and sites["D"]["walk_m"] == 0
    assert result["STATION_COUNT"] == 2
    with pytest.raises(QgsProcessingException, match="No station"):
        _run({"SITES": _sites(), "STATION_CATEGORY": "service_station"})


def test_bad_radii_are_refused(provider):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="radi"):
        _run({"SITES": _sites(), "STATIONS": _stations(), "RADII": "300,abc"})


def test_demo_belt_through_qgis_process(qgis_process, demo_gpkg, tmp_path):
    out = tmp_path / "coverage.gpkg"
    result = qgis_process(
        [
            "run",
            "beltmap:servicecoverage",
            "--json",
            "--",
            "SITES={}|layername=sites".format(demo_gpkg),
            "ROADS={}|layername=roads".format(demo_gpkg),
            "ZONES={}|layername=zones".format(demo_gpkg),
            "OUTPUT={}".format(out),
            "CATCHMENTS={}".format(tmp_path / "catchments.gpkg"),
        ]
    )
    data = qgis_profile.json_output(result)
    results = data["results"]
    rates = json.loads(results["COVERAGE"])
    assert set(rates) == {"300", "500", "1000"}
    assert 0 < rates["300"] <= rates["500"] <= rates["1000"] <= 1
    assert results["STATION_COUNT"] > 0 and results["NETWORK_SITES"] > 0
    assert out.exists()
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(out), "coverage", "ogr")
    assert layer.featureCount() == 268
    names = layer.fields().names()
    for field in ("station_id", "walk_m", "walk_min", "method", "cov_300", "cov_500", "cov_1000"):
        assert field in names
    walks = [f["walk_m"] for f in layer.getFeatures()]
    assert all(w is not None and w >= 0 for w in walks)
    by_type = json.loads(results["COVERAGE_BY_ZONE_TYPE"])
    # with ZONES the untagged demo sites go through beltmap:tagzones when the provider has it
    if qgis_process(["help", "beltmap:tagzones"], check=False).returncode == 0:
        assert "zone_type" in names
        assert set(by_type) == {"park", "community", "street", "exhibition", "scenic"}
        assert all(0 <= rate <= 1 for rates in by_type.values() for rate in rates.values())
    else:
        assert by_type == {}
