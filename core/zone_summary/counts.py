"""Counts of tagged features per zone, per zone type and untagged, by category: the zone summary table.

Pure Python (no QGIS): the algorithm feeds it (zone_id, zone_type, category) of every feature and the
zones it knows; tests feed it lists.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from ..tagging.rule import id_key

LEVEL_ZONE, LEVEL_TYPE, LEVEL_UNTAGGED, LEVEL_TOTAL = "zone", "zone_type", "untagged", "total"
NO_CATEGORY = "(none)"


@dataclass
class ZoneInfo:
    """A zone of the table: id, name, type key and area in m² (None when unknown)."""

    zone_id: str
    name: Optional[str]
    key: Optional[str]
    area_m2: Optional[float]


@dataclass
class SummaryRow:
    """One row: level (zone / zone_type / untagged / total), who, area and counts per category."""

    level: str
    zone_id: Optional[str]
    zone_name: Optional[str]
    zone_type: Optional[str]
    area_m2: Optional[float]
    counts: Dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def area_km2(self) -> Optional[float]:
        return None if self.area_m2 is None else self.area_m2 / 1e6

    @property
    def density(self) -> Optional[float]:
        """Features per km², None without an area."""
        return self.total / self.area_km2 if self.area_m2 else None


def category_columns(categories: Iterable[str]) -> List[Tuple[str, str]]:
    """(field name, category) for each category: ASCII names 'n_<category>' kept unique."""
    columns, used = [], set()
    for category in categories:
        base = "n_" + (re.sub(r"[^0-9a-z_]+", "_", category.lower()).strip("_") or "other")
        name, i = base, 2
        while name in used:
            name, i = "{}_{}".format(base, i), i + 1
        used.add(name)
        columns.append((name, category))
    return columns


def summarise(
    features: Iterable[Tuple[Optional[str], Optional[str], Optional[str]]],
    zones: Sequence[ZoneInfo],
    priority: Sequence[str],
    type_areas: Optional[Dict[str, float]] = None,
) -> Tuple[List[SummaryRow], List[str]]:
    """Rows (zones by priority then id, then zone types, untagged, total) and the sorted categories.

    features: (zone_id, zone_type, category) per feature, None where NULL, or (zone_id, zone_type,
    category, count) for `count` features alike (counts made in a database). Zones met in the features
    but missing from `zones` get a row without area. type_areas: area per zone type (the union of its
    zones, so overlaps count once); by default the sum of its zones' areas.
    """
    by_zone: Dict[str, Dict[str, int]] = {}
    by_type: Dict[str, Dict[str, int]] = {}
    untagged: Dict[str, int] = {}
    total: Dict[str, int] = {}  # every feature once, whatever its tags
    seen: Dict[str, Tuple[Optional[str]]] = {}
    categories = set()
    for zone_id, key, category, *times in features:
        n = int(times[0]) if times else 1
        category = NO_CATEGORY if category is None or str(category) == "" else str(category)
        categories.add(category)
        total[category] = total.get(category, 0) + n
        if zone_id is None and key is None:
            untagged[category] = untagged.get(category, 0) + n
            continue
        zone_id = "" if zone_id is None else str(zone_id)
        counts = by_zone.setdefault(zone_id, {})
        counts[category] = counts.get(category, 0) + n
        seen.setdefault(zone_id, key)
        if key is not None:
            counts = by_type.setdefault(key, {})
            counts[category] = counts.get(category, 0) + n

    known = {z.zone_id: z for z in zones}
    infos = list(zones) + [ZoneInfo(i, None, k, None) for i, k in seen.items() if i not in known]
    rank = {key: i for i, key in enumerate(priority)}
    infos.sort(key=lambda z: (rank.get(z.key, len(rank)), id_key(z.zone_id)))
    rows = [
        SummaryRow(LEVEL_ZONE, z.zone_id, z.name, z.key, z.area_m2, by_zone.get(z.zone_id, {})) for z in infos
    ]

    areas: Dict[str, Optional[float]] = dict(type_areas or {})
    if type_areas is None:
        for z in infos:
            if z.key is not None:
                current = areas.get(z.key, 0.0)
                areas[z.key] = None if current is None or z.area_m2 is None else current + z.area_m2
    keys = [k for k in priority if k in areas or k in by_type]
    rows += [SummaryRow(LEVEL_TYPE, None, None, k, areas.get(k), by_type.get(k, {})) for k in keys]
    rows.append(SummaryRow(LEVEL_UNTAGGED, None, None, None, None, untagged))
    rows.append(SummaryRow(LEVEL_TOTAL, None, None, None, None, total))
    ordered = sorted(categories, key=lambda c: (c == NO_CATEGORY, c))
    return rows, ordered
