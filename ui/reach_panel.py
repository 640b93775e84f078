"""Service coverage, the evaluation index and site import from the Belt Map menu and panel: the role
layers proposed, the run in the background with progress and cancel, the results added and styled."""

import json

from qgis.core import Qgis, QgsApplication

from ..core.cartography.reach_styles import style_catchments, style_index, style_walks
from ..layers import roles
from ..processing.evaluation_index import EvaluationIndexAlgorithm
from ..processing.import_sites import ImportSitesAlgorithm
from ..processing.service_coverage import ServiceCoverageAlgorithm
from .actions import tr

COVERAGE = ServiceCoverageAlgorithm.ID
INDEX = EvaluationIndexAlgorithm.ID
IMPORT_SITES = ImportSitesAlgorithm.ID


def role_parameters(algorithm_id: str, layers: dict) -> dict:
    """The algorithm's layer inputs filled from {role: layer} (layers/roles.PARAMETER_ROLES)."""
    algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    parameters = {}
    if algorithm is None:
        return parameters
    for definition in algorithm.parameterDefinitions():
        role = roles.parameter_role(definition)
        layer = layers.get(role) if role else None
        if layer is None:
            continue
        parameters[definition.name()] = [layer] if definition.type() == "multilayer" else layer
    return parameters


def panel_layers(panel) -> dict:
    """{role: layer} of the panel's choices."""
    return {role: panel.layer(role) for role in panel.combos}


def run_coverage(panel) -> bool:
    """Walk from every site to its nearest service station, in the background; results styled."""
    if not panel._require("sites"):
        return False
    parameters = dict(
        role_parameters(COVERAGE, panel_layers(panel)),
        OUTPUT="TEMPORARY_OUTPUT",
        CATCHMENTS="TEMPORARY_OUTPUT",
    )
    return panel._run(COVERAGE, parameters, lambda runner, results: _covered(panel, runner, results))


def _covered(panel, runner, results) -> None:
    sites = runner.take_layer(results.get("OUTPUT"))
    catchments = runner.take_layer(results.get("CATCHMENTS"))
    added = []
    if catchments is not None:
        catchments.setName(tr("Catchments"))
        style_catchments(catchments)
        panel._add_beside(catchments, panel.layer("zones"))
        added.append(catchments)
    if sites is not None:
        sites.setName(tr("Walk to the nearest service station"))
        style_walks(sites)
        panel._add_beside(sites, panel.layer("sites"))
        added.insert(0, sites)
    rates = json.loads(results.get("COVERAGE") or "{}")
    shares = ", ".join(
        "{} m {}".format(radius, "-" if rate is None else "{:.0%}".format(rate))
        for radius, rate in rates.items()
    )
    panel._tell(
        tr("Service coverage: {} stations, sites within {}.").format(results.get("STATION_COUNT"), shares),
        Qgis.Success,
        layers=added,
    )


def run_index(panel) -> bool:
    """The comprehensive evaluation index per zone, in the background; the units styled by grade."""
    if not panel._require("zones", "sites"):
        return False
    parameters = dict(role_parameters(INDEX, panel_layers(panel)), OUTPUT="TEMPORARY_OUTPUT")
    return panel._run(INDEX, parameters, lambda runner, results: _indexed(panel, runner, results))


def _indexed(panel, runner, results) -> None:
    layer = runner.take_layer(results.get("OUTPUT"))
    if layer is None:
        panel._tell(tr("The evaluation index finished but gave no layer."), Qgis.Warning)
        return
    layer.setName(tr("Evaluation index"))
    style_index(layer)
    panel._add_beside(layer, panel.layer("zones"))
    panel._tell(
        tr("Evaluation index ready: {} units graded.").format(layer.featureCount()),
        Qgis.Success,
        layers=[layer],
    )


def open_import_sites(iface):
    """The site import dialog (a CSV or XLSX file); the message bar then offers Zoom to / Open folder."""
    from .dialogs import open_algorithm_dialog

    return open_algorithm_dialog(IMPORT_SITES, {}, iface)
