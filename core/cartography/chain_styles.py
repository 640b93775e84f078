"""How chain links are drawn: one colour per relation, arrows from the leader's side to the partner's."""

from qgis.core import (
    QgsArrowSymbolLayer,
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsRendererCategory,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QColor

from ..chains.links import RELATION_KEYS, relation_label

RELATION_COLOURS = {
    "supplier": "#1f78b4",
    "customer": "#e66101",
    "partner": "#33a02c",
    "research": "#6a3d9a",
    "service": "#b15928",
    "other": "#7f7f7f",
}


def arrow_symbol(colour: str, width_mm: float = 0.5, alpha: int = 220) -> QgsLineSymbol:
    """A thin arrow line in the colour (the head at the line's end)."""
    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(False)
    arrow.setIsRepeated(False)
    arrow.setArrowWidth(width_mm)
    arrow.setArrowStartWidth(width_mm)
    arrow.setArrowWidthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setArrowStartWidthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setHeadLength(2.2)
    arrow.setHeadThickness(1.2)
    arrow.setHeadLengthUnit(QgsUnitTypes.RenderMillimeters)
    arrow.setHeadThicknessUnit(QgsUnitTypes.RenderMillimeters)
    fill = QColor(colour)
    fill.setAlpha(alpha)
    arrow.setSubSymbol(
        QgsFillSymbol.createSimple({"color": fill.name(QColor.NameFormat.HexArgb), "outline_style": "no"})
    )
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, arrow)
    return symbol


def links_renderer(language: str = "zh") -> QgsCategorizedSymbolRenderer:
    """LINK_LINES by relation (the `relation` key), labelled in the language."""
    categories = [
        QgsRendererCategory(key, arrow_symbol(RELATION_COLOURS[key]), relation_label(key, language))
        for key in RELATION_KEYS
    ]
    return QgsCategorizedSymbolRenderer("relation", categories)


def style_links(layer, language: str = "zh") -> None:
    """Style a chain links layer by relation with arrows."""
    if layer is not None and layer.fields().indexOf("relation") >= 0:
        layer.setRenderer(links_renderer(language))
        layer.triggerRepaint()
