"""Raw indicator values per unit from the sites inside it (NaN where a value is undefined)."""

from typing import List, Sequence, Tuple

import numpy as np
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsSpatialIndex,
)

from ..base.nulls import or_none
from .config import Indicator
from .index_math import job_housing_balance, land_use_mix

_AGGREGATES = {
    "sum": np.sum,
    "mean": np.mean,
    "count": len,
    "min": np.min,
    "max": np.max,
    "median": np.median,
}


def members(units, site_xy: np.ndarray, feedback=None) -> List[np.ndarray]:
    """For each unit, the indices of the sites inside it or on its boundary."""
    index = QgsSpatialIndex()
    engines = []
    for i, unit in enumerate(units):
        feature = QgsFeature(i)
        feature.setGeometry(unit.geometry)
        index.addFeature(feature)
        engine = QgsGeometry.createGeometryEngine(unit.geometry.constGet())
        engine.prepareGeometry()
        engines.append(engine)
    inside = [[] for _ in units]
    for s, (x, y) in enumerate(site_xy):
        if s % 1000 == 0 and feedback is not None and feedback.isCanceled():
            break
        if not (np.isfinite(x) and np.isfinite(y)):
            continue
        point = QgsGeometry.fromPointXY(QgsPointXY(x, y))
        for u in index.intersects(point.boundingBox()):
            if engines[u].intersects(point.constGet()):
                inside[u].append(s)
    return [np.array(m, dtype=np.int64) for m in inside]


def missing_fields(indicator: Indicator, field_names: Sequence[str]) -> List[str]:
    """Fields of the sites an indicator needs and the sites lack."""
    need = {
        "density": ["category"] if indicator.params.get("category") not in (None, "", "*") else [],
        "coverage": ["walk_m"],
        "walk": ["walk_m"],
        "lum": [indicator.params.get("over", "category")],
        "jhb": [indicator.params.get("jobs"), indicator.params.get("workers")],
    }.get(indicator.kind, [])
    return [name for name in need if name not in field_names]


def site_column(features, name) -> np.ndarray:
    """One attribute of every site as an object array (NULL as None)."""
    return np.array([_value(f.attribute(name)) for f in features] if features else [], dtype=object)


def _value(value):
    return or_none(value)


def _numbers(column) -> np.ndarray:
    out = np.full(len(column), np.nan)
    for i, value in enumerate(column):
        try:
            out[i] = float(value)
        except (TypeError, ValueError):
            pass
    return out


def expression_values(source, features, expression_text: str, project=None) -> np.ndarray:
    """A QGIS expression evaluated on every site (NaN where it is NULL or not a number); project: the
    run's project for @project_* variables (the processing context's, never the singleton)."""
    expression = QgsExpression(expression_text)
    if expression.hasParserError():
        raise ValueError("expression '{}': {}".format(expression_text, expression.parserErrorString()))
    context = QgsExpressionContext()
    context.appendScope(QgsExpressionContextUtils.globalScope())
    if project is not None:
        context.appendScope(QgsExpressionContextUtils.projectScope(project))
    context.appendScope(source.createExpressionContextScope())
    if features:
        context.setFields(features[0].fields())
    expression.prepare(context)
    out = np.full(len(features), np.nan)
    for i, feature in enumerate(features):
        context.setFeature(feature)
        value = expression.evaluate(context)
        if expression.hasEvalError():
            raise ValueError("expression '{}': {}".format(expression_text, expression.evalErrorString()))
        out[i] = _numbers([_value(value)])[0]
    return out


def compute(
    indicator: Indicator, units, inside: List[np.ndarray], features, layer, project=None
) -> np.ndarray:
    """The raw value of one indicator in every unit; NaN where undefined (e.g. a rate over no sites)."""
    p = indicator.params
    kind = indicator.kind
    values = np.full(len(units), np.nan)
    if kind == "density":
        category = p.get("category")
        if category in (None, "", "*"):
            wanted = np.ones(len(features), dtype=bool)
        else:
            wanted = np.array(
                [
                    str(c or "").strip().lower() == str(category).lower()
                    for c in site_column(features, "category")
                ],
                dtype=bool,
            )
        for u, (unit, m) in enumerate(zip(units, inside)):
            area = unit.area_km2
            values[u] = wanted[m].sum() / area if area > 0 else np.nan
    elif kind in ("coverage", "walk"):
        walk = _numbers(site_column(features, "walk_m"))
        for u, m in enumerate(inside):
            w = walk[m]
            w = w[np.isfinite(w)]
            if len(w):
                values[u] = (w <= float(p["radius"])).mean() if kind == "coverage" else w.mean()
    elif kind == "lum":
        column = site_column(features, p.get("over", "category"))
        categories = sorted({str(c) for c in column if c not in (None, "")})
        k = max(len(categories), 2)
        for u, m in enumerate(inside):
            counts = [sum(1 for c in column[m] if str(c) == cat) for cat in categories]
            if sum(counts):
                values[u] = land_use_mix(counts, k)
    elif kind == "jhb":
        jobs = np.nan_to_num(_numbers(site_column(features, p["jobs"])))
        workers = np.nan_to_num(_numbers(site_column(features, p["workers"])))
        for u, m in enumerate(inside):
            balance = job_housing_balance(float(jobs[m].sum()), float(workers[m].sum()))
            values[u] = np.nan if balance is None else balance
    elif kind == "expression":
        per_site = expression_values(layer, features, p["expression"], project)
        aggregate = p.get("aggregate", "sum")
        for u, m in enumerate(inside):
            v = per_site[m]
            v = v[np.isfinite(v)]
            if aggregate in ("count", "sum") or len(v):  # a count or sum over no site is 0
                values[u] = _AGGREGATES[aggregate](v)
    return values


def fill_missing(values: np.ndarray, direction: str) -> Tuple[np.ndarray, int]:
    """Undefined values get the worst value seen (min for benefit, max for cost); how many were filled."""
    missing = ~np.isfinite(values)
    if not missing.any() or missing.all():
        return np.where(missing, 0.0, values), int(missing.sum())
    finite = values[~missing]
    worst = finite.max() if direction == "cost" else finite.min()
    return np.where(missing, worst, values), int(missing.sum())
