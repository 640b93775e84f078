"""The change map (PDF and PNG, A3 by default): zones after, zone changes outlined by kind, sites by change
kind, moves as arrows, a legend with the counts; drawn with the package map's layout, fonts and preflight."""

import os
from typing import Dict, List

from qgis.core import (
    QgsArrowSymbolLayer,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ...compat import TEXT
from ...i18n import tr
from ..base.package_files import now_iso
from ..base.zone_types import ZONE_TYPES
from ..cartography import preflight, render
from ..cartography.layout import LayoutLayers, build_layout, choose_orientation, map_texts

# (kind, colour, marker shape, size mm) of the site symbols, drawn in this order of precedence
SITE_STYLE = (
    ("added", "#1a9641", "triangle", 3.2),
    ("removed", "#d7191c", "cross2", 3.4),
    ("moved", "#2b83ba", "circle", 3.0),
    ("retagged", "#7b3294", "square", 2.8),
    ("changed", "#fdae61", "diamond", 3.0),
    ("unchanged", "#9e9e9e", "circle", 1.4),
)
ZONE_STYLE = (
    ("added", "#1a9641", "solid"),
    ("removed", "#d7191c", "dash"),
    ("split", "#008b8b", "solid"),
    ("merged", "#8c510a", "solid"),
    ("reshaped", "#ff7f00", "solid"),
    ("retyped", "#7b3294", "solid"),
    ("renamed", "#2b83ba", "dot"),
)
CRS_URI = "EPSG:4549"

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


def main_kind(change: str, order) -> str:
    """The kind a feature is drawn as: the first of `order` found in its ';'-joined change."""
    kinds = change.split(";")
    return next((k for k in order if k in kinds), kinds[0])


def _label(kind: str, count: int, en: bool) -> str:
    return "{} ({})".format(kind if en else KIND_ZH.get(kind, kind), count)


def _memory(kind: str, name: str, project) -> QgsVectorLayer:
    layer = QgsVectorLayer("{}?crs={}".format(kind, CRS_URI), name, "memory")
    layer.dataProvider().addAttributes([QgsField("kind", TEXT)])
    layer.updateFields()
    project.addMapLayer(layer, False)
    return layer


def _fill(features: List[QgsFeature], layer) -> None:
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()


def _feature(layer, geometry, kind) -> QgsFeature:
    feature = QgsFeature(layer.fields())
    feature.setGeometry(geometry)
    feature.setAttributes([kind])
    return feature


def site_layer(result, project, en: bool) -> QgsVectorLayer:
    """The sites, one point each, by change kind."""
    layer = _memory("Point", "site_changes", project)
    order = [s[0] for s in SITE_STYLE]
    features = [
        _feature(
            layer,
            QgsGeometry.fromPointXY(QgsPointXY(*map(float, row["xy"]))),
            main_kind(row["change"], order),
        )
        for row in result.sites
        if row["xy"] is not None
    ]
    _fill(features, layer)
    counts = {k: 0 for k in order}
    for f in features:
        counts[f["kind"]] += 1
    categories = []
    for kind, colour, shape, size in reversed(SITE_STYLE):  # unchanged drawn first, below
        symbol = QgsMarkerSymbol.createSimple(
            {
                "name": shape,
                "color": colour,
                "size": str(size),
                "outline_color": colour if shape == "cross2" else "#ffffff",  # a cross is all outline
                "outline_width": "0.7" if shape == "cross2" else "0.2",
            }
        )
        categories.append(
            QgsRendererCategory(kind, symbol, _label(kind, result.counts.get(kind, counts[kind]), en))
        )
    categories.reverse()
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    return layer


def move_layer(result, project, en: bool) -> QgsVectorLayer:
    """The moves as arrows from the old to the new position."""
    layer = _memory("LineString", "site_moves", project)
    _fill(
        [
            _feature(
                layer,
                QgsGeometry.fromPolylineXY(
                    [QgsPointXY(*map(float, row["xy_before"])), QgsPointXY(*map(float, row["xy"]))]
                ),
                "moved",
            )
            for row in result.moves
        ],
        layer,
    )
    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(False)
    arrow.setArrowWidth(0.5)
    arrow.setArrowStartWidth(0.5)
    arrow.setHeadLength(2.2)
    arrow.setHeadThickness(1.4)
    arrow.subSymbol().symbolLayer(0).setColor(QColor("#2b83ba"))
    arrow.subSymbol().symbolLayer(0).setStrokeColor(QColor("#2b83ba"))
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, arrow)
    label = ("Move ({})" if en else "迁移路径（{}）").format(len(result.moves))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", [QgsRendererCategory("moved", symbol, label)]))
    return layer


