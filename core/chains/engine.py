"""The engine of `beltmap:chainlinks`: read the links table, match its ends to sites and partners, tag
the ends by zone and belt (core/tagging), measure, write the four outputs and (with a report folder) the
report. No Processing here: the caller hands the sinks (ChainOutput) and, for the pages, a drawer."""

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsPointXY,
    QgsWkbTypes,
)

from ...i18n import tr
from ..base import coords
from ..base.field_specs import INT, REAL, TEXT, make_fields
from ..base.model import WORK_CRS
from ..base.progress import Progress, check_cancel
from ..base.site_fields import SITE_KEY_FIELDS, SITE_NAME_FIELDS
from ..base.zone_types import DEFAULT_PRIORITY, find_field
from ..reach.gpkg_sites import read_bulk
from ..site_import.table import read_table
from ..tagging.rule import RULES
from ..tagging.tagger import Tagger
from ..tagging.zone_set import read_belt, read_zones
from .links import LinksTable, read_links
from .matching import REASON_ZH, Firms, match_links, normalise_key, normalise_name, resolve_leaders
from .measures import (
    LINK_COLUMNS,
    UNMATCHED_COLUMNS,
    ZONE_COLUMNS,
    EndTags,
    arc_points,
    default_leaders,
    headline,
    leader_links,
    link_rows,
    summary_columns,
    summary_rows,
    zone_rows,
)

DEFAULT_RADII_KM = (5.0, 30.0)
KINDS = {
    "row": INT,
    "since": INT,
    "distance_m": REAL,
    "from_in_belt": INT,
    "to_in_belt": INT,
    "in_belt": INT,
    "links": INT,
    "partners": INT,
    "new_partners": INT,
    "inside": INT,
    "inside_share": REAL,
    "median_m": REAL,
    "zones_reached": INT,
    "year": INT,
}


@dataclass(frozen=True)
class ChainRequest:
    """A chain-links run: the links (a file path, or a table source), the firms, the belt and zones."""

    sites: Any  # a QgsFeatureSource
    links_path: str = ""
    links_source: Any = None  # a source without geometry, when links_path is empty
    sheet: str = ""
    key_field: str = "site_id"
    name_field: str = "name"
    sites_file: Any = None  # the whole GeoPackage layer behind sites (core/reach/gpkg_source), read in bulk
    partners: Any = None
    partners_system: str = ""  # '' (the layer's CRS), GCJ02 or BD09: lon/lat read from a Chinese web map
    belt: Any = None
    zones: Any = None
    radii_km: Tuple[float, ...] = DEFAULT_RADII_KM
    leaders: Tuple[str, ...] = ()
    report_folder: str = ""
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)


@dataclass(frozen=True)
class ChainOutput:
    """Where the outputs go: each callable(fields, wkb_type, crs) -> (sink, destination) or (None, None)."""

    lines: Callable
    summary: Callable
    zones: Callable
    unmatched: Callable


@dataclass
class ChainResult:
    """What a run did: destinations, counts and the report's files."""

    destinations: Dict[str, Optional[str]]
    links: int
    matched: int
    unmatched: int
    empty_rows: int
    inside_share: Optional[float]
    reasons: Dict[str, int]
    files: Dict[str, str] = field(default_factory=dict)
    report_data: Optional[dict] = None  # with a report folder: what the report draws


def _plain(value):
    """A table cell as Python: NULL -> None, QDate/QDateTime -> date/datetime."""
    if type(value) is str:
        return value
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    for method in ("toPyDateTime", "toPyDate"):
        if hasattr(value, method):
            return getattr(value, method)()
    return value


