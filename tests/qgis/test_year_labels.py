"""Year labels (issue 26): exportpackage LABEL into manifest.json, read back by the progress; the default
is the current year; packages with the same label refused naming both."""

import datetime
import json
import shutil

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException
from tag_fixtures import Feedback


def export(demo_gpkg, out, **extra):
    from qgis import processing

    params = {
        "BELT": "{}|layername=belt".format(demo_gpkg),
        "ZONES": "{}|layername=zones".format(demo_gpkg),
        "SITES": ["{}|layername=sites".format(demo_gpkg)],
        "FORMATS": ["PNG"],
        "DPI": 36,
        "WEBMAP": False,
        "OUTPUT_FOLDER": str(out),
    }
    params.update(extra)
    return processing.run(
        "beltmap:exportpackage", params, context=QgsProcessingContext(), feedback=Feedback()
    )


def test_label_default_is_this_year(provider):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("beltmap:exportpackage")
    assert algorithm.parameterDefinition("LABEL").defaultValue() == str(datetime.date.today().year)


def test_label_in_the_manifest_and_read_by_the_progress(provider, demo_gpkg, tmp_path):
    result = export(demo_gpkg, tmp_path / "a", LABEL="2025", NAME="belt")
    manifest = json.loads((tmp_path / "a" / "belt" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["label"] == "2025" and manifest["year"] == 2025
    assert manifest["parameters"]["LABEL"] == "2025" and result["MANIFEST"]
    # the same package under a folder name with another year: the manifest wins over the name
    shutil.copytree(tmp_path / "a" / "belt", tmp_path / "belt_2031")
    shutil.copy(demo_gpkg, tmp_path / "demo_2026.gpkg")
    targets = tmp_path / "t.csv"
    targets.write_text("indicator,scope,target_year,target\nsites,belt,2030,400\n", encoding="utf-8")
    from qgis import processing

    years = [str(tmp_path / "demo_2026.gpkg"), str(tmp_path / "belt_2031")]
    out = processing.run(
        "beltmap:beltprogress",
        {
            "YEARS": years,
            "TARGETS": str(targets),
            "INDICATORS": "memory:",
            "PROGRESS": "memory:",
            "ZONE_PROGRESS": "memory:",
        },  # fmt: skip
        context=QgsProcessingContext(),
        feedback=Feedback(),
    )
    assert out["YEARS_COUNT"] == 2
    # two packages labelled alike: refused, both named
    shutil.copytree(tmp_path / "a" / "belt", tmp_path / "copy")
    with pytest.raises(QgsProcessingException, match=r"same label '2025': .*belt_2031 and .*copy"):
        processing.run(
            "beltmap:beltprogress",
            {"YEARS": [years[1], str(tmp_path / "copy")], "TARGETS": str(targets), "PROGRESS": "memory:"},
            context=QgsProcessingContext(),
            feedback=Feedback(),
        )


def test_package_with_history_and_targets_holds_the_progress(provider, demo_gpkg, tmp_path):
    import subprocess

    for year in (2024, 2025):
        shutil.copy(demo_gpkg, tmp_path / "demo_{}.gpkg".format(year))
    targets = tmp_path / "t.csv"
    targets.write_text(
        "指标,范围,目标年份,目标值\nsites,全带,2030,400\nsites:enterprise,园区,2030,60\n", encoding="utf-8"
    )
    history = "{};{}".format(tmp_path / "demo_2024.gpkg", tmp_path / "demo_2025.gpkg")
    export(demo_gpkg, tmp_path / "out", LABEL="2026", NAME="belt", HISTORY=history, TARGETS=str(targets))
    package = tmp_path / "out" / "belt"
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["progress"]["years"] == ["2024", "2025", "2026"]
    assert sum(manifest["progress"]["counts"].values()) == 2
    assert "progress/progress_report.pdf" in manifest["progress"]["files"]
    assert "progress/progress_report.pdf" in {entry["path"] for entry in manifest["files"]}
    readme = (package / "README.txt").read_text(encoding="utf-8")
    assert "progress_report.pdf" in readme and "五年期进展" in readme
    text = subprocess.run(
        ["pdftotext", str(package / "progress" / "progress_report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "五年期进展 2024 → 2025 → 2026" in text


def test_history_without_targets_is_refused(provider, demo_gpkg, tmp_path):
    with pytest.raises(QgsProcessingException, match="Give both HISTORY"):
        export(demo_gpkg, tmp_path / "out", HISTORY=str(demo_gpkg), NAME="belt")
    assert not (tmp_path / "out" / "belt").exists()


def test_beltchanges_refuses_two_packages_labelled_alike(provider, demo_gpkg, tmp_path):
    """Two exports a year apart on a machine whose clock said 2026 were both labelled 2026, and the change
    map was titled "2026 → 2026" (issue 26): now refused, both packages named."""
    from qgis import processing

    export(demo_gpkg, tmp_path / "first", LABEL="2026", NAME="belt")
    export(demo_gpkg, tmp_path / "second", LABEL="2026", NAME="belt")
    before, after = tmp_path / "first" / "belt", tmp_path / "second" / "belt"
    parameters = {"BEFORE": str(before), "AFTER": str(after), "SITE_CHANGES": "memory:"}
    with pytest.raises(QgsProcessingException) as info:
        processing.run("beltmap:beltchanges", parameters, context=QgsProcessingContext(), feedback=Feedback())
    message = str(info.value)
    assert "both labelled 2026" in message and str(before) in message and str(after) in message
    # a label given for one year settles it
    parameters["BEFORE_LABEL"] = "2025"
    result = processing.run(
        "beltmap:beltchanges", parameters, context=QgsProcessingContext(), feedback=Feedback()
    )
    assert result["UNCHANGED_COUNT"] > 0 and result["ADDED_COUNT"] == 0
