"""Test setup shared by tests/unit (no QGIS) and tests/qgis: the plugin imported as the package `beltmap`,
the helpers in tests/ and scripts/ importable by name, the demo data."""

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
# scripts/ (install, temporary QGIS profiles, package root) and the shared test helpers import by name
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests"), str(REPO / "tests" / "qgis")]
import pkgroot  # noqa: E402

pkgroot.expose_package()


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    """The repository root (the plugin folder)."""
    return REPO


@pytest.fixture(scope="session")
def demo_gpkg() -> Path:
    """The shipped demo GeoPackage (read only: copy it before changing anything)."""
    path = REPO / "data" / "demo_belt.gpkg"
    assert path.exists(), "data/demo_belt.gpkg is missing: run `make demo-data`"
    return path


@pytest.fixture
def demo_copy(tmp_path, demo_gpkg) -> Path:
    """A private copy of the demo GeoPackage in the test's tmp folder."""
    target = tmp_path / "demo_belt.gpkg"
    shutil.copy(demo_gpkg, target)
    return target
