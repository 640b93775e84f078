"""The plugin's icons in Qt's resource system: resources.qrc compiled into resources.rcc (`make compiled`,
the installer), registered while the plugin is loaded, under :/plugins/beltmap/ (Qt5 and Qt6; no pyrcc5)."""

import os

from qgis.PyQt.QtCore import QResource
from qgis.PyQt.QtGui import QIcon

from . import log
from .i18n import tr
from .meta import PLUGIN_DIR, icon_path

RCC_FILE = os.path.join(PLUGIN_DIR, "resources.rcc")
_registered = False


def register() -> bool:
    """Register resources.rcc once; False, with a warning in the log, when it is missing or unreadable."""
    global _registered
    if not _registered:
        _registered = QResource.registerResource(RCC_FILE)
        if not _registered:
            log.warning(
                tr("Belt Map's icons are missing: {} was not built (make compiled).").format(RCC_FILE)
            )
    return _registered


def unregister() -> None:
    """Unregister resources.rcc (the plugin unloads)."""
    global _registered
    if _registered:
        QResource.unregisterResource(RCC_FILE)
        _registered = False


def icon(name: str = "beltmap.svg") -> QIcon:
    """The icon of that file name in resources.qrc (registering the resources first if needed)."""
    register()
    return QIcon(icon_path(name))
