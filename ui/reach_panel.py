"""Service coverage, the evaluation index and site import from the Belt Map menu and panel: the role
layers proposed; service coverage through its dialog (radii, station key), the index in the background
with progress and cancel; the results added beside the panel's layers and styled."""

import json

from qgis.core import Qgis, QgsApplication, QgsProject

from ..core.base.site_fields import SITE_KEY_FIELDS
from ..core.base.zone_types import find_field
from ..core.cartography.reach_styles import style_catchments, style_index, style_spokes, style_walks
from ..layers import roles
from ..processing.evaluation_index import EvaluationIndexAlgorithm
from ..processing.import_sites import ImportSitesAlgorithm
from ..processing.service_coverage import ServiceCoverageAlgorithm
from .actions import tr

COVERAGE = ServiceCoverageAlgorithm.ID
INDEX = EvaluationIndexAlgorithm.ID
IMPORT_SITES = ImportSitesAlgorithm.ID
TEMPORARY = "TEMPORARY_OUTPUT"


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


def coverage_parameters(panel) -> dict:
    """The dialog's start: the panel's role layers, the belt's radii (300, 500, 1000 m), the sites' key
    as the station key (site_id, id, 编号 or code, as KEY_FIELD), and the walks, spokes and catchments."""
    layers = panel_layers(panel)
    parameters = role_parameters(COVERAGE, layers)
    algorithm = QgsApplication.processingRegistry().algorithmById(COVERAGE)
    radii = algorithm.parameterDefinition("RADII").defaultValue() if algorithm else "300,500,1000"
    sites = layers.get("sites")
    key = find_field(sites.fields().names(), SITE_KEY_FIELDS) if sites is not None else None
    parameters.update(
        RADII=radii,
        STATION_ID_FIELD=key or "site_id",
        OUTPUT=TEMPORARY,
        SPOKES=TEMPORARY,
        CATCHMENTS=TEMPORARY,
    )
    return parameters


def run_coverage(panel) -> bool:
    """The service coverage dialog with the panel's layers and the belt's defaults; when it has run, the
    walks, spokes and catchments are named and put beside the sites and zones."""
    if not panel._require("sites"):
        return False
    from . import dialogs

    dialog = dialogs.open_algorithm_dialog(
        COVERAGE, coverage_parameters(panel), panel.iface, lambda results: place_coverage(panel, results)
    )
    return dialog is not None


def place_coverage(panel, results) -> list:
    """Name, style and place the layers a coverage run added (walks and spokes beside the sites, catchments
    beside the zones), and say the coverage; the layers placed."""
    project = QgsProject.instance()

    def taken(key):
        value = results.get(key)
        layer = project.mapLayer(value) if isinstance(value, str) else None
        if layer is None and isinstance(value, str):  # a file output: the layer QGIS added from it
            layer = next((x for x in project.mapLayers().values() if x.source() == value), None)
        return layer

    placed = []
    for key, name, style, beside in (
        ("CATCHMENTS", tr("Catchments"), style_catchments, panel.layer("zones")),
        ("OUTPUT", tr("Walk to the nearest service station"), style_walks, panel.layer("sites")),
        ("SPOKES", tr("Spokes (station to served site)"), style_spokes, panel.layer("sites")),
    ):  # each just above its reference: walks, then spokes (lines under the points), then the sites
        layer = taken(key)
        if layer is None:
            continue
        layer.setName(name)
        style(layer)
        _move_beside(project, layer, beside)
        placed.insert(0, layer)
    rates = json.loads(results.get("COVERAGE") or "{}")
    shares = ", ".join(
        "{} m {}".format(radius, "-" if rate is None else "{:.0%}".format(rate))
        for radius, rate in rates.items()
    )
    panel._tell(
        tr("Service coverage: {} stations, sites within {}.").format(results.get("STATION_COUNT"), shares),
        Qgis.Success,
        layers=placed,
    )
    return placed


def _move_beside(project, layer, reference) -> None:
    """Move a layer's tree node just above the reference layer's (in its group)."""
    root = project.layerTreeRoot()
    node = root.findLayer(layer.id())
    target = root.findLayer(reference.id()) if reference is not None else None
    if node is None or target is None or node is target:
        return
    parent = target.parent()
    clone = node.clone()
    parent.insertChildNode(parent.children().index(target), clone)
    node.parent().removeChildNode(node)


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