def read_link_table(request: ChainRequest, progress) -> LinksTable:
    """The links of a CSV/XLSX file (core/site_import/table.py: UTF-8 or GBK) or of a table source."""
    if request.links_path:
        table = read_table(request.links_path, request.sheet or None)
        if table.encoding is not None:
            progress.pushInfo(tr("Links table read as {}").format(table.encoding.describe()))
        return read_links(table.headers, table.rows, progress.isCanceled)
    source = request.links_source
    headers = source.fields().names()
    query = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    rows = ((n, [_plain(v) for v in f.attributes()]) for n, f in enumerate(source.getFeatures(query), 2))
    return read_links(headers, rows, progress.isCanceled)


def _field(source, asked: str, fallbacks) -> Optional[str]:
    names = source.fields().names()
    if asked in names:
        return asked
    lowered = {n.lower(): n for n in names}
    if asked.lower() in lowered:
        return lowered[asked.lower()]
    return find_field(names, fallbacks)


def _to_work(source, request: ChainRequest, system: str):
    """(transform of the source's CRS, or of WGS84 after a GCJ-02/BD-09 conversion, to the work CRS;
    the conversion or None)."""
    work = QgsCoordinateReferenceSystem(WORK_CRS)
    convert = coords.TO_WGS84.get(coords.source_system(system)) if system else None
    crs = QgsCoordinateReferenceSystem("EPSG:4326") if convert else source.sourceCrs()
    return QgsCoordinateTransform(crs, work, request.transform_context), convert


def read_firms(request: ChainRequest, wanted_keys, wanted_names, progress) -> Firms:
    """The sites, then the partners, that a link or a leader may name (the others are not kept)."""
    firms = Firms()
    for source, is_site, system in (
        (request.sites, True, ""),
        (request.partners, False, request.partners_system),
    ):
        if source is None:
            continue
        key = _field(source, request.key_field or "site_id", SITE_KEY_FIELDS)
        name = _field(source, request.name_field or "name", SITE_NAME_FIELDS)
        if key is None and name is None:
            progress.pushWarning(
                tr(
                    "{} has neither the key field {} nor the name field {}: none of its firms can be matched"
                ).format(source.sourceName(), request.key_field, request.name_field)
            )
            continue
        indexes = [source.fields().lookupField(f) for f in (key, name) if f]
        transform, convert = _to_work(source, request, system)
        bulk = (
            read_bulk(request.sites_file, [f for f in (key, name) if f])
            if is_site and request.sites_file
            else None
        )
        if bulk is not None:
            _bulk_firms(firms, bulk, key, name, wanted_keys, wanted_names, transform, progress)
            continue
        # first the attributes alone (no geometry decoded), then the geometries of the firms kept
        query = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes(indexes)
        total = max(1, source.featureCount())
        kept = {}
        for count, feature in enumerate(source.getFeatures(query)):
            if count % 20000 == 0:
                check_cancel(progress)
                progress.setProgress(5 + 25 * count / total)
            attrs = feature.attributes()
            key_value = _plain(attrs[indexes[0]]) if key else None
            name_value = _plain(attrs[indexes[-1]]) if name else None
            if normalise_key(key_value) in wanted_keys or normalise_name(name_value) in wanted_names:
                kept[feature.id()] = (key_value, name_value)
        positions = {}
        if kept:
            query = QgsFeatureRequest().setFilterFids(list(kept)).setSubsetOfAttributes([])
            for feature in source.getFeatures(query):
                positions[feature.id()] = _position(feature.geometry(), transform, convert)
        for fid, (key_value, name_value) in kept.items():
            x, y = positions.get(fid, (None, None))
            firms.add(key_value, name_value, x, y, is_site)
    return firms


def _bulk_firms(firms, bulk, key, name, wanted_keys, wanted_names, transform, progress) -> None:
    """The firms wanted among sites read in bulk from their GeoPackage (a tenth of the time of QGIS)."""
    keys = bulk.columns[key] if key else [None] * len(bulk.fids)
    names = bulk.columns[name] if name else [None] * len(bulk.fids)
    for count, (key_value, name_value) in enumerate(zip(keys, names)):
        if count % 50000 == 0:
            check_cancel(progress)
        if normalise_key(key_value) not in wanted_keys and normalise_name(name_value) not in wanted_names:
            continue
        x, y = (None, None) if not bulk.usable[count] else _moved(bulk.xy[count], transform)
        firms.add(key_value, name_value, x, y, True)


