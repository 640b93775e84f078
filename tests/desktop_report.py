"""For the scripts run inside the real QGIS desktop: write the JSON report, then quit QGIS for sure."""

import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer


def write_report_and_quit(report: dict) -> None:
    """Write report to $BELTMAP_REPORT and leave QGIS (forced after 3 s if a modal loop holds it)."""
    with open(os.environ["BELTMAP_REPORT"], "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    QgsApplication.exit(0)
    # a modal dialog runs its own event loop, which exit() would only leave: never hang the test
    QTimer.singleShot(3000, lambda: os._exit(3))
