"""Site lists (CSV/XLSX) with lon/lat in WGS84, GCJ-02, BD-09 or any CRS, as points: the engine of
`beltmap:importsites`. Coordinates detected and converted, bad rows reported with their row number."""

import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
    QgsWkbTypes,
)

from ...compat import INT, TEXT
from ...dependencies import missing_reason
from ...i18n import tr
from ..base import coords
from ..base.encoding import shapefile_field_name
from ..base.progress import Progress
from .columns import find_xy
from .rows import RejectedRow, read_sites
from .table import read_table, take_sample

# headers that become the field names of the data model (DESIGN.md: names are ASCII)
KNOWN_HEADERS = {
    "名称": "name", "名字": "name", "单位名称": "name", "企业名称": "name", "站点名称": "name",
    "点位名称": "name", "name": "name", "类别": "category", "分类": "category", "类型": "category",
    "category": "category", "地址": "address", "备注": "note", "电话": "phone", "编号": "code",
    "序号": "seq", "区": "district", "街道": "subdistrict", "镇": "town",
}  # fmt: skip
SOURCE_FIELD = "coord_src"
ROW_FIELD = "src_row"
BATCH = 5000


@dataclass(frozen=True)
class ImportRequest:
    """A site list import: the file, its coordinate system, the output CRS, the sheet and x/y columns."""

    path: str
    system: Optional[str]  # WGS84, GCJ02 or BD09; None for a CRS
    source_crs: Optional[QgsCoordinateReferenceSystem]  # None for the three systems above
    target_crs: QgsCoordinateReferenceSystem
    sheet: Optional[str]
    x_field: str
    y_field: str
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)


@dataclass(frozen=True)
class ImportOutput:
    """Where the import writes: sites(fields, wkb_type, crs) and errors(fields, wkb_type, crs), each
    -> (sink, destination); errors may return (None, None) when the rejected rows are not wanted."""

    sites: Callable
    errors: Callable


@dataclass
class ImportResult:
    """What an import did: destinations, counts, the text encoding and the coordinate columns found."""

    sites: Optional[str]
    errors: Optional[str]
    imported: int
    rejected: int
    rows: int
    encoding: str
    xy_columns: str


def import_sites(request: ImportRequest, output: ImportOutput, progress=None) -> Optional[ImportResult]:
    """Read the site list, write the points and the rejected rows; None when cancelled. SiteTableError
    when the file cannot be read."""
    feedback = progress if progress is not None else Progress()
    path, system, source_crs, target_crs = (
        request.path,
        request.system,
        request.source_crs,
        request.target_crs,
    )
    table = read_table(path, request.sheet)
    sample, rest = take_sample(table)
    spec = find_xy(
        table.headers,
        [cells for _, cells in sample if isinstance(cells, list)],
        request.x_field,
        request.y_field,
    )
    encoding = table.encoding.describe() if table.encoding else "XLSX"
    feedback.pushInfo(
        tr("Read {} ({}); coordinates in {}.").format(path, encoding, spec.describe(table.headers))
    )
    for note in table.notes:
        feedback.pushInfo(note)
    no_openpyxl = missing_reason("openpyxl") if table.kind == "xlsx" else None
    if no_openpyxl:
        feedback.pushInfo(no_openpyxl)

    fields, columns = _output_fields(table.headers, spec)
    feedback.pushInfo(
        tr("Fields: {}").format(
            ", ".join("{} → {}".format(h, n) for h, n in columns if h != n) or "as in the file"
        )
    )
    sink, dest = output.sites(fields, QgsWkbTypes.Point, target_crs)
    error_fields = QgsFields()
    error_fields.append(QgsField("row", INT))
    error_fields.append(QgsField("reason", TEXT))
    error_fields.append(QgsField("x_value", TEXT))
    error_fields.append(QgsField("y_value", TEXT))
    error_fields.append(QgsField("name", TEXT))
    error_sink, error_dest = output.errors(
        error_fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )

    geographic = source_crs is None or source_crs.isGeographic()
    transform_from = source_crs if source_crs is not None else QgsCoordinateReferenceSystem("EPSG:4326")
    transform = None
    if transform_from.authid() != target_crs.authid():
        transform = QgsCoordinateTransform(transform_from, target_crs, request.transform_context)
    area = _area_of_use(source_crs, request.transform_context)
    to_wgs84 = coords.TO_WGS84.get(system) if system else None
    label = system or source_crs.authid() or "custom CRS"
    name_index = next((i for i, (_h, n) in enumerate(columns) if n == "name"), None)

    imported = rejected = rows = 0
    batch = []
    estimate = max(1, len(sample) if not table.estimate else table.estimate)
    step = 100.0 / estimate
    for item in read_sites(
        table,
        spec,
        geographic=geographic,
        china_only=system in (coords.GCJ02, coords.BD09),
        sample=sample,
        rest=rest,
        is_canceled=feedback.isCanceled,
    ):
        rows += 1
        if rows % 10000 == 0:
            feedback.setProgress(min(99.0, rows * step))
        if isinstance(item, RejectedRow):
            rejected += 1
            _reject(error_sink, item, name_index)
            continue
        x, y = item.x, item.y
        if to_wgs84 is not None:
            x, y = to_wgs84(x, y)
        point = QgsPointXY(x, y)
        if _outside_area(area, point):
            rejected += 1
            _reject(
                error_sink,
                RejectedRow(
                    item.row,
                    "({}, {}) lies outside the area of use of {}: wrong CRS, or x and y swapped".format(
                        x, y, label
                    ),
                    str(item.x),
                    str(item.y),
                    item.cells,
                ),
                name_index,
            )
            continue
        if transform is not None:
            try:
                point = transform.transform(point)
            except QgsCsException:
                rejected += 1
                _reject(
                    error_sink,
                    RejectedRow(
                        item.row, "cannot be transformed to the output CRS", str(x), str(y), item.cells
                    ),
                    name_index,
                )
                continue
        feature = QgsFeature(fields)
        values = [_value(item.cells, i) for i in range(len(columns))]
        feature.setAttributes(values + [label, item.row])
        feature.setGeometry(QgsGeometry.fromPointXY(point))
        batch.append(feature)
        imported += 1
        if len(batch) >= BATCH:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    if feedback.isCanceled():
        return None
    if rows == 0:
        _report_error(feedback, tr("{} has a header but no data rows: nothing was imported.").format(path))
    elif rejected:
        _report_error(
            feedback,
            tr(
                "{} of {} rows were not imported; see the ERRORS table for the row numbers and reasons."
            ).format(rejected, rows),
        )
    feedback.pushInfo(tr("{} sites imported, {} rows rejected ({}).").format(imported, rejected, label))
    return ImportResult(
        sites=dest,
        errors=error_dest,
        imported=imported,
        rejected=rejected,
        rows=rows,
        encoding=encoding,
        xy_columns=spec.describe(table.headers),
    )


