"""The layer inputs both exports share (package and web map): BELT, ZONES, SITES, ROADS and TAG, read once."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
)

from ..core.assembly.inputs import InputLayers
from .inputs import vector_input, vector_inputs


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


def layer_inputs(algorithm, parameters, context, feedback=None) -> InputLayers:
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
    return InputLayers(belt, zones, tuple(sites), layer("ROADS"))
