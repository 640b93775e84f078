"""Dialogs and actions: built from .ui files, wired in Python, reporting errors as messages."""

from belt_fixtures import small_belt
from qgis.core import QgsProject


def test_load_dialog_maps_roles_and_loads(qgis_app, qgis_iface, tmp_path):
    from beltmap.ui.load_dialog import LoadBeltDialog

    QgsProject.instance().clear()
    path = small_belt(tmp_path / "belt.gpkg")
    dialog = LoadBeltDialog(qgis_iface)
    dialog.fileWidget.setFilePath(str(path))
    roles = dialog.chosen_roles()
    assert {r: i.name for r, i in roles.items()} == {
        "belt": "belt",
        "zones": "zones",
        "sites": "sites",
        "roads": "roads",
    }
    dialog.load()
    assert dialog.result() == dialog.Accepted
    assert len(QgsProject.instance().mapLayers()) == 4
    QgsProject.instance().clear()


def test_load_dialog_keeps_open_with_message_on_bad_types(qgis_app, qgis_iface, tmp_path):
    from beltmap.ui.load_dialog import LoadBeltDialog

    QgsProject.instance().clear()
    path = small_belt(tmp_path / "bad.gpkg", zone_types=("园区", "工厂"))
    dialog = LoadBeltDialog(qgis_iface)
    dialog.fileWidget.setFilePath(str(path))
    dialog.load()
    assert "'工厂'" in dialog.messageLabel.text()
    assert dialog.result() != dialog.Accepted
    assert QgsProject.instance().mapLayers() == {}


def test_load_dialog_reports_unreadable_file(qgis_app, qgis_iface, tmp_path):
    from beltmap.ui.load_dialog import LoadBeltDialog

    path = tmp_path / "x.geojson"
    path.write_text("{not json", encoding="utf-8")
    dialog = LoadBeltDialog(qgis_iface)
    dialog.fileWidget.setFilePath(str(path))
    assert "x.geojson is not a GIS file" in dialog.messageLabel.text()


def test_load_demo_action(plugin, qgis_iface, demo_gpkg):
    QgsProject.instance().clear()
    action = [a for a in plugin.actions if a.objectName() == "beltmap_load_demo"][0]
    action.trigger()
    group = QgsProject.instance().layerTreeRoot().findGroup("安驰路产城融合实践带 (示意)")
    assert group is not None and len(group.findLayerIds()) == 4
    QgsProject.instance().clear()


def test_dialog_choices_are_remembered_without_layers(qgis_app):
    from beltmap.ui.dialogs import last_choices, remember_choices

    remember_choices(
        "beltmap:exportpackage", {"PAPER": "A2", "DPI": 150, "FORMATS": ["PDF"], "ZONES": object()}
    )
    assert last_choices("beltmap:exportpackage") == {"PAPER": "A2", "DPI": 150, "FORMATS": ["PDF"]}


def test_risky_choices_are_never_remembered(qgis_app):
    from beltmap.ui.dialogs import SETTINGS_GROUP, last_choices, remember_choices
    from qgis.core import QgsSettings

    remember_choices("beltmap:exportpackage", {"PAPER": "A1", "IGNORE_VALIDATION": True, "OVERWRITE": True})
    assert last_choices("beltmap:exportpackage") == {"PAPER": "A1"}
    # settings written by an older version are not taken back either
    QgsSettings().setValue(SETTINGS_GROUP + "beltmap_exportpackage", '{"PAPER": "A2", "OVERWRITE": true}')
    assert last_choices("beltmap:exportpackage") == {"PAPER": "A2"}


def test_a_dialog_that_did_not_run_saves_nothing(plugin, qgis_iface, monkeypatch, demo_copy):
    from qgis.core import QgsVectorLayer
    from qgis.utils import iface

    import processing

    # pytest-qgis's iface has no browser model; the dialog's parameter panel asks for one
    monkeypatch.setattr(iface, "browserModel", lambda: None, raising=False)
    from beltmap.ui.dialogs import last_choices, remember_choices, remember_if_run

    remember_choices("beltmap:exportpackage", {"PAPER": "A4"})
    layers = {
        n: QgsVectorLayer("{}|layername={}".format(demo_copy, n), n, "ogr")
        for n in ("belt", "zones", "sites")
    }
    QgsProject.instance().addMapLayers(list(layers.values()))
    values = {
        "BELT": layers["belt"],
        "ZONES": layers["zones"],
        "SITES": [layers["sites"]],
        "PAPER": 2,
        "DPI": 99,
    }
    dialog = processing.createAlgorithmDialog("beltmap:exportpackage", values)
    try:
        assert remember_if_run(dialog, "beltmap:exportpackage") is False
        assert last_choices("beltmap:exportpackage") == {"PAPER": "A4"}
        dialog.setExecuted(True)
        assert remember_if_run(dialog, "beltmap:exportpackage") is True
        assert last_choices("beltmap:exportpackage").get("DPI") == 99
    finally:
        dialog.deleteLater()
        QgsProject.instance().clear()
