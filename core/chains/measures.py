"""Measures of matched links: per link (length, zones of both ends, in the belt, cross type), per leader
and per leader and chain, per year (with `since`) and per zone. Pure Python (no QGIS): positions are
metres in the work CRS, the zones of the ends come from the caller (core/tagging)."""

import math
import statistics
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..base.zone_types import ZONE_TYPES, zone_type
from .links import RELATION_KEYS, relation_label
from .matching import Firms, Matched

NO_ZONE_ZH = "区外"
ZONE_LABELS = {z.key: z.name_zh for z in ZONE_TYPES}


@dataclass(frozen=True)
class EndTags:
    """Where a firm lies: its zone (id, name, type key; None outside every zone) and in_belt (1/0, None
    without a belt)."""

    zone_id: Optional[str] = None
    zone_name: Optional[str] = None
    zone_type: Optional[str] = None
    in_belt: Optional[int] = None


NO_TAGS = EndTags()


def type_label(key: Optional[str]) -> str:
    """The Chinese label of a zone type key, 区外 for none."""
    return ZONE_LABELS.get(key, NO_ZONE_ZH) if key else NO_ZONE_ZH


UNMATCHED_COLUMNS = ("row", "from", "to", "reason", "reason_zh", "detail")
LINK_COLUMNS = (
    "row", "from_key", "from_name", "to_key", "to_name", "relation", "relation_zh", "chain", "since",
    "signed", "distance_m", "from_zone", "from_type", "to_zone", "to_type", "from_in_belt", "to_in_belt",
    "in_belt", "cross_type",
)  # fmt: skip


def link_rows(matched: Matched, firms: Firms, tags: Dict[int, EndTags]) -> List[dict]:
    """One row per matched link with its measures (LINK_COLUMNS)."""
    rows = []
    for link, a, b in zip(matched.links, matched.from_index, matched.to_index):
        ta, tb = tags.get(a, NO_TAGS), tags.get(b, NO_TAGS)
        both = None if ta.in_belt is None or tb.in_belt is None else int(ta.in_belt == 1 and tb.in_belt == 1)
        rows.append(
            {
                "row": link.row,
                "from_key": firms.keys[a],
                "from_name": firms.names[a],
                "to_key": firms.keys[b],
                "to_name": firms.names[b],
                "relation": link.relation,
                "relation_zh": relation_label(link.relation),
                "chain": link.chain,
                "since": link.since,
                "signed": link.signed,
                "distance_m": round(math.hypot(firms.x[b] - firms.x[a], firms.y[b] - firms.y[a]), 2),
                "from_zone": ta.zone_id,
                "from_type": ta.zone_type,
                "to_zone": tb.zone_id,
                "to_type": tb.zone_type,
                "from_in_belt": ta.in_belt,
                "to_in_belt": tb.in_belt,
                "in_belt": both,
                "cross_type": "{} → {}".format(type_label(ta.zone_type), type_label(tb.zone_type)),
            }
        )
    return rows


def summary_columns(radii_km: Sequence[float]) -> Tuple[str, ...]:
    """The CHAIN_SUMMARY columns for these radii."""
    within = tuple("within_{}km".format(radius_text(r)) for r in radii_km)
    return (
        (
            "leader",
            "leader_name",
            "chain",
            "year",
            "links",
            "partners",
            "new_partners",
            "inside",
            "inside_share",
        )
        + within
        + ("median_m", "zones_reached", "zones", "zone_types")
        + tuple("n_" + key for key in RELATION_KEYS)
    )


def radius_text(radius_km: float) -> str:
    """5 -> '5', 2.5 -> '2.5' (the suffix of a within_<R>km column)."""
    return str(int(radius_km)) if float(radius_km).is_integer() else str(radius_km)


@dataclass
class LeaderLinks:
    """The links of one leader: (link position in matched, partner firm index) in table order."""

    leader: int
    items: List[Tuple[int, int]] = field(default_factory=list)


def leader_links(matched: Matched, leaders: Sequence[int]) -> List[LeaderLinks]:
    """Each leader's links (the leader at either end), leaders in the order given."""
    by_leader = {leader: LeaderLinks(leader) for leader in leaders}
    for position, (a, b) in enumerate(zip(matched.from_index, matched.to_index)):
        if a in by_leader:
            by_leader[a].items.append((position, b))
        if b in by_leader:
            by_leader[b].items.append((position, a))
    return [by_leader[leader] for leader in leaders]


def default_leaders(matched: Matched) -> List[int]:
    """Every firm at the `from` end of a matched link, in order of first appearance."""
    return list(dict.fromkeys(matched.from_index))


def _distance(firms: Firms, a: int, b: int) -> float:
    return math.hypot(firms.x[b] - firms.x[a], firms.y[b] - firms.y[a])


