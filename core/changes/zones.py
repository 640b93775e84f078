"""Zones of the two years: read through the tagging engine's ZoneSet, tagged points, zone matching.

QGIS geometries only (no shapely in QGIS's own process: its GEOS may not be the wheel's)."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsPointXY, QgsSpatialIndex

from ...i18n import tr
from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..base.zone_types import DEFAULT_PRIORITY
from ..tagging.rule import RULE_PRIORITY
from ..tagging.tagger import Tagger
from ..tagging.zone_set import ZoneError, read_zones
from .sources import ChangeInputError

IOU_MATCH = 0.5  # zones without a common zone_id are the same zone when IoU >= this
MOSTLY = 0.5  # a part lies "mostly" inside another zone when this share of its area does
WHOLE = 0.8  # …but is not a part when it covers this share of the other zone: it is that zone, kept
RESHAPE_SHARE = 0.001  # a matched zone is reshaped when the symmetric difference exceeds this share…
RESHAPE_M2 = 1.0  # …and this many square metres


@dataclass
class YearZones:
    """One year's zones in the work CRS, as the tagging engine read them."""

    zone_set: object  # core.zone_set.ZoneSet (geometries in the work CRS)
    shapes: List[QgsGeometry]  # the zone_set's geometries (work CRS)
    ids: List[str]
    names: List[Optional[str]]
    types: List[str]
    areas: np.ndarray
    has_ids: bool


def read_year_zones(source, transform_context, where: str, progress) -> YearZones:
    """A year's zones read by core.zone_set.read_zones (types normalised, invalid polygons repaired)."""
    try:
        zones = read_zones(
            source,
            QgsCoordinateReferenceSystem(WORK_CRS),
            transform_context,
            DEFAULT_PRIORITY,
            is_canceled=progress.isCanceled,
        )
    except ZoneError as error:
        detail = "; ".join("'{}' ×{} (did you mean {}?)".format(v, n, k) for v, n, k in error.unknown)
        raise ChangeInputError(
            tr("{} zones: {}{}").format(where, error, ": " + detail if detail else "")
        ) from error
    shapes = list(zones.geometries)
    return YearZones(
        zone_set=zones,
        shapes=shapes,
        ids=list(zones.ids),
        names=list(zones.names),
        types=list(zones.keys),
        areas=np.array([g.area() for g in shapes], dtype=float),
        has_ids=bool(zones.id_field),
    )


def _rings(geometry: QgsGeometry) -> List[np.ndarray]:
    """Every ring of a (multi)polygon as an m x 2 array of its vertices."""
    copy = QgsGeometry(geometry)
    copy.convertToMultiType()
    return [
        np.array([(p.x(), p.y()) for p in ring], dtype=float)
        for polygon in copy.asMultiPolygon()
        for ring in polygon
        if len(ring) >= 3
    ]


def _inside(px: np.ndarray, py: np.ndarray, rings: List[np.ndarray], eps: float = 1e-6):
    """(inside, ambiguous) of points against rings by the even-odd rule; ambiguous: within eps of an edge,
    where the tagging engine itself decides (it counts the boundary as inside)."""
    inside = np.zeros(len(px), dtype=bool)
    unsure = np.zeros(len(px), dtype=bool)
    for ring in rings:
        x0, y0 = ring[:-1, 0], ring[:-1, 1]
        x1, y1 = ring[1:, 0], ring[1:, 1]
        for ax, ay, bx, by in zip(x0.tolist(), y0.tolist(), x1.tolist(), y1.tolist()):
            low, high = (ay, by) if ay <= by else (by, ay)
            span = (py >= low - eps) & (py <= high + eps)
            if ay == by:
                unsure |= span & (px >= min(ax, bx) - eps) & (px <= max(ax, bx) + eps)
                continue
            crosses = (ay > py) != (by > py)
            at = ax + (py - ay) * (bx - ax) / (by - ay)
            inside ^= crosses & (px < at)
            unsure |= span & (np.abs(px - at) <= eps + 1e-9 * np.abs(at))
    return inside, unsure


def tag_points(zones: YearZones, xy: np.ndarray, progress=None) -> np.ndarray:
    """The zone (index, -1 for none) the tagging engine gives each point: the one adapter to it.

    The engine's rule for points (core/tagging.Tagger with the priority rule; every rule but `smallest`
    picks the same): of the zones containing the point, boundary included, the lowest priority rank
    (core/tag_rule.ZoneRanking). Points are tested in columns (even-odd rule); a point within a
    micrometre of a zone edge is handed to the Tagger itself.
    """
    n = len(xy)
    choice = np.full(n, -1, dtype=np.int64)
    if n == 0 or len(zones.ids) == 0:
        return choice
    rank = np.asarray(zones.zone_set.ranking.priority_rank, dtype=np.int64)
    best = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    unsure_all = np.zeros(n, dtype=bool)
    ok = np.flatnonzero(np.isfinite(xy).all(axis=1))
    order = ok[np.argsort(xy[ok, 0], kind="stable")]  # points by x: a zone looks only at its x slab
    sorted_x = xy[order, 0]
    for z, geometry in enumerate(zones.shapes):
        check_cancel(progress)
        box = geometry.boundingBox()
        lo = np.searchsorted(sorted_x, box.xMinimum() - 1e-6, side="left")
        hi = np.searchsorted(sorted_x, box.xMaximum() + 1e-6, side="right")
        slab = order[lo:hi]
        y = xy[slab, 1]
        rows = np.sort(slab[(y >= box.yMinimum() - 1e-6) & (y <= box.yMaximum() + 1e-6)])
        if not len(rows):
            continue
        inside, unsure = _inside(xy[rows, 0], xy[rows, 1], _rings(geometry))
        unsure_all[rows[unsure]] = True
        hit = rows[inside & ~unsure]
        better = rank[z] < best[hit]
        best[hit[better]] = rank[z]
        choice[hit[better]] = z
    if unsure_all.any():
        tagger = Tagger(zones.zone_set, RULE_PRIORITY)
        for i in np.flatnonzero(unsure_all).tolist():
            choice[i] = tagger.tag(QgsGeometry.fromPointXY(QgsPointXY(xy[i, 0], xy[i, 1]))).choice
    return choice


