"""tests/unit: code that needs no QGIS. Run alone (`make test-unit`, pytest-qgis not loaded), QGIS cannot be
imported at all, so a test that needs it fails here instead of passing only where QGIS is installed."""

import sys

import pytest


def _qgis_loaded(config) -> bool:
    return config.pluginmanager.has_plugin("pytest_qgis") or "qgis" in sys.modules


def pytest_configure(config):
    """Block `import qgis` when the unit tests run on their own."""
    if not _qgis_loaded(config):
        sys.modules["qgis"] = None  # import qgis / qgis.core raises ImportError


@pytest.fixture
def without_qgis(pytestconfig):
    """Skip where the full suite has loaded QGIS in this process."""
    if pytestconfig.pluginmanager.has_plugin("pytest_qgis"):
        pytest.skip("the full suite loads QGIS; `make test-unit` runs these without it")