def _group_row(firms, tags, matched, leader, away, chain, items, radii_km, year=None, new=None) -> dict:
    partners = list(dict.fromkeys(p for _pos, p in items))
    distances = [away[p] for p in partners]
    has_belt = any(tags.get(p, NO_TAGS).in_belt is not None for p in partners)
    inside = sum(1 for p in partners if tags.get(p, NO_TAGS).in_belt == 1) if has_belt else None
    zones = list(dict.fromkeys(tags[p].zone_id for p in partners if p in tags and tags[p].zone_id))
    types = list(dict.fromkeys(tags[p].zone_type for p in partners if p in tags and tags[p].zone_type))
    row = {
        "_leader": leader,  # the firm's index, for the pages (not a column)
        "leader": firms.keys[leader],
        "leader_name": firms.names[leader],
        "chain": chain,
        "year": year,
        "links": len(items),
        "partners": len(partners),
        "new_partners": new,
        "inside": inside,
        "inside_share": round(inside / len(partners), 4) if partners and inside is not None else None,
        "median_m": round(statistics.median(distances), 1) if distances else None,
        "zones_reached": len(zones),
        "zones": "、".join(zones),
        "zone_types": "、".join(zone_type(t).name_zh for t in types),
    }
    for radius in radii_km:
        row["within_{}km".format(radius_text(radius))] = sum(1 for d in distances if d <= radius * 1000.0)
    for key in RELATION_KEYS:
        row["n_" + key] = 0
    for pos, _p in items:
        row["n_" + matched.links[pos].relation] += 1
    return row


def summary_rows(
    matched: Matched,
    firms: Firms,
    tags: Dict[int, EndTags],
    leaders: Sequence[int],
    radii_km: Sequence[float],
) -> List[dict]:
    """Per leader: one row over all its chains (chain ''), one row per chain, then (with `since`) one row
    per year: partners linked by the end of that year (cumulative), how many were new, the inside share."""
    rows = []
    for group in leader_links(matched, leaders):
        if not group.items:
            continue
        away = {p: _distance(firms, group.leader, p) for _pos, p in group.items}
        args = (firms, tags, matched, group.leader, away)
        rows.append(_group_row(*args, "", group.items, radii_km))
        chains: Dict[str, list] = {}
        for item in group.items:
            chains.setdefault(matched.links[item[0]].chain, []).append(item)
        for chain in sorted(chains):
            if chain:
                rows.append(_group_row(*args, chain, chains[chain], radii_km))
        first_year: Dict[int, int] = {}
        for pos, partner in group.items:
            year = matched.links[pos].since
            if year is not None:
                first_year[partner] = min(year, first_year.get(partner, year))
        for year in sorted(set(first_year.values())):
            items = [(pos, p) for pos, p in group.items if p in first_year and first_year[p] <= year]
            new = sum(1 for y in first_year.values() if y == year)
            rows.append(_group_row(*args, "", items, radii_km, year=year, new=new))
    return rows


ZONE_COLUMNS = ("zone_id", "zone_name", "zone_type", "links_from", "links_to", "links_inside",
                "links_other_zone", "links_leaving_belt")  # fmt: skip


def zone_rows(links: Sequence[dict], zones: Sequence[Tuple[str, Optional[str], str]]) -> List[dict]:
    """Per zone (id, name, type key): links starting there, ending there, with both ends there, with the
    other end in another zone, with the other end outside the belt."""
    rows = {
        zone_id: {
            "zone_id": zone_id,
            "zone_name": name,
            "zone_type": key,
            "links_from": 0,
            "links_to": 0,
            "links_inside": 0,
            "links_other_zone": 0,
            "links_leaving_belt": 0,
        }  # fmt: skip
        for zone_id, name, key in zones
    }
    for link in links:
        a, b = link["from_zone"], link["to_zone"]
        if a in rows:
            rows[a]["links_from"] += 1
        if b in rows:
            rows[b]["links_to"] += 1
        if a is not None and a == b and a in rows:
            rows[a]["links_inside"] += 1
            continue
        for here, there, there_in_belt in ((a, b, link["to_in_belt"]), (b, a, link["from_in_belt"])):
            if here not in rows:
                continue
            if there is not None:
                rows[here]["links_other_zone"] += 1
            if there_in_belt == 0:
                rows[here]["links_leaving_belt"] += 1
    return list(rows.values())


def arc_points(x1: float, y1: float, x2: float, y2: float, bend: float = 0.12, steps: int = 10):
    """A gentle arc from (x1, y1) to (x2, y2): a quadratic Bézier bulging to the left of the direction of
    travel by `bend` x the length, so a link and its reverse curve to opposite sides and never overlap."""
    dx, dy = x2 - x1, y2 - y1
    cx, cy = (x1 + x2) / 2.0 - dy * bend, (y1 + y2) / 2.0 + dx * bend
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1.0 - t
        points.append((u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2))
    points[0], points[-1] = (x1, y1), (x2, y2)
    return points


def headline(groups: Sequence[LeaderLinks], tags: Dict[int, EndTags]) -> Optional[float]:
    """INSIDE_SHARE: of every leader's partners (each firm once), the share in the belt (None without a
    belt or without partners)."""
    partners = {p for group in groups for _pos, p in group.items}
    known = [tags.get(p, NO_TAGS).in_belt for p in partners]
    known = [k for k in known if k is not None]
    if not known:
        return None
    return round(sum(1 for k in known if k == 1) / len(known), 4)
