"""Catchments that hold exactly what is counted: per station and radius r, the places whose walk, measured
as the sites' walks are (to the nearest road segment, along the roads, to the nearest station; straight
line x detour where no road connects), is at most r and ends at that station.

A point's walk depends on its nearest road segment, so the plane is cut into the segments' cells (the
places nearest to each segment: the Voronoi cells of points sampled densely along the segments). Within a
segment's cell the walk is: distance to the segment + the walk from the foot along the segment to the
nearer end + that end's cost. Where it is at most r, the shape is a trapezoid along the segment with a
half disc beyond each end: those pieces, clipped to the cell and joined per station, are the catchment.
Cells of segments no station connects to take the straight line x detour to the nearest station instead.
"""

import math
from collections import defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from qgis.core import QgsGeometry, QgsLineString, QgsPointXY, QgsPolygon, QgsRectangle, QgsWkbTypes

from ..base.progress import check_cancel
from .network import RoadGraph
from .reach import SAME_PLACE
from .snapping import nearest_segments, segment_distance

# spacing (m) of the points sampled along the roads to cut the plane into the segments' cells
SAMPLE_STEP = 2.0
# holes smaller than this (m²) are slivers left where pieces were joined
SLIVER_M2 = 1.0
SEAL_M = 0.01
# largest gap (m) between a drawn arc and the true circle
ARC_TOLERANCE = 0.05


def circle_catchment(station_xy, radius: float, detour: float) -> QgsGeometry:
    """The circle a walker covers within radius when every walk is the straight line x detour."""
    return _disc(station_xy, radius / detour)


def catchments(
    station_xy: np.ndarray,
    radii: Sequence[float],
    detour: float,
    road_graph: Optional[RoadGraph] = None,
    vertex_cost: Optional[np.ndarray] = None,
    vertex_station: Optional[np.ndarray] = None,
    progress=None,
) -> Dict[Tuple[int, float], QgsGeometry]:
    """{(station index, radius): the area within radius of that station and nearest to it}, empty omitted."""
    stations = _station_cells(station_xy)
    if road_graph is None or len(road_graph.seg_xy) == 0:
        result = {}
        for k, xy in enumerate(station_xy):
            check_cancel(progress)
            for radius in radii:
                result[(k, radius)] = _disc(xy, radius / detour).intersection(stations[k])
        return _valid(result)

    seg = road_graph.seg_xy
    cost_a, cost_b = vertex_cost[road_graph.seg_from], vertex_cost[road_graph.seg_to]
    station_a, station_b = vertex_station[road_graph.seg_from], vertex_station[road_graph.seg_to]
    lost = ~np.isfinite(cost_a) & ~np.isfinite(cost_b)
    reached = np.flatnonzero(~lost & (np.minimum(cost_a, cost_b) < max(radii)))
    extent = _extent(seg, station_xy, max(radii))
    cells = segment_cells(seg, extent, progress)
    check_cancel(progress)

    parts = defaultdict(list)
    for s in reached:
        check_cancel(progress)
        cell = cells.get(int(s))
        if cell is None:
            continue
        # a cell whose every place walks within the radius to one station is that station's whole
        longest = (
            _longest_walk(seg[s], cell, cost_a[s], cost_b[s]) if station_a[s] == station_b[s] else np.inf
        )
        for radius in sorted(radii):
            if longest <= radius and station_a[s] >= 0:
                # joined at the smallest such radius; the larger ones start from that union (below)
                parts[(int(station_a[s]), radius)].append(cell)
                break
            for k, piece in _pieces(seg[s], cost_a[s], cost_b[s], station_a[s], station_b[s], radius):
                clipped = _polygonal(piece.intersection(cell))
                if clipped is not None:
                    parts[(int(k), radius)].append(clipped)

    lost_cells = [cells[int(s)] for s in np.flatnonzero(lost) if int(s) in cells]
    lost_area = QgsGeometry.unaryUnion(lost_cells) if lost_cells else None
    if lost_area is not None and not lost_area.isEmpty():
        for k, xy in enumerate(station_xy):
            for radius in radii:
                disc = _disc(xy, radius / detour).intersection(stations[k])
                straight = _polygonal(disc.intersection(lost_area))
                if straight is not None:
                    parts[(k, radius)].append(straight)

    # a site at a station's own place walks nowhere (reach.SAME_PLACE): it belongs to that station
    own = [_disc(xy, SAME_PLACE * detour).intersection(stations[k]) for k, xy in enumerate(station_xy)]
    everyone = QgsGeometry.unaryUnion(own)
    result = {}
    for k in range(len(station_xy)):
        smaller = None  # the places within the previous radius: within this one too
        for radius in sorted(radii):
            check_cancel(progress)
            pieces = parts.get((k, radius), []) + ([smaller] if smaller is not None else [])
            if pieces:
                smaller = QgsGeometry.unaryUnion(pieces)
                result[(k, radius)] = _sealed(smaller).difference(everyone).combine(own[k])
            else:
                result[(k, radius)] = own[k]
    return _valid(result)


