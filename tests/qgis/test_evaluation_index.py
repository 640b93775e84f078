"""The evaluation index: the issue's reference vector, weights and grades, units with no sites, a single
unit, indicator files and expressions, the chart and package files, and the demo belt via qgis_process."""

import json

import numpy as np
import pytest
import qgis_profile
from beltmap.core.evaluation import index_math
from beltmap.core.evaluation.config import ConfigError, default_indicators, parse
from coverage_fixtures import box, memory_layer, point

REFERENCE = [(120, 0.62, 820), (340, 0.81, 540), (80, 0.95, 410), (260, 0.70, 700)]
DIRECTIONS = ["benefit", "benefit", "cost"]


def test_reference_vector():
    result = index_math.evaluate(REFERENCE, DIRECTIONS)
    assert result.weights == pytest.approx([0.3700, 0.3278, 0.3022], abs=5e-5)
    assert result.score / 100 == pytest.approx([0.0569, 0.7651, 0.6300, 0.4241], abs=5e-5)
    assert result.topsis == pytest.approx([0.0946, 0.7331, 0.5465, 0.4488], abs=5e-5)
    assert list(result.rank) == [4, 1, 2, 3]
    assert list(result.grade) == [5, 2, 2, 3]
    assert result.weight_method == ["entropy"] * 3 and not result.warnings


def test_normalisation_directions():
    norm, constant = index_math.normalise(REFERENCE, DIRECTIONS)
    assert norm[:, 0] == pytest.approx([40 / 260, 1, 0, 180 / 260])
    assert norm[:, 2] == pytest.approx([0, 280 / 410, 1, 120 / 410])
    assert not constant.any()


def test_land_use_mix_and_job_housing_balance():
    assert index_math.land_use_mix([0.4, 0.3, 0.2, 0.1]) == pytest.approx(0.9232, abs=5e-5)
    assert index_math.land_use_mix([5, 0, 0], categories=3) == 0
    assert index_math.land_use_mix([1, 1], categories=2) == pytest.approx(1)
    assert index_math.job_housing_balance(300, 100) == pytest.approx(0.5)
    assert index_math.job_housing_balance(0, 0) is None


def test_constant_indicator_gets_zero_weight_and_a_warning():
    matrix = np.column_stack([np.array(REFERENCE, float), np.full(4, 7.0)])
    result = index_math.evaluate(matrix, DIRECTIONS + ["benefit"], names=["a", "b", "c", "flat"])
    assert result.weights[3] == 0 and result.weight_method[3] == "constant"
    assert result.weights[:3] == pytest.approx([0.3700, 0.3278, 0.3022], abs=5e-5)
    assert any("flat" in w for w in result.warnings)


def test_fixed_and_mixed_weights():
    fixed = index_math.evaluate(REFERENCE, DIRECTIONS, fixed=[0.5, 0.25, 0.25])
    assert fixed.weights == pytest.approx([0.5, 0.25, 0.25])
    mixed = index_math.evaluate(REFERENCE, DIRECTIONS, fixed=[0.5, None, None])
    # the others share the remaining half in proportion to their entropy weights
    assert mixed.weights == pytest.approx([0.5, 0.5 * 0.3278 / 0.63, 0.5 * 0.3022 / 0.63], abs=1e-4)
    assert mixed.weight_method == ["fixed", "entropy", "entropy"]


def test_single_unit_and_nothing_varying_are_clear_errors():
    with pytest.raises(index_math.IndexComputationError, match="only 1 unit.*at least two units"):
        index_math.evaluate([REFERENCE[0]], DIRECTIONS)
    with pytest.raises(index_math.IndexComputationError, match="no indicator varies"):
        index_math.evaluate([(1, 2), (1, 2)], ["benefit", "cost"])


def test_ranks_and_grades():
    assert list(index_math.ranks([50, 90, 50, 10])) == [2, 1, 2, 4]
    assert list(index_math.grades([100, 80, 79.9, 40, 20, 0])) == [1, 1, 2, 3, 4, 5]
    assert index_math.grade_label(1) == "优" and index_math.grade_label(5, "en") == "very poor"


def test_indicator_file_is_checked():
    assert [i.key for i in default_indicators()][:2] == ["d_svc", "d_enterp"]
    with pytest.raises(ConfigError, match="key 'Too_Long_Key'"):
        parse({"indicators": [{"key": "Too_Long_Key", "kind": "walk"}]})
    with pytest.raises(ConfigError, match="kind 'area'"):
        parse([{"key": "a", "kind": "area"}])
    with pytest.raises(ConfigError, match="needs 'radius'"):
        parse([{"key": "c", "kind": "coverage"}])
    with pytest.raises(ConfigError, match="used twice: w"):
        parse([{"key": "w", "kind": "walk"}, {"key": "w", "kind": "walk"}])
    with pytest.raises(ConfigError, match="direction"):
        parse([{"key": "w", "kind": "walk", "direction": "up"}])


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


def test_package_files(qgis_app, tmp_path):
    from beltmap.core.evaluation.package import is_index_layer, write_index_files

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
