"""Indicator definitions: the built-in set, and a small JSON (or YAML, if PyYAML is there) file."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from ..errors import BeltMapError
from .index_math import BENEFIT, COST

DEFAULT_FILE = Path(__file__).with_name("default_indicators.json")
KINDS = ("density", "coverage", "walk", "lum", "jhb", "expression")
AGGREGATES = ("sum", "mean", "count", "min", "max", "median")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,7}$")


class ConfigError(BeltMapError, ValueError):
    """The indicator file is not usable; the message names the indicator and what to fix."""


@dataclass
class Indicator:
    """One column of the index: how to compute it per unit, its direction and optional fixed weight."""

    key: str
    kind: str
    direction: str = BENEFIT
    weight: Optional[float] = None
    label: str = ""
    optional: bool = False  # skipped (with a note) when its fields are missing
    params: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The label, or the key when there is none."""
        return self.label or self.key


def expression_indicator(expression: str, aggregate: str, direction: str, weight=None) -> Indicator:
    """The dialog's extra indicator (key 'user'): a QGIS expression on the sites, aggregated per unit."""
    params = {"expression": expression, "aggregate": aggregate}
    return Indicator(
        key="user", kind="expression", direction=direction, weight=weight, label=expression, params=params
    )


def load_file(path) -> List[Indicator]:
    """Indicators from a .json file (or .yaml/.yml when PyYAML is importable)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as error:
            raise ConfigError(
                "{}: YAML needs PyYAML, which is not installed; use JSON".format(path)
            ) from error
        data = yaml.safe_load(text)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ConfigError("{}: not valid JSON ({})".format(path, error)) from error
    return parse(data, str(path))


def default_indicators() -> List[Indicator]:
    """The built-in starting set (default_indicators.json beside this module)."""
    return load_file(DEFAULT_FILE)


def parse(data, where: str = "indicators") -> List[Indicator]:
    """Indicators from parsed data: a list, or a mapping with an 'indicators' list."""
    items = data.get("indicators") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise ConfigError("{}: expected a list 'indicators' with at least one entry".format(where))
    indicators = [_indicator(item, "{} entry {}".format(where, i + 1)) for i, item in enumerate(items)]
    keys = [i.key for i in indicators]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ConfigError("{}: keys used twice: {}".format(where, ", ".join(repeated)))
    return indicators


def _indicator(item, where: str) -> Indicator:
    if not isinstance(item, dict):
        raise ConfigError("{}: expected an object with key, kind and direction".format(where))
    data = dict(item)
    key = str(data.pop("key", "")).strip()
    if not _KEY.match(key):
        raise ConfigError(
            "{}: key '{}' must be 1-8 lowercase ASCII letters, digits or _, starting with a letter "
            "(it becomes a field name, n_<key> the normalised one)".format(where, key)
        )
    kind = str(data.pop("kind", "expression" if "expression" in data else "")).strip().lower()
    if kind not in KINDS:
        raise ConfigError("{} ({}): kind '{}' is not one of {}".format(where, key, kind, ", ".join(KINDS)))
    direction = str(data.pop("direction", BENEFIT)).strip().lower()
    if direction not in (BENEFIT, COST):
        raise ConfigError(
            "{} ({}): direction must be 'benefit' or 'cost', not '{}'".format(where, key, direction)
        )
    weight = data.pop("weight", None)
    if weight is not None:
        try:
            weight = float(weight)
        except (TypeError, ValueError) as error:
            raise ConfigError("{} ({}): weight must be a number".format(where, key)) from error
        if not 0 <= weight <= 1:
            raise ConfigError("{} ({}): weight must lie between 0 and 1".format(where, key))
    indicator = Indicator(
        key=key,
        kind=kind,
        direction=direction,
        weight=weight,
        label=str(data.pop("label", "")),
        optional=bool(data.pop("optional", False)),
        params=data,
    )
    _check_params(indicator, where)
    return indicator


def _check_params(indicator: Indicator, where: str) -> None:
    p = indicator.params
    needs = {"coverage": ("radius",), "jhb": ("jobs", "workers"), "expression": ("expression",)}
    for name in needs.get(indicator.kind, ()):
        if p.get(name) in (None, ""):
            raise ConfigError(
                "{} ({}): a {} indicator needs '{}'".format(where, indicator.key, indicator.kind, name)
            )
    if indicator.kind == "coverage" and not _positive(p["radius"]):
        raise ConfigError("{} ({}): radius must be a number of metres above 0".format(where, indicator.key))
    if indicator.kind == "lum" and p.get("over", "category") not in ("category", "zone_type"):
        raise ConfigError("{} ({}): 'over' must be 'category' or 'zone_type'".format(where, indicator.key))
    if indicator.kind == "expression" and p.get("aggregate", "sum") not in AGGREGATES:
        raise ConfigError(
            "{} ({}): aggregate must be one of {}".format(where, indicator.key, ", ".join(AGGREGATES))
        )


def _positive(value) -> bool:
    try:
        return float(value) > 0
    except (TypeError, ValueError):
        return False
