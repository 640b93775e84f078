"""The real QGIS desktop, under xvfb-run, with the plugin installed and enabled in a temporary profile."""

import json
import os
import shutil
import subprocess

import pytest


@pytest.mark.slow
def test_desktop_starts_with_menu_and_demo(qgis_config_dir, repo_dir, tmp_path):
    if shutil.which("xvfb-run") is None or shutil.which("qgis") is None:
        pytest.fail("xvfb-run and qgis are needed: run `make test`, which installs them")
    report_path = tmp_path / "report.json"
    screenshot = tmp_path / "desktop.png"
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("PYTHONPATH", None)
    env.update(
        BELTMAP_REPORT=str(report_path),
        BELTMAP_SCREENSHOT=str(screenshot),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    (tmp_path / "runtime").mkdir(mode=0o700)
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
        "qgis", "--profiles-path", str(qgis_config_dir), "--nologo", "--noversioncheck", "--skipbadlayers",
        "--code", str(repo_dir / "tests" / "desktop_script.py"),
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert report_path.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["errors"] == []
    assert report["python_errors"] == []
    assert "beltmap" in report["active"]
    assert report["provider"] is True
    assert "Belt Map" in report["menus"]
    assert "Load demo belt" in report["beltmap_menu"]
    assert report["demo_group_layers"] == 4
    assert report["project_crs"] == "EPSG:4549"
    assert screenshot.exists() and screenshot.stat().st_size > 10000
