"""The tagging worker (which imports pyogrio, and so pyproj) gets PROJ's data in its environment, whether
it runs with the venv's Python (tests) or with QGIS's own (the desktop, qgis_process): no PROJ warning."""

import os
import subprocess
import sys

import pytest
from beltmap.core.tagging import vectorised

PROBE = (
    "import pyogrio, pyproj; t = pyproj.Transformer.from_crs(4490, 4549, always_xy=True); "
    "print(round(t.transform(121.17595, 31.28744)[0]))"
)


@pytest.mark.parametrize("which", ["chosen", "qgis"])
def test_worker_python_finds_proj_data(monkeypatch, which):
    monkeypatch.delenv("PROJ_DATA", raising=False)
    monkeypatch.delenv("PROJ_LIB", raising=False)
    python = vectorised.python_executable()
    if which == "qgis":  # inside QGIS sys.executable is QGIS itself: the worker runs the base Python
        python = os.path.join(sys.base_exec_prefix, "bin", "python3")
    env = vectorised._worker_env()
    assert os.path.isfile(os.path.join(env["PROJ_DATA"], "proj.db"))
    result = subprocess.run([python, "-W", "error", "-c", PROBE], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "PROJ" not in result.stderr and result.stdout.split() == ["611974"]