def zone_change_layer(result, project, en: bool) -> QgsVectorLayer:
    """Changed zones outlined by their kind of change (removed ones dashed, at their old shape)."""
    layer = _memory("MultiPolygon", "zone_changes", project)
    order = [z[0] for z in ZONE_STYLE]
    features = []
    for row in result.zones:
        if row["change"] == "unchanged":
            continue
        geometry = QgsGeometry(row["geometry"])
        features.append(_feature(layer, geometry, main_kind(row["change"], order)))
    _fill(features, layer)
    counts = {k: sum(1 for f in features if f["kind"] == k) for k in order}
    categories = []
    for kind, colour, style in ZONE_STYLE:
        if not counts[kind]:
            continue
        symbol = QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": colour, "outline_width": "0.9", "outline_style": style}
        )
        categories.append(QgsRendererCategory(kind, symbol, _label(kind, counts[kind], en)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    return layer


def zones_after_layer(result, project, en: bool) -> QgsVectorLayer:
    """The zones of the after year, filled by zone type."""
    layer = _memory("MultiPolygon", "zones_after", project)
    features = []
    for row in result.zones:
        if row["year"] != "after":
            continue
        geometry = QgsGeometry(row["geometry"])
        features.append(_feature(layer, geometry, row["zone_type"]))
    _fill(features, layer)
    present = {f["kind"] for f in features}
    categories = []
    for zt in ZONE_TYPES:
        if zt.key not in present:
            continue
        colour = QColor(zt.colour)
        colour.setAlpha(70)
        symbol = QgsFillSymbol.createSimple(
            {
                "color": colour.name(QColor.NameFormat.HexArgb),
                "outline_color": "#808080",
                "outline_width": "0.2",
            }
        )
        symbol.setColor(colour)
        categories.append(QgsRendererCategory(zt.key, symbol, zt.label("en" if en else "zh")))
    layer.setRenderer(QgsCategorizedSymbolRenderer("kind", categories))
    return layer


def title(result, en: bool) -> str:
    """'2025 → 2026 实践带变化' (or its English)."""
    before, after = result.labels
    return ("Belt changes {} → {}" if en else "{} → {} 实践带变化").format(*((before, after)))


def write_change_map(result, request, folder: str, progress) -> Dict[str, str]:
    """change_map.pdf and change_map.png in folder (paper request.paper); {name: path}."""
    en = request.language.startswith("en")
    project = QgsProject()
    layers = [
        zone_change_layer(result, project, en),
        move_layer(result, project, en),
        site_layer(result, project, en),
        zones_after_layer(result, project, en),
    ]
    zone_changes, moves, sites, zones = layers
    extent = QgsRectangle()
    for layer in layers:
        if layer.featureCount():
            if extent.isEmpty():
                extent = QgsRectangle(layer.extent())
            else:
                extent.combineExtentWith(layer.extent())
    if extent.isEmpty():
        extent = QgsRectangle(0, 0, 1000, 1000)
    names = {
        zone_changes.id(): "Zone changes" if en else "区域变化",
        moves.id(): "Moves" if en else "迁移",
        sites.id(): "Site changes" if en else "点位变化",
        zones.id(): "Zones ({})".format(result.labels[1]) if en else "区域（{}）".format(result.labels[1]),
    }
    subtitle = (
        "{} sites added, {} removed, {} moved, {} changed, {} retagged; {} zones changed"
        if en
        else "新增 {} · 撤销 {} · 迁移 {} · 属性变更 {} · 所属区域变化 {} 个点位；{} 个区域有变化"
    ).format(
        result.counts["added"],
        result.counts["removed"],
        result.counts["moved"],
        result.counts["changed"],
        result.counts["retagged"],
        result.zones_changed,
    )
    texts = map_texts(
        title(result, en),
        subtitle,
        request.language,
        now_iso()[:10],
        ("{} / {}".format(result.labels[0], result.labels[1])),
        False,
        any(
            "示意" in str(row["name"] or "") or "illustrative" in str(row["name"] or "").lower()
            for row in result.zones
        ),
        names,
    )
    orientation = choose_orientation(extent)
    layout = build_layout(
        project,
        "change_map",
        LayoutLayers(belt=zone_changes, zones=zones, sites=[sites, moves]),
        texts,
        request.paper,
        orientation,
        extent,
    )
    preflight.check({"change map": preflight.layout_texts(layout) + texts.all()})
    written = {}
    for fmt, dpi in (("PDF", request.dpi), ("PNG", request.dpi)):
        path = os.path.join(folder, "change_map.{}".format(render.EXTENSIONS[fmt]))
        progress.pushInfo(tr("Change map: {}").format(os.path.basename(path)))
        render.render(layout, path, fmt, dpi)
        written["change_map_{}".format(fmt.lower())] = path
    return written
