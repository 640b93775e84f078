"""The change map (PDF and PNG, A3 by default): zones after, zone changes outlined by kind, sites by change
kind, moves as arrows, a legend with the counts; drawn with the package map's layout, fonts and preflight."""

import os
from typing import Dict, List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ...compat import TEXT
from ...i18n import tr
from ..base.nulls import is_null
from ..base.package_files import now_iso
from ..base.zone_types import ZONE_TYPES
from ..cartography import preflight, render
from ..cartography.change_styles import (
    KIND_ZH,
    SITE_STYLE,
    ZONE_STYLE,
    label_changed_sites,
    move_renderer,
    site_change_renderer,
    zone_change_renderer,
)
from ..cartography.layout import LayoutLayers, build_layout, choose_orientation, map_texts
from ..cartography.styles import set_labels, style_belt, style_roads, text_format

CRS_URI = "EPSG:4549"


def main_kind(change: str, order) -> str:
    """The kind a feature is drawn as: the first of `order` found in its ';'-joined change."""
    kinds = change.split(";")
    return next((k for k in order if k in kinds), kinds[0])


__all__ = ["KIND_ZH", "SITE_STYLE", "ZONE_STYLE", "main_kind", "write_change_map"]


def _memory(kind: str, name: str, project, extra=()) -> QgsVectorLayer:
    layer = QgsVectorLayer("{}?crs={}".format(kind, CRS_URI), name, "memory")
    layer.dataProvider().addAttributes([QgsField(f, TEXT) for f in ("kind",) + tuple(extra)])
    layer.updateFields()
    project.addMapLayer(layer, False)
    return layer


def _fill(features: List[QgsFeature], layer) -> None:
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()


def _feature(layer, geometry, kind, *extra) -> QgsFeature:
    feature = QgsFeature(layer.fields())
    feature.setGeometry(geometry)
    feature.setAttributes([kind] + [None if is_null(v) else str(v) for v in extra])
    return feature


def site_layer(result, project, en: bool) -> QgsVectorLayer:
    """The sites, one point each, by change kind; the changed ones labelled by key (else name)."""
    layer = _memory("Point", "site_changes", project, ("key", "name"))
    order = [s[0] for s in SITE_STYLE]
    features = [
        _feature(
            layer,
            QgsGeometry.fromPointXY(QgsPointXY(*map(float, row["xy"]))),
            main_kind(row["change"], order),
            row.get("key"),
            row.get("name"),
        )
        for row in result.sites
        if row["xy"] is not None
    ]
    _fill(features, layer)
    counts = {k: 0 for k in order}
    for f in features:
        counts[f["kind"]] += 1
    counts = {k: result.counts.get(k, counts[k]) for k in order}
    layer.setRenderer(site_change_renderer("kind", en, counts))
    label_changed_sites(layer, change_field="kind")
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
    layer.setRenderer(move_renderer(en, len(result.moves)))
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
    layer.setRenderer(zone_change_renderer("kind", en, counts, unchanged=False))
    return layer


def zones_after_layer(result, project, en: bool) -> QgsVectorLayer:
    """The zones of the after year, filled by zone type."""
    layer = _memory("MultiPolygon", "zones_after", project, ("name",))
    features = []
    for row in result.zones:
        if row["year"] != "after":
            continue
        geometry = QgsGeometry(row["geometry"])
        features.append(_feature(layer, geometry, row["zone_type"], row.get("name")))
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
    set_labels(layer, '"name"', text_format(7.5, "#404040", False, 0.8), "OverPoint")  # zone names
    return layer


def context_layer(source, kind: str, name: str, project, transform_context) -> Optional[QgsVectorLayer]:
    """A copy in the work CRS of a year's belt or roads (name field kept), for the map; None without."""
    if source is None:
        return None
    layer = _memory(kind, name, project, ("name",))
    crs = QgsCoordinateReferenceSystem(CRS_URI)
    transform = QgsCoordinateTransform(
        source.sourceCrs(), crs, transform_context or QgsCoordinateTransformContext()
    )
    has_name = source.fields().indexOf("name") >= 0
    features = []
    for feature in source.getFeatures():
        if not feature.hasGeometry():
            continue
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(transform)
        features.append(_feature(layer, geometry, name, feature["name"] if has_name else None))
    _fill(features, layer)
    return layer


def year_context(result, request, project):
    """(belt, roads) of the map: the after year's, else the before year's, when a year has them."""
    years = [y for y in reversed(tuple(getattr(result, "years", ()) or ())) if y is not None]
    context = request.transform_context
    belt = next((y.belt for y in years if getattr(y, "belt", None) is not None), None)
    roads = next((y.roads for y in years if getattr(y, "roads", None) is not None), None)
    belt = context_layer(belt, "MultiPolygon", "belt", project, context)
    roads = context_layer(roads, "MultiLineString", "roads", project, context)
    if belt is not None:
        style_belt(belt)
        belt.setLabelsEnabled(False)
    if roads is not None:
        style_roads(roads, request.language)
        roads.setLabelsEnabled(False)  # the map's labels are the changed sites' and the zones'
    return belt, roads


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
    belt, roads = year_context(result, request, project)
    if belt is not None:
        layers.append(belt)
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
    if belt is not None:
        names[belt.id()] = "Belt" if en else "实践带范围"
    if roads is not None:
        names[roads.id()] = "Roads" if en else "道路"
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
        LayoutLayers(
            belt=belt if belt is not None else zone_changes,
            zones=zones,
            sites=[sites, moves] + ([zone_changes] if belt is not None else []),
            roads=roads,
        ),
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
