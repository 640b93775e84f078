"""The change styles, one source for the change map and beltchanges' output layers: sites by change kind
(unchanged dimmed), moves as arrows, zone changes outlined by kind (unchanged dimmed), labels (key or
name) on changed sites where they do not collide."""

from typing import Optional

from qgis.core import (
    QgsArrowSymbolLayer,
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
)
from qgis.PyQt.QtGui import QColor, QFont

from .styles import set_labels, text_format

# (kind, colour, marker shape, size mm) of the site symbols, in this order of precedence
SITE_STYLE = (
    ("added", "#1a9641", "triangle", 3.2),
    ("removed", "#d7191c", "cross2", 3.4),
    ("moved", "#2b83ba", "circle", 3.0),
    ("retagged", "#7b3294", "square", 2.8),
    ("changed", "#fdae61", "diamond", 3.0),
    ("unchanged", "#9e9e9e", "circle", 1.4),
)
# (kind, colour, outline style) of the zone outlines, in this order of precedence
ZONE_STYLE = (
    ("added", "#1a9641", "solid"),
    ("removed", "#d7191c", "dash"),
    ("split", "#008b8b", "solid"),
    ("merged", "#8c510a", "solid"),
    ("reshaped", "#ff7f00", "solid"),
    ("retyped", "#7b3294", "solid"),
    ("renamed", "#2b83ba", "dot"),
)
UNCHANGED_ZONE = "#c8c8c8"
MOVE_COLOUR = "#2b83ba"

KIND_ZH = {
    "added": "新增",
    "removed": "撤销",
    "moved": "迁移",
    "changed": "属性变更",
    "retagged": "所属区域变化",
    "unchanged": "未变",
    "reshaped": "边界调整",
    "retyped": "类型变更",
    "renamed": "更名",
    "split": "拆分",
    "merged": "合并",
}


def kind_label(kind: str, en: bool, count: Optional[int] = None) -> str:
    """A change kind as the legend says it, with its count when given."""
    text = kind if en else KIND_ZH.get(kind, kind)
    return text if count is None else "{} ({})".format(text, count)


def main_kind_expression(field: str, order) -> str:
    """A QGIS expression giving a feature's main kind: the first of order in its ';'-joined field."""
    parts = "string_to_array(coalesce(\"{}\", ''), ';')".format(field)
    whens = " ".join("WHEN array_contains({}, '{}') THEN '{}'".format(parts, kind, kind) for kind in order)
    return 'CASE {} ELSE "{}" END'.format(whens, field)


def site_symbol(kind: str) -> QgsMarkerSymbol:
    """The marker of a site change kind."""
    _kind, colour, shape, size = next(s for s in SITE_STYLE if s[0] == kind)
    symbol = QgsMarkerSymbol.createSimple(
        {
            "name": shape,
            "color": colour,
            "size": str(size),
            "outline_color": colour if shape == "cross2" else "#ffffff",  # a cross is all outline
            "outline_width": "0.7" if shape == "cross2" else "0.2",
        }
    )
    if kind == "unchanged":
        symbol.setOpacity(0.5)
    return symbol


def site_change_renderer(field: str, en: bool, counts=None) -> QgsCategorizedSymbolRenderer:
    """Sites by their main change kind (field: 'kind' holding one kind, or 'change' holding ';'-joined
    kinds); unchanged small, grey and half transparent, drawn first."""
    order = [s[0] for s in SITE_STYLE]
    categories = [
        QgsRendererCategory(kind, site_symbol(kind), kind_label(kind, en, (counts or {}).get(kind)))
        for kind in order
    ]
    expression = field if field == "kind" else main_kind_expression(field, order)
    renderer = QgsCategorizedSymbolRenderer(expression, categories)
    # the unchanged sites drawn first, underneath the changed ones
    first = "CASE WHEN ({}) = 'unchanged' THEN 0 ELSE 1 END".format(
        '"kind"' if field == "kind" else expression
    )
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause(first, True)]))
    renderer.setOrderByEnabled(True)
    return renderer


