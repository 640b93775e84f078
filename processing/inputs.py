"""Algorithm inputs and outputs with the right text encoding.

vector_input() / vector_inputs() open a shapefile given as a path with its detected encoding (see
layers/encoding.py) and say so in the log; every other input is resolved as QGIS does.
utf8_outputs() makes the sinks of an algorithm write UTF-8 (a shapefile gets a .cpg saying so).
"""

import os
from typing import List, Optional

from osgeo import gdal
from qgis.core import (
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingUtils,
    QgsVectorLayer,
)

from ..core.encoding import encoded_uri, is_shapefile, split_uri

# custom properties of a layer opened here: the parameter value it came from, the encoding decision
OPENED_FROM = "beltmap/opened_from"
ENCODING_NOTE = "beltmap/encoding_note"


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


def vector_input(algorithm, parameters, name: str, context, feedback=None) -> Optional[QgsVectorLayer]:
    """The vector layer of parameter `name`; a shapefile path is opened with its detected encoding."""
    layer = open_with_encoding(parameters.get(name), context, feedback)
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
            raise QgsProcessingException(
                "{}: '{}' is not a vector layer that can be read. "
                "Use a GeoPackage, shapefile or GeoJSON.".format(name, item)
            )
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
