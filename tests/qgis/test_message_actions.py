"""After a run: the message bar offers "Open folder" for files written and "Zoom to" for layers added."""

import os

import pytest
from qgis.core import QgsCoordinateTransform, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QObject, QUrl, pyqtSlot
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton
from test_panel import wait_until


class OpenedUrls(QObject):
    """Receives the file URLs Qt is asked to open (QDesktopServices' handler for file:)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    @pyqtSlot(QUrl)
    def open(self, url):  # noqa: A003 - the slot's name given to setUrlHandler
        self.urls.append(url.toLocalFile())


@pytest.fixture
def opened():
    receiver = OpenedUrls()
    QDesktopServices.setUrlHandler("file", receiver, "open")
    yield receiver
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def panel(plugin, qgis_iface):
    QgsProject.instance().clear()
    plugin.load_demo()
    wait_until(lambda: not plugin.panel.counting)
    yield plugin.panel
    QgsProject.instance().clear()


def _button(item, name):
    return item.findChild(QPushButton, name)


def _canvas_shows(canvas, layer) -> bool:
    transform = QgsCoordinateTransform(
        layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
    )
    shown = canvas.extent()
    wanted = transform.transformBoundingBox(layer.extent())
    return shown.contains(wanted) and shown.width() < 3 * max(wanted.width(), wanted.height())


def test_tag_run_offers_zoom_to_the_tagged_layer(panel, qgis_iface):
    canvas = qgis_iface.mapCanvas()
    assert panel.tag_zones()
    wait_until(lambda: panel.runner is None)
    tagged = panel.layer("sites")
    assert "zone_type" in tagged.fields().names()
    item = panel.last_message
    zoom = _button(item, "beltmapZoomTo")
    assert zoom is not None and zoom.text() == "Zoom to"
    assert _button(item, "beltmapOpenFolder") is None  # a temporary layer: no folder to open
    canvas.setExtent(QgsRectangle(0, 0, 1, 1))
    assert not _canvas_shows(canvas, tagged)
    zoom.click()
    assert _canvas_shows(canvas, tagged)


def test_validation_run_offers_the_report_folder(panel, opened):
    assert panel.validate()
    wait_until(lambda: panel.runner is None)
    folder_button = _button(panel.last_message, "beltmapOpenFolder")
    assert folder_button is not None and folder_button.text() == "Open folder"
    folder_button.click()
    assert len(opened.urls) == 1
    assert os.path.isdir(opened.urls[0])
    assert "validation_report.html" in os.listdir(opened.urls[0])


def test_dialog_results_offer_the_package_folder_and_the_layers(qgis_iface, opened, tmp_path, demo_copy):
    from beltmap.ui.message_actions import output_targets, push_result
    from qgis.core import Qgis, QgsVectorLayer

    package = tmp_path / "anchi_belt_map"
    package.mkdir()
    layer = QgsVectorLayer("{}|layername=zones".format(demo_copy), "zones", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        results = {"OUTPUT_FOLDER": str(package), "OUTPUT": layer.id(), "FEATURE_COUNTS": {"zones": 32}}
        folder, layers = output_targets(results, QgsProject.instance())
        assert folder == str(package) and layers == [layer]
        item = push_result(qgis_iface, "done", Qgis.Success, folder, layers)
        _button(item, "beltmapOpenFolder").click()
        assert opened.urls == [str(package)]
        # a file output without a folder result: its folder
        folder, layers = output_targets({"OUTPUT": str(demo_copy)}, QgsProject.instance())
        assert folder == str(demo_copy.parent) and layers == [layer]
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
