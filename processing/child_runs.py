"""Child algorithms run on the way: tagging sites by zone, measuring service coverage."""

from qgis import processing
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingUtils

TAG_ZONES = "beltmap:tagzones"


def tagged_sites(algorithm, parameters, context, feedback, sites_key="SITES", zones_key="ZONES"):
    """SITES as a source, tagged by beltmap:tagzones first when it has no zone_type and ZONES is given."""
    sites = algorithm.parameterAsSource(parameters, sites_key, context)
    if sites is None:
        raise QgsProcessingException(algorithm.invalidSourceError(parameters, sites_key))
    if sites.fields().indexOf("zone_type") >= 0 or not parameters.get(zones_key):
        return sites
    if QgsApplication.processingRegistry().algorithmById(TAG_ZONES) is None:
        feedback.pushWarning(algorithm.tr("{} is not available: sites stay untagged").format(TAG_ZONES))
        return sites
    feedback.pushInfo(algorithm.tr("Tagging the sites by zone ({})").format(TAG_ZONES))
    output = processing.run(
        TAG_ZONES,
        {"INPUT": parameters[sites_key], "ZONES": parameters[zones_key], "OUTPUT": "TEMPORARY_OUTPUT"},
        context=context,
        feedback=feedback,
        is_child_algorithm=True,
    )["OUTPUT"]
    layer = QgsProcessingUtils.mapLayerFromString(output, context)
    if layer is None:
        raise QgsProcessingException(algorithm.tr("Tagging the sites produced no layer"))
    return layer
