"""Test setup shared by tests/unit (no QGIS) and tests/qgis: the plugin imported as the package `beltmap`,
the helpers in tests/ and scripts/ importable by name, the demo data. Imports nothing of QGIS."""

import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# scripts/ (install, temporary QGIS profiles, package root) and the shared test helpers import by name
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests"), str(REPO / "tests" / "qgis")]
import pkgroot  # noqa: E402

pkgroot.expose_package()
from beltmap.core.base.proj_data import with_proj_data  # noqa: E402

# pyproj (which pyogrio imports) in the venv finds Debian's proj-data only when told (core/base/proj_data.py);
# the test process and what it starts (the tagging worker, scripts) get PROJ_DATA
os.environ.update(with_proj_data(os.environ))


class _RepositoryIsNoTestPackage:
    """Collect the repository root as a plain folder, not as a package.

    The root holds the plugin's __init__.py: pytest would import it under the clone folder's name, which
    fails where that name is no Python identifier (`beltmap-main`, `beltmap-test`). Registered as a plugin
    (a conftest's own hooks do not apply to folders above it).
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_collect_directory(self, path, parent):
        """A plain Dir node for the repository root."""
        if Path(path) == REPO:
            return pytest.Dir.from_parent(parent, path=Path(path))
        return None


def pytest_configure(config):
    """Register the repository-root collector."""
    if not config.pluginmanager.has_plugin("beltmap-repository-root"):
        config.pluginmanager.register(_RepositoryIsNoTestPackage(), "beltmap-repository-root")


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
