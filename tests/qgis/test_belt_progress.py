"""`beltmap:beltprogress` (issue 26): hand-built years through Processing and qgis_process, bad input."""

import json

import pytest
from progress_fixtures import TARGETS, build_years, write_targets
from qgis.core import QgsProcessingContext, QgsProcessingException
from tag_fixtures import Feedback


@pytest.fixture
def years(tmp_path):
    return build_years(tmp_path)


def run_progress(params):
    """Run with memory outputs; (results, {output: rows as dicts}, feedback)."""
    from qgis import processing

    context = QgsProcessingContext()
    feedback = Feedback()
    params = dict(params)
    for name in ("INDICATORS", "PROGRESS", "ZONE_PROGRESS"):
        params.setdefault(name, "memory:")
    results = processing.run("beltmap:beltprogress", params, context=context, feedback=feedback)
    tables = {}
    for name in ("INDICATORS", "PROGRESS", "ZONE_PROGRESS"):
        layer = context.getMapLayer(results[name]) if isinstance(results[name], str) else results[name]
        tables[name] = [dict(zip(layer.fields().names(), f.attributes())) for f in layer.getFeatures()]
    return results, tables, feedback


def test_statuses_counts_and_tables(provider, years, tmp_path):
    results, tables, _feedback = run_progress({"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv")})
    assert results["YEARS_COUNT"] == 3
    assert (results["ACHIEVED_COUNT"], results["ON_TRACK_COUNT"], results["ACCELERATION_COUNT"]) == (1, 3, 1)
    assert (results["LIMITED_COUNT"], results["DETERIORATION_COUNT"], results["UNASSESSED_COUNT"]) == (
        1,
        1,
        1,
    )
    statuses = [(r["scope"], r["indicator"], r["status"], r["status_zh"]) for r in tables["PROGRESS"]]
    assert statuses[0] == ("Z1", "sites", "on_track", "按期推进")
    assert [s[2] for s in statuses] == [t[6] for t in TARGETS]
    # the reshaped zone: on the latest zones Z1 counts its site at x=750 already in 2024
    z1 = {
        r["year"]: r["value"]
        for r in tables["INDICATORS"]
        if r["scope"] == "Z1" and r["indicator"] == "sites"
    }
    assert z1 == {2024: 2, 2025: 3, 2026: 4}
    zones = {r["zone_id"]: r for r in tables["ZONE_PROGRESS"]}
    assert zones["Z1"]["status"] == "on_track" and zones["Z1"]["sites"] == 4
    assert zones["Z2"]["status"] == "on_track"  # achieved, on track, unable to assess: the worst known
    assert zones["Z3"]["status"] == "limited" and zones["Z3"]["status_zh"] == "进展有限"


def test_each_years_own_zones(provider, years, tmp_path):
    results, tables, _f = run_progress(
        {"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv"), "ZONES_FROM": 1}
    )
    z1 = {
        r["year"]: r["value"]
        for r in tables["INDICATORS"]
        if r["scope"] == "Z1" and r["indicator"] == "sites"
    }
    assert z1 == {2024: 1, 2025: 3, 2026: 4}  # 2024's own Z1 was half as wide


def test_chinese_headers_in_gbk_give_the_same_statuses(provider, years, tmp_path):
    path = write_targets(tmp_path / "目标.csv", chinese=True, encoding="gbk")
    _results, tables, _f = run_progress({"YEARS": years, "TARGETS": path})
    assert [r["status"] for r in tables["PROGRESS"]] == [t[6] for t in TARGETS]
    assert tables["PROGRESS"][0]["responsible"] == "安亭镇"


def test_labels_override_and_same_labels_refused(provider, years, tmp_path):
    targets = write_targets(tmp_path / "t.csv")
    with pytest.raises(
        QgsProcessingException, match=r"same label '2025': .*belt_2024.gpkg and .*belt_2025.gpkg"
    ):
        run_progress({"YEARS": years, "TARGETS": targets, "LABELS": "2025,2025,2026"})
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match=r"two or more years"):
        run_progress({"YEARS": years[:1], "TARGETS": targets, "PROGRESS": str(out)})
    assert not out.exists()


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ("happiness", "Z1", 2030, 8, "", ""),
            r"row 2: unknown indicator 'happiness'; known: sites, sites:<category>",
        ),
        (("sites", "Z9", 2030, 8, "", ""), r"row 2: the scope 'Z9' is neither belt, a zone_id .*Z1, Z2, Z3"),
        (("sites", "Z1", 2030, "lots", "", ""), r"row 2: the target 'lots' is not a number"),
        (("sites", "Z1", 2024, 8, "", ""), r"row 2: target_year 2024 is not after the baseline year 2024"),
        (
            ("sites:unicorn", "belt", 2030, 8, "", ""),
            r"row 2: no site of any year has the category 'unicorn'",
        ),
    ],
)
def test_bad_targets_named_by_row_nothing_written(provider, years, tmp_path, row, message):
    targets = write_targets(tmp_path / "t.csv", rows=[row + ("x",)])
    report = tmp_path / "report"
    with pytest.raises(QgsProcessingException, match=message):
        run_progress({"YEARS": years, "TARGETS": targets, "REPORT_FOLDER": str(report)})
    assert not report.exists()


