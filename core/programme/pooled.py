"""The evaluation index on one scale for every year: reference points (min-max) and entropy weights from
all the reporting zones of all the years pooled, as beltchanges does for two (core/changes/deltas.py), so a
zone's trend reflects its own ground. Any scope-year (a zone type, the belt) is then scored on that scale."""

from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from ..changes.deltas import COVERAGE_RADIUS, INDEX_CATEGORIES
from ..evaluation.index_math import BENEFIT, COST, IndexComputationError, evaluate, land_use_mix
from .indicators import ScopeFigures

NAMES_BASE = tuple(key for key, _c in INDEX_CATEGORIES) + ("lum",)
NAMES_STATIONS = ("cov{}".format(COVERAGE_RADIUS), "walk")


def index_row(figures: ScopeFigures, categories: Sequence[str], with_stations: bool) -> List[float]:
    """The index's raw indicators of a scope-year: densities, land-use mix, (coverage, mean walk)."""
    km2 = figures.km2 if figures.km2 > 0 else np.nan
    row = [figures.counts.get(category, 0) / km2 for _key, category in INDEX_CATEGORIES]
    row = [0.0 if not np.isfinite(v) else float(v) for v in row]
    row.append(land_use_mix([figures.counts.get(c, 0) for c in categories], len(categories)))
    if with_stations:
        share = figures.near.get(COVERAGE_RADIUS, 0) / figures.total if figures.total else 0.0
        walk = figures.walk_sum / figures.walk_count if figures.walk_count else np.nan
        row += [share, walk]
    return row


@dataclass
class PooledScale:
    """Reference points and weights of the pooled index; score() puts any scope-year on it."""

    low: Optional[np.ndarray]
    high: Optional[np.ndarray]
    weights: Optional[np.ndarray]
    directions: List[str]
    names: List[str]
    categories: List[str]
    with_stations: bool
    worst_walk: float
    note: str
    units: int = 0

    def score(self, figures: ScopeFigures) -> Optional[float]:
        """0-100 on the pooled scale (values outside the pooled range clipped), None without a scale."""
        if self.weights is None:
            return None
        row = np.array(index_row(figures, self.categories, self.with_stations), dtype=float)
        row = np.where(np.isfinite(row), row, self.worst_walk)
        span = np.where(self.high - self.low > 0, self.high - self.low, 1.0)
        norm = np.array(
            [
                (h - x) / s if d == COST else (x - lo) / s
                for x, lo, h, s, d in zip(row, self.low, self.high, span, self.directions)
            ]
        )
        norm = np.clip(np.where(self.high - self.low > 0, norm, 0.0), 0.0, 1.0)
        return float(100.0 * (norm * self.weights).sum())


def pooled_scale(
    zone_years: Sequence[ScopeFigures], categories: Sequence[str], with_stations: bool
) -> PooledScale:
    """The scale from every reporting zone of every year (the pooled units)."""
    names = list(NAMES_BASE) + (list(NAMES_STATIONS) if with_stations else [])
    directions = [BENEFIT] * len(NAMES_BASE) + ([BENEFIT, COST] if with_stations else [])
    matrix = np.array([index_row(f, categories, with_stations) for f in zone_years], dtype=float)
    if not len(matrix):
        return PooledScale(
            None, None, None, directions, names, list(categories), with_stations, 0.0, "No index"
        )
    walk = matrix[:, -1] if with_stations else np.zeros(0)
    worst = float(np.nanmax(walk)) if with_stations and np.isfinite(walk).any() else 0.0
    matrix = np.where(np.isfinite(matrix), matrix, worst)
    note = (
        "Index on one scale: the {} zone-years of all the years pooled (min-max reference points and "
        "entropy weights from all of them), indicators {}".format(len(matrix), ", ".join(names))
    )
    try:
        result = evaluate(matrix, directions, names=names)
    except IndexComputationError as error:
        return PooledScale(
            None,
            None,
            None,
            directions,
            names,
            list(categories),
            with_stations,
            worst,
            "No index: {}".format(error),
        )
    return PooledScale(
        matrix.min(axis=0),
        matrix.max(axis=0),
        np.asarray(result.weights, dtype=float),
        directions,
        names,
        list(categories),
        with_stations,
        worst,
        note,
        len(matrix),
    )
