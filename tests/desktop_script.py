"""Run inside the real QGIS desktop (qgis --code): check the plugin, load the demo, screenshot, quit.

Writes a JSON report to $BELTMAP_REPORT and a screenshot to $BELTMAP_SCREENSHOT.
"""

import json
import os
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import active_plugins, iface, plugins

report = {"errors": [], "python_errors": []}


def _on_message(message, tag, level):
    if tag in ("Python error", "Belt Map") and level >= Qgis.Warning:
        report["python_errors"].append("{}: {}".format(tag, message))


QgsApplication.messageLog().messageReceived.connect(_on_message)


def _finish():
    try:
        window = iface.mainWindow()
        report["menus"] = [a.text().replace("&", "") for a in window.menuBar().actions()]
        menu = [
            a.menu()
            for a in window.menuBar().actions()
            if a.menu() and a.menu().objectName() == "beltmapMenu"
        ]
        report["beltmap_menu"] = [a.text() for a in menu[0].actions()] if menu else []
        group = QgsProject.instance().layerTreeRoot().findGroup("安驰路产城融合实践带 (示意)")
        report["demo_group_layers"] = len(group.findLayerIds()) if group else 0
        report["project_crs"] = QgsProject.instance().crs().authid()
        iface.mapCanvas().refreshAllLayers()
        iface.mapCanvas().waitWhileRendering()
        window.grab().save(os.environ["BELTMAP_SCREENSHOT"])
    except Exception:  # report, never hang the desktop
        report["errors"].append(traceback.format_exc())
    with open(os.environ["BELTMAP_REPORT"], "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    QgsApplication.exit(0)


try:
    report["plugins"] = sorted(plugins)
    report["active"] = sorted(active_plugins)
    report["provider"] = QgsApplication.processingRegistry().providerById("beltmap") is not None
    actions = {
        a.objectName(): a
        for a in iface.mainWindow().findChildren(type(iface.mainWindow().menuBar().actions()[0]))
    }
    if "beltmap_load_demo" in actions:
        actions["beltmap_load_demo"].trigger()
except Exception:
    report["errors"].append(traceback.format_exc())
QTimer.singleShot(4000, _finish)
