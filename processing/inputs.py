"""The one way in: every vector input of every algorithm is opened here, with the right text encoding.

source_input() (a feature source), vector_input() / vector_inputs() (layers) open a shapefile given as
a path with its detected encoding (see core/base/encoding.py) and say so in the log; every other input is
resolved as QGIS does. An input that cannot be read, or has the wrong geometry type, stops the algorithm
with a message naming the parameter and the file.
utf8_outputs() makes the sinks of an algorithm write UTF-8 (a shapefile gets a .cpg saying so).
"""

import os
from typing import List, Optional

from osgeo import gdal
from qgis.core import (
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsProperty,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.base.encoding import encoded_uri, is_shapefile, split_uri
from ..core.errors import BeltMapError
from ..i18n import tr

# custom properties of a layer opened here: the parameter value it came from, the encoding decision
OPENED_FROM = "beltmap/opened_from"
ENCODING_NOTE = "beltmap/encoding_note"


class InputError(BeltMapError):
    """An input cannot be read, or has the wrong geometry type (the message names the parameter)."""


def utf8_outputs(context: QgsProcessingContext) -> None:
    """Write this algorithm's outputs as UTF-8 (shapefiles with a .cpg), whatever the system code page."""
    context.setDefaultEncoding("UTF-8")


def open_with_encoding(
    value: str, context: QgsProcessingContext, feedback: Optional[QgsProcessingFeedback] = None
) -> Optional[QgsVectorLayer]:
    """A shapefile path opened with its detected encoding (kept alive by the context); None if not one.

    Opened once per context: checkParameterValues and processAlgorithm share the layer (and the
    encoding detection, which may read megabytes of the DBF).
    """
    if not isinstance(value, str) or not is_shapefile(value):
        return None
    store = context.temporaryLayerStore()
    opened = [known for known in store.mapLayers().values() if known.customProperty(OPENED_FROM) == value]
    layer = opened[0] if opened else None
    if layer is None:
        uri, decision = encoded_uri(value)
        layer = QgsVectorLayer(uri, os.path.splitext(os.path.basename(split_uri(value)[0]))[0], "ogr")
        if not layer.isValid():
            return None
        layer.setCustomProperty(OPENED_FROM, value)
        layer.setCustomProperty(ENCODING_NOTE, decision.describe() if decision is not None else "")
        store.addMapLayer(layer)
    note = layer.customProperty(ENCODING_NOTE)
    if note and feedback is not None:
        feedback.pushInfo("{}: text read as {}".format(value, note))
    return layer


def _static(value):
    """The plain value of a parameter value (a source definition's layer, a property's value)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    return value


def with_encoding(parameters, name: str, context, feedback) -> dict:
    """parameters with a shapefile path of `name` replaced by its layer opened with the right encoding."""
    value = parameters.get(name)
    layer = open_with_encoding(_static(value), context, feedback)
    if layer is None:
        return parameters
    changed = dict(parameters)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        definition = QgsProcessingFeatureSourceDefinition(value)
        definition.source = QgsProperty.fromValue(layer.id())
        changed[name] = definition
    else:
        changed[name] = layer.id()
    return changed


# parameter data types → the geometry type they accept
_GEOMETRY_OF_TYPE = {
    QgsProcessing.TypeVectorPoint: QgsWkbTypes.PointGeometry,
    QgsProcessing.TypeVectorLine: QgsWkbTypes.LineGeometry,
    QgsProcessing.TypeVectorPolygon: QgsWkbTypes.PolygonGeometry,
}


def _check_geometry(algorithm, name: str, value, geometry_type) -> None:
    """Stop when the input's geometry type is not one the parameter accepts."""
    definition = algorithm.parameterDefinition(name)
    types = list(definition.dataTypes()) if hasattr(definition, "dataTypes") else []
    accepted = [_GEOMETRY_OF_TYPE[t] for t in types if t in _GEOMETRY_OF_TYPE]
    if not accepted or len(accepted) < len(types) or geometry_type in accepted:
        return
    raise InputError(
        tr("{}: {} holds {} geometries; this parameter needs {}.").format(
            name,
            _static(value),
            QgsWkbTypes.geometryDisplayString(geometry_type),
            " / ".join(QgsWkbTypes.geometryDisplayString(g) for g in accepted),
        )
    )


def _unreadable(name: str, value, context) -> InputError:
    """The error for an input that cannot be read, naming the parameter, the file and why."""
    plain = _static(value)
    reason = unreadable_reason(plain, context) or tr("not a vector layer that can be read")
    return InputError(
        tr("{}: cannot read {} ({}). Use a GeoPackage, shapefile or GeoJSON.").format(name, plain, reason)
    )


def source_input(algorithm, parameters, name: str, context, feedback=None, whole_layer=False):
    """The feature source of parameter `name` (None when an optional one is empty), opened once here.

    A shapefile path is read with its detected encoding; an unreadable input or a wrong geometry type
    raises InputError naming the parameter and the file. whole_layer: when the parameter stands for the
    whole layer (no selection, feature limit or filter expression), the layer itself, so an engine can
    read its file in bulk (it still checks for a layer filter and unsaved edits).
    """
    value = parameters.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    source = algorithm.parameterAsSource(with_encoding(parameters, name, context, feedback), name, context)
    if source is None:
        raise _unreadable(name, value, context)
    _check_geometry(algorithm, name, value, QgsWkbTypes.geometryType(source.wkbType()))
    if whole_layer and not part_reason(value) and not getattr(value, "filterExpression", ""):
        layer = vector_input(algorithm, parameters, name, context, feedback)
        if layer is not None and layer.isValid() and layer.featureCount() == source.featureCount():
            return layer
    return source


def vector_input(algorithm, parameters, name: str, context, feedback=None) -> Optional[QgsVectorLayer]:
    """The vector layer of parameter `name`; a shapefile path is opened with its detected encoding."""
    layer = open_with_encoding(_static(parameters.get(name)), context, feedback)
    if layer is not None:
        return layer
    return algorithm.parameterAsVectorLayer(parameters, name, context)


def vector_inputs(algorithm, parameters, name: str, context, feedback=None) -> List[QgsVectorLayer]:
    """The vector layers of a multiple-layer parameter, shapefile paths opened with their encoding."""
    raw = parameters.get(name)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    layers = []
    for item in items:
        layer = open_with_encoding(item, context, feedback)
        if layer is None and isinstance(item, QgsMapLayer):
            layer = item
        if layer is None and isinstance(item, str):
            layer = QgsProcessingUtils.mapLayerFromString(item, context)
        if layer is None or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            raise _unreadable(name, item, context)
        layers.append(layer)
    return layers


def unreadable_reason(value, context: QgsProcessingContext) -> Optional[str]:
    """Why a layer parameter value (a path or URI) cannot be read, or None when it can."""
    if not isinstance(value, str) or not value.strip():
        return None
    if open_with_encoding(value, context) is not None:
        return None
    layer = QgsProcessingUtils.mapLayerFromString(value, context)
    if isinstance(layer, QgsVectorLayer) and layer.isValid():
        return None
    path = split_uri(value)[0]
    if not os.path.exists(path):
        return "file not found"
    gdal.UseExceptions()
    try:
        dataset = gdal.OpenEx(path, gdal.OF_VECTOR)
    except RuntimeError as error:
        return str(error).strip() or "not a GIS file"
    if dataset is None:
        return "not a GIS file"
    return "no such layer, or the layer is damaged"


def part_reason(value) -> str:
    """Why a source parameter value stands for only part of its layer ('' when it is the whole layer)."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly:
            return "only the selected features are used"
        if value.featureLimit not in (-1, None):
            return "a feature limit is set"
    return ""
