"""CJK fonts: pick one the system has, and check that it can draw a given text."""

import os
from functools import cache
from typing import Iterable, List, Optional

from qgis.PyQt.QtGui import QFont, QFontDatabase, QRawFont

# In order of preference; the first the system has wins.
CJK_FONT_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "Source Han Sans CN",
    "Droid Sans Fallback",
)

# drawn on every map; a font that cannot draw these is no CJK font
CJK_PROBE = "安驰路产城融合实践带园区社区街区展区景区示意"

# a family forced by the user wins over the automatic choice (environment first, then the setting)
FONT_ENV = "BELTMAP_FONT"
FONT_SETTING = "beltmap/font_family"

INSTALL_HINT = "install a CJK font (Debian/Ubuntu: apt install fonts-noto-cjk) or choose a font that has them"


@cache
def _families() -> tuple:
    return tuple(QFontDatabase().families())


@cache
def _raw_font(family: str) -> QRawFont:
    return QRawFont.fromFont(QFont(family, 12))


def available_cjk_families() -> List[str]:
    """The preferred CJK families the system has, best first."""
    present = set(_families())
    return [
        family
        for family in CJK_FONT_FAMILIES
        if family in present and not missing_characters(CJK_PROBE, family)
    ]


def cjk_font_family() -> Optional[str]:
    """The best CJK font family on this system, or None when there is none."""
    families = available_cjk_families()
    return families[0] if families else None


def forced_font_family() -> Optional[str]:
    """The family the user forced through $BELTMAP_FONT or the setting beltmap/font_family, if any."""
    family = os.environ.get(FONT_ENV, "").strip()
    if not family:
        from qgis.core import QgsSettings

        family = str(QgsSettings().value(FONT_SETTING, "") or "").strip()
    return family or None


def map_font_family() -> str:
    """The family every map text is drawn in: the forced one, else the best CJK one, else Qt's default."""
    return forced_font_family() or cjk_font_family() or QFont().family()


def resolved_family(family: str) -> str:
    """The family Qt really draws with for a requested family (it substitutes missing ones)."""
    return QRawFont.fromFont(QFont(family, 12)).familyName() or family


def missing_characters(text: str, family: str) -> List[str]:
    """Characters of text (whitespace and controls aside) that the font family cannot draw, in order."""
    raw = _raw_font(family)
    missing: List[str] = []
    for char in dict.fromkeys(text or ""):
        if char.isspace() or not char.isprintable():
            continue
        if not raw.isValid() or not raw.supportsCharacter(char):
            missing.append(char)
    return missing


def check_texts(texts: Iterable[str], family: str) -> List[str]:
    """Every character of all texts that family cannot draw (no duplicates, first occurrence order)."""
    return missing_characters("".join(t for t in texts if t), family)


def label_font(size: float = 9.0, bold: bool = False) -> QFont:
    """A QFont in the chosen CJK family (the default family when the system has none)."""
    font = QFont(map_font_family())
    font.setPointSizeF(size)
    font.setBold(bold)
    return font
