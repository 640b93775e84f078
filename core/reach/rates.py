"""Coverage rates: the share of sites (or of a weight) within each radius of a station."""

from typing import Dict, Optional, Sequence

import numpy as np


def parse_radii(text) -> list:
    """Radii in metres from text like '300, 500,1000': positive, sorted, without repeats."""
    items = [item.strip() for item in str(text or "").replace("，", ",").replace(";", ",").split(",")]
    try:
        radii = sorted({float(item) for item in items if item})
    except ValueError as error:
        raise ValueError("radii must be numbers in metres separated by commas, e.g. 300,500,1000") from error
    if not radii or radii[0] <= 0:
        raise ValueError("give at least one radius, every radius above 0 m")
    return [int(r) if float(r).is_integer() else r for r in radii]


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
