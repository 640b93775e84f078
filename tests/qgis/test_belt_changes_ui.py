"""The menu and panel entry 年度变化… / Changes between years… (issue 18): the dialog opens pre-filled."""

from qgis.core import QgsProject
from test_panel import wait_until


def test_menu_and_panel_open_the_changes_dialog_with_the_panel_layers_as_after(plugin, monkeypatch):
    QgsProject.instance().clear()
    plugin.load_demo()
    wait_until(lambda: not plugin.panel.counting)
    opened = []
    monkeypatch.setattr(
        "beltmap.ui.dialogs.open_algorithm_dialog", lambda alg, params, iface: opened.append((alg, params))
    )
    texts = [action.text() for action in plugin.menu.actions()]
    assert "Changes between years…" in texts
    next(a for a in plugin.menu.actions() if a.text() == "Changes between years…").trigger()
    plugin.panel.form.changesButton.click()
    assert [alg for alg, _ in opened] == ["beltmap:beltchanges", "beltmap:beltchanges"]
    for _alg, params in opened:
        assert params == {
            "AFTER_SITES": plugin.panel.layer("sites"),
            "AFTER_ZONES": plugin.panel.layer("zones"),
            "AFTER_BELT": plugin.panel.layer("belt"),
        }
    QgsProject.instance().clear()
