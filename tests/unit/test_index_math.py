"""The evaluation index arithmetic and indicator files, without QGIS: the issue's reference vector,
normalisation, weights (entropy, fixed, mixed), ranks and grades, LUM and JHB, the file checks."""

import numpy as np
import pytest
from beltmap.core.evaluation import index_math
from beltmap.core.evaluation.config import ConfigError, default_indicators, parse

REFERENCE = [(120, 0.62, 820), (340, 0.81, 540), (80, 0.95, 410), (260, 0.70, 700)]
DIRECTIONS = ["benefit", "benefit", "cost"]


def test_reference_vector():
    result = index_math.evaluate(REFERENCE, DIRECTIONS)
    assert result.weights == pytest.approx([0.3700, 0.3278, 0.3022], abs=5e-5)
    assert result.score / 100 == pytest.approx([0.0569, 0.7651, 0.6300, 0.4241], abs=5e-5)
    assert result.topsis == pytest.approx([0.0946, 0.7331, 0.5465, 0.4488], abs=5e-5)
    assert list(result.rank) == [4, 1, 2, 3]
    assert list(result.grade) == [5, 2, 2, 3]
    assert result.weight_method == ["entropy"] * 3 and not result.warnings


def test_normalisation_directions():
    norm, constant = index_math.normalise(REFERENCE, DIRECTIONS)
    assert norm[:, 0] == pytest.approx([40 / 260, 1, 0, 180 / 260])
    assert norm[:, 2] == pytest.approx([0, 280 / 410, 1, 120 / 410])
    assert not constant.any()


def test_land_use_mix_and_job_housing_balance():
    assert index_math.land_use_mix([0.4, 0.3, 0.2, 0.1]) == pytest.approx(0.9232, abs=5e-5)
    assert index_math.land_use_mix([5, 0, 0], categories=3) == 0
    assert index_math.land_use_mix([1, 1], categories=2) == pytest.approx(1)
    assert index_math.job_housing_balance(300, 100) == pytest.approx(0.5)
    assert index_math.job_housing_balance(0, 0) is None


def test_constant_indicator_gets_zero_weight_and_a_warning():
    matrix = np.column_stack([np.array(REFERENCE, float), np.full(4, 7.0)])
    result = index_math.evaluate(matrix, DIRECTIONS + ["benefit"], names=["a", "b", "c", "flat"])
    assert result.weights[3] == 0 and result.weight_method[3] == "constant"
    assert result.weights[:3] == pytest.approx([0.3700, 0.3278, 0.3022], abs=5e-5)
    assert any("flat" in w for w in result.warnings)


def test_fixed_and_mixed_weights():
    fixed = index_math.evaluate(REFERENCE, DIRECTIONS, fixed=[0.5, 0.25, 0.25])
    assert fixed.weights == pytest.approx([0.5, 0.25, 0.25])
    mixed = index_math.evaluate(REFERENCE, DIRECTIONS, fixed=[0.5, None, None])
    # the others share the remaining half in proportion to their entropy weights
    assert mixed.weights == pytest.approx([0.5, 0.5 * 0.3278 / 0.63, 0.5 * 0.3022 / 0.63], abs=1e-4)
    assert mixed.weight_method == ["fixed", "entropy", "entropy"]


def test_single_unit_and_nothing_varying_are_clear_errors():
    with pytest.raises(index_math.IndexComputationError, match="only 1 unit.*at least two units"):
        index_math.evaluate([REFERENCE[0]], DIRECTIONS)
    with pytest.raises(index_math.IndexComputationError, match="no indicator varies"):
        index_math.evaluate([(1, 2), (1, 2)], ["benefit", "cost"])


def test_ranks_and_grades():
    assert list(index_math.ranks([50, 90, 50, 10])) == [2, 1, 2, 4]
    assert list(index_math.grades([100, 80, 79.9, 40, 20, 0])) == [1, 1, 2, 3, 4, 5]
    assert index_math.grade_label(1) == "优" and index_math.grade_label(5, "en") == "very poor"


def test_indicator_file_is_checked():
    assert [i.key for i in default_indicators()][:2] == ["d_svc", "d_enterp"]
    with pytest.raises(ConfigError, match="key 'Too_Long_Key'"):
        parse({"indicators": [{"key": "Too_Long_Key", "kind": "walk"}]})
    with pytest.raises(ConfigError, match="kind 'area'"):
        parse([{"key": "a", "kind": "area"}])
    with pytest.raises(ConfigError, match="needs 'radius'"):
        parse([{"key": "c", "kind": "coverage"}])
    with pytest.raises(ConfigError, match="used twice: w"):
        parse([{"key": "w", "kind": "walk"}, {"key": "w", "kind": "walk"}])
    with pytest.raises(ConfigError, match="direction"):
        parse([{"key": "w", "kind": "walk", "direction": "up"}])
