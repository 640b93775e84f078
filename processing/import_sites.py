"""`beltmap:importsites`: CSV/XLSX site lists with lon/lat (WGS84, GCJ-02, BD-09, EPSG) as points."""

import unicodedata
from dataclasses import dataclass
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsWkbTypes,
)

from ..compat import INT, TEXT
from ..core import coords
from ..core.encoding import shapefile_field_name
from ..core.site_table import (
    RejectedRow,
    SiteTableError,
    find_xy,
    read_sites,
    read_table,
    take_sample,
)
from ..dependencies import missing_reason
from .base import BeltMapAlgorithm
from .guard import OutputGuard
from .inputs import utf8_outputs

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


@dataclass
class ImportRequest:
    """A site list import: the file, its coordinate system, the output CRS, the sheet and x/y columns."""

    path: str
    system: Optional[str]  # WGS84, GCJ02 or BD09; None for a CRS
    source_crs: Optional[QgsCoordinateReferenceSystem]  # None for the three systems above
    target_crs: QgsCoordinateReferenceSystem
    sheet: Optional[str]
    x_field: str
    y_field: str


class ImportSitesAlgorithm(BeltMapAlgorithm):
    """Points from a site list: coordinates detected, converted from GCJ-02/BD-09, bad rows reported."""

    ID = "beltmap:importsites"  # the algorithm's id, written only here
    INPUT = "INPUT"
    SHEET = "SHEET"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    SOURCE_CRS = "SOURCE_CRS"
    TARGET_CRS = "TARGET_CRS"
    OUTPUT = "OUTPUT"
    ERRORS = "ERRORS"

    IMPORTED = "IMPORTED"
    REJECTED = "REJECTED"
    ROWS = "ROWS"
    ENCODING = "ENCODING"
    XY_COLUMNS = "XY_COLUMNS"

    def name(self) -> str:
        return "importsites"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import site list (CSV/XLSX)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Turns a CSV or XLSX site list with longitude/latitude (WGS84, GCJ-02 from AMap or Tencent, "
            "BD-09 from Baidu, CGCS2000 or any EPSG code) into points. Rows that cannot be placed go to an "
            "errors table with their row number and the reason; none is dropped silently."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<h3>What is detected</h3><ul>"
            "<li>Text encoding: UTF-8, UTF-8 with BOM (Excel's 'CSV UTF-8'), GBK/GB18030 (Excel's CSV on a "
            "Chinese Windows); delimiter: comma, tab, semicolon or |. XLSX: the first sheet unless SHEET "
            "is given.</li>"
            "<li>Coordinate columns by name (lon, lng, longitude, x, 经度 / lat, latitude, y, 纬度), or one "
            "column holding 'lon,lat' (location, 经纬度, 坐标; 'lat,lon' order is recognised in China).</li>"
            "<li>Decimal degrees, degrees-minutes-seconds (121°10′30″, 121度10分30秒), full-width digits, "
            "hemisphere letters and degree signs.</li></ul>"
            "<h3>GCJ-02 and BD-09</h3><p>Coordinates copied from AMap, Tencent (GCJ-02) or Baidu (BD-09) "
            "are shifted by about 500 m in Anting. They are converted to WGS84 with the iterative inverse of "
            "the published forward transform (round trip below 1 mm); BD-09 goes through GCJ-02. The "
            "published transform is itself an <b>approximation</b> of an unpublished official one, good to "
            "about a metre; outside China it applies no offset. The field <code>coord_src</code> records "
            "the source system of every site, <code>src_row</code> its row in the file.</p>"
            "<h3>Rejected rows</h3><p>Missing, non-numeric, swapped (latitude in the longitude column) or "
            "out-of-range coordinates go to ERRORS with the row number as a spreadsheet shows it (the header "
            "is row 1) and are counted in REJECTED. The input file is only read.</p>"
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:importsites --json -- INPUT=sites_amap.csv SOURCE_CRS=GCJ02 "
            "OUTPUT=sites.gpkg ERRORS=site_errors.csv"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterFile(
                self.INPUT,
                self.tr("Site list (CSV or XLSX)"),
                fileFilter=self.tr("Site lists (*.csv *.txt *.tsv *.xlsx);;All files (*.*)"),
            ),
            self.tr("A CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX file with one site per row."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.SHEET, self.tr("Sheet (XLSX)"), optional=True),
            self.tr("The sheet of an XLSX workbook to read; the first sheet when empty."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.X_FIELD, self.tr("Longitude / X column"), optional=True),
            self.tr(
                "Column holding the longitude (or X); detected when empty. Give the same column for X and Y "
                "when one column holds 'lon,lat'."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.Y_FIELD, self.tr("Latitude / Y column"), optional=True),
            self.tr("Column holding the latitude (or Y); detected when empty."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.SOURCE_CRS, self.tr("Coordinate system of the list"), defaultValue="WGS84"
            ),
            self.tr(
                "WGS84 (GPS, OpenStreetMap), GCJ02 (AMap/高德, Tencent/腾讯), BD09 (Baidu/百度), CGCS2000, "
                "or any CRS as EPSG:code (e.g. EPSG:4549 for metres)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterCrs(
                self.TARGET_CRS, self.tr("Output CRS"), defaultValue="EPSG:4490", optional=True
            ),
            self.tr("CRS of the output points; EPSG:4490 (CGCS2000) by default."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Sites"), QgsProcessing.TypeVectorPoint),
            self.tr(
                "The sites as points, with every column of the list (ASCII field names of at most 10 "
                "characters), coord_src and src_row."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSink(
                self.ERRORS, self.tr("Rejected rows"), QgsProcessing.TypeVector, optional=True
            ),
            self.tr("Table of the rows that could not be placed: row number, reason and the raw values."),
        )
        for name, label in (
            (self.IMPORTED, self.tr("Sites imported")),
            (self.REJECTED, self.tr("Rows rejected")),
            (self.ROWS, self.tr("Data rows read")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(QgsProcessingOutputString(self.ENCODING, self.tr("Text encoding")))
        self.addOutput(QgsProcessingOutputString(self.XY_COLUMNS, self.tr("Coordinate columns")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        text = self.parameterAsString(parameters, self.SOURCE_CRS, context)
        if _source_crs(text) is None:
            return False, self.tr(
                "Unknown coordinate system '{}'. Use WGS84, GCJ02, BD09, CGCS2000 or EPSG:code."
            ).format(text)
        return super().checkParameterValues(parameters, context)

    def request(self, parameters, context) -> ImportRequest:
        """The import asked for, read once from parameters."""
        found = _source_crs(self.parameterAsString(parameters, self.SOURCE_CRS, context))
        if found is None:  # reached when run without checkParameterValues (e.g. alg.run())
            raise QgsProcessingException(
                self.tr("Unknown coordinate system. Use WGS84, GCJ02, BD09, CGCS2000 or EPSG:code.")
            )
        target_crs = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
        return ImportRequest(
            path=self.parameterAsFile(parameters, self.INPUT, context),
            system=found[0],
            source_crs=found[1],
            target_crs=target_crs if target_crs.isValid() else QgsCoordinateReferenceSystem("EPSG:4490"),
            sheet=self.parameterAsString(parameters, self.SHEET, context) or None,
            x_field=self.parameterAsString(parameters, self.X_FIELD, context).strip(),
            y_field=self.parameterAsString(parameters, self.Y_FIELD, context).strip(),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with OutputGuard(self, parameters, context, feedback) as guard:
            return guard.commit(
                self.import_sites(self.request(parameters, context), context, feedback, guard)
            )

    def import_sites(self, request: ImportRequest, context, feedback, guard) -> dict:
        """Read the site list, write OUTPUT and ERRORS; the results (empty when cancelled)."""
        path, system, source_crs, target_crs = (
            request.path,
            request.system,
            request.source_crs,
            request.target_crs,
        )
        try:
            table = read_table(path, request.sheet)
            sample, rest = take_sample(table)
            spec = find_xy(
                table.headers,
                [cells for _, cells in sample if isinstance(cells, list)],
                request.x_field,
                request.y_field,
            )
        except SiteTableError as error:
            raise QgsProcessingException(str(error)) from None
        encoding = table.encoding.describe() if table.encoding else "XLSX"
        feedback.pushInfo(
            self.tr("Read {} ({}); coordinates in {}.").format(path, encoding, spec.describe(table.headers))
        )
        for note in table.notes:
            feedback.pushInfo(note)
        no_openpyxl = missing_reason("openpyxl") if table.kind == "xlsx" else None
        if no_openpyxl:
            feedback.pushInfo(no_openpyxl)

        utf8_outputs(context)
        fields, columns = _output_fields(table.headers, spec)
        feedback.pushInfo(
            self.tr("Fields: {}").format(
                ", ".join("{} → {}".format(h, n) for h, n in columns if h != n) or "as in the file"
            )
        )
        sink, dest = guard.sink(self.OUTPUT, fields, QgsWkbTypes.Point, target_crs)
        error_fields = QgsFields()
        error_fields.append(QgsField("row", INT))
        error_fields.append(QgsField("reason", TEXT))
        error_fields.append(QgsField("x_value", TEXT))
        error_fields.append(QgsField("y_value", TEXT))
        error_fields.append(QgsField("name", TEXT))
        error_sink, error_dest = guard.sink(
            self.ERRORS, error_fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem(), optional=True
        )

        geographic = source_crs is None or source_crs.isGeographic()
        transform_from = source_crs if source_crs is not None else QgsCoordinateReferenceSystem("EPSG:4326")
        transform = None
        if transform_from.authid() != target_crs.authid():
            transform = QgsCoordinateTransform(transform_from, target_crs, context.transformContext())
        area = _area_of_use(source_crs, context)
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
            return {}
        if rows == 0:
            feedback.reportError(
                self.tr("{} has a header but no data rows: nothing was imported.").format(path)
            )
        elif rejected:
            feedback.reportError(
                self.tr(
                    "{} of {} rows were not imported; see the ERRORS table for the row numbers and reasons."
                ).format(rejected, rows)
            )
        feedback.pushInfo(
            self.tr("{} sites imported, {} rows rejected ({}).").format(imported, rejected, label)
        )
        return {
            self.OUTPUT: dest,
            self.ERRORS: error_dest,
            self.IMPORTED: imported,
            self.REJECTED: rejected,
            self.ROWS: rows,
            self.ENCODING: encoding,
            self.XY_COLUMNS: spec.describe(table.headers),
        }


def _source_crs(text):
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


def _area_of_use(crs, context):
    """(transform to WGS84, generous WGS84 box) for a projected CRS; None for geographic ones."""
    if crs is None or crs.isGeographic():
        return None
    bounds = crs.bounds()  # area of use, WGS84 degrees
    if bounds.isEmpty():
        return None
    grown = QgsRectangle(bounds)
    grown.grow(2.0)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    return QgsCoordinateTransform(crs, wgs84, context.transformContext()), grown


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
