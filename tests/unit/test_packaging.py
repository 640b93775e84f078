"""`make package` gives a ZIP that QGIS's "Install from ZIP" accepts, without tests or build leftovers."""

import configparser
import subprocess
import sys
import zipfile


def test_plugin_zip_layout(tmp_path, repo_dir):
    target = tmp_path / "beltmap.zip"
    subprocess.run(
        [sys.executable, str(repo_dir / "scripts" / "install_plugin.py"), "--zip", str(target)],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        metadata = archive.read("beltmap/metadata.txt").decode("utf-8")
    assert all(name.startswith("beltmap/") for name in names)
    assert "beltmap/__init__.py" in names and "beltmap/plugin.py" in names
    assert "beltmap/processing/provider.py" in names
    # the icons: their list and the file rcc compiled from it (registered when the plugin loads)
    assert "beltmap/resources.qrc" in names and "beltmap/resources.rcc" in names
    # the web map's page and Leaflet (vendored from Debian at build time) with its licence
    for name in (
        "static/app.js",
        "static/app.css",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/LICENSE.txt",
    ):
        assert "beltmap/core/webmap/" + name in names, name
    for banned in (
        "tests/",
        "bench/",
        "scripts/",
        ".ci/",
        "__pycache__",
        ".venv",
        "build/",
        "Makefile",
        ".pyc",
        "libs/",
    ):
        assert not any(banned in name for name in names), banned
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(metadata)
    general = parser["general"]
    for key in (
        "name",
        "qgisMinimumVersion",
        "description",
        "about",
        "version",
        "author",
        "email",
        "tags",
        "category",
        "icon",
        "homepage",
        "tracker",
        "repository",
    ):
        assert general.get(key), key
    assert general["hasProcessingProvider"] == "yes"
    assert general["supportsQt6"] == "True"
    assert general["qgisMinimumVersion"] == "3.22"
    assert "about[zh]" in general
    assert "beltmap/" + general["icon"] in names
