"""Message-bar results with buttons: "Open folder" for files written, "Zoom to" for layers added,
"Open in browser" for a web map written."""

import os
from typing import Iterable, List, Optional, Tuple

from qgis.core import QgsCoordinateTransform, QgsMapLayer, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import QPushButton

from .actions import tr

FOLDER_KEYS = ("OUTPUT_FOLDER",)  # result keys naming a folder to open before any file's folder
PAGE_KEY = "INDEX_FILE"  # result key of a web page written (beltmap:exportwebmap)


def open_folder(path: str) -> bool:
    """Open the folder (or the folder of the file) in the system's file manager."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(folder))


def web_page(results) -> str:
    """The web page (index.html) a finished run wrote ('' when none)."""
    path = (results or {}).get(PAGE_KEY) or ""
    return path if isinstance(path, str) and os.path.isfile(path) else ""


def open_in_browser(path: str) -> bool:
    """Open a local web page in the default browser."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def zoom_to(canvas, layers: Iterable[QgsMapLayer]) -> bool:
    """Zoom the map canvas to the layers' combined extent; False when none has one."""
    extent = None  # not QgsRectangle.setMinimal(): deprecated since QGIS 3.40 (setNull there)
    target = canvas.mapSettings().destinationCrs()
    for layer in layers:
        if layer is None or not layer.isSpatial() or layer.extent().isEmpty():
            continue
        transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance())
        box = transform.transformBoundingBox(layer.extent())
        if extent is None:
            extent = QgsRectangle(box)
        else:
            extent.combineExtentWith(box)
    if extent is None or extent.isEmpty():
        return False
    canvas.setExtent(extent.buffered(0.05 * max(extent.width(), extent.height())))
    canvas.refresh()
    return True


def output_targets(results: dict, project: QgsProject) -> Tuple[Optional[str], List[QgsMapLayer]]:
    """The folder to open and the layers to zoom to for the results of an algorithm run."""
    folder = next((results[k] for k in FOLDER_KEYS if results.get(k) and os.path.isdir(results[k])), None)
    layers = []
    for value in results.values():
        if not isinstance(value, str) or not value:
            continue
        layer = project.mapLayer(value)
        if layer is not None:
            layers.append(layer)
            continue
        path = value.split("|")[0]
        if folder is None and os.path.isfile(path):
            folder = os.path.dirname(path)
        layers += [known for known in project.mapLayers().values() if known.source().split("|")[0] == path]
    return folder, [layer for layer in layers if layer.isSpatial()]


def push_result(
    iface, message: str, level, folder: Optional[str] = None, layers=(), duration: int = 10, page: str = ""
):
    """Show a message with "Open folder" (when files were written), "Zoom to" (when layers were added)
    and "Open in browser" (when a web page was written)."""
    bar = iface.messageBar()
    item = bar.createMessage(tr("Belt Map"), message)
    if page:
        button = QPushButton(tr("Open in browser"), item)
        button.setObjectName("beltmapOpenInBrowser")
        button.clicked.connect(lambda: open_in_browser(page))
        item.layout().addWidget(button)
    if folder:
        button = QPushButton(tr("Open folder"), item)
        button.setObjectName("beltmapOpenFolder")
        button.clicked.connect(lambda: open_folder(folder))
        item.layout().addWidget(button)
    spatial = [layer for layer in layers if layer is not None and layer.isSpatial()]
    if spatial and iface.mapCanvas() is not None:
        button = QPushButton(tr("Zoom to"), item)
        button.setObjectName("beltmapZoomTo")
        button.clicked.connect(lambda: zoom_to(iface.mapCanvas(), spatial))
        item.layout().addWidget(button)
    bar.pushWidget(item, level, duration)
    return item
