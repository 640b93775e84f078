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
    results, tables, _ = run_changes({"BEFORE": str(before), "AFTER": str(archive), "REPORT_FOLDER": str(report)})
    assert results["UNCHANGED_COUNT"] == 268
    summary = (report / "summary.txt").read_text(encoding="utf-8")
    assert "2025 → 2026" in summary


def test_zip_entry_outside_the_archive_is_refused_and_nothing_extracted(provider, tmp_path, demo_gpkg):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    archive = zip_folder(before, tmp_path / "evil.zip", extra=[("../escaped.txt", "x"), ("/tmp/abs.txt", "y")])
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
    dataset.DeleteLayer([dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())].index("zones"))
    dataset = None
    with pytest.raises(QgsProcessingException, match="has no zones table"):
        run_changes({"BEFORE": str(demo_gpkg), "AFTER": str(copy)})
