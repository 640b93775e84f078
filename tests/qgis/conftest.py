"""QGIS test setup: the plugin loaded the way QGIS does, its provider, qgis_process against a temporary
profile, a throwaway PostGIS cluster, and layers released before QGIS exits."""

import os
from pathlib import Path

import pytest
import qgis_profile

REPO = Path(__file__).resolve().parents[2]
# qgis_process and other QGIS processes the tests start draw off screen
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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


@pytest.fixture(scope="session")
def qgis_config_dir(tmp_path_factory) -> Path:
    """A QGIS config folder whose default profile has the plugin installed (as `make install` does)."""
    config = tmp_path_factory.mktemp("qgis_config")
    constraints = REPO / "build" / "constraints.txt"
    qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
    return config


@pytest.fixture(scope="session")
def qgis_process(qgis_config_dir):
    """Run `qgis_process.bin ARGS` against the temporary profile; returns the CompletedProcess."""

    def run(args, check=True, timeout=600):
        return qgis_profile.run_qgis_process(list(args), qgis_config_dir, check=check, timeout=timeout)

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


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL/PostGIS cluster in a private temporary folder, removed when the session ends."""
    import pg_cluster as cluster_module

    reason = cluster_module.missing_reason()
    if reason:
        pytest.fail("PostGIS test server unavailable: {} (run `make test`, which installs it)".format(reason))
    cluster = cluster_module.Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def layer_tree_view(qgis_iface, monkeypatch):
    """processing.runAndLoadResults without the desktop's layer tree view: QGIS 3.40+ hands
    iface.layerTreeView() to C++, which refuses pytest-qgis's mock; with no interface, the results are
    added to the project's tree itself (QGIS 3.22 never asked for the view)."""
    from processing.gui import Postprocessing

    monkeypatch.setattr(Postprocessing, "iface", None, raising=False)
    yield None
