"""The print layout of the belt map: title, map, legend, scale bar, north arrow, notes; and its atlas.

Sizes scale with the paper (A4 = 1, A0 = 4), so every paper gets the same composition. The texts drawn
are gathered in MapTexts, so the preflight checks exactly what the layout shows.
"""

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsInvertedPolygonRenderer,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsRectangle,
    QgsRenderContext,
    QgsRuleBasedRenderer,
    QgsScaleBarSettings,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ...compat import set_label_font, set_legend_fonts
from ..base.model import WORK_CRS  # EPSG:4549, CGCS2000 / 3-degree Gauss-Kruger CM 120E, metres
from .fonts import label_font

PAPER_SIZES_MM: Dict[str, tuple] = {  # portrait width, height
    "A4": (210, 297),
    "A3": (297, 420),
    "A2": (420, 594),
    "A1": (594, 841),
    "A0": (841, 1189),
}
ATLAS_MODES = ("none", "zone", "zone_type", "station")  # station: core/stations/atlas.py
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"
INK = "#1f1f1f"


@dataclass
class MapTexts:
    """Every fixed text of a map page, in one language."""

    title: str
    subtitle: str
    legend_title: str
    crs_note: str
    date_note: str
    source_note: str
    notice: str = ""  # the 示意 / illustrative notice, empty when the data is not illustrative
    legend_names: Dict[str, str] = field(default_factory=dict)  # layer role -> legend entry

    def all(self) -> List[str]:
        """Every text, for the preflight."""
        return [
            self.title,
            self.subtitle,
            self.legend_title,
            self.crs_note,
            self.date_note,
            self.source_note,
            self.notice,
            *self.legend_names.values(),
        ]


def map_texts(
    title: str,
    subtitle: str,
    language: str,
    date: str,
    sources: str,
    osm: bool,
    illustrative: bool,
    names: Dict,
) -> MapTexts:
    """The fixed texts of the map in the language (scale is added to the CRS note when known)."""
    en = language.startswith("en")
    osm_note = (
        "roads © OpenStreetMap contributors (ODbL)" if en else "道路 © OpenStreetMap contributors（ODbL）"
    )
    source = ("Data: {}" if en else "数据来源：{}").format(sources)
    if osm:
        source += ("; " if en else "；") + osm_note
    return MapTexts(
        title=title,
        subtitle=subtitle,
        legend_title="Legend" if en else "图例",
        crs_note=("CRS: {}" if en else "坐标系：{}").format(
            "CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549)"
        ),
        date_note=("Date: {}" if en else "制图日期：{}").format(date),
        source_note=source,
        notice=(
            "Illustrative (示意): boundaries and positions are approximate, not for surveying."
            if en
            else "示意图（Illustrative）：边界与位置为近似表达，不作测绘依据。"
        )
        if illustrative
        else "",
        legend_names=dict(names),
    )


def paper_size(paper: str, orientation: str) -> tuple:
    """(width, height) in mm of the paper in the orientation ('portrait' or 'landscape')."""
    short, long = PAPER_SIZES_MM[paper]
    return (long, short) if orientation == "landscape" else (short, long)


def work_extent(layer: QgsVectorLayer, context_transform) -> QgsRectangle:
    """The layer's extent in the working CRS (metres)."""
    target = QgsCoordinateReferenceSystem(WORK_CRS)
    extent = layer.extent()
    if layer.crs() != target:
        extent = QgsCoordinateTransform(layer.crs(), target, context_transform).transformBoundingBox(extent)
    return extent


def choose_orientation(extent: QgsRectangle, requested: str = "auto") -> str:
    """The requested orientation, or for 'auto' the one that fits the belt's shape (wide -> landscape)."""
    if requested in ("portrait", "landscape"):
        return requested
    return "landscape" if extent.width() >= extent.height() else "portrait"


def nice_scale(scale: float) -> float:
    """The next round scale denominator at or above scale (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^n)."""
    if scale <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(scale))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= scale * 0.999:
            return step * power
    return 10 * power


def fit_extent(extent: QgsRectangle, ratio: float, margin: float = 0.0) -> QgsRectangle:
    """extent grown by margin (share of its larger side) and widened or heightened to width/height ratio."""
    pad = max(extent.width(), extent.height()) * margin
    width, height = extent.width() + 2 * pad, extent.height() + 2 * pad
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    return QgsRectangle(
        centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2
    )


def format_scale(scale: float, language: str) -> str:
    """'1:25 000' (thin grouping that reads in both languages)."""
    return "1:{:,}".format(int(round(scale))).replace(",", " ")


def _label(
    layout, text: str, x, y, w, h, size: float, bold=False, colour=INK, align=Qt.AlignmentFlag.AlignLeft
):
    item = QgsLayoutItemLabel(layout)
    item.setText(text)
    set_label_font(item, label_font(size, bold), QColor(colour))
    item.setHAlign(align)
    item.setVAlign(Qt.AlignmentFlag.AlignTop)
    item.setMarginX(0)
    item.setMarginY(0)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(x, y))
    item.attemptResize(QgsLayoutSize(w, h))
    return item


