"""The plugin loads the way QGIS loads it, registers its provider, and unloads cleanly."""

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar


def _flush_deletes():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _menu_titles(iface):
    return [a.text() for a in iface.mainWindow().menuBar().actions()]


def test_qgis_version_meets_metadata(qgis_app):
    from beltmap import meta

    minimum = tuple(int(p) for p in meta.metadata()["qgisMinimumVersion"].split("."))
    current = divmod(Qgis.QGIS_VERSION_INT // 100, 100)
    assert current >= minimum, "QGIS {} is older than metadata's minimum {}".format(
        Qgis.QGIS_VERSION, minimum
    )


def test_load_registers_provider_menu_and_toolbar(plugin, qgis_iface):
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("beltmap") is plugin.provider
    assert "Belt Map" in _menu_titles(qgis_iface)
    menus = qgis_iface.mainWindow().findChildren(QMenu, "beltmapMenu")
    assert len(menus) == 1
    texts = [a.text() for a in menus[0].actions()]
    for text in (
        "Load demo belt",
        "Load belt data…",
        "Validate…",
        "Tag zones…",
        "Zone summary…",
        "Export map package…",
        "Export web map…",
        "Belt Map panel",
        "Help",
    ):
        assert text in texts, text
    assert all(not a.icon().isNull() for a in menus[0].actions() if not a.isSeparator())
    toolbar = plugin.toolbar
    assert isinstance(toolbar, QToolBar) and len(toolbar.actions()) >= 2


def test_unload_leaves_nothing_and_reload_works(qgis_app, qgis_iface, qgis_processing):
    import beltmap

    for _round in range(2):
        instance = beltmap.classFactory(qgis_iface)
        instance.initProcessing()
        instance.initGui()
        assert QgsApplication.processingRegistry().providerById("beltmap") is not None
        assert _menu_titles(qgis_iface).count("Belt Map") == 1
        instance.toggle_panel(True)
        assert not instance.panel.isHidden()
        instance.unload()
        _flush_deletes()
        assert QgsApplication.processingRegistry().providerById("beltmap") is None
        assert "Belt Map" not in _menu_titles(qgis_iface)
        assert qgis_iface.mainWindow().findChildren(QToolBar, "beltmapToolbar") == []
        assert qgis_iface.mainWindow().findChildren(QMenu, "beltmapMenu") == []
        assert qgis_iface.mainWindow().findChildren(QDockWidget, "beltmapPanel") == []
        assert instance.actions == []