def _moved(xy, transform) -> Tuple[Optional[float], Optional[float]]:
    try:
        point = transform.transform(QgsPointXY(float(xy[0]), float(xy[1])))
    except QgsCsException:
        return None, None
    return point.x(), point.y()


def _position(geometry, transform, convert) -> Tuple[Optional[float], Optional[float]]:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None, None
    if QgsWkbTypes.geometryType(geometry.wkbType()) == QgsWkbTypes.PointGeometry:
        point = geometry.asMultiPoint()[0] if geometry.isMultipart() else geometry.asPoint()
    else:
        point = geometry.pointOnSurface().asPoint()
    if convert is not None:
        point = QgsPointXY(*convert(point.x(), point.y()))
    try:
        point = transform.transform(point)
    except QgsCsException:
        return None, None
    if not (math.isfinite(point.x()) and math.isfinite(point.y())):
        return None, None
    return point.x(), point.y()


def tag_ends(request: ChainRequest, firms: Firms, used, progress):
    """{firm index: EndTags} of the firms used, the zones [(id, name, type key, geometry)] and the belt
    (None without one), all in the work CRS."""
    work = QgsCoordinateReferenceSystem(WORK_CRS)
    belt = None
    if request.belt is not None:
        belt, _repairs = read_belt(request.belt, work, request.transform_context)
    zones = None
    if request.zones is not None:
        zones = read_zones(
            request.zones, work, request.transform_context, list(DEFAULT_PRIORITY), unknown_as="park"
        )
    if zones is None and belt is None:
        return {}, [], None
    engine = None
    if zones is None and not belt.isEmpty():
        engine = QgsGeometry.createGeometryEngine(belt.constGet())
        engine.prepareGeometry()
    tagger = Tagger(zones, RULES[0], belt) if zones is not None else None
    tags = {}
    for count, index in enumerate(used):
        if count % 5000 == 0:
            check_cancel(progress)
        point = QgsGeometry.fromPointXY(QgsPointXY(firms.x[index], firms.y[index]))
        if tagger is None:
            tags[index] = EndTags(
                in_belt=1 if engine is not None and engine.intersects(point.constGet()) else 0
            )
            continue
        found = tagger.tag(point)
        choice = found.choice
        tags[index] = EndTags(
            zones.ids[choice] if choice >= 0 else None,
            zones.names[choice] if choice >= 0 else None,
            zones.keys[choice] if choice >= 0 else None,
            found.in_belt,
        )
    listed = []
    if zones is not None:
        listed = list(zip(zones.ids, zones.names, zones.keys, zones.geometries))
    return tags, listed, belt


def _kind(name: str):
    if name.startswith(("within_", "n_", "links_")):
        return INT
    return KINDS.get(name, TEXT)


def _fields(columns):
    return make_fields([(name, _kind(name)) for name in columns])


def _write(output_call, columns, rows, wkb_type, shapes=None) -> Optional[str]:
    fields = _fields(columns)
    sink, dest = output_call(fields, wkb_type, QgsCoordinateReferenceSystem(WORK_CRS))
    if sink is None:
        return None
    batch = []
    for number, row in enumerate(rows):
        feature = QgsFeature(fields)
        if shapes is not None:
            feature.setGeometry(shapes(number, row))
        feature.setAttributes([row.get(name) for name in columns])
        batch.append(feature)
        if len(batch) == 5000:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
    sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    return dest


