"""Run inside the real QGIS desktop (qgis --code): open $BELTMAP_PROJECT as a planner does, screenshot it.

Writes to $BELTMAP_REPORT the canvas extent, scale and CRS, the layer tree names and layer validity, and
saves the main window to $BELTMAP_SCREENSHOT once the map is drawn.
"""

import os
import sys
import traceback

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

sys.path.insert(0, os.environ["BELTMAP_TESTS_DIR"])  # the shared helpers of the desktop scripts
from desktop_report import write_report_and_quit  # noqa: E402

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
    write_report_and_quit(report)


def _open():
    try:
        iface.mainWindow().showMaximized()
        report["opened"] = bool(iface.addProject(os.environ["BELTMAP_PROJECT"]))
    except Exception:
        report["errors"].append(traceback.format_exc())
    QTimer.singleShot(5000, _finish)


QTimer.singleShot(2000, _open)
