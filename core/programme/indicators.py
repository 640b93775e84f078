"""The indicators a target can name, and their values from a scope's aggregated figures. Pure Python +
numpy: a scope-year's figures in, a number (or None) out."""

import json
import os
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from ..evaluation.index_math import land_use_mix

CATALOGUE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "evaluation", "default_indicators.json")
COVERAGE = re.compile(r"^cov(\d+(?:\.\d+)?)$")
# chain_inside:<leader key> / chain_within<R>:<leader key> (R in km): a leader's partners, from the years'
# packages exported with LINKS (maps/chains/)
CHAIN = re.compile(r"^chain_(inside|within(\d+(?:\.\d+)?)):(.+)$", re.IGNORECASE)
CHAIN_KINDS = ("chain_inside", "chain_within")
DEFAULT_RADIUS = 500.0
# catalogue kinds the progress computes from sites, zones and stations alone
CATALOGUE_KINDS = ("density", "coverage", "walk", "lum")


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator key asks for."""

    key: str
    kind: str  # count, density, coverage, walk, lum, index
    category: Optional[str] = None  # count / density of one category; None: every site
    radius: Optional[float] = None  # coverage radius in metres
    decrease: bool = False  # lower is better (walk)
    label_zh: str = ""
    label_en: str = ""
    unit: str = ""
    leader: Optional[str] = None  # chain indicators: the leader's key (site_id or name) as written

    @property
    def chain(self) -> bool:
        """True for the chain indicators (values from the years' chain tables, scope belt only)."""
        return self.kind in CHAIN_KINDS


def catalogue() -> List[dict]:
    """The evaluation index's built-in indicators (core/evaluation/default_indicators.json)."""
    with open(CATALOGUE, encoding="utf-8") as handle:
        return [i for i in json.load(handle)["indicators"] if i.get("kind") in CATALOGUE_KINDS]


def known_keys() -> List[str]:
    """The indicator keys for the help, the messages and make demo."""
    keys = ["sites", "sites:<category>", "density", "cov<R>", "walk_mean", "index"]
    keys += ["chain_inside:<leader>", "chain_within<R>:<leader>"]
    return keys + [i["key"] for i in catalogue() if i["key"] not in keys and not COVERAGE.match(i["key"])]


def parse_indicator(key: str) -> Optional[IndicatorSpec]:
    """The spec of an indicator key, None when the key is unknown."""
    chain = parse_chain(key)
    if chain is not None:
        return chain
    key = str(key or "").strip().lower()
    if key == "sites":
        return IndicatorSpec(key, "count", label_zh="场所数", label_en="sites", unit="个")
    if key.startswith("sites:") and len(key) > 6:
        category = key[6:]
        return IndicatorSpec(key, "count", category, label_zh="场所数：" + category, label_en=key, unit="个")
    if key == "density":
        return IndicatorSpec(key, "density", label_zh="场所密度", label_en="site density", unit="个/km²")
    found = COVERAGE.match(key)
    if found:
        radius = float(found.group(1))
        return IndicatorSpec(
            key,
            "coverage",
            radius=radius,
            label_zh="{:g} m 步行覆盖率".format(radius),
            label_en="{:g} m walk coverage".format(radius),
            unit="%",
        )
    if key == "walk_mean":
        return IndicatorSpec(
            key, "walk", decrease=True, label_zh="到服务站平均步行距离", label_en="mean walk", unit="m"
        )
    if key == "index":
        return IndicatorSpec(key, "index", label_zh="综合评价指数", label_en="evaluation index", unit="分")
    for item in catalogue():
        if item["key"] == key:
            kind = item["kind"]
            label = item.get("label", key)
            if kind == "density":
                return IndicatorSpec(key, "density", item.get("category"), label_zh=label, label_en=key)
            if kind == "walk":
                return IndicatorSpec(key, "walk", decrease=True, label_zh=label, label_en=key, unit="m")
            if kind == "lum":
                return IndicatorSpec(key, "lum", label_zh=label, label_en=key)
    return None


def parse_chain(key: str) -> Optional[IndicatorSpec]:
    """The spec of chain_inside:<leader> or chain_within<R>:<leader> (R in km, > 0), None otherwise. The
    prefix is read in any case, the leader's key kept as written."""
    found = CHAIN.match(str(key or "").strip())
    if not found:
        return None
    leader = found.group(3).strip()
    if not leader:
        return None
    if found.group(2) is None:
        return IndicatorSpec(
            "chain_inside:" + leader,
            "chain_inside",
            leader=leader,
            label_zh="{} 带内合作伙伴占比".format(leader),
            label_en="{}: partners inside the belt".format(leader),
            unit="%",
        )
    radius = float(found.group(2))
    if radius <= 0:
        return None
    return IndicatorSpec(
        "chain_within{}:{}".format(found.group(2), leader),
        "chain_within",
        radius=radius,
        leader=leader,
        label_zh="{} {:g} km 内合作伙伴占比".format(leader, radius),
        label_en="{}: partners within {:g} km".format(leader, radius),
        unit="%",
    )


@dataclass
class ScopeFigures:
    """One scope in one year, aggregated: site counts per category, area, walks to the nearest station."""

    counts: Dict[str, int]  # category -> sites
    total: int
    km2: float
    near: Dict[float, int]  # radius -> sites within it (None when the year has no station)
    walk_sum: float
    walk_count: int
    with_stations: bool


def value_of(spec: IndicatorSpec, figures: ScopeFigures, categories: Sequence[str]) -> Optional[float]:
    """The value of an indicator (not the index) for a scope-year; None when undefined."""
    count = figures.total if spec.category is None else figures.counts.get(spec.category, 0)
    if spec.kind == "count":
        return float(count)
    if spec.kind == "density":
        return count / figures.km2 if figures.km2 > 0 else None
    if spec.kind == "coverage":
        if figures.total == 0:
            return None  # no station in the year: nobody is covered (0 %), the zero baseline of a new one
        return 100.0 * figures.near.get(spec.radius, 0) / figures.total
    if spec.kind == "walk":
        if not figures.with_stations or figures.walk_count == 0:
            return None
        return figures.walk_sum / figures.walk_count
    if spec.kind == "lum":
        shares = [figures.counts.get(c, 0) for c in categories]
        return float(land_use_mix(shares, len(categories))) if figures.total else None
    return None
