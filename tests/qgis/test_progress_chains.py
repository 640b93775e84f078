"""`beltmap:beltprogress` chain indicators (issue 27): three package years of the demo belt exported with
and without LINKS (exportpackage), a hand-made links table over the demo sites; the values per year, the
statuses, the log of the year without links and the refusal of another scope."""

import csv

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException
from tag_fixtures import Feedback

pytestmark = pytest.mark.slow

HEADER = ["起点", "终点", "关系", "产业链", "起始年份"]
# the leader S006 (上汽大众安亭基地, inside the belt) and its partners, straight-line km from S006:
# S001 0.9 in, S002 1.3 out, S004 2.9 out, S007 2.3 out, S003 2.1 in, S005 1.6 in, S265 0.5 out
LINKS_2024 = [["S006", p, "供应", "整车", ""] for p in ("S001", "S002", "S004", "S007")]
LINKS_2026 = [["S006", p, "供应", "整车", ""] for p in ("S001", "S003", "S005")] + [
    ["S265", "S006", "服务", "整车", ""]  # the leader at the `to` end counts too
]
# 2024: inside 1/4 = 25 %, within 1 km 1/4 = 25 %, within 5 km 100 %; 2025: no links
# 2026: inside 3/4 = 75 %, within 1 km 2/4 = 50 %, within 5 km 100 %
TARGETS = [
    # indicator, scope, target_year, target, baseline_year, expected status
    ("chain_inside:S006", "belt", 2030, 100, "", "on_track"),  # e = 25+75·2/6 = 50, R = 50/25 = 2
    ("chain_within1:s006", "全带", 2027, 100, "", "limited"),  # R = 25·3/(75·2) = 0.5
    ("chain_within5:S006", "belt", 2030, 100, "", "achieved"),
    ("chain_inside:S006", "belt", 2030, 100, "2025", "unable_to_assess"),  # 2025 has no links
]


def _links(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return str(path)


def _export(demo_gpkg, out, label, links=None, **extra):
    from qgis import processing

    params = {
        "BELT": "{}|layername=belt".format(demo_gpkg),
        "ZONES": "{}|layername=zones".format(demo_gpkg),
        "SITES": ["{}|layername=sites".format(demo_gpkg)],
        "FORMATS": ["PNG"],
        "DPI": 36,
        "WEBMAP": False,
        "NAME": "belt_{}".format(label),
        "LABEL": label,
        "OUTPUT_FOLDER": str(out),
    }
    if links:
        params["LINKS"] = links
    params.update(extra)
    return processing.run(
        "beltmap:exportpackage", params, context=QgsProcessingContext(), feedback=Feedback()
    )


@pytest.fixture(scope="module")
def years(qgis_app, qgis_processing, demo_gpkg, tmp_path_factory):
    """2024 (folder, LINKS), 2025 (folder, no LINKS), 2026 (ZIP, LINKS); given in the wrong order."""
    from beltmap.processing.provider import BeltMapProvider
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    added = None
    if registry.providerById("beltmap") is None:
        added = BeltMapProvider()  # kept alive for the module, removed at its end
        registry.addProvider(added)
    root = tmp_path_factory.mktemp("chain_years")
    _export(demo_gpkg, root, "2024", _links(root / "links_2024.csv", LINKS_2024))
    _export(demo_gpkg, root, "2025")
    result = _export(demo_gpkg, root / "z", "2026", _links(root / "links_2026.csv", LINKS_2026), ZIP=True)
    assert (root / "belt_2024" / "maps" / "chains" / "chain_summary.csv").is_file()
    assert not (root / "belt_2025" / "maps" / "chains").exists()
    assert result["ZIP_FILE"].endswith(".zip")
    yield [result["ZIP_FILE"], str(root / "belt_2024"), str(root / "belt_2025")]
    if added is not None:
        registry.removeProvider(added)


def _targets(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "scope", "target_year", "target", "baseline_year"])
        writer.writerows([r[:5] for r in rows])
    return str(path)


