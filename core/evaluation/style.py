"""The index map style: score graduated in the five grades."""

from qgis.core import (
    QgsGraduatedSymbolRenderer,
    QgsRendererRange,
    QgsSymbol,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from .index_math import GRADES, grade_label

# grade 1 (优) .. 5 (差)
GRADE_COLOURS = {1: "#1a9641", 2: "#a6d96a", 3: "#ffffbf", 4: "#fdae61", 5: "#d7191c"}


def grade_renderer() -> QgsGraduatedSymbolRenderer:
    """Score in five fixed classes (0-20-40-60-80-100), labelled with the grade names."""
    ranges = []
    for low, number, _zh, _en in GRADES:
        low = max(low, 0.0)
        high = 100.0 if number == 1 else next(b for b, n, _z, _e in GRADES if n == number - 1)
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.PolygonGeometry)
        symbol.setColor(QColor(GRADE_COLOURS[number]))
        label = "{} {}（{:g}–{:g}）".format(number, grade_label(number), low, high)
        ranges.append(QgsRendererRange(low, high, symbol, label))
    renderer = QgsGraduatedSymbolRenderer("score", sorted(ranges, key=lambda r: r.lowerValue()))
    return renderer
