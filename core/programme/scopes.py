"""What a target's scope names: the belt, one zone (zone_id), or every zone of a zone type. Pure Python."""

from dataclasses import dataclass
from typing import Iterable, Optional

from ..base.zone_types import normalise, zone_type

BELT_WORDS = ("belt", "全带", "实践带", "all", "全部")


@dataclass(frozen=True)
class Scope:
    """A resolved scope: kind 'belt', 'zone' (key: zone_id) or 'type' (key: zone type key)."""

    kind: str
    key: str
    text: str  # as written in the targets table

    def label(self, language: str = "zh", names=None) -> str:
        """How the scope is named in the report."""
        if self.kind == "belt":
            return "Whole belt" if language == "en" else "全带"
        if self.kind == "type":
            return zone_type(self.key).label(language)
        name = (names or {}).get(self.key)
        return "{} {}".format(self.key, name) if name else self.key


def resolve_scope(text: str, zone_ids: Iterable[str]) -> Optional[Scope]:
    """The scope a cell names (belt, a zone_id of the reporting zones, a zone type key or Chinese name);
    None when it names none. A zone_id wins over a zone type of the same spelling."""
    raw = str(text or "").strip()
    if raw.lower() in BELT_WORDS:
        return Scope("belt", "belt", raw)
    if raw in set(zone_ids):
        return Scope("zone", raw, raw)
    key = normalise(raw)
    if key is not None:
        return Scope("type", key, raw)
    return None
