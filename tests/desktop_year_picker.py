"""Run inside the real QGIS desktop (qgis --code): the year picker in beltchanges' dialog, then a package's
belt.qgz opened and the panel's roles read. Writes a JSON report to $BELTMAP_REPORT, a screenshot of the
dialog to $BELTMAP_SCREENSHOT."""

import os
import sys
import traceback

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QToolButton
from qgis.utils import plugins

sys.path.insert(0, os.environ["BELTMAP_TESTS_DIR"])  # the shared helpers of the desktop scripts
from desktop_report import write_report_and_quit  # noqa: E402

report = {"errors": []}


def _picker():
    import processing

    dialog = processing.createAlgorithmDialog("beltmap:beltchanges", {})
    dialog.show()
    wrapper = dialog.mainWidget().wrappers["BEFORE"]
    report["wrapper"] = type(wrapper).__name__
    picker = wrapper.widget
    report["picker_visible"] = picker.isVisible()
    button = picker.findChild(QToolButton, "beltmapYearBrowse")
    report["button_visible"] = button is not None and button.isVisible()
    report["menu"] = [action.text() for action in button.menu().actions()]
    button.menu().actions()[0].trigger()  # Package folder…
    chooser = picker.file_dialog
    report["chooser_visible"] = chooser.isVisible()
    chooser.selectFile(os.environ["BELTMAP_PACKAGE"])
    chooser.accept()
    report["value"] = wrapper.parameterValue()
    dialog.grab().save(os.environ["BELTMAP_SCREENSHOT"])
    dialog.close()


def _roles():
    try:
        panel = plugins["beltmap"].ensure_panel()
        report["roles"] = {role: panel.layer(role) is not None for role in panel.combos}
        report["sources"] = {
            role: panel.layer(role).source().rsplit("=", 1)[-1] for role in panel.combos if panel.layer(role)
        }
    except Exception:  # report, never hang the desktop
        report["errors"].append(traceback.format_exc())
    write_report_and_quit(report)


def _start():
    try:
        _picker()
        report["project_read"] = QgsProject.instance().read(os.environ["BELTMAP_PROJECT"])
    except Exception:  # report, never hang the desktop
        report["errors"].append(traceback.format_exc())
    QTimer.singleShot(1500, _roles)


QTimer.singleShot(3000, _start)