def segment_cells(seg_xy: np.ndarray, extent: QgsRectangle, progress=None) -> Dict[int, QgsGeometry]:
    """{segment: the part of extent nearer to it than to any other segment} (Voronoi of sampled points)."""
    samples, owner = [], []
    for s, (x0, y0, x1, y1) in enumerate(seg_xy):
        length = math.hypot(x1 - x0, y1 - y0)
        count = max(1, int(math.ceil(length / SAMPLE_STEP)))
        t = (np.arange(count) + 0.5) / count
        samples.append(np.column_stack([x0 + (x1 - x0) * t, y0 + (y1 - y0) * t]))
        owner.append(np.full(count, s, dtype=np.int64))
    xy = np.vstack(samples)
    owner = np.concatenate(owner)
    xy, first = np.unique(np.round(xy, 3), axis=0, return_index=True)
    owner = owner[first]
    points = QgsGeometry.fromMultiPointXY([QgsPointXY(float(x), float(y)) for x, y in xy])
    diagram = points.voronoiDiagram(QgsGeometry.fromRect(extent))
    check_cancel(progress)
    cells = diagram.asGeometryCollection()
    inside = np.array([[p.x(), p.y()] for p in (c.pointOnSurface().asPoint() for c in cells)]).reshape(-1, 2)
    # the outer cells reach the extent's edge, far from every sample, where the nearest one is slow to
    # prove: a point of theirs inside the samples' box instead (every cell holds its own sample)
    (bx0, by0), (bx1, by1) = xy.min(axis=0), xy.max(axis=0)
    box = QgsGeometry.fromRect(QgsRectangle(bx0, by0, bx1, by1))
    far = (inside[:, 0] < bx0) | (inside[:, 0] > bx1) | (inside[:, 1] < by0) | (inside[:, 1] > by1)
    for i in np.flatnonzero(far).tolist():
        near = cells[i].intersection(box)
        if not near.isEmpty():
            point = near.pointOnSurface().asPoint()
            inside[i] = (point.x(), point.y())
    # a point inside a cell is nearest to the cell's own sample (samples as segments of no length)
    generator = nearest_segments(inside, np.hstack([xy, xy]))
    clip = QgsGeometry.fromRect(extent)
    by_segment = defaultdict(list)
    for cell, sample in zip(cells, generator):
        by_segment[int(owner[sample])].append(cell)
    check_cancel(progress)
    cells = {}
    for s, parts in by_segment.items():
        cell = QgsGeometry.unaryUnion(parts)
        # only the outer cells reach beyond the extent
        cells[s] = cell if extent.contains(cell.boundingBox()) else cell.intersection(clip)
    return cells


def _longest_walk(segment, cell: QgsGeometry, cost_a: float, cost_b: float) -> float:
    """An upper bound of the walk from any place of a segment's cell: the farthest corner of the cell's
    box from the segment (distance to a segment is convex, so no place of the box is farther) plus the
    longest walk from a place on the segment to its nearer end's station."""
    x0, y0, x1, y1 = (float(v) for v in segment)
    length = math.hypot(x1 - x0, y1 - y0)
    box = cell.boundingBox()
    corners = np.array(
        [
            [box.xMinimum(), box.yMinimum()],
            [box.xMinimum(), box.yMaximum()],
            [box.xMaximum(), box.yMinimum()],
            [box.xMaximum(), box.yMaximum()],
        ]
    )
    farthest = float(segment_distance(corners, np.tile(np.asarray(segment, dtype=float), (4, 1))).max())
    if not np.isfinite(cost_a) or not np.isfinite(cost_b):
        return farthest + length + min(cost_a, cost_b)
    # min(cost_a + u, cost_b + length - u) is largest where the two walks meet (or at an end)
    meet = min(max((cost_b + length - cost_a) / 2.0, 0.0), length)
    return farthest + min(cost_a + meet, cost_b + length - meet)


def _pieces(segment, cost_a, cost_b, station_a, station_b, radius) -> List[Tuple[int, QgsGeometry]]:
    """(station, polygon) of the places whose walk over this segment is at most radius, before clipping
    to the segment's cell: from each end, the trapezoid up to where the other end becomes nearer, and the
    half disc beyond it."""
    x0, y0, x1, y1 = (float(v) for v in segment)
    length = math.hypot(x1 - x0, y1 - y0)
    if length <= 0:
        return []
    along = ((x1 - x0) / length, (y1 - y0) / length)
    # the walk via a is cost_a + u, via b cost_b + length - u: they meet at u = meet
    meet = float(np.clip((cost_b + length - cost_a) / 2.0, 0.0, length)) if np.isfinite(cost_b) else length
    if not np.isfinite(cost_a):
        meet = 0.0
    result = []
    for end, cost, station, reach_along, sign in (
        ((x0, y0), cost_a, station_a, meet, 1.0),
        ((x1, y1), cost_b, station_b, length - meet, -1.0),
    ):
        spare = radius - cost
        if not np.isfinite(cost) or spare <= 0 or station < 0:
            continue
        direction = (along[0] * sign, along[1] * sign)
        result.append((int(station), _piece(end, direction, spare, min(reach_along, spare))))
    return result


