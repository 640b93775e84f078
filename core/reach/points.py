"""Read a feature source as points in a target CRS: features kept, coordinates as a numpy array."""

from typing import List, Tuple

import numpy as np
from qgis.core import QgsCoordinateTransform, QgsFeatureRequest, QgsWkbTypes


def read_points(
    source, crs, transform_context, feedback=None, request=None, centroids=False
) -> Tuple[List, np.ndarray]:
    """Features of source and their (x, y) in crs (a line's or polygon's point on surface, or centroid
    with centroids; NaN if no geometry)."""
    transform = QgsCoordinateTransform(source.sourceCrs(), crs, transform_context)
    features, xy = [], []
    total = source.featureCount()
    step = 100.0 / total if total > 0 else 0
    for i, feature in enumerate(source.getFeatures(request or QgsFeatureRequest())):
        if feedback is not None and feedback.isCanceled():
            break
        features.append(feature)
        xy.append(point_of(feature.geometry(), transform, centroids))
        if feedback is not None and i % 1000 == 0:
            feedback.setProgress(i * step)
    return features, np.array(xy, dtype=float).reshape(-1, 2)


def point_of(geometry, transform, centroid=False) -> Tuple[float, float]:
    """The geometry's point (first point of a multipoint, point on surface or centroid otherwise) in the
    target CRS."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return (np.nan, np.nan)
    if geometry.type() == QgsWkbTypes.PointGeometry:
        point = geometry.asMultiPoint()[0] if geometry.isMultipart() else geometry.asPoint()
    else:
        point = (geometry.centroid() if centroid else geometry.pointOnSurface()).asPoint()
    point = transform.transform(point)
    return (point.x(), point.y())
