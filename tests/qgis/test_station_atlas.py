"""ATLAS=station: a page per service station and an overview, read back with pdftotext and looked at."""

import subprocess
from collections import Counter

import numpy as np
import pytest
from coverage_fixtures import line, memory_layer, point


def _text(path, first=None, last=None):
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _attribute(feature, name):
    value = feature[name] if feature.fields().indexOf(name) >= 0 else None
    return "" if value is None else str(value)


def test_demo_stations_each_get_a_page_with_every_served_site_once(qgis_app, demo_gpkg, tmp_path):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach
    from beltmap.core.stations.atlas import UNCOVERED, _bands, write_station_pages
    from qgis.core import QgsVectorLayer

    def layer(name):
        return QgsVectorLayer("{}|layername={}".format(demo_gpkg, name), name, "ogr")

    found = measure_reach(ReachRequest(sites=layer("sites"), roads=layer("roads")), Progress())
    layers = {name: layer(name) for name in ("belt", "zones", "roads")}
    paths = write_station_pages(found, layers, str(tmp_path / "stations"), "安亭 实践带", "en", Progress())
    assert len(paths) == len(found.station_ids) + 1
    bands = _bands(found)
    for k, station_id in enumerate(found.station_ids):
        path = tmp_path / "stations" / "{}.pdf".format(station_id)
        assert str(path) in paths
        text = _text(path)
        assert "Station {}".format(station_id) in text
        station_name = _attribute(found.station_features[k], "name")
        served = [i for i in np.flatnonzero(found.station == k) if bands[i] != UNCOVERED]
        expected = Counter(_attribute(found.features[i], "name") for i in served)
        expected[station_name] += 1  # also in the header
        for name, count in expected.items():
            assert text.count(name) == count, (station_id, name)
    overview = _text(tmp_path / "stations" / "overview.pdf")
    assert "overview" in overview
    for station_id in found.station_ids:
        assert station_id in overview
    assert "□" not in overview and "\ufffd" not in overview


def test_a_long_table_continues_without_losing_or_repeating_rows(qgis_app, tmp_path):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach
    from beltmap.core.stations.atlas import write_station_pages

    rng = np.random.default_rng(3)
    rows = [(point(0, -5), ("总站", "service_station"))]
    rows += [
        (point(float(x), float(y)), ("点位{:03d}".format(i), "enterprise"))
        for i, (x, y) in enumerate(zip(rng.uniform(0, 600, 140), rng.uniform(-40, 40, 140)))
    ]
    sites = memory_layer("Point", ["name:string", "category:string"], rows, "sites")
    roads = memory_layer("LineString", ["name:string"], [(line((0, 0), (300, 0), (600, 0)), ("主路",))])
    found = measure_reach(ReachRequest(sites=sites, roads=roads, radii=(300, 1000)), Progress())
    paths = write_station_pages(found, {"roads": roads}, str(tmp_path), "续表测试", "zh", Progress())
    station_pdf = paths[0]
    pages = _pages(station_pdf)
    assert pages >= 3
    seen = Counter()
    for number in range(1, pages + 1):
        text = _text(station_pdf, number)
        if number > 1:
            assert "续表" in text[:200], text[:200]  # the package's language, whatever QGIS's own locale
        for i in range(140):
            seen["点位{:03d}".format(i)] += text.count("点位{:03d}".format(i))
    assert set(seen.values()) == {1}, [n for n, c in seen.items() if c != 1]


@pytest.mark.slow
def test_exportpackage_atlas_station(qgis_process, demo_gpkg, tmp_path):
    import json

    args = [
        "run",
        "beltmap:exportpackage",
        "--json",
        "--",
        "BELT={}|layername=belt".format(demo_gpkg),
        "ZONES={}|layername=zones".format(demo_gpkg),
        "SITES={}|layername=sites".format(demo_gpkg),
        "ROADS={}|layername=roads".format(demo_gpkg),
        "OUTPUT_FOLDER={}".format(tmp_path),
        "FORMATS=PDF",
        "DPI=72",
        "ATLAS=station",
        "WEBMAP=false",
    ]
    result = qgis_process(args, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    folder = next(p for p in tmp_path.iterdir() if p.is_dir())
    stations = sorted((folder / "maps" / "stations").glob("*.pdf"))
    assert len(stations) == 31  # 30 demo stations and the overview
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = json.dumps(manifest, ensure_ascii=False)
    assert "maps/stations/overview.pdf" in listed
    text = _text(stations[0])  # LANGUAGE=zh by default: the pages speak Chinese in any QGIS locale
    assert "服务站" in text and "Station" not in text and "□" not in text
