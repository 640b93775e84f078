"""Snap points to the nearest of many segments: a grid of buckets finds it with numpy, a spatial index
the few a bucket's neighbourhood cannot prove; numpy projects onto it."""

import math

import numpy as np
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsSpatialIndex

_BLOCK = 20000  # points per numpy block
_LEVELS = 4  # grids tried (each four times coarser than the one before)
_FEW_SEGMENTS = 200  # up to this many segments, far points are compared with all of them
_PAIRS = 2_000_000  # point-segment pairs per block


def nearest_segments(points_xy: np.ndarray, seg_xy: np.ndarray, feedback=None) -> np.ndarray:
    """Index of the nearest segment for every point (the lowest index among equally near ones)."""
    points_xy = np.asarray(points_xy, dtype=float).reshape(-1, 2)
    nearest = np.zeros(len(points_xy), dtype=np.int64)
    if len(points_xy) == 0 or len(seg_xy) == 0:
        return nearest
    pending = np.arange(len(points_xy))
    size = None
    for _level in range(_LEVELS):  # points a grid cannot settle go to a four times coarser one
        if len(pending) == 0:
            break
        grid = _Buckets(seg_xy, size)
        unsure = []
        for start in range(0, len(pending), _BLOCK):
            if feedback is not None:
                if feedback.isCanceled():
                    return nearest
                feedback.setProgress(100.0 * start / len(pending))
            which = pending[start : start + _BLOCK]
            found, proven = grid.nearest(points_xy[which], seg_xy)
            nearest[which] = found
            unsure.append(which[~proven])
        pending = np.concatenate(unsure) if unsure else pending[:0]
        size = grid.size * 4
    unsure = pending.tolist()
    if unsure:
        nearest[unsure] = _indexed_nearest(points_xy[unsure], seg_xy, feedback)
    return nearest


