"""Child algorithms run on the way: tagging sites by zone, measuring service coverage."""

from qgis import processing
from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingUtils

from .inputs import source_input, with_encoding
from .tag_zones import TagZonesAlgorithm
from .validation_gate import IGNORE_VALIDATION

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


def prepared_sites(algorithm, run, inputs, tag: bool, ignore_validation: bool):
    """The sites of an export: the SITES layers merged when several, tagged by zone (with BELT) when tag.

    run(algorithm_id, parameters) runs a child step; inputs holds the layers "sites", "zones", "belt".
    """
    sites = inputs["sites"]
    layer = sites[0]
    if len(sites) > 1:
        merged = run(
            "native:mergevectorlayers", {"LAYERS": sites, "CRS": sites[0].crs(), "OUTPUT": "TEMPORARY_OUTPUT"}
        )
        cleaned = run(
            "native:deletecolumn",
            {"INPUT": merged["OUTPUT"], "COLUMN": ["path"], "OUTPUT": "TEMPORARY_OUTPUT"},
        )
        layer = child_layer(algorithm, cleaned["OUTPUT"], algorithm.context)
    if not tag:
        return layer
    if QgsApplication.processingRegistry().algorithmById(TAG_ZONES) is None:
        raise QgsProcessingException(algorithm.tr("beltmap:tagzones is not available: set TAG to false"))
    child = {"INPUT": layer, "ZONES": inputs["zones"], "BELT": inputs["belt"], "OUTPUT": "TEMPORARY_OUTPUT"}
    if ignore_validation:
        child[IGNORE_VALIDATION] = True  # already checked by the caller; the user chose to go on
    return child_layer(algorithm, run(TAG_ZONES, child)["OUTPUT"], algorithm.context)
