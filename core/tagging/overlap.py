"""One rounding of overlaps for ties, shared by both tagging paths (pure Python and numpy, no QGIS).

Overlaps are compared as whole units of 10^-decimals (millimetres or square millimetres by default),
rounded half up as floor(value * 10^decimals + 0.5). Python's round() and numpy's round() disagree at
halves (exact decimal against scaled binary), so neither is used: the same float operations give the same
integer in both paths. NaN and None count as no overlap.
"""

import math

OVERLAP_DECIMALS = 3


def overlap_units(value, decimals: int = OVERLAP_DECIMALS) -> int:
    """An overlap as a whole number of 10^-decimals units, rounded half up; NaN or None is 0."""
    if value is None:
        return 0
    value = float(value)
    if math.isnan(value):
        return 0
    return int(math.floor(value * 10.0**decimals + 0.5))


def overlap_units_array(values, decimals: int = OVERLAP_DECIMALS):
    """overlap_units for a numpy array (float64 result holding whole numbers); NaN is 0."""
    import numpy as np

    scaled = np.floor(np.nan_to_num(np.asarray(values, dtype=np.float64)) * 10.0**decimals + 0.5)
    return scaled
