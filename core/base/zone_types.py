"""The one table of zone types: keys, Chinese and English names, colours, aliases.

Everything else in the plugin (loader, styles, tagging, summaries, maps) reads zone types from here.
This module imports nothing from QGIS so that scripts and tests can use it anywhere.
"""

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple


@dataclass(frozen=True)
class ZoneType:
    """One kind of zone of the practice belt."""

    key: str
    name_zh: str
    name_en: str
    colour: str  # fill colour, hex RGB; the fixed palette of every map
    aliases: Tuple[str, ...]

    def label(self, language: str = "zh") -> str:
        """The display name in the given language ('zh' or 'en')."""
        return self.name_en if language.lower().startswith("en") else self.name_zh


ZONE_TYPES: Tuple[ZoneType, ...] = (
    ZoneType("park", "园区", "Park", "#5b8ff9", ("产业园区", "园", "industrial park", "business park")),
    ZoneType(
        "community",
        "社区",
        "Community",
        "#f6bd16",
        ("居住社区", "小区", "residential", "neighbourhood", "neighborhood"),
    ),
    ZoneType("street", "街区", "Street block", "#e8684a", ("街坊", "street", "block", "district block")),
    ZoneType("exhibition", "展区", "Exhibition area", "#9661bc", ("展览区", "会展", "expo", "exhibition")),
    ZoneType(
        "scenic",
        "景区",
        "Scenic area",
        "#5ad8a6",
        ("风景区", "旅游区", "景点", "scenic spot", "tourist area"),
    ),
)

ZONE_KEYS: Tuple[str, ...] = tuple(z.key for z in ZONE_TYPES)

# Most specific first: an exhibition hall inside an industrial park is tagged as exhibition.
DEFAULT_PRIORITY: Tuple[str, ...] = ("exhibition", "scenic", "park", "street", "community")

# Field names under which a zones layer may carry its zone type, in order of preference.
ZONE_TYPE_FIELD_NAMES: Tuple[str, ...] = ("zone_type", "type", "类型", "区域类型")
# virtual field the loader adds when a layer's zone types are written as aliases: the canonical keys
ZONE_KEY_FIELD = "zone_key"
ZONE_ID_FIELD_NAMES: Tuple[str, ...] = ("zone_id", "id", "编号", "区域编号", "fid_zone")
ZONE_NAME_FIELD_NAMES: Tuple[str, ...] = ("name", "zone_name", "名称", "区域名称")

_BY_KEY: Dict[str, ZoneType] = {z.key: z for z in ZONE_TYPES}


def _clean(value: str) -> str:
    """Trim, fold case and width (full-width letters, ideographic spaces) for comparison."""
    text = unicodedata.normalize("NFKC", str(value)).strip().lower()
    return " ".join(text.split())


def _build_lookup() -> Dict[str, str]:
    lookup: Dict[str, str] = {}
    for zone in ZONE_TYPES:
        for spelling in (zone.key, zone.name_zh, zone.name_en, *zone.aliases):
            lookup[_clean(spelling)] = zone.key
    return lookup


_LOOKUP: Dict[str, str] = _build_lookup()


def zone_type(key: str) -> ZoneType:
    """The ZoneType for a canonical key; KeyError if there is none."""
    return _BY_KEY[key]


def normalise(value) -> Optional[str]:
    """The canonical key for a key, Chinese or English name or alias; None if unknown or empty."""
    if value is None:
        return None
    text = _clean(value)
    if not text or text == "null":
        return None
    return _LOOKUP.get(text)


def nearest_key(value) -> str:
    """The known key closest to an unknown spelling, for 'did you mean' messages."""
    text = _clean(value) if value is not None else ""
    for spelling, key in _LOOKUP.items():
        # a Chinese spelling that contains a known name ("展区一" → 展区) is the best hint
        if spelling and len(spelling) >= 2 and spelling in text:
            return key
    matches = difflib.get_close_matches(text, list(_LOOKUP), n=1, cutoff=0.0)
    return _LOOKUP[matches[0]] if matches else DEFAULT_PRIORITY[-1]


def unknown_values(values: Iterable) -> Dict[str, int]:
    """Every value that is not a known zone type, with how often it occurs (NULL counted as '')."""
    counts: Dict[str, int] = {}
    for value in values:
        if normalise(value) is None:
            null = value is None or (hasattr(value, "isNull") and value.isNull())  # QVariant NULL too
            text = "" if null else str(value)
            counts[text] = counts.get(text, 0) + 1
    return counts


def loaded_type_field(field_names: Iterable[str]) -> Optional[str]:
    """The field holding a loaded zones layer's types: the loader's normalised `zone_key` first."""
    return find_field(field_names, (ZONE_KEY_FIELD,) + ZONE_TYPE_FIELD_NAMES)


def parse_priority(text) -> List[str]:
    """A full priority order from text like 'exhibition,景区,park'; missing keys follow by default order.

    Raises ValueError naming any item that is not a zone type, or a key given twice.
    """
    if text is None or not str(text).strip():
        return list(DEFAULT_PRIORITY)
    items = [item for item in str(text).replace("，", ",").replace(";", ",").split(",") if item.strip()]
    order: List[str] = []
    for item in items:
        key = normalise(item)
        if key is None:
            raise ValueError(
                "Unknown zone type '{}' in priority (did you mean '{}'?)".format(
                    item.strip(), nearest_key(item)
                )
            )
        if key in order:
            raise ValueError("Zone type '{}' appears twice in priority".format(key))
        order.append(key)
    order.extend(key for key in DEFAULT_PRIORITY if key not in order)
    return order


def find_field(field_names: Iterable[str], candidates: Iterable[str]) -> Optional[str]:
    """The first candidate present among field_names (case-insensitive), with its real spelling."""
    by_lower = {name.lower(): name for name in field_names}
    for candidate in candidates:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None
