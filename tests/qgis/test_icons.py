"""The plugin registers its compiled icons (resources.rcc) when it loads and unregisters them on unload."""

from beltmap import qt_resources
from beltmap.meta import icon_path
from qgis.PyQt.QtCore import QFile
from qgis.PyQt.QtGui import QIcon


def test_icons_are_registered_while_the_plugin_is_loaded(qgis_app, qgis_iface, qgis_processing):
    import beltmap

    qt_resources.unregister()  # another test's provider may have registered them
    assert not QFile.exists(icon_path("tag.svg"))
    plugin = beltmap.classFactory(qgis_iface)
    plugin.initProcessing()
    plugin.initGui()
    try:
        assert QFile.exists(icon_path("tag.svg"))
        assert not QIcon(icon_path("tag.svg")).pixmap(24, 24).isNull()
        assert all(not action.icon().pixmap(24, 24).isNull() for action in plugin.actions)
    finally:
        plugin.unload()
    assert not QFile.exists(icon_path("tag.svg"))
