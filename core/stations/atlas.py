"""A page per service station (ATLAS=station): its catchments, the sites it serves by walk band, a header,
the table of served sites continued on following pages, and one overview page of every station.

Entry point: write_station_pages(found, layers, folder, title, language, progress) -> the PDF files written.
Pages come from the print kit (core/cartography/pages.py): vector maps, the legend line and the table that
continues on the next pages, each row drawn exactly once.
"""

import os
from typing import Dict, List, Optional, Sequence

import numpy as np
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRectangle,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
)

from ...i18n import tr, tr_in
from ..base.model import WORK_CRS
from ..base.nulls import is_null
from ..base.progress import check_cancel
from ..base.site_categories import site_category
from ..base.staged_folder import slug
from ..cartography.pages import MARGIN_MM, PageDocument
from ..cartography.reach_styles import WALK_BANDS, catchment_renderer

MAP_MM = 125.0
UNCOVERED = len(WALK_BANDS)  # band of the sites beyond the largest radius
COLUMN_WIDTHS = (0.36, 0.18, 0.24, 0.11, 0.11)  # name, category, zone, metres, minutes


def write_station_pages(
    found, layers: Dict[str, Optional[QgsVectorLayer]], folder: str, title: str, language="zh", progress=None
) -> List[str]:
    """One PDF per station (<station id>.pdf) and overview.pdf in folder; the paths written."""
    os.makedirs(folder, exist_ok=True)
    radii = sorted(found.radii)
    largest = radii[-1]
    bands = _bands(found)
    drawn = _map_layers(found, bands)
    context = [_dimmed(layers.get(name)) for name in ("roads", "zones", "belt")]
    context = [layer for layer in context if layer is not None]
    paths = []
    used = set()
    for k, station_id in enumerate(found.station_ids):
        check_cancel(progress)
        if progress is not None:
            progress.setProgress(100.0 * k / (len(found.station_ids) + 1))
        name = slug(station_id, "station{}".format(k + 1))
        while name in used:
            name += "_"
        used.add(name)
        path = os.path.join(folder, "{}.pdf".format(name))
        _station_document(found, k, bands, drawn, context, path, title, language, largest)
        paths.append(path)
    overview = os.path.join(folder, "overview.pdf")
    _overview_document(found, bands, drawn, context, overview, title, language)
    paths.append(overview)
    return paths


def _bands(found) -> np.ndarray:
    """Per site: 0..3 its walk band (≤ 5, 10, 15 min, more) within the largest radius, else UNCOVERED."""
    minutes = found.walk_min
    band = np.full(len(found.walk_m), UNCOVERED, dtype=np.int64)
    served = np.isfinite(found.walk_m) & (found.walk_m <= max(found.radii)) & (found.station >= 0)
    for i, (_low, high, _colour) in reversed(list(enumerate(WALK_BANDS))):
        band[served & (minutes <= high)] = i
    return band


