"""Run inside the real QGIS desktop (qgis --code): open $BELTMAP_PROJECT as a planner does, screenshot it.

Writes to $BELTMAP_REPORT the canvas extent, scale and CRS, the layer tree names and layer validity, and
saves the main window to $BELTMAP_SCREENSHOT once the map is drawn.
"""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

report = {"errors": []}


def _finish():
    try:
        canvas = iface.mapCanvas()
        canvas.waitWhileRendering()
        extent = canvas.extent()
        report["canvas_extent"] = [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()]
        report["canvas_crs"] = canvas.mapSettings().destinationCrs().authid()
        report["canvas_scale"] = canvas.scale()
        project = QgsProject.instance()
        report["project_crs"] = project.crs().authid()
        root = project.layerTreeRoot()
        report["tree"] = [node.name() for node in root.findLayers()]
        report["visible"] = [node.name() for node in root.findLayers() if node.isVisible()]
        report["invalid"] = [layer.name() for layer in project.mapLayers().values() if not layer.isValid()]
        iface.mainWindow().grab().save(os.environ["BELTMAP_SCREENSHOT"])
    except Exception:  # report, never hang the desktop
        report["errors"].append(traceback.format_exc())
    with open(os.environ["BELTMAP_REPORT"], "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    QgsApplication.exit(0)
    QTimer.singleShot(3000, lambda: os._exit(3))


def _open():
    try:
        iface.mainWindow().showMaximized()
        report["opened"] = bool(iface.addProject(os.environ["BELTMAP_PROJECT"]))
    except Exception:
        report["errors"].append(traceback.format_exc())
    QTimer.singleShot(5000, _finish)


QTimer.singleShot(2000, _open)
