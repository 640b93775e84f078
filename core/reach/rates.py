"""Coverage rates: the share of sites (or of a weight) within each radius of a station."""

from typing import Dict, Optional, Sequence

import numpy as np

from ..errors import BeltMapError


class RadiiError(BeltMapError, ValueError):
    """Radii that are not positive numbers in increasing order (the message quotes the value)."""


def parse_radii(text) -> list:
    """Radii in metres from text like '300, 500,1000': numbers above 0 in increasing order, else refused."""
    items = [item.strip() for item in str(text or "").replace("，", ",").replace(";", ",").split(",")]
    try:
        radii = [float(item) for item in items if item]
    except ValueError as error:
        raise RadiiError(
            "radii must be numbers in metres separated by commas, e.g. 300,500,1000 (got: {})".format(text)
        ) from error
    if not radii:
        raise RadiiError("give at least one radius in metres, e.g. 300,500,1000 (got: {})".format(text))
    return check_radii(radii)


def check_radii(radii) -> list:
    """Radii as numbers (whole metres as int): refused unless every one is above 0 and they increase."""
    try:
        values = [float(r) for r in radii]
    except (TypeError, ValueError) as error:
        raise RadiiError("radii must be numbers in metres (got: {})".format(radii)) from error
    if not values:
        raise RadiiError("give at least one radius in metres")
    for value in values:
        if not value > 0:
            raise RadiiError("every radius must be above 0 m (got: {:g})".format(value))
    for before, after in zip(values, values[1:]):
        if not after > before:
            raise RadiiError(
                "radii must increase, e.g. 300,500,1000 (got: {:g} after {:g})".format(after, before)
            )
    return [int(r) if r.is_integer() else r for r in values]


def rate_per_radius(walk_m, radii: Sequence[float], weight=None) -> Dict[str, Optional[float]]:
    """{radius: share of weight (1 per site by default) within the radius}; None when the total is 0."""
    walk = np.asarray(walk_m, dtype=float)
    w = np.ones(len(walk)) if weight is None else np.nan_to_num(np.asarray(weight, dtype=float))
    total = w.sum()
    return {str(r): (float(w[walk <= r].sum() / total) if total > 0 else None) for r in radii}


def rate_by_group(walk_m, radii, groups, weight=None) -> Dict[str, Dict[str, Optional[float]]]:
    """Coverage rates per group value (e.g. zone type); sites without a group are left out."""
    walk = np.asarray(walk_m, dtype=float)
    groups = np.asarray(groups, dtype=object)
    w = None if weight is None else np.asarray(weight, dtype=float)
    result = {}
    for group in sorted({g for g in groups if g not in (None, "")}):
        mask = groups == group
        result[group] = rate_per_radius(walk[mask], radii, None if w is None else w[mask])
    return result