@dataclass
class Frame:
    """Where the parts of a page go, in mm."""

    width: float
    height: float
    k: float  # size factor, 1 on A4
    margin: float
    map_rect: tuple
    legend_rect: tuple
    footer_rect: tuple
    legend_columns: int


def frame_for(paper: str, orientation: str) -> Frame:
    """Page composition: header, map, legend beside (landscape) or below (portrait), footer."""
    width, height = paper_size(paper, orientation)
    k = min(width, height) / 210.0
    margin = 10 * k
    header = 20 * k
    footer = 13 * k
    gap = 4 * k
    top = margin + header
    bottom = height - margin - footer
    if orientation == "landscape":
        panel = 52 * k
        map_rect = (margin, top, width - 2 * margin - panel - gap, bottom - top - gap)
        legend_rect = (width - margin - panel, top, panel, bottom - top - gap)
        columns = 1
    else:
        panel = 46 * k
        map_rect = (margin, top, width - 2 * margin, bottom - top - panel - 2 * gap)
        legend_rect = (margin, bottom - panel - gap, width - 2 * margin, panel)
        columns = 3
    footer_rect = (margin, bottom, width - 2 * margin, footer)
    return Frame(width, height, k, margin, map_rect, legend_rect, footer_rect, columns)


@dataclass
class LayoutLayers:
    """The project's layers a layout draws, by role (roads optional; mask and coverage only for atlases)."""

    belt: QgsVectorLayer
    zones: QgsVectorLayer
    sites: List[QgsVectorLayer]
    roads: Optional[QgsVectorLayer] = None
    mask: Optional[QgsVectorLayer] = None
    coverage: Optional[QgsVectorLayer] = None

    def drawn(self) -> List[QgsVectorLayer]:
        """Layers of the map, top to bottom: belt, atlas mask, sites, zones, roads."""
        layers = [self.belt]
        if self.mask is not None:
            layers.append(self.mask)
        layers.extend(self.sites)
        layers.append(self.zones)
        if self.roads is not None:
            layers.append(self.roads)
        return layers


def atlas_mask_renderer(mode: str, dim_alpha: int = 175) -> QgsInvertedPolygonRenderer:
    """Dims everything but the atlas page's zone (mode 'zone') or zones of its type (mode 'zone_type')."""
    if mode == "zone":
        current = "@atlas_featureid IS NOT NULL AND $id = @atlas_featureid"
    else:
        current = "@atlas_feature IS NOT NULL AND \"zone_type\" = attribute(@atlas_feature, 'zone_type')"
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "255,255,255,{}".format(dim_alpha),
            "outline_color": "#111111",
            "outline_width": "0.9",
            "outline_width_unit": "MM",
        }
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, current, "current"))
    return QgsInvertedPolygonRenderer(QgsRuleBasedRenderer(root))


def _north_arrow(layout, map_item, x, y, w, h):
    picture = QgsLayoutItemPicture(layout)
    for folder in QgsApplication.svgPaths():
        candidate = "{}/{}".format(folder.rstrip("/"), NORTH_ARROW_SVG)
        try:
            with open(candidate, "rb"):
                picture.setPicturePath(candidate)
                break
        except OSError:
            continue
    picture.setLinkedMap(map_item)
    picture.setNorthMode(QgsLayoutItemPicture.GridNorth)
    layout.addLayoutItem(picture)
    picture.attemptMove(QgsLayoutPoint(x, y))
    picture.attemptResize(QgsLayoutSize(w, h))
    return picture


def _scale_bar(layout, map_item, x, y, k, map_width_mm, scale, atlas: bool):
    """A metric scale bar of round segments filling 15-30 % of the map width (atlas pages vary in scale)."""
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    kilometres = not atlas and map_width_mm / 1000.0 * scale * 0.25 >= 1000
    bar.setUnits(QgsUnitTypes.DistanceKilometers if kilometres else QgsUnitTypes.DistanceMeters)
    bar.setUnitLabel("km" if kilometres else "m")
    if atlas:  # every page has its own scale: let the bar fit
        bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
        bar.setMinimumBarWidth(map_width_mm * 0.15)
        bar.setMaximumBarWidth(map_width_mm * 0.3)
        bar.setUnitsPerSegment(100)
    else:  # four round segments, about a quarter of the map width
        ground = map_width_mm / 1000.0 * scale * 0.25 / (1000.0 if kilometres else 1.0)
        bar.setUnitsPerSegment(nice_scale(ground / 4))
    bar.setNumberOfSegments(4)
    bar.setNumberOfSegmentsLeft(0)
    bar.setHeight(1.8 * k)
    text = QgsTextFormat.fromQFont(label_font(7 * k))
    text.setColor(QColor(INK))
    bar.setTextFormat(text)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 220))
    bar.setFrameEnabled(False)
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(x, y))
    bar.update()
    bar.refreshItemSize()
    return bar


