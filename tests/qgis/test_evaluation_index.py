"""The evaluation index with QGIS: units with no sites, a single unit, indicator files and expressions,
the engine without Processing, the chart and package files, and the demo belt via qgis_process (the
arithmetic itself: tests/unit/test_index_math.py)."""

import json

import pytest
import qgis_profile
from beltmap.core.evaluation import index_math
from coverage_fixtures import box, memory_layer, point

SITE_FIELDS = ["name:string", "category:string", "walk_m:double", "staff:integer"]


def _zones(count=3):
    rows = [
        (box(300 * i, 0, 200), ("Z{}".format(i + 1), "区域{}".format(i + 1), "park")) for i in range(count)
    ]
    return memory_layer("Polygon", ["zone_id:string", "name:string", "zone_type:string"], rows, "zones")


def _sites():
    return memory_layer(
        "Point",
        SITE_FIELDS,
        [
            (point(20, 20), ("e1", "enterprise", 100.0, 10)),
            (point(40, 20), ("e2", "enterprise", 300.0, 20)),
            (point(60, 20), ("e3", "enterprise", 700.0, 30)),
            (point(80, 20), ("s1", "service_station", 0.0, 2)),
            (point(320, 20), ("e4", "enterprise", 900.0, 5)),
            (point(340, 20), ("f1", "facility", 200.0, 1)),
            (point(360, 20), ("f2", "facility", 400.0, 1)),
        ],
        "sites",
    )


INDICATORS = {
    "indicators": [
        {"key": "d_ent", "kind": "density", "category": "enterprise", "label": "企业密度"},
        {"key": "cov500", "kind": "coverage", "radius": 500},
        {"key": "walk", "kind": "walk", "direction": "cost"},
        {"key": "lum", "kind": "lum", "over": "category"},
        {"key": "staff", "kind": "expression", "expression": '"staff" * 2', "aggregate": "sum"},
    ]
}


def _run(params, tmp_path):
    from qgis import processing

    config = tmp_path / "indicators.json"
    config.write_text(json.dumps(INDICATORS, ensure_ascii=False), encoding="utf-8")
    base = {
        "UNITS": "zones",
        "SITES": _sites(),
        "INDICATORS": str(config),
        "OUTPUT": "TEMPORARY_OUTPUT",
        "WEIGHTS": "TEMPORARY_OUTPUT",
    }
    base.update(params)
    return processing.run("beltmap:evaluationindex", base)


