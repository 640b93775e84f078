"""The chain report's pages, through the page kit (pages.py): an overview of every chain (links bundled per
leader and grid cell, so forty leaders stay legible; partners beyond the frame as arrows at its edge with
their count and distance) and one page per leader (its partners by relation, the radii rings, a table of
its partners continued as 续表). The same pages as PDF and as PNG images."""

import math
import os
import statistics
from collections import Counter, defaultdict
from typing import Dict, List, Sequence, Tuple

from qgis.core import (
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsProperty,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QPointF, Qt
from qgis.PyQt.QtGui import QBrush, QColor, QPen, QPolygonF

from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..base.zone_types import ZONE_TYPES
from ..cartography.chain_styles import RELATION_COLOURS, style_links
from ..cartography.pages import MARGIN_MM, PageDocument
from ..cartography.styles import set_labels, style_belt, style_zones, text_format
from ..chains.links import RELATION_KEYS, relation_label
from ..chains.measures import arc_points, radius_text

MAX_LEADER_PAGES = 40
GRID_CELLS = 16  # bundling: partners grouped in a grid of this many cells across the overview frame
MAX_BUNDLES = 400  # thinning: the overview draws the largest bundles only
MAP_HEIGHT = {"overview": 150.0, "leader": 130.0}


def _layer(kind: str, fields: Sequence[str], rows) -> QgsVectorLayer:
    spec = "{}?crs={}&{}".format(kind, WORK_CRS, "&".join("field={}".format(f) for f in fields))
    layer = QgsVectorLayer(spec, kind, "memory")
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def _base_layers(data) -> List[QgsVectorLayer]:
    layers = []
    if data["zone_shapes"]:
        zones = _layer(
            "MultiPolygon",
            ["name:string", "zone_type:string"],
            [(QgsGeometry(g), (name or zid, key)) for zid, name, key, g in data["zone_shapes"]],
        )
        style_zones(zones)
        zones.setLabelsEnabled(False)
        layers.append(zones)
    if data["belt"] is not None and not data["belt"].isEmpty():
        belt = _layer("MultiPolygon", ["id:integer"], [(QgsGeometry(data["belt"]), (1,))])
        style_belt(belt)
        layers.append(belt)
    return layers


def _by_field_lines(rows) -> QgsVectorLayer:
    layer = _layer("LineString", ["colour:string", "width:double"], rows)
    symbol = QgsLineSymbol.createSimple({"color": "#1f78b4", "width": "0.4", "capstyle": "round"})
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeColor, QgsProperty.fromField("colour")
    )
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyStrokeWidth, QgsProperty.fromField("width")
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _points(rows, size="1.6", shape="circle", labels=False) -> QgsVectorLayer:
    layer = _layer("Point", ["colour:string", "label:string"], rows)
    symbol = QgsMarkerSymbol.createSimple(
        {"color": "#555555", "outline_color": "white", "size": size, "name": shape}
    )
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.PropertyFillColor, QgsProperty.fromField("colour")
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if labels:
        set_labels(layer, '"label"', text_format(8, "#1a1a1a", True), "OverPoint")
    return layer


def _point(firms, index: int) -> QgsGeometry:
    return QgsGeometry.fromPointXY(QgsPointXY(firms.x[index], firms.y[index]))


def _fit(extent: QgsRectangle, ratio: float) -> QgsRectangle:
    """The extent grown to width/height = ratio, centred."""
    w, h = max(extent.width(), 1.0), max(extent.height(), 1.0)
    if w / h < ratio:
        w = h * ratio
    else:
        h = w / ratio
    c = extent.center()
    return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)


def _edge_point(frame: QgsRectangle, x: float, y: float, inset: float) -> Tuple[float, float]:
    """Where the ray from the frame's centre towards (x, y) meets the frame (moved in by inset)."""
    c = frame.center()
    dx, dy = x - c.x(), y - c.y()
    half_w, half_h = frame.width() / 2 - inset, frame.height() / 2 - inset
    t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return c.x() + dx * t, c.y() + dy * t


