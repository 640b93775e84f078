"""The evaluation index engine: units, sites, indicators per unit, weights, scores, ranks and grades.

    result = evaluate_index(IndexRequest(sites=sites, zones=zones, roads=roads), Progress())

computes the built-in indicators per zone; `layers.index_layer(result)` and `layers.weights_layer(result)`
turn the result into the OUTPUT and WEIGHTS layers of beltmap:evaluationindex.
"""

import json
from dataclasses import dataclass
from typing import List, Union

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext

from ...i18n import tr
from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..errors import BeltMapError
from ..reach.points import read_points
from .config import Indicator, default_indicators, load_file
from .index_math import IndexScores, evaluate
from .indicators import compute, fill_missing, members, missing_fields
from .sites import needs_walk, needs_zone_type, tagged_sites, walked_sites
from .units import UNIT_KINDS, Unit, grid_units, zone_type_units, zone_units


class EvaluationError(BeltMapError):
    """The index cannot be computed as asked (units, indicators); the message says what to change."""


@dataclass(frozen=True)
class IndexRequest:
    """An index run: the layers, the units compared and the indicators (the built-in set by default)."""

    sites: object  # QgsFeatureSource / QgsVectorLayer of the sites
    zones: object = None  # needed for zones and zone_types units; bounds the grid without belt
    belt: object = None  # bounds the grid
    roads: object = None  # walking distances along roads when the sites have no walk_m
    units: str = UNIT_KINDS[0]  # zones, zone_types or grid
    grid_size: float = 500.0  # metres, for grid units
    indicator_file: str = ""  # JSON/YAML file of indicators; empty: the built-in set
    extra_indicators: tuple = ()  # Indicator objects added to the set (the dialog's expression)
    station_category: str = "service_station"  # the sites that are stations, for walk_m
    project: object = None  # QgsProject for @project_* variables in expressions
    transform_context: object = None  # QgsCoordinateTransformContext; None: a default one


@dataclass
class IndexResult:
    """The units compared, the indicators used and left out, their raw values and the scores."""

    units: List[Unit]
    site_counts: List[int]  # sites inside each unit
    indicators: List[Indicator]  # the indicators used, in matrix column order
    matrix: np.ndarray  # units x indicators, raw values (undefined ones filled with the worst)
    scores: IndexScores
    dropped: List[str]  # keys of the indicators left out

    def weights_json(self) -> str:
        """{key: weight} as JSON text."""
        return json.dumps({i.key: round(float(w), 6) for i, w in zip(self.indicators, self.scores.weights)})

    def best_unit(self) -> str:
        """The name of the unit ranked first."""
        return self.units[int(np.argmin(self.scores.rank))].name


def indicator_set(request: IndexRequest) -> List[Indicator]:
    """The indicators of a request: its file (or the built-in set), then its extra indicators."""
    try:
        indicators = load_file(request.indicator_file) if request.indicator_file else default_indicators()
    except OSError as error:
        raise EvaluationError(str(error)) from error
    return indicators + list(request.extra_indicators)


def read_units(request: IndexRequest, transform_context, progress) -> List[Unit]:
    """The units compared, in the work CRS; EvaluationError when the layers asked for are missing."""
    kind = request.units or UNIT_KINDS[0]
    crs = QgsCoordinateReferenceSystem(WORK_CRS)
    try:
        if kind == "grid":
            area = request.belt if request.belt is not None else request.zones
            if area is None:
                raise EvaluationError(tr("Grid units need BELT or ZONES to bound the grid"))
            return grid_units(area, request.grid_size, crs, transform_context, progress)
        if request.zones is None:
            raise EvaluationError(tr("{} units need the ZONES layer").format(kind))
        if kind == "zone_types":
            return zone_type_units(request.zones, crs, transform_context, progress)
        return zone_units(request.zones, crs, transform_context, progress)
    except ValueError as error:
        raise EvaluationError(str(error)) from error


def evaluate_index(request: IndexRequest, progress) -> IndexResult:
    """Compute the indicators per unit, weigh them, score, rank and grade the units."""
    transform_context = request.transform_context or QgsCoordinateTransformContext()
    indicators = indicator_set(request)
    own_file = bool(request.indicator_file)
    units = read_units(request, transform_context, progress)
    check_cancel(progress)
    if len(units) < 2:
        raise EvaluationError(
            tr(
                "Only {} unit to compare: the index ranks units against each other, so its weights "
                "and scores are undefined for fewer than two. Use zones or zone types with two or more "
                "zones, or a smaller GRID_SIZE."
            ).format(len(units))
        )
    progress.pushInfo(tr("{} units").format(len(units)))
    sites = request.sites
    if needs_zone_type(indicators):
        sites = tagged_sites(sites, request.zones, transform_context, progress)
    if needs_walk(indicators) and sites.fields().indexOf("walk_m") < 0:
        sites = walked_sites(sites, request.roads, request.station_category, transform_context, progress)
    features, site_xy = read_points(sites, QgsCoordinateReferenceSystem(WORK_CRS), transform_context)
    progress.setProgress(30)
    inside = members(units, site_xy, progress)
    check_cancel(progress)
    empty = [u.name for u, m in zip(units, inside) if len(m) == 0]
    if empty:
        progress.pushWarning(tr("{} units have no site: {}").format(len(empty), ", ".join(empty[:20])))
    used, columns, dropped = [], [], []
    names = sites.fields().names()
    for step, indicator in enumerate(indicators):
        check_cancel(progress)
        values = _values(indicator, names, units, inside, features, sites, request.project)
        if isinstance(values, str):
            _drop(indicator, values, own_file, dropped, progress)
            continue
        values, filled = fill_missing(values, indicator.direction)
        if filled:
            progress.pushWarning(
                tr("Indicator '{}' is undefined in {} units: they get the worst value seen").format(
                    indicator.key, filled
                )
            )
        used.append(indicator)
        columns.append(values)
        progress.setProgress(30 + 50.0 * (step + 1) / len(indicators))
    if not used:
        raise EvaluationError(
            tr("No indicator could be computed (left out: {})").format(", ".join(dropped) or "-")
        )
    matrix = np.column_stack(columns)
    scores = evaluate(matrix, [i.direction for i in used], [i.weight for i in used], [i.key for i in used])
    for warning in scores.warnings:
        progress.pushWarning(warning)
    for indicator, weight, method in zip(used, scores.weights, scores.weight_method):
        progress.pushInfo(tr("Weight of {}: {:.4f} ({})").format(indicator.key, weight, method))
    return IndexResult(units, [int(len(m)) for m in inside], used, matrix, scores, dropped)


def _values(indicator, names, units, inside, features, sites, project) -> Union[np.ndarray, str]:
    """The indicator's values per unit, or the message saying why it cannot be computed."""
    lacking = missing_fields(indicator, names)
    if lacking:
        return tr("Indicator '{}' needs the site fields {}").format(indicator.key, ", ".join(lacking))
    try:
        return compute(indicator, units, inside, features, sites, project)
    except ValueError as error:
        return tr("Indicator '{}': {}").format(indicator.key, error)


def _drop(indicator, message, own_file, dropped, progress) -> None:
    """Leave an indicator out with a warning; stop when the user's own indicator file asked for it."""
    if own_file and not indicator.optional:
        raise EvaluationError(
            tr("{} (asked for by the INDICATORS file; remove it there or fix the data)").format(message)
        )
    progress.pushWarning(tr("{}: left out").format(message))
    dropped.append(indicator.key)