def _run(years, targets, **extra):
    from qgis import processing

    context = QgsProcessingContext()
    feedback = Feedback()
    params = {"YEARS": years, "TARGETS": targets, **extra}
    for name in ("INDICATORS", "PROGRESS", "ZONE_PROGRESS"):
        params[name] = "memory:"
    results = processing.run("beltmap:beltprogress", params, context=context, feedback=feedback)
    tables = {}
    for name in ("INDICATORS", "PROGRESS"):
        layer = context.getMapLayer(results[name]) if isinstance(results[name], str) else results[name]
        tables[name] = [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]
    return results, tables, feedback


def test_chain_values_per_year_and_statuses(provider, years, tmp_path):
    report = tmp_path / "report"
    results, tables, feedback = _run(years, _targets(tmp_path / "t.csv", TARGETS), REPORT_FOLDER=str(report))
    values = {}
    for row in tables["INDICATORS"]:
        values.setdefault(row["indicator"], {})[row["year"]] = row["value"]
    assert values["chain_inside:S006"] == {2024: 25.0, 2025: None, 2026: 75.0}
    assert values["chain_within1:s006"] == {2024: 25.0, 2025: None, 2026: 50.0}  # from chain_links.csv
    assert values["chain_within5:S006"] == {2024: 100.0, 2025: None, 2026: 100.0}  # from the summary
    assert [r["status"] for r in tables["PROGRESS"]] == [t[5] for t in TARGETS]
    first = tables["PROGRESS"][0]
    assert (first["baseline"], first["latest"], first["expected"], first["unit"]) == (25.0, 75.0, 50.0, "%")
    assert results["ON_TRACK_COUNT"] == 1 and results["UNASSESSED_COUNT"] == 1
    with open(report / "indicators.csv", encoding="utf-8-sig") as handle:
        written = [r for r in csv.DictReader(handle) if r["indicator"] == "chain_within1:s006"]
    assert [r["value"] for r in written] == ["25.0", "", "50.0"]
    with open(report / "calculation_inputs.csv", encoding="utf-8-sig") as handle:
        belt = [r for r in csv.DictReader(handle) if r["scope"] in ("belt", "全带")]
    assert [(r["year"], r["chain_S006_partners"], r["chain_S006_inside"]) for r in belt] == [
        ("2024", "4", "1"),
        ("2025", "", ""),
        ("2026", "4", "3"),
    ]
    assert [r["chain_s006_within_1km"] for r in belt] == ["1", "", "2"]
    log = "\n".join(str(m) for m in feedback.messages)
    assert "2025: the year holds no chain links" in log and "unable to assess" in log


def test_a_leader_without_partners_is_missing_and_said(provider, years, tmp_path):
    rows = [("chain_inside:S003", "belt", 2030, 100, "", "")]
    _results, tables, feedback = _run(years, _targets(tmp_path / "t.csv", rows))
    assert [r["value"] for r in tables["INDICATORS"]] == [None, None, None]
    assert tables["PROGRESS"][0]["status"] == "unable_to_assess"
    assert any("S003 is no leader" in str(m) for m in feedback.messages)


@pytest.mark.parametrize("scope", ["园区", "park"])
def test_chain_indicator_with_another_scope_is_refused_naming_the_row(provider, years, tmp_path, scope):
    rows = [("sites", "belt", 2030, 300, "", ""), ("chain_within5:S006", scope, 2030, 100, "", "")]
    with pytest.raises(QgsProcessingException, match="row 3.*chain_within5:S006.*scope must be belt"):
        _run(years, _targets(tmp_path / "t.csv", rows))


def test_unknown_indicator_lists_the_chain_indicators(provider, years, tmp_path):
    rows = [("chain_between:S006", "belt", 2030, 100, "", "")]
    with pytest.raises(QgsProcessingException, match=r"chain_inside:<leader>, chain_within<R>:<leader>"):
        _run(years, _targets(tmp_path / "t.csv", rows))