def _edge_arrows(doc, frame: QgsRectangle, top: float, height_mm: float, groups) -> None:
    """Arrows at the frame's edge: groups of (x, y, count, distance text) beyond the frame."""
    page = doc.page
    width_mm = page.usable_mm

    def to_mm(x, y):
        return (
            MARGIN_MM + (x - frame.xMinimum()) / frame.width() * width_mm,
            top + (frame.yMaximum() - y) / frame.height() * height_mm,
        )

    inset = frame.width() * 0.02
    painter = page.painter
    for x, y, count, text in groups:
        ex, ey = _edge_point(frame, x, y, inset)
        px, py = to_mm(ex, ey)
        angle = math.atan2(-(y - frame.center().y()), x - frame.center().x())  # page y grows downwards
        cos, sin = math.cos(angle), math.sin(angle)
        tail = (px - 8 * cos, py - 8 * sin)
        lx = min(max(px - 22 * cos - 14, MARGIN_MM + 1), MARGIN_MM + width_mm - 29)
        ly = min(max(py - 22 * sin - 2, top + 1), top + height_mm - 5)
        page.box(lx, ly, 28, 4, fill="#ffffff", outline="#c0392b", width_mm=0.15)
        page.text(
            lx,
            ly,
            28,
            4,
            "{} · {}".format(count, text),
            7,
            align=Qt.AlignmentFlag.AlignHCenter,
            colour="#c0392b",
        )
        painter.setPen(QPen(QColor("#c0392b"), page.px(0.6)))
        painter.drawLine(QPointF(page.px(tail[0]), page.px(tail[1])), QPointF(page.px(px), page.px(py)))
        head = QPolygonF(
            [QPointF(page.px(px), page.px(py))]
            + [
                QPointF(page.px(px - 2.6 * math.cos(angle + s)), page.px(py - 2.6 * math.sin(angle + s)))
                for s in (0.45, -0.45)
            ]
        )
        painter.setBrush(QBrush(QColor("#c0392b")))
        painter.drawPolygon(head)


def _sectors(items, centre: QgsPointXY) -> Dict[int, list]:
    """Items (x, y, distance m) beyond the frame grouped in eight directions from the centre."""
    groups = defaultdict(list)
    for x, y, distance in items:
        angle = math.atan2(y - centre.y(), x - centre.x())
        groups[int((angle + math.pi) / (2 * math.pi) * 8 + 0.5) % 8].append((x, y, distance))
    return groups


def _sector_arrows(groups) -> list:
    arrows = []
    for items in groups.values():
        x = statistics.fmean(i[0] for i in items)
        y = statistics.fmean(i[1] for i in items)
        distances = [i[2] / 1000.0 for i in items]
        text = (
            "{:.0f} km".format(distances[0])
            if len(items) == 1
            else "{:.0f}–{:.0f} km".format(min(distances), max(distances))
        )
        arrows.append((x, y, "{} 家".format(len(items)), text))
    return arrows


