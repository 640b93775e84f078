"""Known site categories: key, Chinese and English names, marker shape and colour for maps."""

from dataclasses import dataclass
from typing import Dict, Tuple


@dataclass(frozen=True)
class SiteCategory:
    """One kind of site (enterprise, service station, …) and how maps draw it."""

    key: str
    name_zh: str
    name_en: str
    shape: str  # a QgsSimpleMarkerSymbolLayerBase shape name (Qgis.MarkerShape in newer QGIS)
    colour: str

    def label(self, language: str = "zh") -> str:
        """The display name in the given language ('zh' or 'en')."""
        return self.name_en if language.lower().startswith("en") else self.name_zh


SITE_CATEGORIES: Tuple[SiteCategory, ...] = (
    SiteCategory("service_station", "党群服务站", "Party-public service station", "Star", "#d7191c"),
    SiteCategory("enterprise", "企业", "Enterprise", "Square", "#2b83ba"),
    SiteCategory("institute", "研究机构", "Research institute", "Diamond", "#7b3294"),
    SiteCategory("facility", "公共设施", "Public facility", "Triangle", "#1a9641"),
    SiteCategory("residential", "住宅小区", "Residential compound", "Circle", "#fdae61"),
    SiteCategory("school", "学校", "School", "Pentagon", "#008837"),
    SiteCategory("culture", "文化场馆", "Cultural venue", "Hexagon", "#c51b7d"),
    SiteCategory("transit", "交通站点", "Transit stop", "Cross2", "#404040"),
    SiteCategory("landmark", "地标", "Landmark", "Octagon", "#8c510a"),
)

_BY_KEY: Dict[str, SiteCategory] = {c.key: c for c in SITE_CATEGORIES}
_FALLBACK_COLOURS = ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3")


def site_category(key) -> SiteCategory:
    """The known category for a key; an unknown key gets a generic entry with a stable colour."""
    text = "" if key is None else str(key)
    if text in _BY_KEY:
        return _BY_KEY[text]
    colour = _FALLBACK_COLOURS[sum(text.encode("utf-8")) % len(_FALLBACK_COLOURS)]
    return SiteCategory(text, text, text, "Circle", colour)