def _piece(end, direction, spare: float, reach_along: float) -> QgsGeometry:
    """A half disc of radius spare behind end (away from direction) joined to the trapezoid ahead of it
    whose half width falls from spare to spare - reach_along over reach_along metres."""
    ex, ey = end
    dx, dy = direction
    nx, ny = -dy, dx
    # from +normal round the back (-direction) to -normal
    angle = np.pi / 2 + np.pi * np.arange(_arc_steps(spare) + 1) / _arc_steps(spare)
    c, s = np.cos(angle), np.sin(angle)
    xs = list(ex + spare * (c * dx + s * nx))
    ys = list(ey + spare * (c * dy + s * ny))
    if reach_along > 0:
        width = spare - reach_along
        fx, fy = ex + dx * reach_along, ey + dy * reach_along
        xs.append(fx - nx * width)
        ys.append(fy - ny * width)
        if width > 0:
            xs.append(fx + nx * width)
            ys.append(fy + ny * width)
    xs.append(xs[0])
    ys.append(ys[0])
    return QgsGeometry(QgsPolygon(QgsLineString(xs, ys)))


def _arc_steps(radius: float) -> int:
    """Steps for a half circle of radius so that no chord is farther than ARC_TOLERANCE from the arc."""
    if radius <= ARC_TOLERANCE:
        return 4
    return max(4, int(math.ceil(math.pi / (2.0 * math.acos(1.0 - ARC_TOLERANCE / radius)))))


def _disc(xy, radius: float) -> QgsGeometry:
    """A disc drawn within ARC_TOLERANCE of the circle."""
    point = QgsGeometry.fromPointXY(QgsPointXY(float(xy[0]), float(xy[1])))
    return point.buffer(radius, max(4, _arc_steps(radius) // 2))


def _station_cells(station_xy: np.ndarray) -> List[QgsGeometry]:
    """Per station the places nearer to it than to any other in a straight line (all of them for one)."""
    x0, y0 = station_xy.min(axis=0) - 1e6
    x1, y1 = station_xy.max(axis=0) + 1e6
    frame = QgsGeometry.fromRect(QgsRectangle(x0, y0, x1, y1))
    if len(station_xy) == 1:
        return [frame]
    points = QgsGeometry.fromMultiPointXY([QgsPointXY(float(x), float(y)) for x, y in station_xy])
    cells = points.voronoiDiagram(frame).asGeometryCollection()
    result = [frame] * len(station_xy)
    for cell in cells:
        centre = cell.pointOnSurface().asPoint()
        d = np.hypot(station_xy[:, 0] - centre.x(), station_xy[:, 1] - centre.y())
        result[int(d.argmin())] = cell.intersection(frame)
    return result


def _extent(seg_xy: np.ndarray, station_xy: np.ndarray, radius: float) -> QgsRectangle:
    """The box holding every segment and every station, grown by radius and a margin."""
    xs = np.concatenate([seg_xy[:, 0], seg_xy[:, 2], station_xy[:, 0]])
    ys = np.concatenate([seg_xy[:, 1], seg_xy[:, 3], station_xy[:, 1]])
    margin = radius + 10 * SAMPLE_STEP
    return QgsRectangle(xs.min() - margin, ys.min() - margin, xs.max() + margin, ys.max() + margin)


def _polygonal(geometry: QgsGeometry) -> Optional[QgsGeometry]:
    """The polygons of geometry (an intersection may add lines or points where shapes touch); None if none."""
    if geometry is None or geometry.isEmpty():
        return None
    if geometry.type() == QgsWkbTypes.PolygonGeometry:
        return geometry
    parts = [g for g in geometry.asGeometryCollection() if g.type() == QgsWkbTypes.PolygonGeometry]
    return QgsGeometry.collectGeometry(parts) if parts else None


def _sealed(geometry: QgsGeometry) -> QgsGeometry:
    """geometry without the slits and sliver holes that joining pieces along shared edges leaves (a
    closing by 1 cm; a hole under 1 m² holds no point farther than 0.6 m from its edge)."""
    closed = geometry.buffer(SEAL_M, 1).buffer(-SEAL_M, 1)
    return (closed if not closed.isEmpty() else geometry).removeInteriorRings(SLIVER_M2)


def _valid(result: Dict) -> Dict:
    """The non-empty polygons of result."""
    return {key: g for key, g in result.items() if g is not None and not g.isEmpty() and g.area() > 0}