def test_missing_columns_named_in_both_languages(provider, years, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("indicator,scope\nsites,Z1\n", encoding="utf-8")
    with pytest.raises(
        QgsProcessingException,
        match=r"lacks the column\(s\) target_year, target \(缺少列：目标年份、目标值\)",
    ):
        run_progress({"YEARS": years, "TARGETS": str(path)})


def test_pooled_index_target(provider, years, tmp_path):
    rows = [
        ("index", "Z3", 2030, 90, "", ""),
        ("index", "belt", 2030, 90, "", ""),
        ("cov500", "全带", 2030, 80, "", ""),
    ]
    _results, tables, _f = run_progress(
        {"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv", rows=[r + ("x",) for r in rows])}
    )
    index = {(r["scope"], r["year"]): r["value"] for r in tables["INDICATORS"] if r["indicator"] == "index"}
    assert all(0 <= v <= 100 for v in index.values()) and len(index) == 6
    cov = [r["value"] for r in tables["INDICATORS"] if r["indicator"] == "cov500"]
    assert cov[0] == 0 and cov[-1] > 0  # no station before 2026: nobody covered


def test_report_folder_tables_and_summary(provider, years, tmp_path):
    report = tmp_path / "report"
    results, _tables, _f = run_progress(
        {"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv"), "REPORT_FOLDER": str(report)}
    )
    names = {p.name for p in report.iterdir()}
    assert {
        "indicators.csv",
        "progress.csv",
        "zone_progress.csv",
        "calculation_inputs.csv",
        "summary.txt",
    } <= names
    progress = (report / "progress.csv").read_text(encoding="utf-8-sig")
    assert "按期推进" in progress and progress.count("\n") == len(TARGETS) + 1
    summary = (report / "summary.txt").read_text(encoding="utf-8")
    assert "五年期进展 2024 → 2025 → 2026" in summary and "Programme progress 2024 → 2025 → 2026" in summary
    assert "Z1" in summary  # the zone reshaped over the years is listed
    inputs = json.loads((report / "calculation_inputs.json").read_text(encoding="utf-8"))
    assert inputs["zones_from"] == "latest" and list(inputs["years"]) == ["2024", "2025", "2026"]
    assert results["REPORT_FOLDER"] == str(report)


def test_formula_cells_written_as_text(provider, years, tmp_path):
    rows = [("sites", "Z1", 2030, 8, "", "")]
    path = tmp_path / "t.csv"
    path.write_text(
        'indicator,scope,target_year,target,source\nsites,Z1,2030,8,=HYPERLINK("x")\n', encoding="utf-8"
    )
    report = tmp_path / "report"
    run_progress({"YEARS": years, "TARGETS": str(path), "REPORT_FOLDER": str(report)})
    text = (report / "progress.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and rows


def test_qgis_process_json_run(qgis_process, tmp_path):
    import qgis_profile

    years = build_years(tmp_path)
    args = ["run", "beltmap:beltprogress", "--json"]
    args += ["--YEARS={}".format(y) for y in years]
    args += [
        "--TARGETS={}".format(write_targets(tmp_path / "t.csv")),
        "--PROGRESS={}".format(tmp_path / "p.gpkg"),
    ]
    run = qgis_process(args, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    data = qgis_profile.json_output(run)
    results = data["results"]
    assert results["YEARS_COUNT"] == 3 and results["ON_TRACK_COUNT"] == 3 and results["ACHIEVED_COUNT"] == 1


def test_progress_report_pdf_reads_back(provider, years, tmp_path):
    import subprocess

    report = tmp_path / "report"
    results, _tables, _f = run_progress(
        {"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv"), "REPORT_FOLDER": str(report)}
    )
    pdf = report / "progress_report.pdf"
    assert results["REPORT_PDF"] == str(pdf) and pdf.exists()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "五年期进展 2024 → 2025 → 2026" in text
    for label in ("已达成", "按期推进", "需加快", "进展有限", "倒退", "无法评估"):
        assert label in text, label
    assert "各目标进展" in text and "sites:residential" in text
    assert "Programme progress 2024 → 2025 → 2026" in text  # the summary's English half


def test_long_progress_table_continues_as_xubiao_each_row_once(provider, years, tmp_path):
    import re
    import subprocess

    rows = [("sites", "Z{}".format(1 + k % 3), 2030, 101 + k, "", "", "x") for k in range(70)]
    report = tmp_path / "report"
    run_progress(
        {
            "YEARS": years,
            "TARGETS": write_targets(tmp_path / "t.csv", rows=rows),
            "REPORT_FOLDER": str(report),
        }
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(report / "progress_report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table = text[text.index("各目标进展") :]
    assert "续表" in table
    found = re.findall(r"\b(1[0-7]\d) \(2030\)", table)
    assert sorted(int(v) for v in found) == list(range(101, 171))  # every row exactly once


def test_growth_method(provider, years, tmp_path):
    _results, tables, _f = run_progress(
        {"YEARS": years, "TARGETS": write_targets(tmp_path / "t.csv"), "METHOD": 1}
    )
    status = {(r["scope"], r["indicator"], r["target"]): r["status"] for r in tables["PROGRESS"]}
    assert status[("全带", "sites:service_station", 3)] == "unable_to_assess"  # zero baseline: no growth rate
    assert status[("Z2", "sites:enterprise", 4)] == "achieved"
    # Z1 2 -> 4 in two years (41 %/year) against 2 -> 8 in six (26 %/year): on track
    assert status[("Z1", "sites", 8)] == "on_track"