def move_symbol() -> QgsLineSymbol:
    """An arrow from the old to the new place."""
    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(False)
    arrow.setArrowWidth(0.5)
    arrow.setArrowStartWidth(0.5)
    arrow.setHeadLength(2.2)
    arrow.setHeadThickness(1.4)
    arrow.subSymbol().symbolLayer(0).setColor(QColor(MOVE_COLOUR))
    arrow.subSymbol().symbolLayer(0).setStrokeColor(QColor(MOVE_COLOUR))
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, arrow)
    return symbol


def move_renderer(en: bool, count: Optional[int] = None) -> QgsCategorizedSymbolRenderer:
    """Every move an arrow (one category, so the legend says what the arrows are)."""
    label = "Move" if en else "迁移路径"
    if count is not None:
        label = ("{} ({})" if en else "{}（{}）").format(label, count)
    return QgsCategorizedSymbolRenderer("'moved'", [QgsRendererCategory("moved", move_symbol(), label)])


def zone_change_symbol(kind: str) -> QgsFillSymbol:
    """An outline in the colour and line style of a zone change kind; unchanged: thin and light grey."""
    if kind == "unchanged":
        return QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": UNCHANGED_ZONE, "outline_width": "0.3", "outline_style": "solid"}
        )
    _kind, colour, style = next(z for z in ZONE_STYLE if z[0] == kind)
    return QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": colour, "outline_width": "0.9", "outline_style": style}
    )


def zone_change_renderer(field: str, en: bool, counts=None, unchanged: bool = True):
    """Zones outlined by their main change kind; unchanged zones thin and grey (when unchanged)."""
    order = [z[0] for z in ZONE_STYLE]
    kinds = order + (["unchanged"] if unchanged else [])
    categories = [
        QgsRendererCategory(kind, zone_change_symbol(kind), kind_label(kind, en, (counts or {}).get(kind)))
        for kind in kinds
        if counts is None or counts.get(kind)
    ]
    expression = field if field == "kind" else main_kind_expression(field, order)
    return QgsCategorizedSymbolRenderer(expression, categories)


def label_changed_sites(layer, key_field: str = "key", name_field: str = "name", change_field="change"):
    """Labels on the changed sites: their key, else their name; placed around the point, never over
    another label (QGIS's labelling engine drops a label that would collide)."""
    names = layer.fields().names()
    parts = ['"{}"'.format(f) for f in (key_field, name_field) if f in names]
    if not parts:
        return
    value = "coalesce({})".format(", ".join(parts + ["''"]))
    if change_field in names:
        value = "CASE WHEN coalesce(\"{}\", '') NOT IN ('', 'unchanged') THEN {} END".format(
            change_field, value
        )
    fmt = text_format(7.0, "#202020", False, 0.8)
    font = fmt.font()
    # no shaping: Noto CJK's contextual digit forms after letters have no ToUnicode entry, so a PDF
    # reader would drop the 058 of "S058"
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    fmt.setFont(font)
    # QGIS's labelling engine leaves out a label that would collide (displayAll stays off)
    set_labels(layer, value, fmt, "OrderedPositionsAroundPoint")


def style_site_changes(layer, en: bool = False) -> None:
    """beltchanges' SITE_CHANGES as the change map draws them, the changed sites labelled."""
    field = "kind" if layer.fields().indexOf("kind") >= 0 else "change"
    layer.setRenderer(site_change_renderer(field, en))
    label_changed_sites(layer)
    layer.triggerRepaint()


def style_site_moves(layer, en: bool = False) -> None:
    """beltchanges' SITE_MOVES as arrows."""
    layer.setRenderer(move_renderer(en))
    layer.triggerRepaint()


def style_zone_changes(layer, en: bool = False) -> None:
    """beltchanges' ZONE_CHANGES outlined by kind, unchanged zones thin and grey."""
    field = "kind" if layer.fields().indexOf("kind") >= 0 else "change"
    layer.setRenderer(zone_change_renderer(field, en))
    layer.triggerRepaint()
