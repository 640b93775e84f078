"""Processing dialogs opened from the Belt Map menu and panel, pre-filled and remembering last choices."""

import json

from qgis.core import QgsMapLayer, QgsSettings

SETTINGS_GROUP = "beltmap/last_parameters/"
# choices worth remembering between sessions (layers come from the panel instead)
REMEMBERED_TYPES = (str, int, float, bool, list)
# never remembered: a later run must not silently skip validation or replace a package
NEVER_REMEMBERED = frozenset({"IGNORE_VALIDATION", "OVERWRITE"})
LAYER_PARAMETERS = frozenset({"INPUT", "BELT", "ZONES", "SITES", "ROADS", "STATIONS"})


def last_choices(algorithm_id: str) -> dict:
    """The non-layer parameter values the user chose the last time for an algorithm."""
    text = QgsSettings().value(SETTINGS_GROUP + algorithm_id.replace(":", "_"), "", type=str)
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(values, dict):
        return {}
    return {name: value for name, value in values.items() if name not in NEVER_REMEMBERED}


def remember_choices(algorithm_id: str, parameters: dict) -> None:
    """Store the plain (non-layer) parameter values of a run for the next time."""
    plain = {}
    for name, value in parameters.items():
        if isinstance(value, QgsMapLayer) or name in LAYER_PARAMETERS | NEVER_REMEMBERED:
            continue
        if isinstance(value, REMEMBERED_TYPES) and not (
            isinstance(value, list) and value and not isinstance(value[0], (str, int, float))
        ):
            plain[name] = value
    QgsSettings().setValue(
        SETTINGS_GROUP + algorithm_id.replace(":", "_"), json.dumps(plain, ensure_ascii=False)
    )


def open_algorithm_dialog(algorithm_id: str, parameters: dict, iface=None, on_finished=None):
    """Show the Processing dialog of an algorithm pre-filled; it runs in the background with progress.
    on_finished(results), when given, runs after a successful run, once QGIS has added its layers."""
    from qgis.core import QgsApplication

    import processing

    if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
        if iface is not None:
            from qgis.core import Qgis

            from .actions import tr

            iface.messageBar().pushMessage(
                tr("Belt Map"),
                tr("{} is not available in this version.").format(algorithm_id),
                Qgis.Warning,
                5,
            )
        return None
    values = dict(last_choices(algorithm_id))
    values.update(parameters)
    dialog = processing.createAlgorithmDialog(algorithm_id, values)
    if on_finished is not None:
        dialog.algorithmFinished.connect(lambda ok, results: on_finished(results) if ok else None)
    elif iface is not None:
        dialog.algorithmFinished.connect(lambda ok, results: announce_results(iface, dialog, ok, results))
    dialog.show()
    dialog.exec()
    remember_if_run(dialog, algorithm_id)
    return dialog


def remember_if_run(dialog, algorithm_id: str) -> bool:
    """Remember the dialog's plain choices only if it ran the algorithm (a cancelled dialog saves nothing)."""
    if not dialog.wasExecuted():
        return False
    try:
        chosen = dialog.mainWidget().createProcessingParameters()
    except Exception:  # noqa: BLE001 - a dialog closed before its widgets were valid has nothing to keep
        chosen = {}
    if chosen:
        remember_choices(algorithm_id, chosen)
    return bool(chosen)


def announce_results(iface, dialog, ok: bool, results: dict):
    """After a dialog run: say it finished, with "Open folder" for files, "Zoom to" for layers added and
    "Open in browser" for a web map."""
    from qgis.core import Qgis, QgsProject

    from .actions import tr
    from .message_actions import output_targets, push_result, web_page

    if not ok:
        return None
    folder, layers = output_targets(results or {}, QgsProject.instance())
    page = web_page(results)
    if page:
        message = tr("Web map written to {}").format(page)
    else:
        message = tr("{} finished.").format(dialog.algorithm().displayName())
    return push_result(iface, message, Qgis.Success, folder, layers, page=page)
