"""`beltmap:importsites`: CSV/XLSX site lists with lon/lat (WGS84, GCJ-02, BD-09, EPSG) as points."""

from functools import partial

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core.errors import BeltMapError
from ..core.site_import.engine import ImportOutput, ImportRequest, import_sites, source_crs
from .base import BeltMapAlgorithm
from .inputs import utf8_outputs


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

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Import site list (CSV/XLSX)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Turns a CSV or XLSX site list with longitude/latitude (WGS84, GCJ-02 from AMap or Tencent, "
            "BD-09 from Baidu, CGCS2000 or any EPSG code) into points. Rows that cannot be placed go to an "
            "errors table with their row number and the reason; none is dropped silently."
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

    def request(self, parameters, context, feedback) -> ImportRequest:
        """The import asked for, read once from parameters."""
        text = self.parameterAsString(parameters, self.SOURCE_CRS, context)
        found = source_crs(text)
        if found is None:
            raise BeltMapError(
                self.tr(
                    "Unknown coordinate system '{}'. Use WGS84, GCJ02, BD09, CGCS2000 or EPSG:code."
                ).format(text)
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
            transform_context=context.transformContext(),
        )

    def execute(self, request: ImportRequest, guard, context, feedback) -> dict:
        """Import with core/site_import/engine.py into OUTPUT and ERRORS; the results (empty if cancelled)."""
        utf8_outputs(context)
        output = ImportOutput(
            sites=partial(guard.sink, self.OUTPUT), errors=partial(guard.sink, self.ERRORS, optional=True)
        )
        result = import_sites(request, output, feedback)
        if result is None:
            return {}
        return {
            self.OUTPUT: result.sites,
            self.ERRORS: result.errors,
            self.IMPORTED: result.imported,
            self.REJECTED: result.rejected,
            self.ROWS: result.rows,
            self.ENCODING: result.encoding,
            self.XY_COLUMNS: result.xy_columns,
        }
