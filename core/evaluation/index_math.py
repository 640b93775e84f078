"""Index arithmetic in numpy only: min-max normalisation, entropy weights, weighted sum, TOPSIS, grades."""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np

from ..errors import BeltMapError

BENEFIT = "benefit"
COST = "cost"

# five classes on the 0-100 score, best first: (lower bound, grade number, Chinese and English label)
GRADES = (
    (80.0, 1, "优", "excellent"),
    (60.0, 2, "良", "good"),
    (40.0, 3, "中", "fair"),
    (20.0, 4, "较差", "poor"),
    (float("-inf"), 5, "差", "very poor"),
)


class IndexComputationError(BeltMapError, ValueError):
    """The index cannot be computed from these values (too few units, nothing varies…)."""


@dataclass
class IndexScores:
    """Everything the index computes for n units and m indicators."""

    normalised: np.ndarray  # n x m, in [0, 1]
    weights: np.ndarray  # m, summing to 1
    weight_method: List[str]  # per indicator: "entropy", "fixed" or "constant"
    score: np.ndarray  # n, 100 * weighted sum
    topsis: np.ndarray  # n, closeness in [0, 1]
    rank: np.ndarray  # n, 1 = best score
    grade: np.ndarray  # n, 1 (优) .. 5 (差)
    warnings: List[str] = field(default_factory=list)


def normalise(matrix, directions: Sequence[str]):
    """Min-max normalised matrix (benefit (x-min)/(max-min), cost (max-x)/(max-min)) and constant columns."""
    x = np.asarray(matrix, dtype=float)
    low, high = x.min(axis=0), x.max(axis=0)
    span = high - low
    constant = span <= 1e-12 * np.maximum(1.0, np.abs(high))
    safe = np.where(constant, 1.0, span)
    cost = np.array([d == COST for d in directions])
    norm = np.where(cost, (high - x) / safe, (x - low) / safe)
    norm[:, constant] = 0.0
    return norm, constant


def entropy_weights(normalised, constant=None) -> np.ndarray:
    """Entropy weights w_j = (1 - e_j) / sum(1 - e); constant columns get weight 0."""
    x = np.asarray(normalised, dtype=float)
    n, m = x.shape
    if n < 2:
        raise IndexComputationError("entropy weights need at least two units")
    constant = np.zeros(m, bool) if constant is None else np.asarray(constant, bool)
    totals = x.sum(axis=0)
    p = np.divide(x, totals, out=np.zeros_like(x), where=totals > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(p), 0.0)  # 0 ln 0 = 0
    entropy = -plogp.sum(axis=0) / np.log(n)
    divergence = np.where(constant | (totals <= 0), 0.0, 1.0 - entropy)
    total = divergence.sum()
    if total <= 0:
        raise IndexComputationError("no indicator varies between the units, so no weight can be derived")
    return divergence / total


def combine_weights(entropy, fixed: Sequence[Optional[float]], constant) -> np.ndarray:
    """Fixed weights where given, the rest share what remains in proportion to their entropy weights."""
    entropy = np.asarray(entropy, dtype=float)
    constant = np.asarray(constant, bool)
    given = np.array([w is not None for w in fixed])
    weights = np.zeros(len(entropy))
    weights[given] = [float(w) for w in fixed if w is not None]
    weights[constant] = 0.0
    fixed_total = weights[given].sum()
    free = ~given & ~constant
    if free.any():
        if fixed_total > 1.0 + 1e-9:
            raise IndexComputationError(
                "fixed weights add up to more than 1 while other indicators have none"
            )
        share = entropy[free].sum()
        weights[free] = (1.0 - fixed_total) * (entropy[free] / share if share > 0 else 1.0 / free.sum())
    total = weights.sum()
    if total <= 0:
        raise IndexComputationError("all weights are zero")
    return weights / total


