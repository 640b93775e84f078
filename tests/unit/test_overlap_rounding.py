"""One rounding of overlaps for ties: the scalar (feature-by-feature) and numpy (vectorised) forms agree."""

import numpy as np
from beltmap.core.tagging.overlap import overlap_units, overlap_units_array
from beltmap.core.tagging.rule import round_overlap
from hypothesis import given
from hypothesis import strategies as st

# half-millimetre values: k + 0.0005 for many k, where Python's round() and numpy's round() disagree
HALVES = [k + 0.0005 for k in range(0, 2000)] + [k / 1000 + 0.0005 for k in range(0, 2000)]


def test_python_and_numpy_round_really_disagree_at_halves():
    # the reason for one shared function: the two built-in roundings differ on some of these values
    differ = [v for v in HALVES if round(v, 3) != float(np.round(np.float64(v), 3))]
    assert differ


def test_scalar_and_array_rounding_agree_at_half_millimetres():
    scalar = [overlap_units(v) for v in HALVES]
    array = overlap_units_array(np.array(HALVES)).astype(np.int64).tolist()
    assert scalar == array
    # and the tagging rule uses that same scalar function
    assert [round_overlap(v) for v in HALVES] == scalar


def test_nan_and_none_are_no_overlap():
    assert overlap_units(None) == 0 and overlap_units(float("nan")) == 0
    assert overlap_units_array(np.array([np.nan, 0.0004, 0.0005])).tolist() == [0.0, 0.0, 1.0]


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_scalar_and_array_agree_everywhere(value):
    assert overlap_units(value) == int(overlap_units_array(np.array([value]))[0])
