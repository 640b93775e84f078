"""Child algorithms still run on the way: zone summary and service coverage tag an untagged INPUT with
beltmap:tagzones (the exports and the evaluation index call the engines directly)."""

from qgis import processing
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingUtils

from .inputs import source_input, with_encoding
from .tag_zones import TagZonesAlgorithm

TAG_ZONES = TagZonesAlgorithm.ID


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
