"""Outputs never write over inputs: which files the inputs read, which file or layer each destination
writes, and why a destination is refused (naming both). Also used by checkParameterValues, before any run."""

import os
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsMapLayer,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFolderDestination,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
)

from ..core.base.paths import file_destination, inside, same_file
from ..i18n import tr

INPUT_TYPES = ("source", "vector", "layer", "raster", "multilayer", "file", "mesh", "pointcloud")


def _layer_file(layer: QgsMapLayer) -> Tuple[Optional[str], Optional[str]]:
    """(file path, layer name) of a file-based layer; (None, None) for memory or database layers."""
    if layer is None or layer.providerType() not in ("ogr", "gdal", "delimitedtext", "spatialite"):
        return None, None
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if path.startswith("file://"):
        path = path[len("file://") :]
    name = parts.get("layerName")
    return (path or None), (name if isinstance(name, str) and name else None)


def _value_file(value, context) -> Tuple[Optional[str], Optional[str]]:
    """(file path, layer name) an input parameter value points at."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return _layer_file(value)
    if not isinstance(value, str) or not value.strip():
        return None, None
    project = context.project()
    layer = project.mapLayer(value) if project is not None else None
    if layer is None and "|" not in value and not os.path.exists(value):
        layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
    if layer is not None:
        return _layer_file(layer)
    parts = QgsProviderRegistry.instance().decodeUri("ogr", value)
    name = parts.get("layerName")
    return parts.get("path") or value, (name if isinstance(name, str) and name else None)


def input_files(algorithm, parameters, context) -> List[Tuple[str, str, Optional[str]]]:
    """(parameter name, file path, layer name) of every file an input parameter reads."""
    found = []
    for definition in algorithm.parameterDefinitions():
        if definition.isDestination() or definition.type() not in INPUT_TYPES:
            continue
        value = parameters.get(definition.name())
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            path, layer_name = _value_file(item, context)
            if path and os.path.exists(path):
                found.append((definition.name(), os.path.realpath(path), layer_name))
    return found


def destination_value(value):
    """The plain string of a destination parameter value, and its definition (or None)."""
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    if definition is not None:
        value = definition.sink.staticValue()
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    return (value if isinstance(value, str) else ""), definition


def ogr_layer_destination(text: str) -> Optional[Tuple[str, str]]:
    """(GeoPackage path, layer name) of an 'ogr:dbname=… table=…' destination, else None."""
    if not text.startswith("ogr:"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("postgres", text[len("ogr:") :])
    database, table = parts.get("dbname") or "", parts.get("table") or ""
    return (database, table) if database and table else None


def refusal(algorithm, parameters, context, folders: Dict[str, str] = None) -> Optional[str]:
    """Why an output would write over an input (naming both), or None; folders: {name: package folder}."""
    inputs = input_files(algorithm, parameters, context)
    if not inputs:
        return None
    for definition in algorithm.destinationParameterDefinitions():
        name = definition.name()
        text, _definition = destination_value(parameters.get(name))
        in_layer = ogr_layer_destination(text)
        for input_name, path, layer_name in inputs:
            if in_layer is not None:
                database, table = in_layer
                clash = same_file(database, path) and (layer_name or "").lower() == table.lower()
                target = "{} (layer {})".format(database, table)
            elif isinstance(definition, QgsProcessingParameterFolderDestination):
                folder = (folders or {}).get(name) or text
                clash = bool(folder) and (inside(path, folder) or same_file(folder, path))
                target = folder
            else:
                target = file_destination(text)
                clash = target is not None and same_file(target, path)
            if clash:
                return tr(
                    "{} {} would write over the input {} ({}): inputs are never modified. Choose another "
                    "file or folder, or a new layer in the GeoPackage (ogr:dbname=… table=new_name)."
                ).format(name, target, input_name, path)
    return None
