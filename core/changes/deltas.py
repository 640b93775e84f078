"""Per-zone figures of each year and their differences: sites by category, density, coverage, index."""

from typing import Dict, List, Optional, Sequence

import numpy as np

from ...i18n import tr
from ..evaluation.index_math import BENEFIT, COST, IndexComputationError, evaluate, grade_label, land_use_mix
from ..reach.reach import euclidean_reach

# the indicators of the comparable index: the built-in set's (core/evaluation/default_indicators.json)
# kinds that need nothing but sites, zones and stations
INDEX_CATEGORIES = (("d_svc", "service_station"), ("d_enterp", "enterprise"), ("d_facil", "facility"))
COVERAGE_RADIUS = 500


def counts_by_zone(zone_index: np.ndarray, codes: np.ndarray, n_zones: int, n_codes: int) -> np.ndarray:
    """n_zones x n_codes site counts (sites outside every zone left out)."""
    inside = zone_index >= 0
    flat = zone_index[inside] * n_codes + codes[inside]
    return np.bincount(flat, minlength=n_zones * n_codes).reshape(n_zones, n_codes)


def walk_distances(site_xy: np.ndarray, station_xy: np.ndarray, detour: float, progress, wanted=None):
    """Walking metres to the nearest station (straight line x detour, as core/reach measures without
    roads); inf without one. Only the `wanted` sites (default all) are measured."""
    ok = np.isfinite(site_xy).all(axis=1)
    if wanted is not None:
        ok &= wanted
    walk = np.full(len(site_xy), np.inf)
    stations = station_xy[np.isfinite(station_xy).all(axis=1)]
    if not len(stations) or not ok.any():
        return walk
    try:  # a k-d tree when SciPy is there (many stations); else core/reach's chunked straight line
        from scipy.spatial import cKDTree
    except ImportError:
        walk[ok] = euclidean_reach(site_xy[ok], stations, detour, progress).walk_m
        return walk
    distance, _index = cKDTree(stations).query(site_xy[ok])
    walk[ok] = distance * detour
    return walk


def coverage_by_zone(zone_index, walk, n_zones: int, radii: Sequence[float]) -> Dict[float, np.ndarray]:
    """{radius: share of each zone's sites within it} (NaN for a zone without sites)."""
    inside = zone_index >= 0
    totals = np.bincount(zone_index[inside], minlength=n_zones).astype(float)
    result = {}
    for r in radii:
        near = np.bincount(zone_index[inside & (walk <= r)], minlength=n_zones).astype(float)
        result[r] = np.divide(near, totals, out=np.full(n_zones, np.nan), where=totals > 0)
    return result


def mean_walk_by_zone(zone_index, walk, n_zones: int) -> np.ndarray:
    """Mean walking metres of each zone's sites (NaN for none or no station)."""
    ok = (zone_index >= 0) & np.isfinite(walk)
    sums = np.bincount(zone_index[ok], weights=walk[ok], minlength=n_zones)
    counts = np.bincount(zone_index[ok], minlength=n_zones)
    return np.divide(sums, counts, out=np.full(n_zones, np.nan), where=counts > 0)


class PooledIndex:
    """The evaluation index of every zone of both years computed together: one scale for both years."""

    def __init__(self, score: Optional[np.ndarray], grade: Optional[np.ndarray], note: str, names: List[str]):
        self.score = score
        self.grade = grade
        self.note = note
        self.indicators = names

    def grade_text(self, position: int, language: str) -> Optional[str]:
        """The grade label of a pooled unit, None without a score."""
        if self.grade is None or position is None:
            return None
        return grade_label(int(self.grade[position]), language)


def pooled_index(years: List[dict], category_names: Sequence[str], with_stations: bool) -> PooledIndex:
    """The index over the zones of both years pooled (min-max reference points and entropy weights from
    all zone-years), so that a zone's change between years reflects its own ground.

    years: per year {'counts': zones x categories, 'km2': zones, 'cov': zones or None, 'walk': zones}.
    """
    columns, directions, names = [], [], []
    stacked_counts = np.vstack([y["counts"] for y in years])
    km2 = np.concatenate([y["km2"] for y in years])
    safe = np.where(km2 > 0, km2, np.nan)
    for key, category in INDEX_CATEGORIES:
        if category in category_names:
            j = list(category_names).index(category)
            columns.append(np.nan_to_num(stacked_counts[:, j] / safe))
        else:
            columns.append(np.zeros(len(km2)))
        directions.append(BENEFIT)
        names.append(key)
    columns.append(np.array([land_use_mix(row, len(category_names)) for row in stacked_counts]))
    directions.append(BENEFIT)
    names.append("lum")
    if with_stations:
        columns.append(np.nan_to_num(np.concatenate([y["cov"] for y in years])))
        directions.append(BENEFIT)
        names.append("cov{}".format(COVERAGE_RADIUS))
        walk = np.concatenate([y["walk"] for y in years])
        worst = np.nanmax(walk) if np.isfinite(walk).any() else 0.0
        columns.append(np.where(np.isfinite(walk), walk, worst))
        directions.append(COST)
        names.append("walk")
    note = tr(
        "Index on one scale: the {} zones of both years pooled (min-max reference points and entropy "
        "weights from all of them), indicators {}"
    ).format(len(km2), ", ".join(names))
    try:
        result = evaluate(np.column_stack(columns), directions, names=names)
    except IndexComputationError as error:
        return PooledIndex(None, None, tr("No index: {}").format(error), names)
    return PooledIndex(result.score, result.grade, note, names)
