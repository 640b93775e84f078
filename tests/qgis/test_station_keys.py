"""Stations are named by the planner's key (site_id by default, as KEY_FIELD): in servicecoverage's outputs,
the catchments, the station pages and their file names, the overview and exportpackage ATLAS=station."""

import json
import subprocess

import pytest
from coverage_fixtures import line, memory_layer, point

FIELDS = ["site_id:string", "name:string", "category:string"]
ROWS = [
    ("S011", "米泉南路二社区党群服务站", "service_station", 0, 0),
    ("站点〇二", "安亭新镇党群服务站", "service_station", 600, 0),
    ("007", "车墩服务站", "service_station", 1200, 0),
    (None, "无编号服务站", "service_station", 1800, 0),
    ("E1", "企业甲", "enterprise", 50, 20),
    ("E2", "企业乙", "enterprise", 650, -20),
]


def _sites(rows=ROWS):
    return memory_layer(
        "Point", FIELDS, [(point(x, y), (key, name, cat)) for key, name, cat, x, y in rows], "sites"
    )


def _roads():
    return memory_layer("LineString", ["name:string"], [(line((-100, 0), (1900, 0)), ("安驰路",))], "roads")


def _pdftotext(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout


def test_station_ids_are_the_keys_as_written_and_only_keyless_stations_get_generated_ids(qgis_app):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach

    sites = _sites()
    progress = Progress()
    found = measure_reach(ReachRequest(sites=sites, roads=_roads()), progress)
    keyless = next(f.id() for f in sites.getFeatures() if f["name"] == "无编号服务站")
    assert found.station_ids == ["S011", "站点〇二", "007", "S{}".format(keyless)]
    warnings = [text for level, text in progress.messages if level == "warning"]
    assert any("1" in text and "site_id" in text for text in warnings), progress.messages


def test_station_key_rule_finds_other_id_fields_and_refuses_a_missing_one(qgis_app):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach
    from beltmap.core.reach.station_source import StationKeyError

    rows = [(point(0, 0), ("011", "站", "service_station")), (point(80, 0), ("012", "企", "enterprise"))]
    sites = memory_layer("Point", ["编号:string", "name:string", "category:string"], rows, "sites")
    assert measure_reach(ReachRequest(sites=sites), Progress()).station_ids == ["011"]
    assert measure_reach(ReachRequest(sites=sites, station_id_field="site_id"), Progress()).station_ids == [
        "011"
    ]
    generated = measure_reach(ReachRequest(sites=sites, station_id_field=""), Progress()).station_ids
    assert generated == ["S{}".format(next(sites.getFeatures()).id())]
    with pytest.raises(StationKeyError, match="nope"):
        measure_reach(ReachRequest(sites=sites, station_id_field="nope"), Progress())


def test_servicecoverage_writes_the_keys_in_sites_spokes_and_catchments(provider):
    from qgis import processing

    result = processing.run(
        "beltmap:servicecoverage",
        {
            "SITES": _sites(),
            "ROADS": _roads(),
            "RADII": "300",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SPOKES": "TEMPORARY_OUTPUT",
            "CATCHMENTS": "TEMPORARY_OUTPUT",
        },
    )
    served = {f["name"]: f["station_id"] for f in result["OUTPUT"].getFeatures()}
    assert served["企业甲"] == "S011" and served["企业乙"] == "站点〇二" and served["车墩服务站"] == "007"
    assert {f["station_id"] for f in result["CATCHMENTS"].getFeatures()} >= {"S011", "站点〇二", "007"}
    assert {f["station_id"] for f in result["SPOKES"].getFeatures()} >= {"S011", "站点〇二"}


def test_station_pages_are_found_by_their_key(qgis_app, tmp_path):
    from beltmap.core.base.progress import Progress
    from beltmap.core.stations.atlas import package_station_pages

    layers = {"sites": _sites(), "roads": _roads()}
    folder = tmp_path / "stations"
    paths = package_station_pages(layers, str(folder), "安驰路", "zh", None, Progress())
    assert (folder / "S011.pdf").exists() and (folder / "007.pdf").exists()
    assert "S011" in _pdftotext(folder / "S011.pdf")
    assert "007" in _pdftotext(folder / "007.pdf")
    chinese = [p for p in paths if "站点〇二" in _pdftotext(p) and not p.endswith("overview.pdf")]
    assert len(chinese) == 1  # the Chinese key is on its page (its file name stays ASCII)
    overview = _pdftotext(folder / "overview.pdf")
    for key in ("S011", "站点〇二", "007"):
        assert key in overview


def test_exportpackage_atlas_station_takes_the_station_key_field(qgis_process, demo_gpkg, tmp_path):
    import qgis_profile

    out = tmp_path / "out"
    result = qgis_process(
        [
            "run",
            "beltmap:exportpackage",
            "--json",
            "--",
            "BELT={}|layername=belt".format(demo_gpkg),
            "ZONES={}|layername=zones".format(demo_gpkg),
            "SITES={}|layername=sites".format(demo_gpkg),
            "ROADS={}|layername=roads".format(demo_gpkg),
            "OUTPUT_FOLDER={}".format(out),
            "ATLAS=station",
            "FORMATS=PDF",
            "DPI=50",
            "WEBMAP=false",
            "STATION_ID_FIELD=site_id",
        ],
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    maps = qgis_profile.json_output(result)["results"]["MAPS"]
    stations = out / "anchi_belt_map" / "maps" / "stations"
    assert (stations / "S011.pdf").exists(), sorted(p.name for p in stations.iterdir())
    assert not (stations / "S11.pdf").exists()
    assert "S011" in _pdftotext(stations / "S011.pdf")
    assert any(m.endswith("S058.pdf") for m in maps) or (stations / "S058.pdf").exists()
    assert json.dumps(maps)


def test_the_index_and_web_map_sites_carry_the_station_keys(qgis_app, demo_gpkg):
    from beltmap.core.base.progress import Progress
    from beltmap.core.evaluation.sites import walked_sites
    from qgis.core import QgsVectorLayer

    sites = QgsVectorLayer("{}|layername=sites".format(demo_gpkg), "sites", "ogr")
    roads = QgsVectorLayer("{}|layername=roads".format(demo_gpkg), "roads", "ogr")
    walked = walked_sites(sites, roads, "service_station", None, Progress())
    ids = {f["station_id"] for f in walked.getFeatures()}
    assert {"S011", "S058"} <= ids and "S58" not in ids
