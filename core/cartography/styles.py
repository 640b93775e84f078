"""Default styles of the belt layers: zones by type (fixed palette), sites by category, belt, roads.

Labels use the CJK font chosen by layers.fonts, so Chinese names never render as empty boxes.
"""

from typing import Optional

from qgis.core import (
    Qgis,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsRendererCategory,
    QgsSimpleMarkerSymbolLayerBase,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..base.site_categories import site_category
from ..base.zone_types import ZONE_TYPE_FIELD_NAMES, ZONE_TYPES, find_field
from .fonts import label_font

ROLES = ("belt", "zones", "sites", "roads")


def _marker_shape(name: str):
    """A marker shape by name, on QGIS 3.22 (QgsSimpleMarkerSymbolLayerBase) and later (Qgis.MarkerShape)."""
    holder = getattr(Qgis, "MarkerShape", QgsSimpleMarkerSymbolLayerBase)
    return getattr(holder, name)


def _placement(name: str):
    """A label placement by name, on QGIS 3.22 (QgsPalLayerSettings) and later (Qgis.LabelPlacement)."""
    holder = getattr(Qgis, "LabelPlacement", QgsPalLayerSettings)
    return getattr(holder, name)


def _with_alpha(hex_colour: str, alpha: int) -> str:
    colour = QColor(hex_colour)
    return "{},{},{},{}".format(colour.red(), colour.green(), colour.blue(), alpha)


def zone_symbol(hex_colour: str, fill_alpha: int = 150) -> QgsFillSymbol:
    """Fill symbol of one zone type: translucent fill in the type colour, darker outline."""
    outline = QColor(hex_colour).darker(140).name()
    return QgsFillSymbol.createSimple(
        {
            "color": _with_alpha(hex_colour, fill_alpha),
            "outline_color": outline,
            "outline_width": "0.4",
            "outline_width_unit": "MM",
        }
    )


def zones_renderer(type_field: str = "zone_type", language: str = "zh") -> QgsCategorizedSymbolRenderer:
    """Categorised renderer with one category per zone type (value = key, label in the language)."""
    categories = [
        QgsRendererCategory(zone.key, zone_symbol(zone.colour), zone.label(language)) for zone in ZONE_TYPES
    ]
    return QgsCategorizedSymbolRenderer(type_field, categories)


def text_format(size: float = 9.0, colour: str = "#202020", bold: bool = False, buffer: float = 0.8):
    """A text format in the CJK font with a white halo."""
    fmt = QgsTextFormat()
    fmt.setFont(label_font(size, bold))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(colour))
    halo = QgsTextBufferSettings()
    halo.setEnabled(buffer > 0)
    halo.setSize(buffer)
    halo.setColor(QColor("white"))
    fmt.setBuffer(halo)
    return fmt


def set_labels(
    layer: QgsVectorLayer, expression: str, fmt: QgsTextFormat, placement: str, is_expression=True
):
    """Labels from an expression (or a field), in a format and a placement named as QGIS names it."""
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = is_expression
    settings.setFormat(fmt)
    settings.placement = _placement(placement)
    settings.enabled = True
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def style_zones(layer: QgsVectorLayer, language: str = "zh", type_field: Optional[str] = None) -> None:
    """Zones filled by type with the fixed palette, labelled with their names."""
    field = type_field or find_field(layer.fields().names(), ZONE_TYPE_FIELD_NAMES) or "zone_type"
    layer.setRenderer(zones_renderer(field, language))
    name_field = "name_en" if language.startswith("en") and "name_en" in layer.fields().names() else "name"
    if name_field in layer.fields().names():
        set_labels(layer, '"{}"'.format(name_field), text_format(9, "#1a1a1a"), "Horizontal")
    layer.triggerRepaint()


def site_symbol(category_key) -> QgsMarkerSymbol:
    """Marker of one site category: its shape and colour, white outline."""
    category = site_category(category_key)
    symbol = QgsMarkerSymbol.createSimple(
        {"color": category.colour, "outline_color": "white", "outline_width": "0.3", "size": "2.6"}
    )
    symbol.symbolLayer(0).setShape(_marker_shape(category.shape))
    return symbol


def style_sites(layer: QgsVectorLayer, category_field: str = "category", language: str = "zh") -> None:
    """Sites as markers by category (distinct shape and colour per category)."""
    if category_field not in layer.fields().names():
        return
    index = layer.fields().indexOf(category_field)
    values = sorted(str(v) for v in layer.uniqueValues(index) if v is not None and str(v) != "NULL")
    categories = [
        QgsRendererCategory(value, site_symbol(value), site_category(value).label(language))
        for value in values
    ]
    layer.setRenderer(QgsCategorizedSymbolRenderer(category_field, categories))
    layer.triggerRepaint()


def style_belt(layer: QgsVectorLayer) -> None:
    """The belt boundary: no fill, a bold dashed red outline."""
    symbol = QgsFillSymbol.createSimple(
        {
            "style": "no",
            "outline_color": "#c0392b",
            "outline_width": "1.2",
            "outline_width_unit": "MM",
            "outline_style": "dash",
        }
    )
    from qgis.core import QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    layer.setLabelsEnabled(False)
    layer.triggerRepaint()


# legend labels of the road classes: (English, Chinese)
_ROAD_LABELS = {
    "main": ("Main roads", "主要道路"),
    "other": ("Other roads", "其他道路"),
    "all": ("Roads", "道路"),
}
_MAIN_ROADS = "\"highway\" IN ('motorway','trunk','primary','secondary')"


def style_roads(layer: QgsVectorLayer, language: str = "zh") -> None:
    """Roads in grey, wider for main roads, labelled along the line."""
    from qgis.core import QgsRuleBasedRenderer

    lang = 0 if language.startswith("en") else 1
    main = QgsLineSymbol.createSimple({"color": "#9a9a9a", "width": "0.9", "capstyle": "round"})
    minor = QgsLineSymbol.createSimple({"color": "#b8b8b8", "width": "0.45", "capstyle": "round"})
    root = QgsRuleBasedRenderer.Rule(None)
    if "highway" in layer.fields().names():
        main_rule = QgsRuleBasedRenderer.Rule(main, 0, 0, _MAIN_ROADS, _ROAD_LABELS["main"][lang])
        root.appendChild(main_rule)
        root.appendChild(QgsRuleBasedRenderer.Rule(minor, 0, 0, "ELSE", _ROAD_LABELS["other"][lang]))
    else:
        root.appendChild(QgsRuleBasedRenderer.Rule(main, 0, 0, "", _ROAD_LABELS["all"][lang]))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    name_field = "name_en" if language.startswith("en") and "name_en" in layer.fields().names() else "name"
    if name_field in layer.fields().names():
        set_labels(layer, '"{}"'.format(name_field), text_format(7.5, "#505050"), "Curved")
    layer.triggerRepaint()


def apply_default_style(layer: QgsVectorLayer, role: str, language: str = "zh") -> None:
    """Style a layer by its role in the belt: 'belt', 'zones', 'sites' or 'roads'."""
    if role == "zones":
        style_zones(layer, language)
    elif role == "sites":
        style_sites(layer, language=language)
    elif role == "belt":
        style_belt(layer)
    elif role == "roads":
        style_roads(layer, language)
    else:
        raise ValueError("Unknown layer role '{}' (expected one of {})".format(role, ", ".join(ROLES)))
