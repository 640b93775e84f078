"""Snap points to the nearest of many segments: a spatial index finds it, numpy projects onto it."""

import numpy as np
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsSpatialIndex


def nearest_segments(points_xy: np.ndarray, seg_xy: np.ndarray, feedback=None) -> np.ndarray:
    """Index of the nearest segment for every point (a QgsSpatialIndex with stored geometries)."""
    index = QgsSpatialIndex(QgsSpatialIndex.FlagStoreFeatureGeometries)
    for i, (x0, y0, x1, y1) in enumerate(seg_xy):
        feature = QgsFeature(i)
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)]))
        index.addFeature(feature)
    nearest = np.zeros(len(points_xy), dtype=np.int64)
    step = max(1, len(points_xy) // 100)
    for i, (x, y) in enumerate(points_xy):
        if i % step == 0 and feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * i / len(points_xy))
        found = index.nearestNeighbor(QgsPointXY(x, y), 1)
        nearest[i] = found[0] if found else 0
    return nearest


def project(points_xy: np.ndarray, seg_xy: np.ndarray, segment: np.ndarray):
    """Per point: distance to its segment, and the distances along it to the segment's two ends."""
    a, b = seg_xy[segment, 0:2], seg_xy[segment, 2:4]
    ab = b - a
    length = np.hypot(ab[:, 0], ab[:, 1])
    length_sq = np.where(length > 0, length**2, 1.0)
    t = np.clip(((points_xy - a) * ab).sum(axis=1) / length_sq, 0.0, 1.0)
    foot = a + ab * t[:, None]
    snap = np.hypot(*(points_xy - foot).T)
    return snap, t * length, (1.0 - t) * length
