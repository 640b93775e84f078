"""Run inside the real QGIS desktop (qgis --code): how long the GUI thread blocks with 1,000,000 sites.

Loads the demo belt (the panel opens), then, with a 20 ms timer ticking, adds $BELTMAP_SITES (a
GeoPackage of 1,000,000 points), picks it as the panel's sites, waits for the count, edits one
feature, waits for the recount. Writes to $BELTMAP_REPORT the longest gap between two ticks, per step.
"""

import os
import sys
import time
import traceback

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.utils import iface, plugins

sys.path.insert(0, os.environ["BELTMAP_TESTS_DIR"])  # the shared helpers of the desktop scripts
from desktop_report import write_report_and_quit  # noqa: E402

TICK_MS = 20
T0 = time.perf_counter()
report = {"errors": [], "steps": [], "gaps": {}}
state = {"last": None, "step": "start", "counts": []}


def _tick():
    now = time.perf_counter()
    if state["last"] is not None:
        gap = (now - state["last"]) * 1000.0
        step = state["step"]
        report["gaps"][step] = max(report["gaps"].get(step, 0.0), gap)
        if gap > 60:
            report.setdefault("long_gaps", []).append([step, round(now - T0, 3), round(gap, 1)])
    state["last"] = now


def _timed(label, function, *args):
    """Call QGIS's function(*args) for the user, recording how long the GUI thread spent in it.

    That time is QGIS's own (e.g. startEditing reopening the GeoPackage for writing): reported apart,
    and the timer's next gap is measured from the call's end, so the gaps measure everything else.
    """
    started = time.perf_counter()
    result = function(*args)
    state["last"] = time.perf_counter()
    report.setdefault("calls_ms", {})[label] = round((state["last"] - started) * 1000.0, 1)
    return result


ticker = QTimer()
ticker.setTimerType(Qt.TimerType.PreciseTimer)
ticker.setInterval(TICK_MS)
ticker.timeout.connect(_tick)


def _finish():
    ticker.stop()
    report["longest_gap_ms"] = max(report["gaps"].values()) if report["gaps"] else None
    write_report_and_quit(report)


def _guard(function):
    def run():
        try:
            function()
        except Exception:  # report, never hang the desktop
            report["errors"].append(traceback.format_exc())
            _finish()

    return run


def _when_counted(then, timeout_s=120.0):
    """Call then() once the panel has no count due or running."""
    panel = plugins["beltmap"].panel
    started = time.monotonic()

    def poll():
        if panel.counting:
            if time.monotonic() - started > timeout_s:
                report["errors"].append("the count did not finish in {} s".format(timeout_s))
                _finish()
                return
            QTimer.singleShot(50, poll)
            return
        summary = panel.summary
        report.setdefault("count_seconds", []).append(panel.counter.last_seconds)
        report.setdefault("counted_at", []).append(round(time.perf_counter() - T0, 3))
        state["counts"].append(
            {"sites": summary.site_count, "by_category": summary.sites_by_category} if summary else None
        )
        report["steps"].append("{} done after {:.2f} s".format(state["step"], time.monotonic() - started))
        _guard(then)()

    QTimer.singleShot(50, poll)


def _pick_sites():
    panel = plugins["beltmap"].panel
    state["step"] = "add the layer"
    layer = state["layer"]
    _timed("addMapLayer", QgsProject.instance().addMapLayer, layer)
    state["step"] = "pick it in the panel and count"
    _timed("pick in the panel", panel.set_layer, "sites", layer)
    _when_counted(_edit_one)


def _edit_one():
    layer = state["layer"]
    state["step"] = "edit one feature and recount"
    if not _timed("startEditing", layer.startEditing):
        raise RuntimeError("cannot edit the sites")
    feature = _timed("first feature", next, layer.getFeatures())
    report["edited_from"] = feature["category"]
    index = layer.fields().indexOf("category")
    _timed("changeAttributeValue", layer.changeAttributeValue, feature.id(), index, "school")
    _when_counted(_settle)


def _settle():
    state["step"] = "idle after the edit"
    report["counts"] = state["counts"]
    _timed("rollBack", state["layer"].rollBack)
    QTimer.singleShot(1000, _finish)


@_guard
def _start():
    panel = plugins["beltmap"].panel
    if panel is None:
        raise RuntimeError("the Belt Map panel did not open")
    layer = QgsVectorLayer("{}|layername=sites".format(os.environ["BELTMAP_SITES"]), "big sites", "ogr")
    if not layer.isValid():
        raise RuntimeError("cannot open " + os.environ["BELTMAP_SITES"])
    report["feature_count"] = layer.featureCount()
    state["layer"] = layer
    state["step"] = "wait for the demo count"
    ticker.start()
    _when_counted(_pick_sites)


try:
    for action in iface.mainWindow().findChildren(type(iface.mainWindow().menuBar().actions()[0])):
        if action.objectName() == "beltmap_load_demo":
            action.trigger()
    iface.mapCanvas().setParallelRenderingEnabled(True)
except Exception:
    report["errors"].append(traceback.format_exc())
QTimer.singleShot(3000, _start)
