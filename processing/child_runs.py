"""Child algorithms still run on the way: tagging sites by zone and measuring service coverage for the
evaluation index, zone summary and service coverage algorithms, and (step_engines) the evaluation index and
service reach for the export builders until those engines are in core (issue 17)."""

from qgis import processing
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingUtils

from ..core.errors import BeltMapError
from ..core.package.engines import StepEngines
from ..i18n import tr
from .inputs import source_input, with_encoding

TAG_ZONES = "beltmap:tagzones"


def run_child(algorithm_id, parameters, context, feedback) -> dict:
    """Run an algorithm as a child step of the running one (same context and feedback)."""
    return processing.run(
        algorithm_id, parameters, context=context, feedback=feedback, is_child_algorithm=True
    )


def child_layer(algorithm, value, context):
    """The layer a child step produced (a layer id or path in the context, or the layer itself)."""
    layer = QgsProcessingUtils.mapLayerFromString(value, context) if isinstance(value, str) else value
    if layer is None:
        raise QgsProcessingException(algorithm.tr("A step produced no layer: {}").format(value))
    return layer


def sites_value(parameters, name, context):
    """The value to hand a child for parameter name: a shapefile path becomes its layer opened with the
    detected encoding (so the child reads the text as this algorithm did)."""
    return with_encoding(parameters, name, context, None).get(name)


def tagged_sites(algorithm, parameters, context, feedback, sites_key="SITES", zones_key="ZONES"):
    """SITES as a source, tagged by beltmap:tagzones first when it has no zone_type and ZONES is given."""
    sites = source_input(algorithm, parameters, sites_key, context, feedback)
    if sites is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, sites_key))
    if sites.fields().indexOf("zone_type") >= 0 or not parameters.get(zones_key):
        return sites
    if QgsApplication.processingRegistry().algorithmById(TAG_ZONES) is None:
        feedback.pushWarning(algorithm.tr("{} is not available: sites stay untagged").format(TAG_ZONES))
        return sites
    feedback.pushInfo(algorithm.tr("Tagging the sites by zone ({})").format(TAG_ZONES))
    # the sites already opened (with their encoding) go to the child as a layer, not as the path again
    output = run_child(
        TAG_ZONES,
        {
            "INPUT": sites_value(parameters, sites_key, context),
            "ZONES": parameters[zones_key],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        context,
        feedback,
    )["OUTPUT"]
    return child_layer(algorithm, output, context)


class ChildError(BeltMapError):
    """A child algorithm stopped; the message is its own."""


def step_engines(context) -> StepEngines:
    """The evaluation index and service reach for the export builders, run as child algorithms.

    Interim (issue 17): these two engines are not in core yet; once core/evaluation/engine.py (and the
    reach engine) exist, core/package/engines.py calls them and this goes.
    """

    def run(algorithm_id, parameters, feedback):
        try:
            return run_child(algorithm_id, parameters, context, feedback)
        except QgsProcessingException as error:
            raise ChildError(str(error)) from error

    def layer(value):
        found = QgsProcessingUtils.mapLayerFromString(value, context) if isinstance(value, str) else value
        if found is None:
            raise ChildError(tr("A step produced no layer: {}").format(value))
        return found

    def index(zones, sites, roads, feedback):
        parameters = {
            "UNITS": "zones",
            "ZONES": zones,
            "SITES": sites,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "WEIGHTS": "TEMPORARY_OUTPUT",
        }
        if roads is not None:
            parameters["ROADS"] = roads
        result = run("beltmap:evaluationindex", parameters, feedback)
        return layer(result["OUTPUT"]), layer(result.get("WEIGHTS"))

    def coverage(sites, roads, feedback):
        parameters = {"SITES": sites, "OUTPUT": "TEMPORARY_OUTPUT"}
        if roads is not None:
            parameters["ROADS"] = roads
        return layer(run("beltmap:servicecoverage", parameters, feedback)["OUTPUT"])

    return StepEngines(index=index, coverage=coverage)
