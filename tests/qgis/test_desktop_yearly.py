"""The yearly round in the real QGIS desktop under xvfb-run (issue 25): beltchanges' year picker in its
dialog, and a package's belt.qgz filling the panel."""

import pytest
from test_desktop import _run_desktop
from test_package_roles import _package_project


@pytest.mark.slow
def test_year_picker_and_package_roles_in_the_desktop(qgis_config_dir, repo_dir, demo_gpkg, tmp_path):
    project = _package_project(tmp_path, demo_gpkg, marked=True)
    screenshot = tmp_path / "picker.png"
    report = _run_desktop(
        qgis_config_dir,
        repo_dir,
        tmp_path,
        "zh_CN",
        "desktop_year_picker.py",
        BELTMAP_PACKAGE=project.parent,
        BELTMAP_PROJECT=project,
        BELTMAP_SCREENSHOT=screenshot,
    )
    assert report["errors"] == [], report["errors"]
    assert report["wrapper"] == "YearWidgetWrapper"
    assert report["picker_visible"] and report["button_visible"] and report["chooser_visible"]
    assert len(report["menu"]) == 2
    assert report["value"] == str(project.parent)
    assert report["project_read"] is True
    assert report["roles"] == {"belt": True, "zones": True, "sites": True, "roads": True}
    assert report["sources"] == {"belt": "belt", "zones": "zones", "sites": "sites", "roads": "roads"}
    assert screenshot.stat().st_size > 5000
