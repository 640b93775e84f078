"""Belt Map: the QGIS plugin of the Anchi Road industry-city integration practice belt."""

from .dependencies import add_vendored_libs

add_vendored_libs()


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """Create the plugin for QGIS (called by QGIS when the plugin is loaded)."""
    from .plugin import BeltMapPlugin

    return BeltMapPlugin(iface)