def weighted_sum(normalised, weights) -> np.ndarray:
    """S_i = 100 * sum_j w_j x'_ij."""
    return 100.0 * np.asarray(normalised, float) @ np.asarray(weights, float)


def topsis(normalised, weights) -> np.ndarray:
    """TOPSIS closeness C_i = D-_i / (D+_i + D-_i) on the weighted normalised matrix."""
    v = np.asarray(normalised, float) * np.asarray(weights, float)
    best, worst = v.max(axis=0), v.min(axis=0)
    d_plus = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_minus = np.sqrt(((v - worst) ** 2).sum(axis=1))
    total = d_plus + d_minus
    return np.divide(d_minus, total, out=np.zeros_like(total), where=total > 0)


def ranks(score) -> np.ndarray:
    """Rank 1 for the highest score; ties share the best rank ('competition' ranking)."""
    s = np.round(np.asarray(score, float), 9)
    return np.array([1 + int((s > value).sum()) for value in s], dtype=int)


def grades(score) -> np.ndarray:
    """Five classes on the 0-100 score: 1 (>= 80, 优) … 5 (< 20, 差)."""
    out = np.empty(len(score), dtype=int)
    for i, value in enumerate(np.asarray(score, float)):
        out[i] = next(number for low, number, _zh, _en in GRADES if value >= low)
    return out


def grade_label(number: int, language: str = "zh") -> str:
    """The label of a grade number (1..5)."""
    for _low, grade, zh, en in GRADES:
        if grade == number:
            return en if language.startswith("en") else zh
    raise KeyError(number)


def land_use_mix(shares, categories: Optional[int] = None) -> float:
    """LUM = -sum p_k ln p_k / ln K over K categories (K = len(shares) unless given); 0 for K < 2."""
    p = np.asarray(shares, dtype=float)
    total = p.sum()
    k = categories if categories is not None else len(p)
    if total <= 0 or k < 2:
        return 0.0
    p = p[p > 0] / total
    return float(-(p * np.log(p)).sum() / np.log(k))


def job_housing_balance(jobs: float, workers: float) -> Optional[float]:
    """JHB = 1 - |J - W| / (J + W); None when both are zero."""
    total = jobs + workers
    return None if total <= 0 else 1.0 - abs(jobs - workers) / total


def evaluate(
    matrix,
    directions: Sequence[str],
    fixed: Optional[Sequence[Optional[float]]] = None,
    names: Optional[Sequence[str]] = None,
) -> IndexScores:
    """The whole index: normalise, weigh (entropy, fixed or mixed), score, TOPSIS, rank, grade."""
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[1] == 0:
        raise IndexComputationError("no indicator to evaluate")
    n, m = x.shape
    if n < 2:
        raise IndexComputationError(
            "only {} unit: the index compares units, so weights and scores are undefined; "
            "use at least two units (zones, zone types or a finer grid)".format(n)
        )
    if not np.isfinite(x).all():
        raise IndexComputationError("indicator values must be finite numbers")
    names = list(names) if names is not None else ["indicator {}".format(j + 1) for j in range(m)]
    fixed = list(fixed) if fixed is not None else [None] * m
    norm, constant = normalise(x, directions)
    warnings = [
        "indicator '{}' has the same value in every unit: weight 0".format(names[j])
        for j in range(m)
        if constant[j]
    ]
    if constant.all():
        raise IndexComputationError("no indicator varies between the units, so no weight can be derived")
    entropy = entropy_weights(norm, constant) if any(w is None for w in fixed) else np.zeros(m)
    weights = combine_weights(entropy, fixed, constant)
    method = [
        "constant" if constant[j] else ("fixed" if fixed[j] is not None else "entropy") for j in range(m)
    ]
    score = weighted_sum(norm, weights)
    return IndexScores(
        normalised=norm,
        weights=weights,
        weight_method=method,
        score=score,
        topsis=topsis(norm, weights),
        rank=ranks(score),
        grade=grades(score),
        warnings=warnings,
    )
