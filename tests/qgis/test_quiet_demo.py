"""`make demo` is quiet on every QGIS: no GDAL ERROR lines, no DeprecationWarning from the plugin's code.

On QGIS 3.40 the export printed GDAL "unable to open database file" errors (layers of belt.gpkg still open
when the package folder was moved into place) and DeprecationWarnings from deprecated QGIS calls.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

WARNING_LINE = re.compile(r"^(?P<file>\S+\.py):\d+: (?P<kind>\w*Warning): (?P<text>.*)$")


def plugin_warnings(stderr: str, repo: Path) -> list:
    """The warning lines of stderr whose source file belongs to the plugin (the repository, not tests)."""
    found = []
    for line in stderr.splitlines():
        match = WARNING_LINE.match(line.strip())
        if not match:
            continue
        path = Path(match.group("file")).resolve()
        if repo in path.parents and not {"tests", ".venv"} & set(path.relative_to(repo).parts):
            found.append(line.strip())
    return found


def test_warning_filter_sees_plugin_files(repo_dir):
    sample = "{}:12: DeprecationWarning: QgsLayoutItemLegend.setStyleFont() is deprecated\n".format(
        repo_dir / "core" / "package" / "layout.py"
    )
    sample += "/usr/lib/python3/dist-packages/qgis/utils.py:1: DeprecationWarning: elsewhere\n"
    assert plugin_warnings(sample, repo_dir) == [sample.splitlines()[0]]


@pytest.mark.slow
def test_demo_prints_no_gdal_errors_and_no_plugin_deprecations(repo_dir, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONWARNINGS="always::DeprecationWarning")
    result = subprocess.run(
        [sys.executable, str(repo_dir / "scripts" / "demo.py"), "--out", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "demo" / "anchi_belt_map" / "belt.gpkg").exists(), result.stdout
    gdal_errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR ")]
    assert gdal_errors == []
    assert plugin_warnings(result.stderr, repo_dir.resolve()) == []