def _overview(doc, data, leaders: Sequence[int]) -> None:
    firms, matched, result = data["firms"], data["matched"], data["result"]
    leader_set = set(leaders)
    base = _base_layers(data)
    extent = QgsRectangle()
    for layer in base:
        extent.combineExtentWith(layer.extent())
    for i in leaders:  # the frame holds the belt and every leader drawn
        extent.combineExtentWith(
            QgsRectangle(firms.x[i] - 500, firms.y[i] - 500, firms.x[i] + 500, firms.y[i] + 500)
        )
    extent.scale(1.15)
    frame = _fit(extent, doc.page.usable_mm / MAP_HEIGHT["overview"])
    centre = frame.center()
    cell = frame.width() / GRID_CELLS
    bundles = defaultdict(Counter)
    outside = []
    for link, a, b in zip(matched.links, matched.from_index, matched.to_index):
        for leader, partner in ((a, b), (b, a)):
            if leader not in leader_set:
                continue
            px, py = firms.x[partner], firms.y[partner]
            if frame.contains(QgsPointXY(px, py)):
                key = (leader, int((px - frame.xMinimum()) // cell), int((py - frame.yMinimum()) // cell))
                bundles[key][link.relation] += 1
            else:
                outside.append((px, py, math.hypot(px - centre.x(), py - centre.y())))
    # thinned: the largest bundles only, so that forty leaders (or a hundred thousand links) stay legible
    ranked = sorted(bundles.items(), key=lambda item: -sum(item[1].values()))
    shown, dropped = ranked[:MAX_BUNDLES], ranked[MAX_BUNDLES:]
    lines = []
    for (leader, i, j), relations in shown:
        x1, y1 = firms.x[leader], firms.y[leader]
        x2, y2 = frame.xMinimum() + (i + 0.5) * cell, frame.yMinimum() + (j + 0.5) * cell
        count = sum(relations.values())
        colour = QColor(RELATION_COLOURS[relations.most_common(1)[0][0]])
        rgba = "{},{},{},{}".format(colour.red(), colour.green(), colour.blue(), 170)
        points = arc_points(x1, y1, x2, y2, 0.1, 8)
        geometry = QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in points])
        lines.append((geometry, (rgba, round(0.2 + 0.3 * math.sqrt(count), 2))))
    stars = [(_point(firms, i), ("#c0392b", firms.names[i] or firms.keys[i])) for i in leaders]
    leader_points = _points(stars, size="3.2", shape="star", labels=True)
    share = "—" if result.inside_share is None else "{:.0%}".format(result.inside_share)
    subtitle = "{} 位链长 · {} 条联系 · 带内合作企业占 {}".format(len(data["leaders"]), result.matched, share)
    note = "图中为合作企业最多的 {} 位链长，联系按链长与网格聚合（线宽 = 联系数）".format(len(leaders))
    more = "框外合作企业以边缘箭头表示（家数 · 距图中心）"
    if dropped:
        more = "另 {} 组较小的聚合联系未画出；".format(len(dropped)) + more
    top = doc.title_block("产业链联系总览 / Chain links overview", subtitle, note)
    top = doc.draw_lines([more], top - 2, 9) + 1
    height = MAP_HEIGHT["overview"]
    doc.draw_map([leader_points, _by_field_lines(lines)] + base[::-1], frame, top, height)
    _edge_arrows(doc, frame, top, height, _sector_arrows(_sectors(outside, centre)))
    legend = [(relation_label(k), RELATION_COLOURS[k]) for k in RELATION_KEYS]
    legend += [(z.name_zh, z.colour) for z in ZONE_TYPES]
    doc.draw_legend(legend, top + height + 1)


