"""pyproj finds PROJ's data (Debian's proj-data) from the venv and from the tagging worker's environment,
so coordinates are never transformed without it and no summary ends with its warning."""

import os
import subprocess
import sys

import pytest
from beltmap.core.base.proj_data import proj_data_dir, with_proj_data

WARNING = "Valid PROJ data directory not found"
PROBE = (
    "import pyproj; t = pyproj.Transformer.from_crs(4490, 4549, always_xy=True); "
    "x, y = t.transform(121.17595, 31.28744); print(round(x), round(y))"
)


def bare_env():
    """This process's environment without any PROJ data setting."""
    return {k: v for k, v in os.environ.items() if k not in ("PROJ_DATA", "PROJ_LIB")}


@pytest.fixture
def proj_data(monkeypatch):
    monkeypatch.delenv("PROJ_DATA", raising=False)
    monkeypatch.delenv("PROJ_LIB", raising=False)
    folder = proj_data_dir()
    if folder is None:
        pytest.skip("PROJ's data is not installed (Debian: proj-data, which QGIS pulls in)")
    return folder


def test_the_folder_holds_proj_db(proj_data):
    assert os.path.isfile(os.path.join(proj_data, "proj.db"))
    assert with_proj_data({})["PROJ_DATA"] == proj_data
    assert with_proj_data({"PROJ_LIB": "/elsewhere"}) == {"PROJ_LIB": "/elsewhere"}  # the user's choice stays


def test_pyproj_transforms_with_the_data_and_says_nothing(proj_data):
    pytest.importorskip("pyproj")
    env = with_proj_data(bare_env())
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and WARNING not in result.stderr, result.stderr
    # Anting in CGCS2000 / 3-degree Gauss-Kruger CM 120E: 112 km east of the meridian (+500 km false easting)
    assert result.stdout.split() == ["611974", "3463440"]


def test_without_it_pyproj_in_a_venv_warns(proj_data):
    """The check above can fail: a venv's pyproj alone does not find Debian's data."""
    pytest.importorskip("pyproj")
    if sys.prefix == sys.base_prefix or os.path.isfile(os.path.join(sys.prefix, "share", "proj", "proj.db")):
        pytest.skip("not a virtual environment without its own PROJ data")
    result = subprocess.run([sys.executable, "-c", PROBE], env=bare_env(), capture_output=True, text=True)
    assert WARNING in result.stderr or result.returncode != 0


def test_pyproj_in_the_test_process_finds_the_data():
    """tests/conftest.py points this process (and what it starts) at the data; pytest.ini makes the warning
    an error, so a test importing pyproj or pyogrio without it fails instead of warning in the summary."""
    pyproj = pytest.importorskip("pyproj")
    assert os.path.isfile(os.path.join(pyproj.datadir.get_data_dir(), "proj.db"))
