"""Test setup: import the plugin as the package `beltmap`, load it the way QGIS does."""

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
PKG_ROOT = REPO / "build" / "pkgroot"


def _expose_package() -> None:
    """Make `import beltmap` find the repository root without putting the root itself on sys.path."""
    link = PKG_ROOT / "beltmap"
    PKG_ROOT.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and Path(os.readlink(link)) != REPO:
        link.unlink()
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    # `python -m pytest` puts the working directory (the repository root) on sys.path, where the
    # plugin's processing/ would shadow QGIS's processing module
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO]
    if str(PKG_ROOT) not in sys.path:
        sys.path.insert(0, str(PKG_ROOT))


_expose_package()
# shared test helpers (tests/*.py without test_ prefix) import by module name
if str(REPO / "tests") not in sys.path:
    sys.path.insert(1, str(REPO / "tests"))


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


@pytest.fixture
def plugin(qgis_app, qgis_iface, qgis_processing):
    """The plugin loaded as QGIS loads it: classFactory, initProcessing, initGui; unloaded after."""
    import beltmap

    instance = beltmap.classFactory(qgis_iface)
    instance.initProcessing()
    instance.initGui()
    yield instance
    instance.unload()


@pytest.fixture
def provider(qgis_app, qgis_processing):
    """The Belt Map provider registered in the processing registry (without the GUI)."""
    from beltmap.processing.provider import BeltMapProvider
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("beltmap")
    if existing is not None:
        yield existing
        return
    instance = BeltMapProvider()
    registry.addProvider(instance)
    yield instance
    registry.removeProvider(instance)


def _scripts_module(name):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / (name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def qgis_config_dir(tmp_path_factory) -> Path:
    """A QGIS config folder whose default profile has the plugin installed (as `make install` does)."""
    config = tmp_path_factory.mktemp("qgis_config")
    profile_tools = _scripts_module("qgis_profile")
    constraints = REPO / "build" / "constraints.txt"
    profile_tools.make_profile(config, constraints=constraints if constraints.exists() else None)
    return config


@pytest.fixture(scope="session")
def qgis_process(qgis_config_dir):
    """Run `qgis_process.bin ARGS` against the temporary profile; returns the CompletedProcess."""
    profile_tools = _scripts_module("qgis_profile")

    def run(args, check=True, timeout=600):
        return profile_tools.run_qgis_process(list(args), qgis_config_dir, check=check, timeout=timeout)

    return run


@pytest.fixture(autouse=True, scope="session")
def _release_layers_before_qgis_exits(qgis_app):
    """Free layers still held by finished frames before pytest-qgis calls exitQgis().

    A QgsProcessingException keeps the frames it passed through (and their layers) alive, even after
    the test that caught it; a GDAL-backed layer destroyed by the interpreter's final clean-up, after
    QGIS and GDAL have shut down, crashes the test process on exit.
    """
    yield
    import gc
    import types

    gc.collect()
    for obj in gc.get_objects():
        if isinstance(obj, types.FrameType):
            try:
                obj.clear()
            except RuntimeError:  # a frame still executing (this one, pytest's own) keeps its locals
                pass
    gc.collect()