def _map_layers(found, bands) -> Dict[str, QgsVectorLayer]:
    """Memory layers in the work CRS: catchments, sites by band, stations (filtered per page)."""
    crs = "crs={}".format(WORK_CRS)
    catchments = QgsVectorLayer(
        "MultiPolygon?{}&field=station:integer&field=radius_m:double".format(crs), "catchments", "memory"
    )
    rows = []
    for k, radius, _how, geometry in found.catchments():
        feature = QgsFeature(catchments.fields())
        geometry = QgsGeometry(geometry)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes([int(k), float(radius)])
        rows.append(feature)
    catchments.dataProvider().addFeatures(rows)
    catchments.setRenderer(catchment_renderer(found.radii))

    sites = QgsVectorLayer("Point?{}&field=station:integer&field=band:integer".format(crs), "sites", "memory")
    rows = []
    for i, (x, y) in enumerate(found.site_xy):
        if not np.isfinite(x):
            continue
        feature = QgsFeature(sites.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        feature.setAttributes([int(found.station[i]), int(bands[i])])
        rows.append(feature)
    sites.dataProvider().addFeatures(rows)
    categories = []
    for i, (_low, _high, colour) in enumerate(WALK_BANDS):
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "size": "1.8"})
        categories.append(QgsRendererCategory(i, symbol, str(i)))
    cross = QgsMarkerSymbol.createSimple({"name": "cross2", "color": "#555555", "size": "2.2"})
    categories.append(QgsRendererCategory(UNCOVERED, cross, "uncovered"))
    sites.setRenderer(QgsCategorizedSymbolRenderer("band", categories))

    stations = QgsVectorLayer("Point?{}&field=station:integer".format(crs), "stations", "memory")
    rows = []
    for k, (x, y) in enumerate(found.station_xy):
        feature = QgsFeature(stations.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        feature.setAttributes([k])
        rows.append(feature)
    stations.dataProvider().addFeatures(rows)
    star = QgsMarkerSymbol.createSimple(
        {"name": "star", "color": "#c51b1b", "size": "5", "outline_color": "white"}
    )
    stations.setRenderer(QgsSingleSymbolRenderer(star))
    return {"catchments": catchments, "sites": sites, "stations": stations}


def _dimmed(layer: Optional[QgsVectorLayer]) -> Optional[QgsVectorLayer]:
    """A copy of a context layer drawn faint, so the station's own layers stand out."""
    if layer is None:
        return None
    copy = layer.clone()
    copy.setOpacity(0.35)
    return copy


def _extent(geometries: Sequence[QgsGeometry], points: np.ndarray) -> QgsRectangle:
    """The box of the geometries and points, grown by a tenth (at least 100 m) on every side."""
    box = None
    for geometry in geometries:
        rect = geometry.boundingBox()
        box = QgsRectangle(rect) if box is None else box
        box.combineExtentWith(rect)
    for x, y in points:
        if np.isfinite(x):
            rect = QgsRectangle(x, y, x, y)
            box = QgsRectangle(rect) if box is None else box
            box.combineExtentWith(rect)
    if box is None:
        return QgsRectangle(0, 0, 1, 1)
    grow = max(100.0, 0.1 * max(box.width(), box.height()))
    return box.buffered(grow)


def _station_document(found, k, bands, drawn, context, path, title, language, largest) -> None:
    """The station's page and, when its table is long, the pages continuing it."""
    with PageDocument(path, "A4", language=language) as doc:
        page = doc.page
        station_id = found.station_ids[k]
        feature = found.station_features[k]
        station_name = _attribute(feature, "name")
        zone = _attribute(feature, "zone_name") or _attribute(feature, "zone_id")
        mine = found.station == k
        served = np.flatnonzero(mine & (bands != UNCOVERED))
        served = served[np.argsort(found.walk_m[served], kind="stable")]
        page.text(MARGIN_MM, MARGIN_MM, 186, 8, title, 10)
        page.text(
            MARGIN_MM,
            MARGIN_MM + 7,
            186,
            9,
            tr_in(language, "Station {} {}").format(station_id, station_name),
            14,
            True,
        )
        page.text(MARGIN_MM, MARGIN_MM + 15, 186, 6, tr_in(language, "Zone: {}").format(zone or "-"), 9)
        counts = {}
        for i in served:
            key = site_category(_attribute(found.features[i], "category")).label(language)
            counts[key] = counts.get(key, 0) + 1
        page.text(
            MARGIN_MM,
            MARGIN_MM + 20,
            186,
            6,
            tr_in(language, "Sites served within {} m: {} ({})").format(
                "{:g}".format(largest),
                len(served),
                ", ".join("{} {}".format(c, n) for c, n in sorted(counts.items())),
            ),
            9,
        )
        nearest = int(mine.sum())
        shares = []
        for radius in sorted(found.radii):
            within = int((mine & (found.walk_m <= radius)).sum())
            shares.append("{:g} m {} ({:.0%})".format(radius, within, within / nearest if nearest else 0))
        page.text(
            MARGIN_MM,
            MARGIN_MM + 25,
            186,
            6,
            tr_in(language, "Coverage of the sites nearest to it: {}").format("; ".join(shares)),
            9,
        )

        drawn["catchments"].setSubsetString('"station" = {}'.format(k))
        drawn["stations"].setSubsetString('"station" = {}'.format(k))
        drawn["sites"].setSubsetString('"station" = {} OR "band" = {}'.format(k, UNCOVERED))
        extent = _extent(
            [f.geometry() for f in drawn["catchments"].getFeatures()],
            np.vstack([found.station_xy[k : k + 1]]),
        )
        map_top = MARGIN_MM + 32
        table_top = _map_and_legend(doc, drawn, context, extent, map_top, language)
        rows = [
            [
                _attribute(found.features[i], "name"),
                site_category(_attribute(found.features[i], "category")).label(language),
                _attribute(found.features[i], "zone_name"),
                "{:.0f}".format(found.walk_m[i]),
                "{:.1f}".format(found.walk_m[i] / found.speed / 60.0),
            ]
            for i in served
        ]
        headers = [
            tr_in(language, "Name"),
            tr_in(language, "Category"),
            tr_in(language, "Zone"),
            tr_in(language, "Metres"),
            tr_in(language, "Minutes"),
        ]
        doc.draw_table(
            headers,
            rows,
            table_top,
            COLUMN_WIDTHS,
            tr_in(language, "Station {} (continued)").format(station_id),
        )


def _overview_document(found, bands, drawn, context, path, title, language) -> None:
    """Every station, its catchments and the sites beyond every catchment (service gaps), with a table."""
    with PageDocument(path, "A4", language=language) as doc:
        page = doc.page
        gaps = int((bands == UNCOVERED).sum())
        page.text(MARGIN_MM, MARGIN_MM, 186, 8, title, 10)
        page.text(MARGIN_MM, MARGIN_MM + 7, 186, 9, tr_in(language, "Service stations: overview"), 14, True)
        page.text(
            MARGIN_MM,
            MARGIN_MM + 15,
            186,
            6,
            tr_in(
                language, "{} stations; {} sites beyond {} m of every station (service gaps, marked x)"
            ).format(len(found.station_ids), gaps, "{:g}".format(max(found.radii))),
            9,
        )
        for layer in drawn.values():
            layer.setSubsetString("")
        extent = _extent([f.geometry() for f in drawn["catchments"].getFeatures()], found.site_xy)
        map_top = MARGIN_MM + 24
        table_top = _map_and_legend(doc, drawn, context, extent, map_top, language)
        radii = sorted(found.radii)
        rows = []
        for k, station_id in enumerate(found.station_ids):
            feature = found.station_features[k]
            mine = found.station == k
            rows.append(
                [station_id, _attribute(feature, "name"), _attribute(feature, "zone_name")]
                + [str(int((mine & (found.walk_m <= r)).sum())) for r in radii]
            )
        headers = [tr_in(language, "Station"), tr_in(language, "Name"), tr_in(language, "Zone")] + [
            tr_in(language, "≤ {} m").format("{:g}".format(r)) for r in radii
        ]
        widths = [0.16, 0.3, 0.24] + [0.3 / len(radii)] * len(radii)
        doc.draw_table(headers, rows, table_top, widths, tr_in(language, "Service stations (continued)"))


def _map_and_legend(doc: PageDocument, drawn, context, extent, map_top: float, language: str) -> float:
    """The map (stations over sites over catchments over the context) and its legend (the walk bands,
    the gaps); where the table under them starts."""
    layers = [drawn["stations"], drawn["sites"], drawn["catchments"]] + context
    below = doc.draw_map(layers, extent, map_top, MAP_MM)
    items = [
        (
            tr_in(language, "≤ {} min").format(int(high))
            if high < 1e9
            else tr_in(language, "> {} min").format(int(low)),
            colour,
        )
        for low, high, colour in WALK_BANDS
    ]
    items.append((tr_in(language, "x beyond every catchment"), "#555555"))
    return doc.draw_legend(items, below) + 0.5


def _attribute(feature, name: str) -> str:
    """A feature's attribute as text ('' when the field is missing or NULL)."""
    if feature is None or feature.fields().indexOf(name) < 0:
        return ""
    value = feature[name]
    return "" if is_null(value) else str(value)


def package_station_pages(
    layers: Dict, folder: str, title: str, language, transform_context, progress
) -> List[str]:
    """The package's station pages (ATLAS=station): the reach of its sites (stations: the sites of category
    service_station) along its roads, one PDF per station and an overview in folder; the paths written."""
    from ..reach.engine import ReachRequest, measure_reach

    progress.pushInfo(tr("Measuring the walks to the service stations for their pages"))
    found = measure_reach(
        ReachRequest(sites=layers["sites"], roads=layers.get("roads"), transform_context=transform_context),
        progress,
    )
    return write_station_pages(found, layers, folder, title, language, progress)
