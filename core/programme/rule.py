"""The progress rule: how far a value has come on the straight path from its baseline to its target.

Pure Python (no QGIS, no numpy), stated in the help, the report and the README:

For a target: baseline b at year t0, latest value x at year t, target T_v due in year T, direction d
(+1 increase, -1 decrease). *Achieved* when d·(x − T_v) ≥ 0. Otherwise *unable to assess* when t = t0 or
a value is missing; else the expected value on the straight path is e = b + (T_v − b)·(t − t0)/(T − t0)
and R = (x − b)/(e − b): R ≥ 0.95 on track, 0.6 ≤ R < 0.95 acceleration needed, 0 ≤ R < 0.6 limited,
R < 0 deterioration. METHOD=growth (Open SDG): the compound annual growth rate observed over the one
needed, same thresholds.
"""

import math
from dataclasses import dataclass
from typing import Optional

ACHIEVED = "achieved"
ON_TRACK = "on_track"
ACCELERATION = "acceleration_needed"
LIMITED = "limited"
DETERIORATION = "deterioration"
UNASSESSED = "unable_to_assess"

# best first: the order of the legend, the tables and "the worst status of a zone"
STATUSES = (ACHIEVED, ON_TRACK, ACCELERATION, LIMITED, DETERIORATION, UNASSESSED)
STATUS_ZH = {
    ACHIEVED: "已达成",
    ON_TRACK: "按期推进",
    ACCELERATION: "需加快",
    LIMITED: "进展有限",
    DETERIORATION: "倒退",
    UNASSESSED: "无法评估",
}
STATUS_EN = {
    ACHIEVED: "achieved",
    ON_TRACK: "on track",
    ACCELERATION: "acceleration needed",
    LIMITED: "limited progress",
    DETERIORATION: "deterioration",
    UNASSESSED: "unable to assess",
}
STATUS_COLOURS = {
    ACHIEVED: "#1a9641",
    ON_TRACK: "#a6d96a",
    ACCELERATION: "#fdae61",
    LIMITED: "#f46d43",
    DETERIORATION: "#d7191c",
    UNASSESSED: "#bdbdbd",
}
# the worst first (deterioration worst; unable to assess says nothing, so it only wins alone)
SEVERITY = {DETERIORATION: 5, LIMITED: 4, ACCELERATION: 3, ON_TRACK: 2, ACHIEVED: 1, UNASSESSED: 0}

ON_TRACK_AT = 0.95
ACCELERATION_AT = 0.6
LINEAR, GROWTH = "linear", "growth"


@dataclass(frozen=True)
class Assessment:
    """The rule's answer for one target: expected value on the path at the latest year, ratio, status."""

    status: str
    expected: Optional[float] = None
    ratio: Optional[float] = None


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def status_of_ratio(ratio: float) -> str:
    """The status of a ratio R (observed progress over expected)."""
    if ratio >= ON_TRACK_AT:
        return ON_TRACK
    if ratio >= ACCELERATION_AT:
        return ACCELERATION
    if ratio >= 0:
        return LIMITED
    return DETERIORATION


def expected_value(baseline: float, target: float, t0: float, t: float, target_year: float) -> float:
    """The value on the straight path from (t0, baseline) to (target_year, target) at year t."""
    return baseline + (target - baseline) * (t - t0) / (target_year - t0)


def assess(
    baseline,
    latest,
    target: float,
    t0: int,
    t: int,
    target_year: int,
    direction: int = 1,
    method: str = LINEAR,
) -> Assessment:
    """The status of one target (see the module's rule). direction: +1 increase, -1 decrease."""
    if _missing(latest):
        return Assessment(UNASSESSED)
    if direction * (latest - target) >= 0:
        expected = None
        if not _missing(baseline) and target_year != t0:
            expected = expected_value(baseline, target, t0, t, target_year)
        return Assessment(ACHIEVED, expected)
    if t == t0 or _missing(baseline) or target_year == t0:
        return Assessment(UNASSESSED)
    expected = expected_value(baseline, target, t0, t, target_year)
    if method == GROWTH:
        ratio = growth_ratio(baseline, latest, target, t0, t, target_year)
        if ratio is None:
            return Assessment(UNASSESSED, expected)
        return Assessment(status_of_ratio(ratio), expected, ratio)
    if expected == baseline:  # target equal to the baseline yet not achieved: no progress to expect
        return Assessment(DETERIORATION, expected, None)
    # R = (x − b)/(e − b) written without e: (x − b)(T − t0) / ((target − b)(t − t0)), exact at the
    # thresholds for whole numbers (1·6/(5·2) is 0.6, where 1/(4.666… − 3) is 0.5999…)
    ratio = (latest - baseline) * (target_year - t0) / ((target - baseline) * (t - t0))
    return Assessment(status_of_ratio(ratio), expected, ratio)


def growth_ratio(baseline, latest, target, t0, t, target_year) -> Optional[float]:
    """Open SDG's rule: the compound annual growth rate observed (baseline → latest) over the rate needed
    (baseline → target); None when a rate is undefined (a zero or negative value)."""
    if baseline <= 0 or latest <= 0 or target <= 0 or t == t0 or target_year == t0:
        return None
    observed = (latest / baseline) ** (1.0 / (t - t0)) - 1.0
    needed = (target / baseline) ** (1.0 / (target_year - t0)) - 1.0
    if needed == 0:
        return None
    return observed / needed


def worst(statuses) -> str:
    """The worst status of a zone's targets (unable to assess only when nothing else is known)."""
    statuses = list(statuses)
    if not statuses:
        return UNASSESSED
    return max(statuses, key=lambda s: SEVERITY[s])


def direction_of(word, baseline=None, target=None) -> int:
    """+1 / -1 from a direction word (increase/decrease, 提高/降低, up/down, +/-); empty: increase unless
    the target is below the baseline. ValueError for an unknown word."""
    text = str(word or "").strip().lower()
    if text in ("increase", "inc", "up", "+", "+1", "1", "提高", "增加", "上升", "提升"):
        return 1
    if text in ("decrease", "dec", "down", "-", "-1", "降低", "减少", "下降"):
        return -1
    if text:
        raise ValueError(text)
    if not _missing(baseline) and target is not None and target < baseline:
        return -1
    return 1