def _legend(layout, map_item, layers: LayoutLayers, texts: MapTexts, rect, k, columns):
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(texts.legend_title)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    ordered = [(layer, role) for layer, role in ((s, "sites") for s in layers.sites)]
    ordered += [(layers.zones, "zones")]
    if layers.roads is not None:
        ordered.append((layers.roads, "roads"))
    ordered.append((layers.belt, "belt"))
    for layer, role in ordered:
        node = root.addLayer(layer)
        name = texts.legend_names.get(layer.id()) or texts.legend_names.get(role) or layer.name()
        node.setUseLayerName(False)  # first: with the layer's name in use, setName would rename the layer
        node.setName(name)
        node.setCustomProperty("legend/title-label", name)
        if isinstance(layer.renderer(), QgsSingleSymbolRenderer):  # one symbol: its label is the name
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, 0, name)
            legend.model().refreshLayerLegend(node)
    fonts = {
        QgsLegendStyle.Title: label_font(11 * k, True),
        QgsLegendStyle.Group: label_font(8.5 * k, True),
        QgsLegendStyle.Subgroup: label_font(8.5 * k, True),
        QgsLegendStyle.SymbolLabel: label_font(7.5 * k),
    }
    set_legend_fonts(legend, fonts, QColor(INK))
    legend.setSymbolWidth(6 * k)
    legend.setSymbolHeight(3.6 * k)
    legend.setColumnCount(columns)
    legend.setSplitLayer(columns > 1)
    legend.setEqualColumnWidth(False)
    legend.setBoxSpace(2 * k)
    legend.setColumnSpace(5 * k)
    legend.setBackgroundEnabled(False)
    legend.setFrameEnabled(False)
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(rect[0], rect[1]))
    legend.adjustBoxSize()
    return legend


def build_layout(
    project,
    layout_name: str,
    layers: LayoutLayers,
    texts: MapTexts,
    paper: str,
    orientation: str,
    extent: QgsRectangle,
    atlas_mode: str = "none",
) -> QgsPrintLayout:
    """A print layout for the belt (atlas_mode 'zone' or 'zone_type': one page per coverage feature).

    extent is in the working CRS; the map is drawn in EPSG:4549 at a round scale that shows all of it.
    """
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(layout_name)
    page = layout.pageCollection().page(0)
    width, height = paper_size(paper, orientation)
    page.setPageSize(QgsLayoutSize(width, height))
    frame = frame_for(paper, orientation)
    k = frame.k
    layout.renderContext().setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)

    # header
    m = frame.margin
    _label(layout, texts.title, m, m, frame.width - 2 * m, 10 * k, 20 * k, bold=True)
    subtitle = texts.subtitle
    if atlas_mode != "none":
        subtitle = '{} · [% "name" %]'.format(subtitle) if subtitle else '[% "name" %]'
    if subtitle:
        _label(layout, subtitle, m, m + 11 * k, frame.width - 2 * m, 6 * k, 11 * k, colour="#404040")

    # map
    x, y, w, h = frame.map_rect
    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    map_item.attemptMove(QgsLayoutPoint(x, y))
    map_item.attemptResize(QgsLayoutSize(w, h))
    map_item.setCrs(QgsCoordinateReferenceSystem(WORK_CRS))
    map_item.setKeepLayerSet(True)
    map_item.setLayers(layers.drawn())
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeWidth(QgsLayoutMeasurement(0.35 * k))
    map_item.setBackgroundColor(QColor("#ffffff"))
    layout.addLayoutItem(map_item)
    map_item.setExtent(fit_extent(extent, w / h, 0.04))
    scale = nice_scale(map_item.scale())
    map_item.setScale(scale)
    if atlas_mode != "none" and layers.coverage is not None:
        atlas = layout.atlas()
        atlas.setCoverageLayer(layers.coverage)
        atlas.setEnabled(True)
        atlas.setPageNameExpression('"name"')
        atlas.setHideCoverage(False)
        map_item.setAtlasDriven(True)
        map_item.setAtlasScalingMode(QgsLayoutItemMap.Auto)
        map_item.setAtlasMargin(0.25)

    # north arrow top right inside the map, scale bar bottom left inside the map
    _north_arrow(layout, map_item, x + w - 14 * k, y + 3 * k, 10 * k, 14 * k)
    _scale_bar(layout, map_item, x + 3 * k, y + h - 12 * k, k, w, scale, atlas_mode != "none")

    # legend
    _legend(layout, map_item, layers, texts, frame.legend_rect, k, frame.legend_columns)

    # footer: CRS and scale, date, source, notice
    fx, fy, fw, fh = frame.footer_rect
    separator = "    "
    scale_text = format_scale(scale, "zh") if atlas_mode == "none" else ""
    first = separator.join(t for t in (texts.crs_note, scale_text, texts.date_note) if t)
    _label(layout, "{}\n{}".format(first, texts.source_note), fx, fy + 1 * k, fw, fh, 7 * k, colour="#303030")
    if texts.notice:  # right of the subtitle line, in red
        notice_y = m + 12 * k
        _label(
            layout,
            texts.notice,
            m,
            notice_y,
            frame.width - 2 * m,
            5 * k,
            8 * k,
            True,
            "#b03a2e",
            Qt.AlignmentFlag.AlignRight,
        )
    return layout
