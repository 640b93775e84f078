"""Run inside the real QGIS desktop (qgis --code): check the plugin, load the demo, screenshot, quit.

Writes a JSON report to $BELTMAP_REPORT and a screenshot to $BELTMAP_SCREENSHOT.
"""

import os
import sys
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QLabel
from qgis.utils import active_plugins, iface, plugins

sys.path.insert(0, os.environ["BELTMAP_TESTS_DIR"])  # the shared helpers of the desktop scripts
from desktop_report import write_report_and_quit  # noqa: E402

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
        panel = getattr(plugins.get("beltmap"), "panel", None)
        report["panel_visible"] = bool(panel is not None and panel.isVisible())
        if panel is not None:
            panel.grab().save(os.environ["BELTMAP_PANEL_SCREENSHOT"])
            tree = panel.form.summaryTree
            report["panel_summary"] = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        modal = QApplication.activeModalWidget()
        if modal is not None:  # e.g. a Python error dialog: report its text
            texts = [w.text() for w in modal.findChildren(QLabel) if w.text()]
            report["errors"].append("modal dialog open: {} {}".format(modal.windowTitle(), texts))
    except Exception:  # report, never hang the desktop
        report["errors"].append(traceback.format_exc())
    write_report_and_quit(report)


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
