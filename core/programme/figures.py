"""One year's figures on the reporting geography: sites tagged into the zones (the tagging engine's rule),
site counts per category, areas and walks to the nearest service station, per zone and for the belt."""

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Dict, List, Optional, Sequence

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry

from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..changes import deltas as zd
from ..changes.engine import station_positions
from ..changes.sites import read_sites
from ..changes.walks import STRAIGHT, year_walks
from ..changes.zones import _inside, _rings, tag_points
from ..tagging.zone_set import all_features, no_check_request
from .indicators import ScopeFigures


@dataclass
class YearFigures:
    """A year on its reporting zones: a ScopeFigures per zone, one for the belt, how walks were measured."""

    label: str
    year: int
    zones: object  # core.changes.zones.YearZones of the reporting geography this year
    per_zone: List[ScopeFigures]
    belt: ScopeFigures
    belt_how: str  # 'belt' (inside the belt layer) or 'zones' (inside any zone)
    categories: List[str]
    walk_how: str = ""  # walks.ROADS / walks.STRAIGHT, '' without stations
    sites: int = 0
    notes: List[str] = field(default_factory=list)


def belt_shape(layer, transform_context) -> Optional[QgsGeometry]:
    """The belt layer's polygons as one geometry in the work CRS, None when empty."""
    if layer is None:
        return None
    work = QgsCoordinateReferenceSystem(WORK_CRS)
    transform = None
    if layer.sourceCrs().isValid() and layer.sourceCrs() != work:
        transform = QgsCoordinateTransform(layer.sourceCrs(), work, transform_context)
    parts = []
    for feature in all_features(layer, no_check_request()):
        geometry = QgsGeometry(feature.geometry())
        if geometry.isEmpty():
            continue
        if transform is not None:
            geometry.transform(transform)
        parts.append(geometry.makeValid())
    if not parts:
        return None
    return QgsGeometry.unaryUnion(parts)


def inside_shape(shape: QgsGeometry, xy: np.ndarray) -> np.ndarray:
    """True for the points inside the shape (even-odd rule on its rings, bounding box first)."""
    inside = np.zeros(len(xy), dtype=bool)
    if shape is None or not len(xy):
        return inside
    box = shape.boundingBox()
    ok = np.isfinite(xy).all(axis=1)
    near = ok & (xy[:, 0] >= box.xMinimum()) & (xy[:, 0] <= box.xMaximum())
    near &= (xy[:, 1] >= box.yMinimum()) & (xy[:, 1] <= box.yMaximum())
    where = np.flatnonzero(near)
    hit, unsure = _inside(xy[where, 0], xy[where, 1], _rings(shape))
    inside[where] = hit | unsure  # the boundary counts as inside, as in tagging
    return inside


def _scope(counts: Dict[str, int], total, km2, near, walk_sum, walk_count, with_stations) -> ScopeFigures:
    return ScopeFigures(
        counts=counts,
        total=int(total),
        km2=float(km2),
        near=near,
        walk_sum=float(walk_sum),
        walk_count=int(walk_count),
        with_stations=with_stations,
    )


def merge(figures: Sequence[ScopeFigures]) -> ScopeFigures:
    """Several zones' figures as one scope (a zone type, the belt without a belt layer)."""
    counts: Dict[str, int] = {}
    near: Dict[float, int] = {}
    for f in figures:
        for key, value in f.counts.items():
            counts[key] = counts.get(key, 0) + value
        for key, value in f.near.items():
            near[key] = near.get(key, 0) + value
    return _scope(
        counts,
        sum(f.total for f in figures),
        sum(f.km2 for f in figures),
        near,
        sum(f.walk_sum for f in figures),
        sum(f.walk_count for f in figures),
        any(f.with_stations for f in figures),
    )


def year_figures(year, label: str, number: int, zones, belt, radii: Sequence[float], request, progress):
    """The figures of one year (core.changes.sources.YearLayers) on the reporting zones (YearZones) and
    the belt (a work-CRS geometry or None); radii: the walking radii wanted (empty: no walks)."""
    context = request.transform_context
    table = read_sites(year.sites, None, [], context, progress)
    check_cancel(progress)
    names = np.array(["" if c is None else str(c) for c in table.category.tolist()], dtype=str)
    categories, codes = np.unique(names, return_inverse=True) if len(names) else (np.array([]), np.zeros(0))
    categories = [str(c) for c in categories]
    codes = np.asarray(codes, dtype=np.int64)
    zone_index = tag_points(zones, table.xy, progress)
    check_cancel(progress)
    n_zones, n_codes = len(zones.ids), len(categories)
    counts = zd.counts_by_zone(zone_index, codes, n_zones, n_codes) if n_codes else np.zeros((n_zones, 0))
    in_belt = inside_shape(belt, table.xy) if belt is not None else zone_index >= 0
    walk = np.full(table.n, np.inf)
    walk_how = ""
    with_stations = False
    if radii:
        stations = station_positions(year, table, request.station_category, request, progress)
        if len(stations):
            with_stations = True
            asked = SimpleNamespace(
                radii=tuple(radii),
                detour=request.detour,
                station_category=request.station_category,
                transform_context=context,
            )
            wanted = (zone_index >= 0) | in_belt
            walk, walk_how = year_walks(year, table, stations, asked, progress, wanted)
    check_cancel(progress)
    inside = zone_index >= 0
    finite = inside & np.isfinite(walk)
    walk_sum = np.bincount(zone_index[finite], weights=walk[finite], minlength=n_zones)
    walk_count = np.bincount(zone_index[finite], minlength=n_zones)
    near = {r: np.bincount(zone_index[inside & (walk <= r)], minlength=n_zones) for r in radii}
    per_zone = []
    for z in range(n_zones):
        row = {categories[j]: int(counts[z, j]) for j in range(n_codes) if counts[z, j]}
        per_zone.append(
            _scope(
                row,
                counts[z].sum(),
                zones.areas[z] / 1e6,
                {r: int(near[r][z]) for r in radii},
                walk_sum[z],
                walk_count[z],
                with_stations,
            )
        )
    if belt is not None:
        belt_counts = np.bincount(codes[in_belt], minlength=n_codes) if n_codes else np.zeros(0)
        ok = in_belt & np.isfinite(walk)
        belt_figures = _scope(
            {categories[j]: int(belt_counts[j]) for j in range(n_codes) if belt_counts[j]},
            int(in_belt.sum()),
            belt.area() / 1e6,
            {r: int((in_belt & (walk <= r)).sum()) for r in radii},
            float(walk[ok].sum()),
            int(ok.sum()),
            with_stations,
        )
    else:
        belt_figures = merge(per_zone)
    return YearFigures(
        label=label,
        year=number,
        zones=zones,
        per_zone=per_zone,
        belt=belt_figures,
        belt_how="belt" if belt is not None else "zones",
        categories=[c for c in categories if c],
        walk_how=walk_how if with_stations else "",
        sites=table.n,
    )


__all__ = ["YearFigures", "year_figures", "merge", "belt_shape", "inside_shape", "STRAIGHT"]
