"""The web map in the desktop: the panel button and menu entry, the message bar's "Open in browser"."""

import test_message_actions
from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QPushButton

opened = test_message_actions.opened  # the fixture receiving the URLs Qt is asked to open


def test_panel_button_and_parameters(plugin, qgis_iface):
    QgsProject.instance().clear()
    plugin.load_demo()
    try:
        panel = plugin.panel
        assert panel.form.exportWebButton.text() == "Export web map…"
        assert panel.form.exportWebButton.isEnabled()
        parameters = panel.algorithm_parameters("beltmap:exportwebmap")
        assert parameters["SITES"] == [panel.layer("sites")] and parameters["ZONES"] is panel.layer("zones")
        assert parameters["BELT"] is panel.layer("belt") and parameters["ROADS"] is panel.layer("roads")
    finally:
        QgsProject.instance().clear()


def test_message_bar_offers_to_open_the_page(qgis_app, qgis_iface, opened, tmp_path):
    from beltmap.ui.message_actions import push_result, web_page
    from qgis.core import Qgis

    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    assert web_page({"INDEX_FILE": str(page)}) == str(page) and web_page(None) == ""
    assert web_page({"INDEX_FILE": str(tmp_path / "missing.html")}) == ""  # nothing to open
    bar = qgis_iface.messageBar()
    bar.clearWidgets()
    found = web_page({"INDEX_FILE": str(page)})
    item = push_result(qgis_iface, "done", Qgis.Success, str(tmp_path), page=found)
    assert bar.currentItem() is item
    button = item.findChild(QPushButton, "beltmapOpenInBrowser")
    assert button is not None and button.text() == "Open in browser"
    button.click()
    assert opened.urls == [str(page)]
    # without a page: no browser button
    other = push_result(qgis_iface, "done", Qgis.Success, str(tmp_path))
    assert other.findChild(QPushButton, "beltmapOpenInBrowser") is None
    bar.clearWidgets()
