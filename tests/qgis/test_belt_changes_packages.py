"""`beltmap:beltchanges` on packages (folder, ZIP), GeoPackages, and refused inputs (issue 18)."""

import json
import shutil
import zipfile

import pytest
from qgis.core import QgsProcessingException
from test_belt_changes import run_changes


def make_package(folder, demo_gpkg, created, label=None):
    """A minimal package folder: belt.gpkg (the demo belt) and a manifest."""
    folder.mkdir(parents=True)
    shutil.copy(demo_gpkg, folder / "belt.gpkg")
    manifest = {"package": folder.name, "created": created, "files": []}
    if label:
        manifest["label"] = label
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def zip_folder(folder, target, extra=()):
    """The package folder zipped under its own name, with extra (name, text) entries."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in folder.rglob("*"):
            archive.write(path, "{}/{}".format(folder.name, path.relative_to(folder)))
        for name, text in extra:
            archive.writestr(name, text)
    return target


def test_the_same_package_twice_has_no_changes_and_says_so(provider, tmp_path, demo_gpkg):
    package = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    results, tables, feedback = run_changes({"BEFORE": str(package), "AFTER": str(package)})
    assert results["UNCHANGED_COUNT"] == 268
    for key in ("ADDED_COUNT", "REMOVED_COUNT", "MOVED_COUNT", "CHANGED_COUNT", "RETAGGED_COUNT"):
        assert results[key] == 0, [r for r in tables["SITE_CHANGES"] if r["change"] != "unchanged"]
    assert results["ZONES_CHANGED_COUNT"] == 0
    assert any("same package" in m for m in feedback.messages)


def test_folder_against_zip_labels_from_manifests(provider, tmp_path, demo_gpkg):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    after = make_package(tmp_path / "belt_2026", demo_gpkg, "2026-06-30T10:00:00+00:00")
    archive = zip_folder(after, tmp_path / "belt_2026.zip")
    shutil.rmtree(after)
    report = tmp_path / "report"
    results, tables, _ = run_changes(
        {"BEFORE": str(before), "AFTER": str(archive), "REPORT_FOLDER": str(report)}
    )
    assert results["UNCHANGED_COUNT"] == 268
    summary = (report / "summary.txt").read_text(encoding="utf-8")
    assert "2025 → 2026" in summary


def test_zip_entry_outside_the_archive_is_refused_and_nothing_extracted(provider, tmp_path, demo_gpkg):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    archive = zip_folder(
        before, tmp_path / "evil.zip", extra=[("../escaped.txt", "x"), ("/tmp/abs.txt", "y")]
    )
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match=r"points outside the archive"):
        run_changes({"BEFORE": str(before), "AFTER": str(archive), "SITE_CHANGES": str(out)})
    assert not (tmp_path / "escaped.txt").exists()
    assert not out.exists()


def test_a_folder_that_is_not_a_package_names_what_is_missing(provider, tmp_path, demo_gpkg):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    empty = tmp_path / "not_a_package"
    empty.mkdir()
    (empty / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match=r"belt.gpkg is missing \(found: notes.txt\)"):
        run_changes({"BEFORE": str(before), "AFTER": str(empty)})


def test_a_geopackage_without_zones_names_the_table(provider, tmp_path, demo_gpkg):
    from osgeo import ogr

    copy = tmp_path / "no_zones.gpkg"
    shutil.copy(demo_gpkg, copy)
    dataset = ogr.Open(str(copy), 1)
    dataset.DeleteLayer(
        [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())].index("zones")
    )
    dataset = None
    with pytest.raises(QgsProcessingException, match="has no zones table"):
        run_changes({"BEFORE": str(demo_gpkg), "AFTER": str(copy)})


def test_demo_years_report_map_tables_and_summary(provider, tmp_path, demo_gpkg):
    """The demo's two years: the change map read back (title, legend counts), CSVs, summary."""
    import csv
    import subprocess

    import demo_next_year

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    report = tmp_path / "report"
    results, tables, _ = run_changes(
        {
            "BEFORE": str(demo_gpkg),
            "AFTER": str(after),
            "BEFORE_LABEL": "2025",
            "AFTER_LABEL": "2026",
            "REPORT_FOLDER": str(report),
        }
    )
    assert (results["ADDED_COUNT"], results["REMOVED_COUNT"], results["MOVED_COUNT"]) == (13, 8, 6)
    assert results["CHANGED_COUNT"] == 4 and results["RETAGGED_COUNT"] > 0
    zones = {(r["zone_id"], r["year"]): r["change"] for r in tables["ZONE_CHANGES"]}
    assert zones[("Z12A", "after")] == zones[("Z12B", "after")] == zones[("Z12", "before")] == "split"
    assert zones[("Z06", "after")] == "retyped;renamed"
    assert zones[("Z11", "after")] == "unchanged"
    text = subprocess.run(
        ["pdftotext", str(report / "change_map.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2025 → 2026 实践带变化" in text
    for label in ("新增 (13)", "撤销 (8)", "迁移 (6)", "属性变更 (4)", "拆分 (3)", "类型变更 (1)"):
        assert label in text, label
    assert results["CHANGE_MAP_PNG"] == str(report / "change_map.png")
    assert (report / "change_map.png").stat().st_size > 50_000
    raw = (report / "site_changes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert sum(1 for r in rows if r["change"] == "added") == 13
    assert all(not r["name"].startswith(("=", "+", "@")) for r in rows)
    summary = (report / "summary.txt").read_text(encoding="utf-8")
    assert "点位：新增 13 个，撤销 8 个，迁移 6 个" in summary
    assert "Sites: 13 added, 8 removed, 6 moved" in summary
    assert "pooled" in summary


def test_csv_cells_that_look_like_formulas_are_written_as_text(provider, tmp_path):
    from change_fixtures import ZONES_BEFORE, sites, zones

    report = tmp_path / "r"
    run_changes(
        {
            "BEFORE_SITES": sites([(100, 100, ["S1", "=HYPERLINK(1)", "enterprise"])]),
            "AFTER_SITES": sites([(100, 100, ["S1", "@SUM(A1)", "enterprise"])]),
            "BEFORE_ZONES": zones(ZONES_BEFORE),
            "AFTER_ZONES": zones(ZONES_BEFORE),
            "REPORT_FOLDER": str(report),
        }
    )
    text = (report / "site_changes.csv").read_text(encoding="utf-8-sig")
    assert "'@SUM(A1)" in text and "'name: =HYPERLINK(1)" not in text.replace('"', "")
    assert "name: =HYPERLINK(1) → @SUM(A1)" in text


@pytest.mark.slow
def test_qgis_process_json_run(qgis_process, tmp_path, demo_gpkg):
    import demo_next_year
    import qgis_profile

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    result = qgis_process(
        [
            "run",
            "beltmap:beltchanges",
            "--json",
            "--",
            "BEFORE={}".format(demo_gpkg),
            "AFTER={}".format(after),
            "BEFORE_LABEL=2025",
            "AFTER_LABEL=2026",
            "SITE_CHANGES={}".format(tmp_path / "changes.gpkg"),
            "ZONE_DELTAS={}".format(tmp_path / "deltas.csv"),
            "REPORT_FOLDER={}".format(tmp_path / "report"),
        ],
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    results = qgis_profile.json_output(result)["results"]
    assert (results["ADDED_COUNT"], results["REMOVED_COUNT"], results["MOVED_COUNT"]) == (13, 8, 6)
    assert results["CHANGED_COUNT"] == 4 and results["ZONES_CHANGED_COUNT"] == 4
    assert results["SITE_CHANGES"].startswith(str(tmp_path / "changes.gpkg"))
    assert results["CHANGE_MAP_PDF"] == str(tmp_path / "report" / "change_map.pdf")
    assert (tmp_path / "deltas.csv").exists() and (tmp_path / "report" / "change_map.pdf").exists()


def test_site_changes_into_a_geopackage_file_is_written_in_bulk_and_reads_back(provider, tmp_path, demo_gpkg):
    """SITE_CHANGES to a .gpkg path (bulk writer) holds every site with its change, loadable by QGIS."""
    import demo_next_year
    from qgis.core import QgsVectorLayer

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    out = tmp_path / "site_changes.gpkg"
    results, tables, _ = run_changes(
        {"BEFORE": str(demo_gpkg), "AFTER": str(after), "SITE_CHANGES": str(out)}
    )
    layer = QgsVectorLayer(str(out), "changes", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4549"
    changes = [f["change"] for f in layer.getFeatures()]
    assert len(changes) == 268 + 13
    assert changes.count("added") == 13 and changes.count("removed") == 8
    assert sum(1 for f in layer.getFeatures() if f.hasGeometry()) == len(changes)
    assert not layer.extent().isEmpty()


def test_site_rows_as_columns_equal_the_rows(qgis_app, tmp_path, demo_gpkg):
    """The bulk writer's columns hold exactly the rows the sinks and the report get."""
    import demo_next_year
    import numpy as np
    from beltmap.core.base.progress import Progress
    from beltmap.core.changes.engine import compare
    from beltmap.core.changes.request import ChangeRequest, YearInput
    from beltmap.core.changes.tables import SITE_COLUMNS

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    result = compare(ChangeRequest(YearInput(path=str(demo_gpkg)), YearInput(path=str(after))), Progress())
    rows = list(result.sites)
    columns = result.sites.columns()
    for name, _kind, _alias in SITE_COLUMNS:
        assert list(columns[name]) == [row[name] for row in rows], name
    expected = np.array([row["xy"] if row["xy"] is not None else (np.nan, np.nan) for row in rows], float)
    assert np.array_equal(columns["xy"], expected, equal_nan=True)


def test_changes_written_into_a_package_with_the_baseline_in_the_manifest_entry(
    qgis_app, tmp_path, demo_gpkg
):
    """Issue 18 (f), engine side: <package>/changes/ and the manifest's baseline entry."""
    import hashlib

    import demo_next_year
    from beltmap.core.base.progress import Progress
    from beltmap.core.change_report.in_package import package_changes

    baseline = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    package = tmp_path / "belt_2026"
    package.mkdir()
    demo_next_year.build(package / "belt.gpkg")
    entry = package_changes(str(package), str(baseline), Progress(), after_label="2026")[0]["baseline"]
    assert entry["name"] == "belt_2025" and entry["date"] == "2025-06-30"
    expected = hashlib.sha256((baseline / "manifest.json").read_bytes()).hexdigest()
    assert entry["manifest_sha256"] == expected
    assert entry["labels"] == ["2025", "2026"]
    assert entry["counts"]["added"] == 13
    assert "changes/change_map.pdf" in entry["files"]
    assert (package / "changes" / "change_map.pdf").exists()


def test_bulk_site_changes_has_a_valid_spatial_index(provider, tmp_path, demo_gpkg):
    import sqlite3

    import demo_next_year
    from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

    after = tmp_path / "demo_2026.gpkg"
    demo_next_year.build(after)
    out = tmp_path / "site_changes.gpkg"
    run_changes({"BEFORE": str(demo_gpkg), "AFTER": str(after), "SITE_CHANGES": str(out)})
    with sqlite3.connect(str(out)) as connection:
        assert connection.execute("SELECT rtreecheck('rtree_site_changes_geom')").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM rtree_site_changes_geom").fetchone()[0] == 281
    layer = QgsVectorLayer(str(out), "changes", "ogr")
    box = layer.extent()
    half = QgsRectangle(box.xMinimum(), box.yMinimum(), box.center().x(), box.yMaximum())
    by_index = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(half))}
    by_hand = {f.id() for f in layer.getFeatures() if half.contains(f.geometry().asPoint())}
    assert by_index == by_hand and 0 < len(by_index) < 281
