"""The rule that picks one zone for an element touching several, and the tag fields' names.

Pure Python (no QGIS, no numpy): both tagging paths, the QGIS one and the vectorised one, use these
functions, so they cannot disagree on which zone wins.
"""

import re
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from ..base.zone_types import DEFAULT_PRIORITY
from .overlap import OVERLAP_DECIMALS, overlap_units  # noqa: F401 (OVERLAP_DECIMALS re-exported)

RULE_PRIORITY = "priority"
RULE_SMALLEST = "smallest"
RULE_LARGEST_OVERLAP = "largest_overlap"
RULES: Tuple[str, ...] = (RULE_PRIORITY, RULE_SMALLEST, RULE_LARGEST_OVERLAP)


class TagField(NamedTuple):
    """One field tagging adds: name (<= 10 ASCII characters), Chinese alias, kind ('text' or 'int')."""

    name: str
    alias: str
    kind: str


TAG_FIELDS: Tuple[TagField, ...] = (
    TagField("zone_type", "区域类型", "text"),
    TagField("zone_id", "区域编号", "text"),
    TagField("zone_name", "区域名称", "text"),
    TagField("zone_types", "所属区域类型", "text"),
    TagField("zone_count", "区域数", "int"),
    TagField("in_belt", "位于实践带内", "int"),
)
TAG_FIELD_NAMES: Tuple[str, ...] = tuple(f.name for f in TAG_FIELDS)


def is_tag_field(name: str) -> bool:
    """True for a field name tagging writes (case-insensitive): such input fields are replaced."""
    return name.lower() in TAG_FIELD_NAMES


def id_key(zone_id) -> Tuple:
    """Sort key of a zone id: numbers by value first ('9' before '10'), then text, NULL last."""
    if zone_id is None:
        return (2, 0.0, "")
    text = str(zone_id).strip()
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        return (0, float(text), text)
    return (1, 0.0, text)


class ZoneRanking:
    """The static order of zones under each rule; built once from every zone's key, area and id.

    `priority_rank[i]` and `smallest_rank[i]` are the position of zone i when zones are sorted by
    (priority, area, id) and (area, priority, id): the winning zone is the candidate with the lowest rank.
    """

    def __init__(self, keys: Sequence[str], areas: Sequence[float], ids: Sequence, priority: Sequence[str]):
        self.priority: List[str] = list(priority) or list(DEFAULT_PRIORITY)
        self.key_rank: Dict[str, int] = {key: i for i, key in enumerate(self.priority)}
        self.keys = list(keys)
        n = len(self.keys)
        ranks = [self.key_rank[key] for key in self.keys]
        by_priority = sorted(range(n), key=lambda i: (ranks[i], areas[i], id_key(ids[i])))
        by_area = sorted(range(n), key=lambda i: (areas[i], ranks[i], id_key(ids[i])))
        self.priority_rank: List[int] = [0] * n
        self.smallest_rank: List[int] = [0] * n
        for position, i in enumerate(by_priority):
            self.priority_rank[i] = position
        for position, i in enumerate(by_area):
            self.smallest_rank[i] = position

    def static_rank(self, rule: str) -> List[int]:
        """The rank used by a rule when overlaps do not decide (all rules but largest_overlap)."""
        return self.smallest_rank if rule == RULE_SMALLEST else self.priority_rank

    def choose(self, rule: str, candidates: Sequence[int], overlaps: Optional[Sequence[float]] = None) -> int:
        """The winning zone among candidate zone indexes (non-empty); overlaps only for largest_overlap."""
        if rule == RULE_LARGEST_OVERLAP and overlaps is not None:
            return min(
                zip(candidates, overlaps),
                key=lambda pair: (-round_overlap(pair[1]), self.priority_rank[pair[0]]),
            )[0]
        rank = self.static_rank(rule)
        return min(candidates, key=rank.__getitem__)

    def key_mask(self, candidates: Sequence[int]) -> int:
        """Bit i set when a candidate zone has the i-th key of the priority order."""
        mask = 0
        for i in candidates:
            mask |= 1 << self.key_rank[self.keys[i]]
        return mask

    def types_text(self, mask: int) -> Optional[str]:
        """The `zone_types` value for a key mask: keys in priority order joined by ';', NULL for none."""
        if not mask:
            return None
        return ";".join(key for i, key in enumerate(self.priority) if mask & (1 << i))


def round_overlap(value: float) -> int:
    """An overlap in whole millimetres (or mm²), so that engine noise never breaks a tie; NaN is 0."""
    return overlap_units(value)
