"""Differences between the QGIS and Qt versions Belt Map runs on (QGIS 3.22 to 3.44, Qt5; QGIS 4, Qt6).

Each helper uses the newer API where the running QGIS has it (no DeprecationWarning on 3.40/3.44) and the
older one on 3.22.
"""

from qgis.core import Qgis, QgsLegendStyle, QgsMapLayerProxyModel, QgsTextFormat
from qgis.PyQt.QtCore import QMetaType

try:  # Qt6 (QGIS 4) moved QAction to QtGui
    from qgis.PyQt.QtGui import QAction  # noqa: F401 (re-exported for plugin.py)
except ImportError:  # Qt5 (QGIS 3): QtWidgets
    from qgis.PyQt.QtWidgets import QAction  # noqa: F401

# QGIS 3.38 moved field types from QVariant.Type to QMetaType.Type (the QVariant forms warn; Qt6 lacks them)
FIELD_TYPES_ARE_METATYPES = Qgis.QGIS_VERSION_INT >= 33800


def _field_types() -> tuple:
    """(text, integer, 64-bit integer, real, boolean, date) field types for QgsField on the running QGIS."""
    if FIELD_TYPES_ARE_METATYPES:
        kind = QMetaType.Type
        return kind.QString, kind.Int, kind.LongLong, kind.Double, kind.Bool, kind.QDate
    from qgis.PyQt.QtCore import QVariant  # QGIS < 3.38 is always Qt5

    return tuple(getattr(QVariant, name) for name in ("String", "Int", "LongLong", "Double", "Bool", "Date"))


TEXT, INT, BIGINT, REAL, BOOL, DATE = _field_types()


def layer_filters(*kinds: str):
    """QgsMapLayerComboBox filters for layer kinds ('PolygonLayer', ...): Qgis.LayerFilters since 3.34."""
    if hasattr(Qgis, "LayerFilters"):  # the proxy model's Filters overload of setFilters warns there
        combined = Qgis.LayerFilters(getattr(Qgis.LayerFilter, kinds[0]))
        for kind in kinds[1:]:
            combined = Qgis.LayerFilters(combined | getattr(Qgis.LayerFilter, kind))
        return combined
    combined = getattr(QgsMapLayerProxyModel, kinds[0])
    for kind in kinds[1:]:
        combined |= getattr(QgsMapLayerProxyModel, kind)
    return combined


def set_layer_title(layer, title: str) -> None:
    """The layer's title (server properties since QGIS 3.38)."""
    if hasattr(layer, "serverProperties") and Qgis.QGIS_VERSION_INT >= 33800:
        layer.serverProperties().setTitle(title)
    else:
        layer.setTitle(title)


def text_format(font, colour) -> QgsTextFormat:
    """A text format with font's family, size and weight, in colour."""
    fmt = QgsTextFormat.fromQFont(font)
    fmt.setColor(colour)
    return fmt


def set_label_font(label, font, colour) -> None:
    """Font and colour of a layout label (a text format since QGIS 3.24)."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(text_format(font, colour))
    else:
        label.setFont(font)
        label.setFontColor(colour)


def set_legend_fonts(legend, fonts: dict, colour) -> None:
    """Fonts ({QgsLegendStyle.Style: QFont}) and text colour of a layout legend (text formats since 3.30)."""
    if hasattr(QgsLegendStyle, "setTextFormat"):
        for style, font in fonts.items():
            legend.rstyle(style).setTextFormat(text_format(font, colour))
        return
    for style, font in fonts.items():
        legend.setStyleFont(style, font)
    legend.setFontColor(colour)


def sld_style(layer) -> str:
    """The layer's style as SLD text (exportSldStyleV3 since QGIS 3.44, V2 since 3.30, the first before)."""
    from qgis.PyQt.QtXml import QDomDocument

    if hasattr(layer, "exportSldStyleV3"):
        from qgis.core import QgsSldExportContext

        return layer.exportSldStyleV3(QgsSldExportContext()).toString()
    document = QDomDocument()
    if hasattr(layer, "exportSldStyleV2"):
        from qgis.core import QgsSldExportContext

        layer.exportSldStyleV2(document, "", QgsSldExportContext())
    else:
        layer.exportSldStyle(document, "")
    return document.toString()