def source_crs(text):
    """(system, None) for WGS84/GCJ02/BD09, (None, crs) for CGCS2000/EPSG codes; None if unknown."""
    system = coords.source_system(text)
    if system in (coords.WGS84, coords.GCJ02, coords.BD09):
        return system, None
    if system == coords.CGCS2000:
        return coords.CGCS2000, QgsCoordinateReferenceSystem("EPSG:4490")
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip()
    if cleaned.isdigit():
        cleaned = "EPSG:" + cleaned
    crs = QgsCoordinateReferenceSystem(cleaned) if cleaned else QgsCoordinateReferenceSystem()
    if not crs.isValid():
        return None
    return None, crs


def _area_of_use(crs, transform_context):
    """(transform to WGS84, generous WGS84 box) for a projected CRS; None for geographic ones."""
    if crs is None or crs.isGeographic():
        return None
    bounds = crs.bounds()  # area of use, WGS84 degrees
    if bounds.isEmpty():
        return None
    grown = QgsRectangle(bounds)
    grown.grow(2.0)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    return QgsCoordinateTransform(crs, wgs84, transform_context), grown


def _outside_area(area, point) -> bool:
    if area is None:
        return False
    transform, box = area
    try:
        return not box.contains(transform.transform(point))
    except QgsCsException:
        return True


def _value(cells, index):
    value = cells[index] if index < len(cells) else None
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _reject(sink, item: RejectedRow, name_index):
    if sink is None:
        return
    feature = QgsFeature()
    name = _value(item.cells, name_index) if name_index is not None else None
    feature.setAttributes([item.row, item.reason, item.x_text, item.y_text, name])
    sink.addFeature(feature, QgsFeatureSink.FastInsert)


def _output_fields(headers, spec):
    """Output fields (all text, ASCII names of at most 10 bytes) and (header, field name) per column."""
    fields = QgsFields()
    columns = []
    taken = [SOURCE_FIELD, ROW_FIELD]
    for index, header in enumerate(headers):
        key = unicodedata.normalize("NFKC", header).strip().lower()
        if index == spec.pair:
            base = "xy_src"
        elif index == spec.x:
            base = "x_src"
        elif index == spec.y:
            base = "y_src"
        elif key in KNOWN_HEADERS:
            base = KNOWN_HEADERS[key]
        elif header.isascii():
            base = header
        else:
            base = "col_{}".format(index + 1)
        name = shapefile_field_name(base, taken)
        taken.append(name)
        field = QgsField(name, TEXT)
        field.setAlias(header)
        fields.append(field)
        columns.append((header, name))
    fields.append(QgsField(SOURCE_FIELD, TEXT))
    fields.append(QgsField(ROW_FIELD, INT))
    return fields, columns


def _report_error(progress, text: str) -> None:
    """An error line in the log (QGIS's feedback shows it as an error; else a warning)."""
    report = getattr(progress, "reportError", None)
    if report is not None:
        report(text)
    else:
        progress.pushWarning(text)
