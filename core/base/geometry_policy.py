"""One geometry policy: NULL, empty and NaN geometries are kept as features with a NULL geometry.

Tagging keeps and counts them (NULL tags); writers of the package and of map outputs write them as NULL
geometry, so that no transform or writer fails on them (GDAL turns an empty point into (inf, inf)).
"""

import math
from typing import Optional, Tuple

from qgis.core import QgsFeatureRequest, QgsGeometry, QgsVectorLayer


def usable_geometry(geometry: Optional[QgsGeometry]) -> bool:
    """True for a geometry with at least one vertex and only finite coordinates."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return False
    return all(math.isfinite(v.x()) and math.isfinite(v.y()) for v in geometry.vertices())


def _unusable_ids(layer: QgsVectorLayer) -> list:
    request = QgsFeatureRequest().setNoAttributes()
    request.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    return [f.id() for f in layer.getFeatures(request) if not usable_geometry(f.geometry())]


def null_geometry_count(layer: QgsVectorLayer) -> int:
    """How many features of a layer have a NULL, empty or NaN geometry."""
    return len(_unusable_ids(layer)) if layer.isSpatial() else 0


def with_null_geometries(layer: QgsVectorLayer) -> Tuple[QgsVectorLayer, int]:
    """(layer, 0) when every geometry is usable, else (a memory copy with NULL geometries there, count)."""
    if not layer.isSpatial():
        return layer, 0
    unusable = _unusable_ids(layer)
    if not unusable:
        return layer, 0
    request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    copy = layer.materialize(request)
    changes = {f.id(): QgsGeometry() for f in copy.getFeatures(request) if not usable_geometry(f.geometry())}
    copy.dataProvider().changeGeometryValues(changes)
    return copy, len(unusable)