def run_chains(request: ChainRequest, output: ChainOutput, progress=None) -> ChainResult:
    """Read, match, measure and write; raises a BeltMapError (LinksTableError, Cancelled …)."""
    progress = progress if progress is not None else Progress()
    table = read_link_table(request, progress)
    check_cancel(progress)
    progress.pushInfo(
        tr("{} links read ({} empty rows skipped); columns: {}").format(
            len(table.links),
            table.empty_rows,
            ", ".join("{}={}".format(k, v) for k, v in table.columns.items()),
        )
    )
    for word, count in sorted(table.other_relations.items()):
        progress.pushWarning(
            tr("Relation '{}' ({} links) is none of 供应/客户/合作/研发/服务: counted as other").format(
                word, count
            )
        )
    texts = [t for link in table.links for t in (link.from_text, link.to_text)] + list(request.leaders)
    wanted_keys = {normalise_key(t) for t in texts} - {""}
    wanted_names = {normalise_name(t) for t in texts} - {""}
    firms = read_firms(request, wanted_keys, wanted_names, progress)
    matched, unmatched = match_links(table.links, firms, progress.isCanceled)
    check_cancel(progress)
    reasons = Counter(u.reason for u in unmatched)
    for reason, count in sorted(reasons.items()):
        progress.pushWarning(tr("{} links unmatched: {}").format(count, reason))
    if request.leaders:
        leaders, missing = resolve_leaders(request.leaders, firms)
        for text in missing:
            progress.pushWarning(tr("Leader {} matches no single firm").format(text))
    else:
        leaders = default_leaders(matched)
    progress.setProgress(35)
    used = sorted(set(matched.from_index) | set(matched.to_index))
    tags, zones, belt = tag_ends(request, firms, used, progress)
    progress.setProgress(50)
    lines = link_rows(matched, firms, tags)
    radii = tuple(request.radii_km)
    summary = summary_rows(matched, firms, tags, leaders, radii)
    by_zone = zone_rows(lines, [(z[0], z[1], z[2]) for z in zones])
    share = headline(leader_links(matched, leaders), tags)
    check_cancel(progress)

    def arc(number, _row):
        a, b = matched.from_index[number], matched.to_index[number]
        points = arc_points(firms.x[a], firms.y[a], firms.x[b], firms.y[b])
        return QgsGeometry(QgsLineString([p[0] for p in points], [p[1] for p in points]))

    geometries = [QgsGeometry(z[3]) for z in zones]
    for geometry in geometries:
        geometry.convertToMultiType()
    missed = [
        {
            "row": u.row,
            "from": u.from_text,
            "to": u.to_text,
            "reason": u.reason,
            "reason_zh": REASON_ZH[u.reason],
            "detail": u.detail,
        }
        for u in unmatched
    ]
    destinations = {
        "lines": _write(output.lines, LINK_COLUMNS, lines, QgsWkbTypes.LineString, arc),
        "summary": _write(output.summary, summary_columns(radii), summary, QgsWkbTypes.NoGeometry),
        "zones": _write(
            output.zones, ZONE_COLUMNS, by_zone, QgsWkbTypes.MultiPolygon, lambda n, _r: geometries[n]
        ),
        "unmatched": _write(output.unmatched, UNMATCHED_COLUMNS, missed, QgsWkbTypes.NoGeometry),
    }
    progress.setProgress(70)
    result = ChainResult(
        destinations,
        len(table.links),
        len(matched.links),
        len(unmatched),
        table.empty_rows,
        share,
        dict(reasons),
    )
    progress.pushInfo(
        tr("{} links: {} matched, {} unmatched; {} leaders").format(
            result.links, result.matched, result.unmatched, len(leaders)
        )
    )
    if request.report_folder:
        data = {
            "links": lines,
            "summary": summary,
            "zones": by_zone,
            "unmatched": missed,
            "radii_km": radii,
            "firms": firms,
            "matched": matched,
            "leaders": leaders,
            "tags": tags,
            "zone_shapes": zones,
            "belt": belt,
            "result": result,
            "transform_context": request.transform_context,
        }
        result.report_data = data  # for the report (core/chain_report), written by the caller
    progress.setProgress(100)
    return result
