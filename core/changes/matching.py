"""Site matching between two years: by key, then by position (nearest pairs first, one to one).

Pure numpy/scipy, no QGIS: the inputs are the two years' site tables (core/changes/site_table.py).
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .site_table import SiteTable, row_hashes

KEY = "key"
POSITION = "position"


@dataclass
class SitePairs:
    """Which before site goes with which after site, and how each pair was found."""

    before: np.ndarray  # int indexes into the before table
    after: np.ndarray  # int indexes into the after table, same length
    method: List[str]  # KEY or POSITION per pair
    removed: np.ndarray  # before indexes without a partner
    added: np.ndarray  # after indexes without a partner
    duplicates: Dict[str, List[str]] = field(default_factory=dict)  # year label -> duplicated keys


def key_status(keys: np.ndarray, null: np.ndarray):
    """(unique mask, sorted duplicated keys) of a year's keys; missing keys are neither."""
    unique = np.zeros(len(keys), dtype=bool)
    present = np.flatnonzero(~null)
    if not len(present):
        return unique, []
    values, inverse, counts = np.unique(keys[present], return_inverse=True, return_counts=True)
    unique[present] = counts[inverse] == 1
    return unique, sorted(str(v) for v in values[counts > 1])


def match_by_key(before, after):
    """Pairs (before index, after index) of the keys unique in both years."""
    ib = np.flatnonzero(before.unique)
    ia = np.flatnonzero(after.unique)
    if not len(ib) or not len(ia):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    common, pb, pa = np.intersect1d(before.keys[ib], after.keys[ia], assume_unique=True, return_indices=True)
    return ib[pb].astype(np.int64), ia[pa].astype(np.int64)


def _ranges(lo, hi):
    """Concatenated ranges lo[i]..hi[i]-1 (numpy, no Python loop) and the row each value came from."""
    counts = hi - lo
    total = int(counts.sum())
    rows = np.repeat(np.arange(len(lo)), counts)
    starts = np.repeat(lo - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    return rows, np.arange(total) + starts


def candidate_pairs(bxy, axy, tolerance: float):
    """(before position, after position, distance) of every pair within tolerance metres.

    Pure numpy (scipy is not always in QGIS's Python): a grid of tolerance-sized cells, each before point
    joined to the after points of its 3 x 3 cells; with zero tolerance, equal coordinates only.
    """
    empty = np.zeros(0, np.int64)
    if len(bxy) == 0 or len(axy) == 0:
        return empty, empty, np.zeros(0)
    cell = tolerance if tolerance > 0 else 1.0
    origin = np.minimum(bxy.min(axis=0), axy.min(axis=0))
    bcell = np.floor((bxy - origin) / cell).astype(np.int64)
    acell = np.floor((axy - origin) / cell).astype(np.int64)
    width = int(max(bcell[:, 1].max(), acell[:, 1].max())) + 3
    akey = (acell[:, 0] + 1) * width + acell[:, 1] + 1
    order = np.argsort(akey, kind="stable")
    sorted_keys = akey[order]
    offsets = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)] if tolerance > 0 else [(0, 0)]
    found_b, found_a = [], []
    for dx, dy in offsets:
        bkey = (bcell[:, 0] + 1 + dx) * width + bcell[:, 1] + 1 + dy
        lo = np.searchsorted(sorted_keys, bkey, "left")
        hi = np.searchsorted(sorted_keys, bkey, "right")
        rows, positions = _ranges(lo, hi)
        found_b.append(rows)
        found_a.append(order[positions])
    bi = np.concatenate(found_b).astype(np.int64)
    ai = np.concatenate(found_a).astype(np.int64)
    distance = np.hypot(*(axy[ai] - bxy[bi]).T) if len(bi) else np.zeros(0)
    keep = distance <= tolerance
    return bi[keep], ai[keep], distance[keep]


def greedy_one_to_one(order, bi, ai):
    """Take pairs in order, each site at most once; the chosen positions in `order`."""
    used_b, used_a, chosen = set(), set(), []
    for k in order:
        b, a = int(bi[k]), int(ai[k])
        if b in used_b or a in used_a:
            continue
        used_b.add(b)
        used_a.add(a)
        chosen.append(k)
    return np.array(chosen, dtype=np.int64)


def match_by_position(before, after, bpool, apool, tolerance: float, forbid_keyed: bool):
    """Pairs of pool sites within tolerance with the same category, nearest first, one to one.

    Ties (same distance) prefer pairs whose attributes are identical, then the positions and attribute
    hashes: the result does not depend on the order of the features. Two sites that both carry a key
    unique in their year are never paired by position (different keys are different sites).
    """
    bpool = bpool[before.has_geom[bpool]]
    apool = apool[after.has_geom[apool]]
    before.row_hash = row_hashes(before, bpool)
    after.row_hash = row_hashes(after, apool)
    i, j, d = candidate_pairs(before.xy[bpool], after.xy[apool], tolerance)
    bi, ai = bpool[i], apool[j]
    keep = before.category_code[bi] == after.category_code[ai]
    if forbid_keyed:
        keep &= ~(before.unique[bi] & after.unique[ai])
    bi, ai, d = bi[keep], ai[keep], d[keep]
    differ = (before.row_hash[bi] != after.row_hash[ai]).astype(np.int8)
    order = np.lexsort(
        (
            after.row_hash[ai],
            before.row_hash[bi],
            after.xy[ai, 1],
            after.xy[ai, 0],
            before.xy[bi, 1],
            before.xy[bi, 0],
            differ,
            np.round(d, 6),
        )
    )
    chosen = greedy_one_to_one(order, bi, ai)
    return bi[chosen], ai[chosen]


def match_sites(before, after, tolerance: float, use_keys: bool) -> SitePairs:
    """Match the sites of two years: unique keys first, then the rest by position within tolerance."""
    if use_keys:
        kb, ka = match_by_key(before, after)
    else:
        kb = ka = np.zeros(0, np.int64)
    free_b = np.ones(before.n, bool)
    free_a = np.ones(after.n, bool)
    free_b[kb] = False
    free_a[ka] = False
    pb, pa = match_by_position(
        before, after, np.flatnonzero(free_b), np.flatnonzero(free_a), tolerance, use_keys
    )
    free_b[pb] = False
    free_a[pa] = False
    return SitePairs(
        before=np.concatenate([kb, pb]),
        after=np.concatenate([ka, pa]),
        method=[KEY] * len(kb) + [POSITION] * len(pb),
        removed=np.flatnonzero(free_b),
        added=np.flatnonzero(free_a),
    )


def finish_pair(before: SiteTable, after: SiteTable) -> Dict[Optional[str], int]:
    """Fill the matching arrays of both years (key uniqueness, shared category codes)."""
    codes: Dict[Optional[str], int] = {}
    for table in (before, after):
        table.unique, _dups = key_status(table.keys, table.key_null)
        table.category_code = np.array(
            [codes.setdefault(c, len(codes)) for c in table.category.tolist()], dtype=np.int64
        )
    return codes