class _Buckets:
    """Segments registered in every square cell their bounding box touches."""

    def __init__(self, seg_xy: np.ndarray, size=None):
        lengths = np.hypot(seg_xy[:, 2] - seg_xy[:, 0], seg_xy[:, 3] - seg_xy[:, 1])
        x0 = min(seg_xy[:, 0].min(), seg_xy[:, 2].min())
        y0 = min(seg_xy[:, 1].min(), seg_xy[:, 3].min())
        x1 = max(seg_xy[:, 0].max(), seg_xy[:, 2].max())
        y1 = max(seg_xy[:, 1].max(), seg_xy[:, 3].max())
        span = max(x1 - x0, y1 - y0, 1.0)
        # half a typical segment per cell (few pairs to measure; the points it cannot prove go to the next,
        # coarser grid), or a few segments (or points) per cell where they are sparse
        spread = math.sqrt(max(x1 - x0, 1.0) * max(y1 - y0, 1.0) / len(seg_xy))
        self.size = size or 0.35 * max(float(np.median(lengths)), spread, span / 1000.0, 2e-3)
        self.origin = (x0, y0)
        self.shape = (int((x1 - x0) // self.size) + 1, int((y1 - y0) // self.size) + 1)
        lo_i, lo_j = self._cell(
            np.minimum(seg_xy[:, 0], seg_xy[:, 2]), np.minimum(seg_xy[:, 1], seg_xy[:, 3])
        )
        hi_i, hi_j = self._cell(
            np.maximum(seg_xy[:, 0], seg_xy[:, 2]), np.maximum(seg_xy[:, 1], seg_xy[:, 3])
        )
        width_i, width_j = hi_i - lo_i + 1, hi_j - lo_j + 1
        counts = width_i * width_j
        owners = np.repeat(np.arange(len(seg_xy), dtype=np.int64), counts)
        offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        di, dj = np.divmod(offset, np.repeat(width_j, counts))
        cells = (np.repeat(lo_i, counts) + di) * self.shape[1] + np.repeat(lo_j, counts) + dj
        order = np.lexsort((owners, cells))
        self.cells, self.owners = cells[order], owners[order]
        self.starts = np.searchsorted(self.cells, np.arange(self.shape[0] * self.shape[1] + 1))

    def _cell(self, x, y):
        i = np.clip(((x - self.origin[0]) // self.size).astype(np.int64), 0, self.shape[0] - 1)
        j = np.clip(((y - self.origin[1]) // self.size).astype(np.int64), 0, self.shape[1] - 1)
        return i, j

    def nearest(self, points: np.ndarray, seg_xy: np.ndarray):
        """Nearest segment among those of each point's 3 x 3 cells; proven where no other can be nearer."""
        i, j = self._cell(points[:, 0], points[:, 1])
        inside = (
            (points[:, 0] >= self.origin[0])
            & (points[:, 1] >= self.origin[1])
            & (points[:, 0] < self.origin[0] + self.shape[0] * self.size)
            & (points[:, 1] < self.origin[1] + self.shape[1] * self.size)
        )
        best = np.full(len(points), np.inf)
        found = np.zeros(len(points), dtype=np.int64)
        lowest_index = np.iinfo(np.int64).max
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                ci, cj = i + di, j + dj
                ok = (ci >= 0) & (ci < self.shape[0]) & (cj >= 0) & (cj < self.shape[1])
                cell = np.where(ok, ci * self.shape[1] + cj, 0)
                first, last = self.starts[cell], self.starts[cell + 1]
                counts = np.where(ok, last - first, 0)
                total = int(counts.sum())
                if total == 0:
                    continue
                # the pairs of one cell offset come grouped by point: reduced per point without sorting
                ends = np.cumsum(counts)
                offsets = np.arange(total) - np.repeat(ends - counts, counts)
                owner = np.flatnonzero(counts)
                pp = np.repeat(owner, counts[owner])
                ps = self.owners[np.repeat(first, counts) + offsets]
                d = segment_distance(points[pp], seg_xy[ps])
                starts = (ends - counts)[owner]
                least = np.minimum.reduceat(d, starts)
                tied = d <= np.repeat(least, counts[owner])
                lowest = np.minimum.reduceat(np.where(tied, ps, lowest_index), starts)
                # the smallest distance over the offsets, then the lowest segment index among equals
                here_best, here_found = best[owner], found[owner]
                better = (least < here_best) | ((least == here_best) & (lowest < here_found))
                best[owner] = np.where(better, least, here_best)
                found[owner] = np.where(better, lowest, here_found)
        # no segment outside the 3 x 3 cells is nearer than the distance to their outer edge
        cx = points[:, 0] - (self.origin[0] + i * self.size)
        cy = points[:, 1] - (self.origin[1] + j * self.size)
        margin = self.size + np.minimum(np.minimum(cx, self.size - cx), np.minimum(cy, self.size - cy))
        return found, inside & (best <= margin)


def segment_distance(points: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Distance from each point to its paired segment."""
    a, b = segments[:, 0:2], segments[:, 2:4]
    ab = b - a
    length_sq = (ab**2).sum(axis=1)
    t = np.clip(((points - a) * ab).sum(axis=1) / np.where(length_sq > 0, length_sq, 1.0), 0.0, 1.0)
    return np.hypot(*(points - (a + ab * t[:, None])).T)


def _indexed_nearest(points_xy: np.ndarray, seg_xy: np.ndarray, feedback=None) -> np.ndarray:
    """Nearest segment of points far from every bucket: all segments compared in blocks when they are few,
    else a QgsSpatialIndex with stored geometries (its equally near candidates settled by index)."""
    nearest = np.zeros(len(points_xy), dtype=np.int64)
    if len(seg_xy) <= _FEW_SEGMENTS:
        step = max(1, _PAIRS // len(seg_xy))
        for start in range(0, len(points_xy), step):
            if feedback is not None and feedback.isCanceled():
                break
            block = points_xy[start : start + step]
            pairs_point = np.repeat(block, len(seg_xy), axis=0)
            pairs_seg = np.tile(seg_xy, (len(block), 1))
            d = segment_distance(pairs_point, pairs_seg).reshape(len(block), len(seg_xy))
            nearest[start : start + step] = d.argmin(axis=1)
        return nearest
    index = QgsSpatialIndex(QgsSpatialIndex.FlagStoreFeatureGeometries)
    for i, (x0, y0, x1, y1) in enumerate(seg_xy):
        feature = QgsFeature(i)
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x0, y0), QgsPointXY(x1, y1)]))
        index.addFeature(feature)
    for i, (x, y) in enumerate(points_xy):
        if i % 1000 == 0 and feedback is not None and feedback.isCanceled():
            break
        # the index's neighbour only bounds the search (its order is not the same on every QGIS): every
        # segment whose box lies within that distance is measured, the nearest (lowest index on ties) wins
        first = index.nearestNeighbor(QgsPointXY(x, y), 1)
        if not first:
            continue
        reach = float(segment_distance(np.array([[x, y]] * len(first)), seg_xy[np.array(first)]).min()) + 1e-9
        candidates = np.array(
            sorted(index.intersects(QgsRectangle(x - reach, y - reach, x + reach, y + reach))), dtype=np.int64
        )
        d = segment_distance(np.repeat([[x, y]], len(candidates), axis=0), seg_xy[candidates])
        nearest[i] = candidates[np.flatnonzero(d <= d.min())[0]]
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
