"""The chain indicators of a year: a leader's partners inside the belt, or within R km, read from what the
year's package holds (maps/chains/ as exportpackage LINKS writes it: chain_summary.csv, chain_links.csv).
Pure Python (no QGIS): the tables' text in, per-leader figures out; chain_reader.py reads the package."""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from ..errors import BeltMapError

SUMMARY_CSV = "chain_summary.csv"
LINKS_CSV = "chain_links.csv"
CHAINS_FOLDER = ("maps", "chains")
FORMULA_MARK = "'"  # write_excel_csv's apostrophe before a cell starting with = + - @


class ChainTablesError(BeltMapError):
    """A year's chain tables that cannot be read; the message names the year and the file."""


def leader_text(text) -> str:
    """A leader key as compared: NFKC (full width folded), no spaces, case folded."""
    value = unicodedata.normalize("NFKC", str(text or ""))
    if value.startswith(FORMULA_MARK) and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return "".join(value.split()).casefold()


@dataclass
class LeaderChain:
    """One leader in one year: its partners (each firm once), how many inside the belt (None without a
    belt), how many within each radius of the summary (km -> count), the partners' distances in metres."""

    key: str
    name: str
    partners: int
    inside: Optional[int]
    within: Dict[float, int] = field(default_factory=dict)
    distances: Optional[List[float]] = None  # from chain_links.csv, for radii the summary lacks

    def share_inside(self) -> Optional[float]:
        """Percent (0–100) of the partners inside the belt; None without partners or without a belt."""
        if not self.partners or self.inside is None:
            return None
        return 100.0 * self.inside / self.partners

    def count_within(self, radius_km: float) -> Optional[int]:
        """Partners within radius_km: the summary's within_<R>km, else from the links' distances."""
        count = self.within.get(float(radius_km))
        if count is None and self.distances is not None:
            count = sum(1 for d in self.distances if d <= radius_km * 1000.0)
        return count

    def share_within(self, radius_km: float) -> Optional[float]:
        """Percent (0–100) of the partners within radius_km; None without partners or distances."""
        count = self.count_within(radius_km)
        if not self.partners or count is None:
            return None
        return 100.0 * count / self.partners


@dataclass
class YearChains:
    """A year's chain tables: the leaders (by leader_text of key and of name), where they were read."""

    source: str
    leaders: Dict[str, LeaderChain] = field(default_factory=dict)

    def leader(self, key: str) -> Optional[LeaderChain]:
        """The leader named by its key (site_id) or its name, None when the year has no such leader."""
        return self.leaders.get(leader_text(key))


def _number(text) -> Optional[float]:
    text = str(text if text is not None else "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _rows(text: str) -> Tuple[List[str], List[Dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    return list(reader.fieldnames or []), list(reader)


def _within_radius(column: str) -> Optional[float]:
    """within_5km -> 5.0, within_2.5km -> 2.5, None for another column."""
    if column.startswith("within_") and column.endswith("km"):
        return _number(column[len("within_") : -2])
    return None


def parse_chain_tables(summary: str, links: Optional[str], source: str) -> YearChains:
    """The leaders of a chain summary CSV's text (its overall rows: chain and year empty), the partners'
    distances from the links CSV's text when given. ChainTablesError naming source when a column lacks."""
    headers, rows = _rows(summary)
    missing = [
        c for c in ("leader", "leader_name", "chain", "year", "partners", "inside") if c not in headers
    ]
    if missing:
        raise ChainTablesError(
            "{}: {} lacks the column(s) {} (链表缺少列)".format(source, SUMMARY_CSV, ", ".join(missing))
        )
    radii = {c: _within_radius(c) for c in headers if _within_radius(c) is not None}
    year = YearChains(source)
    for row in rows:
        if (row.get("chain") or "").strip() or (row.get("year") or "").strip():
            continue  # a row per chain or per year of `since`: the leader's overall row is the one
        partners = _number(row.get("partners"))
        inside = _number(row.get("inside"))
        chain = LeaderChain(
            key=str(row.get("leader") or ""),
            name=str(row.get("leader_name") or ""),
            partners=int(partners or 0),
            inside=None if inside is None else int(inside),
            within={
                r: int(_number(row.get(c)) or 0) for c, r in radii.items() if _number(row.get(c)) is not None
            },
        )
        for text in (chain.name, chain.key):  # the key wins over another leader's same name
            if leader_text(text):
                year.leaders[leader_text(text)] = chain
    if links is not None:
        _add_distances(year, links, source)
    return year


def _add_distances(year: YearChains, links: str, source: str) -> None:
    """Each leader's partners' distances (each partner once, the shortest link) from chain_links.csv."""
    headers, rows = _rows(links)
    if any(c not in headers for c in ("from_key", "to_key", "distance_m")):
        return
    away: Dict[int, Dict[str, float]] = {}
    by_key = {leader_text(c.key): c for c in year.leaders.values()}
    for row in rows:
        distance = _number(row.get("distance_m"))
        if distance is None:
            continue
        ends = (leader_text(row.get("from_key")), leader_text(row.get("to_key")))
        for here, there in (ends, ends[::-1]):
            chain = by_key.get(here)
            if chain is not None:
                seen = away.setdefault(id(chain), {})
                seen[there] = min(distance, seen.get(there, distance))
    for chain in by_key.values():
        chain.distances = list(away.get(id(chain), {}).values())


__all__ = ["YearChains", "LeaderChain", "parse_chain_tables", "leader_text", "ChainTablesError"]
