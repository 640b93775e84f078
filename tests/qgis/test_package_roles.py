"""Opening a package's belt.qgz fills the panel's roles (issue 25): the package marks its layers with their
role; a package written before that is read by its tables; messages name roles in the UI's language."""

import shutil

import pytest
from qgis.core import QgsProject, QgsSettings
from test_panel import wait_until

ROLES = ("belt", "zones", "sites", "roads")


def _package_project(tmp_path, demo_gpkg, marked=True):
    """A package folder with belt.gpkg and belt.qgz as exportpackage writes them (PackageProject)."""
    from beltmap.core.package.project import ROLE_PROPERTY, PackageProject

    folder = tmp_path / "anchi_belt_map"
    folder.mkdir()
    gpkg = folder / "belt.gpkg"
    shutil.copy(demo_gpkg, gpkg)
    package = PackageProject(str(gpkg), "安驰路产城融合实践带", "zh", illustrative=True)
    for table in ("belt", "sites", "zones", "roads"):
        layer = package.add_layer(table, table)
        assert layer.customProperty(ROLE_PROPERTY) == table
        if not marked:  # as 0.3.1 wrote it
            layer.removeCustomProperty(ROLE_PROPERTY)
    package.add_layer("zones", "zones", visible=False, name="atlas_mask_zone")
    path = folder / "belt.qgz"
    package.save(str(path))
    package.close()
    return path


@pytest.mark.parametrize("marked", [True, False], ids=["marked", "by table name"])
def test_opening_a_package_project_fills_the_panel(plugin, tmp_path, demo_gpkg, marked):
    QgsProject.instance().clear()
    panel = plugin.ensure_panel()
    path = _package_project(tmp_path, demo_gpkg, marked)
    assert QgsProject.instance().read(str(path))
    try:
        for role in ROLES:
            layer = panel.layer(role)
            assert layer is not None, role
            assert layer.source().endswith("layername={}".format(role)), (role, layer.source())
        wait_until(lambda: not panel.counting)
        assert panel.summary is not None and panel.summary.site_count > 0
    finally:
        QgsProject.instance().clear()


def test_a_missing_role_is_named_in_the_ui_language(plugin, tmp_path):
    QgsProject.instance().clear()
    plugin.ensure_panel()
    settings = QgsSettings()
    old = settings.value("locale/userLocale", "")
    try:
        settings.setValue("locale/userLocale", "zh_CN")
        assert plugin.panel._require("sites") is False
        text = plugin.panel.form.statusLabel.text()
        assert "点位" in text and "sites" not in text
        assert plugin.panel._require("zones", "sites") is False
        assert "区域、点位" in plugin.panel.form.statusLabel.text()
        settings.setValue("locale/userLocale", "en_US")
        plugin.panel._require("sites")
        assert "Sites" in plugin.panel.form.statusLabel.text()
    finally:
        settings.setValue("locale/userLocale", old)
