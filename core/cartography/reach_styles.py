"""Styles of the service reach and index results: sites by walk band, catchments by radius, index by grade."""

from typing import Sequence

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGraduatedSymbolRenderer,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsRendererRange,
)
from qgis.PyQt.QtGui import QColor

from ...i18n import tr

# walking minutes: the Shanghai 15-minute life circle's yardsticks
WALK_BANDS = ((0.0, 5.0, "#1a9641"), (5.0, 10.0, "#a6d96a"), (10.0, 15.0, "#fdae61"), (15.0, 1e9, "#d7191c"))
CATCHMENT_BLUES = ("#08519c", "#3182bd", "#6baed6", "#9ecae1", "#c6dbef")


def walk_band_renderer() -> QgsGraduatedSymbolRenderer:
    """Sites graduated on walk_min: within 5, 10, 15 minutes and beyond."""
    ranges = []
    for low, high, colour in WALK_BANDS:
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "2.4"})
        if high < 1e9:
            label = tr("≤ {} min walk").format(int(high))
        else:
            label = tr("> {} min walk").format(int(low))
        ranges.append(QgsRendererRange(low, high, symbol, label))
    return QgsGraduatedSymbolRenderer("walk_min", ranges)


def catchment_renderer(radii: Sequence[float]) -> QgsCategorizedSymbolRenderer:
    """Catchments by radius, the smallest darkest and drawn on top."""
    categories = []
    for i, radius in enumerate(sorted(radii)):
        colour = QColor(CATCHMENT_BLUES[min(i, len(CATCHMENT_BLUES) - 1)])
        symbol = QgsFillSymbol.createSimple(
            {
                "color": "{},{},{},70".format(colour.red(), colour.green(), colour.blue()),
                "outline_color": colour.name(),
                "outline_width": "0.3",
            }
        )
        categories.append(
            QgsRendererCategory(float(radius), symbol, tr("within {} m").format("{:g}".format(radius)))
        )
    renderer = QgsCategorizedSymbolRenderer("radius_m", categories)
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([QgsFeatureRequest.OrderByClause("radius_m", False)]))
    renderer.setOrderByEnabled(True)
    return renderer


def style_walks(layer) -> None:
    """Walk bands on a layer of sites with walk_min."""
    if layer is not None and layer.fields().indexOf("walk_min") >= 0:
        layer.setRenderer(walk_band_renderer())
        layer.triggerRepaint()


def style_catchments(layer) -> None:
    """Radius categories on a catchment layer."""
    if layer is None or layer.fields().indexOf("radius_m") < 0:
        return
    radii = sorted({float(f["radius_m"]) for f in layer.getFeatures()})
    layer.setRenderer(catchment_renderer(radii))
    layer.triggerRepaint()


def spoke_renderer() -> QgsGraduatedSymbolRenderer:
    """Spokes (station to served site) as thin lines in the walk band colours of walk_m at 1.1 m/s."""
    ranges = []
    for low, high, colour in WALK_BANDS:
        symbol = QgsLineSymbol.createSimple({"color": colour, "width": "0.25", "capstyle": "round"})
        symbol.setOpacity(0.7)
        label = tr("≤ {} min walk").format(int(high)) if high < 1e9 else tr("> {} min walk").format(int(low))
        ranges.append(QgsRendererRange(low * 66.0, min(high * 66.0, 1e12), symbol, label))
    return QgsGraduatedSymbolRenderer("walk_m", ranges)


def style_spokes(layer) -> None:
    """Spokes from each station to the sites it serves, coloured by walk band."""
    if layer is not None and layer.fields().indexOf("walk_m") >= 0:
        layer.setRenderer(spoke_renderer())
        layer.triggerRepaint()


def style_index(layer) -> None:
    """The five grades on an evaluation index layer."""
    from ..evaluation.style import grade_renderer

    if layer is not None and layer.fields().indexOf("score") >= 0:
        layer.setRenderer(grade_renderer())
        layer.triggerRepaint()