def _leader_page(doc, data, leader: int, row: dict) -> None:
    firms, matched, tags, radii = data["firms"], data["matched"], data["tags"], data["radii_km"]
    x0, y0 = firms.x[leader], firms.y[leader]
    partners: Dict[int, dict] = {}
    links = []
    for position, (a, b) in enumerate(zip(matched.from_index, matched.to_index)):
        if leader not in (a, b):
            continue
        partner = b if a == leader else a
        link = matched.links[position]
        entry = partners.setdefault(partner, {"relations": [], "chains": [], "since": None})
        entry["relations"].append(link.relation)
        if link.chain and link.chain not in entry["chains"]:
            entry["chains"].append(link.chain)
        if link.since is not None:
            entry["since"] = min(link.since, entry["since"] or link.since)
        points = arc_points(firms.x[a], firms.y[a], firms.x[b], firms.y[b])
        links.append((QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in points]), (link.relation,)))
    distances = {p: math.hypot(firms.x[p] - x0, firms.y[p] - y0) for p in partners}
    ordered = sorted(distances.values())
    # the frame holds the leader and nine partners in ten (the rest point from its edge)
    typical = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))] if ordered else 1000.0
    box = QgsRectangle(x0 - 400, y0 - 400, x0 + 400, y0 + 400)
    for p, distance in distances.items():
        if distance <= typical:
            box.combineExtentWith(firms.x[p], firms.y[p])
    smallest = min(radii) * 1000.0 if radii else 0.0
    if smallest and smallest <= 3 * typical:  # the smallest ring when it does not dwarf the partners
        box.combineExtentWith(QgsRectangle(x0 - smallest, y0 - smallest, x0 + smallest, y0 + smallest))
    box.scale(1.15)
    frame = _fit(box, doc.page.usable_mm / MAP_HEIGHT["leader"])
    rings = _layer(
        "Polygon",
        ["label:string"],
        [
            (
                QgsGeometry.fromPointXY(QgsPointXY(x0, y0)).buffer(r * 1000.0, 72),
                ("{} km".format(radius_text(r)),),
            )
            for r in radii
        ],
    )
    fill = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "#444444", "outline_width": "0.35", "outline_style": "dash"}
    )
    rings.setRenderer(QgsSingleSymbolRenderer(fill))
    set_labels(rings, '"label"', text_format(7.5, "#444444"), "Line")
    link_layer = _layer("LineString", ["relation:string"], links)
    style_links(link_layer)
    partner_layer = _points(
        [
            (
                QgsGeometry.fromPointXY(QgsPointXY(firms.x[p], firms.y[p])),
                (RELATION_COLOURS[e["relations"][0]], ""),
            )
            for p, e in partners.items()
        ]
    )
    leader_layer = _points(
        [(QgsGeometry.fromPointXY(QgsPointXY(x0, y0)), ("#c0392b", ""))], size="4.2", shape="star"
    )
    share = "—" if row["inside_share"] is None else "{:.0%}".format(row["inside_share"])
    within = "，".join(
        "{} km 内 {} 家".format(radius_text(r), row["within_{}km".format(radius_text(r))]) for r in radii
    )
    top = doc.title_block(
        "链长 / Chain leader: {}".format(firms.keys[leader]),
        firms.names[leader] or firms.keys[leader],
        "合作企业 {} 家，带内 {} 家（{}）；{}".format(
            row["partners"], "—" if row["inside"] is None else row["inside"], share, within
        ),
    )
    height = MAP_HEIGHT["leader"]
    doc.draw_map(
        [leader_layer, partner_layer, link_layer, rings] + _base_layers(data)[::-1], frame, top, height
    )
    beyond = [
        (firms.x[p], firms.y[p], d)
        for p, d in distances.items()
        if not frame.contains(QgsPointXY(firms.x[p], firms.y[p]))
    ]
    _edge_arrows(doc, frame, top, height, _sector_arrows(_sectors(beyond, frame.center())))
    counts = Counter(r for e in partners.values() for r in e["relations"])
    top = doc.draw_legend(
        [
            ("{} {}".format(relation_label(k), counts[k]), RELATION_COLOURS[k])
            for k in RELATION_KEYS
            if counts[k]
        ],
        top + height + 1,
    )
    rows = []
    for number, (p, entry) in enumerate(sorted(partners.items(), key=lambda item: distances[item[0]]), 1):
        tag = tags.get(p)
        rows.append(
            [
                number,
                firms.keys[p],
                firms.names[p],
                "、".join(relation_label(r) for r in dict.fromkeys(entry["relations"])),
                "、".join(entry["chains"]),
                "{:.1f}".format(distances[p] / 1000.0),
                "" if tag is None or tag.in_belt is None else ("是" if tag.in_belt == 1 else "否"),
                (tag.zone_name or tag.zone_id or "") if tag is not None else "",
                entry["since"] or "",
            ]
        )
    headers = ["序号", "编号", "名称", "关系", "产业链", "距离 km", "带内", "区域", "起始年份"]
    doc.draw_table(headers, rows, top, widths=[0.06, 0.1, 0.24, 0.11, 0.13, 0.09, 0.06, 0.13, 0.08])


def chain_pages(folder: str, data: dict, progress) -> Dict[str, str]:
    """The overview and a page per leader (at most MAX_LEADER_PAGES, the leaders with most partners
    first) as chain_report.pdf and chain_report.png (-2.png, … for the further pages)."""
    rows = {r["_leader"]: r for r in data["summary"] if not r["chain"] and r["year"] is None}
    leaders = sorted((i for i in data["leaders"] if i in rows), key=lambda i: -rows[i]["partners"])
    if len(leaders) > MAX_LEADER_PAGES:
        progress.pushWarning(
            "{} leaders: pages for the {} with most partners; every leader is in chain_summary.csv".format(
                len(leaders), MAX_LEADER_PAGES
            )
        )
        leaders = leaders[:MAX_LEADER_PAGES]
    written = {}
    for name, file_name, dpi in (
        ("report_pdf", "chain_report.pdf", 300),
        ("report_png", "chain_report.png", 110),
    ):
        path = os.path.join(folder, file_name)
        with PageDocument(path, paper="A4", landscape=False, language="zh", dpi=dpi) as doc:
            _overview(doc, data, leaders)
            for leader in leaders:
                check_cancel(progress)
                doc.new_page()
                _leader_page(doc, data, leader, rows[leader])
        written[name] = path
        for number, extra in enumerate(doc.paths[1:], 2):
            written["{}_{}".format(name, number)] = extra
    return written
