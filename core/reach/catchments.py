"""Catchment polygons per station and radius: convex hull of the network reach, or a circle."""

from typing import Optional

import numpy as np
from qgis.core import QgsGeometry, QgsPointXY, QgsWkbTypes

from .network import RoadGraph

CIRCLE_SEGMENTS = 36


def network_catchment(
    road_graph: RoadGraph, costs: np.ndarray, station_xy, radius: float
) -> Optional[QgsGeometry]:
    """Convex hull of the station and every road point within radius along the graph; None if degenerate."""
    start, end = road_graph.seg_xy[:, :2], road_graph.seg_xy[:, 2:]
    cost_start, cost_end = costs[road_graph.seg_from], costs[road_graph.seg_to]
    length = np.hypot(*(end - start).T)
    points = [np.asarray(station_xy, dtype=float).reshape(1, 2)]
    for a, b, cost_a, cost_b in ((start, end, cost_start, cost_end), (end, start, cost_end, cost_start)):
        reached = cost_a <= radius
        points.append(a[reached])
        # the walk stops part way along a segment whose far end is out of reach
        partial = reached & (cost_b > radius) & (length > 0)
        frac = np.clip((radius - cost_a[partial]) / length[partial], 0.0, 1.0)
        points.append(a[partial] + (b[partial] - a[partial]) * frac[:, None])
    xy = np.unique(np.vstack(points), axis=0)
    if len(xy) < 3:
        return None
    hull = QgsGeometry.fromMultiPointXY([QgsPointXY(float(x), float(y)) for x, y in xy]).convexHull()
    return hull if hull.type() == QgsWkbTypes.PolygonGeometry and hull.area() > 0 else None


def circle_catchment(station_xy, radius: float, detour: float) -> QgsGeometry:
    """The circle a walker covers within radius when every walk is the straight line x detour."""
    point = QgsGeometry.fromPointXY(QgsPointXY(float(station_xy[0]), float(station_xy[1])))
    return point.buffer(radius / detour, CIRCLE_SEGMENTS // 4)
