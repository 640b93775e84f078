"""The web map in the desktop: the panel button and menu entry, the message bar's "Open in browser"."""

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QPushButton


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


def test_message_bar_offers_to_open_the_page(qgis_app, qgis_iface, tmp_path):
    from beltmap.ui.web_map import offer_to_open, web_page

    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    bar = qgis_iface.messageBar()
    bar.clearWidgets()
    offer_to_open(qgis_iface, False, {"INDEX_FILE": str(page)})
    offer_to_open(qgis_iface, True, {"INDEX_FILE": str(tmp_path / "missing.html")})
    assert bar.currentItem() is None  # nothing to open: nothing offered
    offer_to_open(qgis_iface, True, {"INDEX_FILE": str(page)})
    item = bar.currentItem()
    assert item is not None and str(page) in item.text()
    buttons = [b.text() for b in item.findChildren(QPushButton)]
    assert "Open in browser" in buttons
    assert web_page({"INDEX_FILE": str(page)}) == str(page) and web_page(None) == ""
    bar.clearWidgets()
