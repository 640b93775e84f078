"""After a web map export: the message bar offers to open index.html in the browser."""

import os

from qgis.core import Qgis
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

from .actions import tr

WEB_MAP_ALGORITHM = "beltmap:exportwebmap"


def web_page(results) -> str:
    """The index.html a finished export wrote ('' when none)."""
    path = (results or {}).get("INDEX_FILE") or ""
    return path if path and os.path.isfile(path) else ""


def open_in_browser(path: str) -> bool:
    """Open a local page in the default browser."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def offer_to_open(iface, successful: bool, results) -> None:
    """Say where the web map is, with a button that opens it in the browser."""
    path = web_page(results) if successful else ""
    if iface is None or not path:
        return
    bar = iface.messageBar()
    message = bar.createMessage(tr("Belt Map"), tr("Web map written to {}").format(path))
    button = QPushButton(tr("Open in browser"), message)
    button.clicked.connect(lambda: open_in_browser(path))
    message.layout().addWidget(button)
    bar.pushWidget(message, Qgis.Success, 15)