@dataclass
class ZoneMatch:
    """How the zones of two years correspond."""

    pairs: List[Tuple[int, int, str]]  # (before index, after index, 'zone_id' or 'overlap')
    split: Dict[int, List[int]] = field(default_factory=dict)  # before index -> after parts
    merged: Dict[int, List[int]] = field(default_factory=dict)  # after index -> before parts
    iou: Dict[Tuple[int, int], float] = field(default_factory=dict)


def _unique_ids(ids: List[str]) -> Dict[str, int]:
    counts: Dict[str, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    return {zid: k for k, zid in enumerate(ids) if counts[zid] == 1}


def overlaps(before: YearZones, after: YearZones):
    """(before index, after index, intersection area m²) of every overlapping pair of zones."""
    index = QgsSpatialIndex()
    for a, geometry in enumerate(after.shapes):
        feature = QgsFeature(a)
        feature.setGeometry(geometry)
        index.addFeature(feature)
    result = []
    for b, geometry in enumerate(before.shapes):
        engine = QgsGeometry.createGeometryEngine(geometry.constGet())
        engine.prepareGeometry()
        for a in sorted(index.intersects(geometry.boundingBox())):
            if not engine.intersects(after.shapes[a].constGet()):
                continue
            area = geometry.intersection(after.shapes[a]).area()
            if area > 0:
                result.append((b, a, area))
    return result


def match_zones(before: YearZones, after: YearZones) -> ZoneMatch:
    """Zones by zone_id first (ids unique in both years), then by IoU >= 0.5 (best first, one to one);
    then split (one zone mostly covered by several) and merged (the reverse)."""
    inter = overlaps(before, after)
    match = ZoneMatch(pairs=[])
    inside_b: Dict[int, List[Tuple[int, float]]] = {}
    inside_a: Dict[int, List[Tuple[int, float]]] = {}
    for b, a, area in inter:
        union = before.areas[b] + after.areas[a] - area
        match.iou[(b, a)] = area / union if union > 0 else 0.0
        share_b = area / before.areas[b] if before.areas[b] > 0 else 0.0
        share_a = area / after.areas[a] if after.areas[a] > 0 else 0.0
        if share_a >= MOSTLY and share_b < WHOLE:
            inside_b.setdefault(b, []).append((a, area))
        if share_b >= MOSTLY and share_a < WHOLE:
            inside_a.setdefault(a, []).append((b, area))
    used_b, used_a = set(), set()
    if before.has_ids and after.has_ids:
        ub, ua = _unique_ids(before.ids), _unique_ids(after.ids)
        for zid in sorted(set(ub) & set(ua)):
            match.pairs.append((ub[zid], ua[zid], "zone_id"))
            used_b.add(ub[zid])
            used_a.add(ua[zid])
    # a part that keeps its own zone_id, matched to another zone, is that zone (e.g. a zone inside)
    id_of_a = {a: b for b, a, _how in match.pairs}
    id_of_b = {b: a for b, a, _how in match.pairs}
    for b, parts in inside_b.items():
        parts = [p for p in parts if id_of_a.get(p[0], b) == b]
        if len(parts) >= 2 and sum(p[1] for p in parts) >= MOSTLY * before.areas[b]:
            match.split[b] = sorted(p[0] for p in parts)
    for a, parts in inside_a.items():
        parts = [p for p in parts if id_of_b.get(p[0], a) == a]
        if len(parts) >= 2 and sum(p[1] for p in parts) >= MOSTLY * after.areas[a]:
            match.merged[a] = sorted(p[0] for p in parts)
    # a zone split in two halves overlaps each half with IoU 0.5: split and merge parts are not matched
    ranked = sorted(
        (
            (value, b, a)
            for (b, a), value in match.iou.items()
            if value >= IOU_MATCH and b not in match.split and a not in match.merged
        ),
        key=lambda t: (-round(t[0], 9), before.ids[t[1]], after.ids[t[2]]),
    )
    for _value, b, a in ranked:
        if b not in used_b and a not in used_a:
            match.pairs.append((b, a, "overlap"))
            used_b.add(b)
            used_a.add(a)
    return match


def reshaped(before: YearZones, after: YearZones, b: int, a: int) -> bool:
    """True when the two shapes of a matched zone differ by more than noise."""
    diff = before.shapes[b].symDifference(after.shapes[a]).area()
    return diff > max(RESHAPE_M2, RESHAPE_SHARE * max(before.areas[b], after.areas[a]))
