"""The progress rule (core/programme/rule.py) exactly as issue 26 states it, thresholds by hypothesis."""

import math

import pytest
from beltmap.core.programme import rule
from hypothesis import assume, given
from hypothesis import strategies as st

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2000, max_value=2100)


def test_the_issue_examples():
    # baseline 2 in 2024, 4 in 2026, target 8 in 2030: expected 4, R = 1
    a = rule.assess(2, 4, 8, 2024, 2026, 2030)
    assert a.status == rule.ON_TRACK and a.expected == pytest.approx(4) and a.ratio == pytest.approx(1)
    # zero baseline (a new service station): 0 -> 1 of 3 by 2030
    assert rule.assess(0, 1, 3, 2024, 2026, 2030).status == rule.ON_TRACK
    # a decreasing target: 6 -> 4 towards 0
    assert rule.assess(6, 4, 0, 2024, 2026, 2030, -1).status == rule.ON_TRACK
    assert rule.assess(6, 7, 0, 2024, 2026, 2030, -1).status == rule.DETERIORATION
    assert rule.assess(10, 13, 20, 2024, 2026, 2030).status == rule.ACCELERATION
    assert rule.assess(10, 13, 40, 2024, 2026, 2030).status == rule.LIMITED
    assert rule.assess(4, 4, 4, 2024, 2026, 2030).status == rule.ACHIEVED
    assert rule.assess(4, 5, 20, 2026, 2026, 2030).status == rule.UNASSESSED  # t = t0
    assert rule.assess(None, 5, 20, 2024, 2026, 2030).status == rule.UNASSESSED
    assert rule.assess(4, None, 20, 2024, 2026, 2030).status == rule.UNASSESSED
    assert rule.assess(4, float("nan"), 20, 2024, 2026, 2030).status == rule.UNASSESSED


@given(ratio=st.floats(min_value=-10, max_value=10, allow_nan=False))
def test_thresholds_of_the_ratio(ratio):
    status = rule.status_of_ratio(ratio)
    if ratio >= 0.95:
        assert status == rule.ON_TRACK
    elif ratio >= 0.6:
        assert status == rule.ACCELERATION
    elif ratio >= 0:
        assert status == rule.LIMITED
    else:
        assert status == rule.DETERIORATION


def test_thresholds_at_the_edges():
    assert rule.status_of_ratio(0.95) == rule.ON_TRACK
    assert rule.status_of_ratio(math.nextafter(0.95, 0)) == rule.ACCELERATION
    assert rule.status_of_ratio(0.6) == rule.ACCELERATION
    assert rule.status_of_ratio(math.nextafter(0.6, 0)) == rule.LIMITED
    assert rule.status_of_ratio(0.0) == rule.LIMITED
    assert rule.status_of_ratio(-1e-12) == rule.DETERIORATION


@given(b=finite, x=finite, target=finite, t0=years, gap=st.integers(1, 30), more=st.integers(1, 30),
       d=st.sampled_from([1, -1]))  # fmt: skip
def test_assess_follows_the_rule(b, x, target, t0, gap, more, d):
    t, target_year = t0 + gap, t0 + gap + more
    a = rule.assess(b, x, target, t0, t, target_year, d)
    if d * (x - target) >= 0:
        assert a.status == rule.ACHIEVED
        return
    e = b + (target - b) * (t - t0) / (target_year - t0)
    assert a.expected == pytest.approx(e)
    assume(abs(e - b) > 1e-6)
    r = (x - b) / (e - b)
    assume(min(abs(r - 0.95), abs(r - 0.6), abs(r)) > 1e-9)  # floating point at the very edge
    assert a.ratio == pytest.approx(r)
    assert a.status == rule.status_of_ratio(r)


@given(
    b=st.floats(1, 1e4), target=st.floats(1, 1e4), t0=years, gap=st.integers(1, 10), more=st.integers(1, 10)
)
def test_a_value_on_the_path_is_on_track(b, target, t0, gap, more):
    assume(abs(target - b) > 1e-3)
    d = 1 if target > b else -1
    e = rule.expected_value(b, target, t0, t0 + gap, t0 + gap + more)
    assert rule.assess(b, e, target, t0, t0 + gap, t0 + gap + more, d).status == rule.ON_TRACK
    assert rule.assess(b, b, target, t0, t0 + gap, t0 + gap + more, d).status == rule.LIMITED  # R = 0
    worse = b - d * abs(target - b)
    assert rule.assess(b, worse, target, t0, t0 + gap, t0 + gap + more, d).status == rule.DETERIORATION


def test_growth_method_uses_the_same_thresholds():
    # 100 -> 121 over 2 years (10 %/year) against 10 %/year needed to 161.05 over 5 years: on track
    a = rule.assess(100, 121, 161.051, 2024, 2026, 2029, method=rule.GROWTH)
    assert a.status == rule.ON_TRACK and a.ratio == pytest.approx(1.0)
    # zero baseline: no growth rate, unable to assess
    assert rule.assess(0, 1, 3, 2024, 2026, 2030, method=rule.GROWTH).status == rule.UNASSESSED


def test_worst_status_and_labels():
    assert rule.worst([rule.ON_TRACK, rule.LIMITED, rule.ACHIEVED]) == rule.LIMITED
    assert rule.worst([rule.UNASSESSED, rule.ON_TRACK]) == rule.ON_TRACK
    assert rule.worst([]) == rule.UNASSESSED
    assert [rule.STATUS_ZH[s] for s in rule.STATUSES] == [
        "已达成",
        "按期推进",
        "需加快",
        "进展有限",
        "倒退",
        "无法评估",
    ]


def test_direction_words():
    assert rule.direction_of("提高") == 1 and rule.direction_of("降低") == -1
    assert rule.direction_of("Decrease") == -1 and rule.direction_of("increase") == 1
    assert rule.direction_of("", 10, 5) == -1 and rule.direction_of("", 10, 20) == 1
    with pytest.raises(ValueError):
        rule.direction_of("sideways")


def test_exact_at_the_thresholds_for_whole_numbers():
    # 3 -> 4 towards 8 (2024 -> 2026 of 2030): R is exactly 0.6, acceleration needed, not limited
    a = rule.assess(3, 4, 8, 2024, 2026, 2030)
    assert a.ratio == 0.6 and a.status == rule.ACCELERATION