def test_units_with_no_sites(provider, tmp_path):
    result = _run({"ZONES": _zones(3), "CHART": str(tmp_path / "chart.svg")}, tmp_path)
    units = {f["unit_id"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(units) == {"Z1", "Z2", "Z3"}
    assert units["Z3"]["n_sites"] == 0 and units["Z3"]["d_ent"] == 0
    assert units["Z1"]["d_ent"] == pytest.approx(3 / 0.04) and units["Z2"]["d_ent"] == pytest.approx(1 / 0.04)
    assert units["Z1"]["cov500"] == pytest.approx(0.75) and units["Z2"]["cov500"] == pytest.approx(2 / 3)
    assert units["Z1"]["walk"] == pytest.approx(275) and units["Z2"]["walk"] == pytest.approx(500)
    # undefined in the empty zone: the worst value seen
    assert units["Z3"]["cov500"] == pytest.approx(2 / 3) and units["Z3"]["walk"] == pytest.approx(500)
    assert units["Z1"]["staff"] == 124 and units["Z3"]["staff"] == 0
    lum_z1 = index_math.land_use_mix([3, 1, 0], categories=3)
    assert units["Z1"]["lum"] == pytest.approx(lum_z1)
    keys = ["d_ent", "cov500", "walk", "lum", "staff"]
    raw = [[units[z][k] for k in keys] for z in ("Z1", "Z2", "Z3")]
    expected = index_math.evaluate(raw, ["benefit", "benefit", "cost", "benefit", "benefit"])
    assert [units[z]["score"] for z in ("Z1", "Z2", "Z3")] == pytest.approx(expected.score, abs=1e-3)
    assert [units[z]["topsis"] for z in ("Z1", "Z2", "Z3")] == pytest.approx(expected.topsis, abs=1e-5)
    assert units["Z1"]["rank"] == 1 and units["Z3"]["rank"] == 3
    assert units["Z3"]["score"] == 0 and units["Z3"]["grade"] == 5 and units["Z3"]["grade_zh"] == "差"
    weights = {f["key"]: f for f in result["WEIGHTS"].getFeatures()}
    assert sum(f["weight"] for f in weights.values()) == pytest.approx(1)
    assert {f["method"] for f in weights.values()} == {"entropy"}
    assert json.loads(result["WEIGHT_VALUES"]).keys() == weights.keys()
    assert result["BEST_UNIT"] == "区域1" and result["UNIT_COUNT"] == 3
    for key in weights:
        assert units["Z1"]["w_" + key] == pytest.approx(weights[key]["weight"], abs=1e-6)
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "区域1" in svg and "<svg" in svg


def test_single_unit_is_refused_with_a_clear_message(provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="Only 1 unit to compare"):
        _run({"ZONES": _zones(1)}, tmp_path)


def test_zone_types_need_two_types(provider, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="Only 1 unit"):
        _run({"UNITS": "zone_types", "ZONES": _zones(3)}, tmp_path)


def test_grid_units_and_dialog_expression(provider, tmp_path):
    belt = memory_layer("Polygon", ["name:string"], [(box(0, 0, 400), ("belt",))], "belt")
    result = _run(
        {
            "UNITS": "grid",
            "BELT": belt,
            "GRID_SIZE": 200,
            "USER_EXPRESSION": '"walk_m"',
            "USER_AGGREGATE": "max",
            "USER_DIRECTION": "cost",
            "USER_WEIGHT": 0.5,
        },
        tmp_path,
    )
    cells = {f["unit_id"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(cells) == {"r1c1", "r1c2", "r2c1", "r2c2"}
    assert cells["r1c1"]["user"] == 700 and cells["r1c2"]["user"] == 900
    weights = {f["key"]: f for f in result["WEIGHTS"].getFeatures()}
    assert weights["user"]["weight"] == pytest.approx(0.5) and weights["user"]["method"] == "fixed"


def _stations_and_sites():
    """Sites without walk_m: a service station among them, so the index measures the walks itself."""
    rows = [
        (point(20, 20), ("s1", "service_station")),
        (point(120, 20), ("e1", "enterprise")),
        (point(180, 180), ("e2", "enterprise")),
        (point(320, 20), ("f1", "facility")),
        (point(900, 20), ("e3", "enterprise")),
    ]
    return memory_layer("Point", ["name:string", "category:string"], rows, "sites")


def test_engine_without_processing(qgis_app, tmp_path):
    """The export's call: zones and sites only, built-in indicators, Progress(); walks and tags measured
    by the engines (no child algorithm), the result as layers the package files are written from."""
    from beltmap.core.base.progress import Progress
    from beltmap.core.evaluation.engine import IndexRequest, evaluate_index
    from beltmap.core.evaluation.layers import index_layer, weights_layer
    from beltmap.core.package.index_files import write_index_files

    progress = Progress()
    result = evaluate_index(IndexRequest(sites=_stations_and_sites(), zones=_zones(4)), progress)
    assert [u.unit_id for u in result.units] == ["Z1", "Z2", "Z3", "Z4"]
    assert result.site_counts == [3, 1, 0, 1]
    assert result.dropped == ["jhb"]  # optional, no jobs/workers fields
    used = [i.key for i in result.indicators]
    assert {"cov500", "walk"} <= set(used)
    layer = index_layer(result)
    units = {f["unit_id"]: f for f in layer.getFeatures()}
    # straight line x 1.3: e1 100 m, e2 sqrt(160² + 160²) m, the station itself 0 m
    walks = [0.0, 130.0, round(1.3 * (2 * 160**2) ** 0.5, 1)]
    assert units["Z1"]["walk"] == pytest.approx(sum(walks) / 3, abs=0.05)
    assert units["Z2"]["walk"] == pytest.approx(round(1.3 * 300, 1))
    assert units["Z4"]["walk"] == pytest.approx(round(1.3 * 880, 1))
    assert units["Z3"]["walk"] == units["Z4"]["walk"]  # no site: the worst value seen
    assert units["Z1"]["rank"] == 1 and layer.fields().field("d_svc").alias().startswith("党群服务站")
    messages = [text for _kind, text in progress.messages]
    assert any("jhb" in m and "left out" in m for m in messages)
    assert not any("servicecoverage" in m or "tagzones" in m for m in messages)
    weights = {f["key"]: f["weight"] for f in weights_layer(result).getFeatures()}
    assert sum(weights.values()) == pytest.approx(1) and set(weights) == set(used)
    written = write_index_files(layer, tmp_path / "pkg")
    assert all(path.exists() for path in written)


def test_engine_tags_sites_for_lum_over_zone_types_and_stops_when_cancelled(qgis_app, tmp_path):
    from beltmap.core.base.progress import Progress
    from beltmap.core.errors import Cancelled
    from beltmap.core.evaluation.config import Indicator
    from beltmap.core.evaluation.engine import IndexRequest, evaluate_index

    zones = memory_layer(
        "Polygon",
        ["zone_id:string", "name:string", "zone_type:string"],
        [
            (box(0, 0, 200), ("Z1", "a", "park")),
            (box(100, 0, 250), ("Z2", "b", "community")),
            (box(600, 0, 200), ("Z3", "c", "street")),
        ],
        "zones",
    )
    lum = Indicator(key="lumz", kind="lum", params={"over": "zone_type"})
    density = Indicator(key="d", kind="density", params={"category": "*"})
    request = IndexRequest(
        sites=_stations_and_sites(), zones=zones, indicator_file="", extra_indicators=(lum, density)
    )
    result = evaluate_index(request, Progress())
    column = [i.key for i in result.indicators].index("lumz")
    # priority park before community: e1 and e2 (in both zones) are park, f1 (only in Z2) community
    mix = index_math.land_use_mix([2, 1], categories=2)
    assert result.matrix[:, column] == pytest.approx([0.0, mix, 0.0]) and 0.9 < mix < 1
    cancelled = Progress()
    cancelled.cancel()
    with pytest.raises(Cancelled):
        evaluate_index(request, cancelled)


def test_engine_call_gives_the_algorithms_output(provider, demo_gpkg):
    """The demo belt with roads: evaluate_index with Progress() writes the same units as the algorithm."""
    from beltmap.core.base.progress import Progress
    from beltmap.core.evaluation.engine import IndexRequest, evaluate_index
    from beltmap.core.evaluation.layers import index_layer
    from qgis import processing
    from qgis.core import QgsVectorLayer

    layers = {
        n: QgsVectorLayer("{}|layername={}".format(demo_gpkg, n), n, "ogr")
        for n in ("zones", "sites", "roads")
    }
    parameters = {"ZONES": layers["zones"], "SITES": layers["sites"], "ROADS": layers["roads"]}
    algorithm = processing.run("beltmap:evaluationindex", dict(parameters, OUTPUT="TEMPORARY_OUTPUT"))
    progress = Progress()
    engine = index_layer(
        evaluate_index(
            IndexRequest(sites=layers["sites"], zones=layers["zones"], roads=layers["roads"]), progress
        )
    )
    rows = [[str(v) for v in f.attributes()] for f in engine.getFeatures()]
    assert rows == [[str(v) for v in f.attributes()] for f in algorithm["OUTPUT"].getFeatures()]
    assert len(rows) == 32 and engine.fields().names() == algorithm["OUTPUT"].fields().names()
    assert any("road segments" in text for _kind, text in progress.messages)


def test_package_files(qgis_app, tmp_path):
    from beltmap.core.package.index_files import is_index_layer, write_index_files

    fields = [
        "unit_name:string",
        "d_ent:double",
        "w_d_ent:double",
        "score:double",
        "topsis:double",
        "rank:integer",
        "grade:integer",
    ]
    layer = memory_layer(
        "Polygon",
        fields,
        [
            (box(0, 0, 10), ("园区甲", 5.0, 1.0, 90.0, 0.9, 1, 1)),
            (box(20, 0, 10), ("社区乙", 1.0, 1.0, 10.0, 0.1, 2, 5)),
        ],
    )
    assert is_index_layer(layer)
    files = write_index_files(layer, tmp_path / "pkg")
    names = sorted(str(p.relative_to(tmp_path / "pkg")) for p in files)
    assert names == [
        "maps/evaluation_index_chart.png",
        "maps/evaluation_index_chart.svg",
        "tables/evaluation_index.csv",
        "tables/evaluation_index_weights.csv",
    ]
    table = (tmp_path / "pkg" / "tables" / "evaluation_index.csv").read_bytes()
    assert table.startswith(b"\xef\xbb\xbf") and "园区甲".encode() in table
    weights = (tmp_path / "pkg" / "tables" / "evaluation_index_weights.csv").read_text(encoding="utf-8-sig")
    assert weights.splitlines()[1].startswith("d_ent,")
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(tmp_path / "pkg" / "maps" / "evaluation_index_chart.png"))
    assert not image.isNull() and image.width() > 500


def test_demo_belt_through_qgis_process(qgis_process, demo_gpkg, tmp_path):
    out, chart = tmp_path / "index.gpkg", tmp_path / "index.png"
    result = qgis_process(
        [
            "run",
            "beltmap:evaluationindex",
            "--json",
            "--",
            "UNITS=zones",
            "ZONES={}|layername=zones".format(demo_gpkg),
            "SITES={}|layername=sites".format(demo_gpkg),
            "ROADS={}|layername=roads".format(demo_gpkg),
            "OUTPUT={}".format(out),
            "CHART={}".format(chart),
        ]
    )
    data = qgis_profile.json_output(result)
    results = data["results"]
    assert results["UNIT_COUNT"] == 32
    weights = json.loads(results["WEIGHT_VALUES"])
    assert set(weights) >= {"d_svc", "d_enterp", "cov500", "walk", "lum"}
    assert sum(weights.values()) == pytest.approx(1, abs=1e-5)
    assert chart.exists() and chart.stat().st_size > 2000
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(str(out), "index", "ogr")
    assert layer.featureCount() == 32
    features = list(layer.getFeatures())
    ranks = sorted(f["rank"] for f in features)
    assert ranks[0] == 1 and all(1 <= r <= 32 for r in ranks)
    assert all(0 <= f["score"] <= 100 and 0 <= f["topsis"] <= 1 and 1 <= f["grade"] <= 5 for f in features)
    best = min(features, key=lambda f: f["rank"])
    assert best["unit_name"] == results["BEST_UNIT"] and best["score"] == max(f["score"] for f in features)


def test_graduated_style_in_five_grades(qgis_app):
    from beltmap.core.evaluation.style import GRADE_COLOURS
    from beltmap.processing.outputs import GradeStyler

    layer = memory_layer("Polygon", ["score:double"], [(box(0, 0, 10), (85.0,)), (box(20, 0, 10), (5.0,))])
    styler = GradeStyler.create()
    from beltmap.processing import outputs

    assert outputs._POST_PROCESSORS[-1] is styler  # held alive until QGIS has called it
    styler.postProcessLayer(layer, None, None)
    renderer = layer.renderer()
    assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "score"
    ranges = renderer.ranges()
    assert [(r.lowerValue(), r.upperValue()) for r in ranges] == [
        (0, 20),
        (20, 40),
        (40, 60),
        (60, 80),
        (80, 100),
    ]
    assert ranges[-1].symbol().color().name() == GRADE_COLOURS[1] and "优" in ranges[-1].label()
