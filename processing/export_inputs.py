"""The layer inputs both exports share (package and web map): BELT, ZONES, SITES, ROADS and TAG."""

from typing import Dict

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
)

from .inputs import vector_input, vector_inputs
from .validation_gate import validate_or_stop


def add_layer_parameters(algorithm) -> None:
    """Add BELT, ZONES, SITES (one or more), ROADS (optional) and TAG (default true) with their help."""
    tr = algorithm.tr
    polygon = [QgsProcessing.TypeVectorPolygon]
    algorithm.addHelpedParameter(
        QgsProcessingParameterVectorLayer("BELT", tr("Belt boundary"), polygon),
        tr("The practice belt boundary (polygon layer with a name field)."),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterVectorLayer("ZONES", tr("Zones"), polygon),
        tr("Zones with zone_id, name and zone_type (a key, Chinese name or alias)."),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterMultipleLayers("SITES", tr("Sites"), QgsProcessing.TypeVectorAnyGeometry),
        tr("One or more site layers (name, category); several are merged into one sites layer."),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterVectorLayer(
            "ROADS", tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
        ),
        tr("Roads drawn under the zones and sites (optional)."),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterBoolean("TAG", tr("Tag sites by zone first"), defaultValue=True),
        tr("Run beltmap:tagzones on the sites before writing them (adds zone_type, zone_id, …)."),
    )


def layer_inputs(algorithm, parameters, context, feedback=None) -> Dict:
    """The layers of BELT, ZONES, SITES and ROADS (shapefiles opened with their detected encoding)."""

    def layer(name):
        return vector_input(algorithm, parameters, name, context, feedback)

    belt, zones = layer("BELT"), layer("ZONES")
    if belt is None or zones is None:
        raise QgsProcessingException(
            algorithm.invalidSourceError(parameters, "BELT" if belt is None else "ZONES")
        )
    sites = [s for s in vector_inputs(algorithm, parameters, "SITES", context, feedback) if s is not None]
    if not sites or any(s.type() != s.VectorLayer for s in sites):
        raise QgsProcessingException(algorithm.tr("SITES must be one or more vector layers"))
    return {"belt": belt, "zones": zones, "sites": sites, "roads": layer("ROADS")}


def validate_layer_inputs(inputs: Dict, ignore: bool, feedback, context) -> None:
    """The error-level checks on the belt, zones, sites and roads before an export writes anything."""
    validate_or_stop(
        ignore,
        feedback,
        context.transformContext(),
        zones=inputs["zones"],
        belt=inputs["belt"],
        sites=inputs["sites"],
        roads=inputs["roads"],
    )
