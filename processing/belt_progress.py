"""`beltmap:beltprogress`: the five-year programme — indicators of every year, progress towards targets."""

import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.base.field_specs import INT, REAL, TEXT, make_fields
from ..core.base.model import WORK_CRS
from ..core.base.year_labels import split_labels
from ..core.programme import rule
from ..core.programme.request import EACH, LATEST, ProgressRequest
from ..core.programme_report.report import PROGRESS_COLUMNS, ZONE_COLUMNS, progress_and_report
from .base import BeltMapAlgorithm
from .inputs import utf8_outputs
from .year_widget import year_picker

ZONES_FROM = (LATEST, EACH)
METHODS = (rule.LINEAR, rule.GROWTH)
LANGUAGES = ("zh", "en")
PAPERS = ("A4", "A3")
NUMBERS = {"year", "baseline_year", "latest_year", "target_year", "targets", "row"}
REALS = {"value", "baseline", "latest", "target", "expected", "ratio"}


def years_value(value) -> tuple:
    """YEARS as paths: a list (qgis_process --YEARS=a --YEARS=b, processing.run), or text with one path a
    line or separated by ';'."""
    if value is None:
        return ()
    items = value if isinstance(value, (list, tuple)) else re.split(r"[;\n]", str(value))
    return tuple(str(item).strip() for item in items if str(item).strip())


class BeltProgressAlgorithm(BeltMapAlgorithm):
    """Progress of the programme's targets over several years of the belt."""

    ID = "beltmap:beltprogress"

    YEARS = "YEARS"
    LABELS = "LABELS"
    TARGETS = "TARGETS"
    ZONES_FROM = "ZONES_FROM"
    METHOD = "METHOD"
    LANGUAGE = "LANGUAGE"
    PAPER = "PAPER"
    INDICATORS = "INDICATORS"
    PROGRESS = "PROGRESS"
    ZONE_PROGRESS = "ZONE_PROGRESS"
    REPORT_FOLDER = "REPORT_FOLDER"
    COUNTS = (
        ("ACHIEVED_COUNT", rule.ACHIEVED),
        ("ON_TRACK_COUNT", rule.ON_TRACK),
        ("ACCELERATION_COUNT", rule.ACCELERATION),
        ("LIMITED_COUNT", rule.LIMITED),
        ("DETERIORATION_COUNT", rule.DETERIORATION),
        ("UNASSESSED_COUNT", rule.UNASSESSED),
    )
    COUNT_KEYS = tuple(key for key, _status in COUNTS)

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Programme progress")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "The five-year programme: the indicators of every year and scope, the progress of every target "
            "(achieved, on track, acceleration needed, limited, deterioration, unable to assess) and the "
            "status of every zone, with a progress report."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:beltprogress --json --YEARS=belt_2024.zip --YEARS=belt_2025 "
            "--YEARS=belt_2026.gpkg --TARGETS=targets.xlsx --REPORT_FOLDER=progress"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            year_picker(
                QgsProcessingParameterString(
                    self.YEARS, self.tr("Years (packages or GeoPackages)"), multiLine=True
                ),
                many=True,
            ),
            self.tr(
                "Two or more years, in any order: package folders, package ZIPs or GeoPackages with the "
                "tables sites and zones (belt, stations, roads optional). One path a line (or separated by "
                ";'); on the command line --YEARS=a --YEARS=b. A year is named by its manifest's label, "
                "else by a four-digit year in its file or folder name, else by LABELS."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.LABELS, self.tr("Labels"), optional=True),
            self.tr("Optional year labels, comma-separated, in the order of YEARS, e.g. 2024,2025,2026."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFile(
                self.TARGETS,
                self.tr("Targets table"),
                fileFilter="Tables (*.csv *.xlsx *.gpkg *.dbf);;All files (*)",
            ),
            self.tr(
                "One row per target: indicator, scope, target_year, target; optional baseline_year, "
                "direction (increase / decrease, 提高 / 降低), unit, source, responsible, note. "
                "Chinese headers 指标, 范围, 目标年份, 目标值, 基准年份, 方向, 单位, 来源, "
                "责任单位, 备注 are accepted. CSV (UTF-8 or GBK), XLSX or a GeoPackage table."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.ZONES_FROM, self.tr("Reporting zones"), list(ZONES_FROM), defaultValue=0
            ),
            self.tr(
                "latest: every year on the latest year's zones (each year's sites tagged into them), so a "
                "series is about the ground; each: each year's own zones, matched by zone_id."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(self.METHOD, self.tr("Method"), list(METHODS), defaultValue=0),
            self.tr(
                "linear: the straight path from baseline to target (works from a zero baseline); growth: "
                "Open SDG's compound growth rates, same thresholds."
            ),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Report language"), ["中文", "English"], defaultValue=0
            ),
            self.tr("Language of the progress report."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(self.PAPER, self.tr("Report paper"), list(PAPERS), defaultValue=0),
            self.tr("Paper of the progress report."),
            advanced=True,
        )
        sinks = (
            (self.INDICATORS, self.tr("Indicators per year"), QgsProcessing.TypeVector),
            (self.PROGRESS, self.tr("Progress per target"), QgsProcessing.TypeVector),
            (self.ZONE_PROGRESS, self.tr("Progress per zone"), QgsProcessing.TypeVectorPolygon),
        )
        for name, label, kind in sinks:
            self.addParameter(
                QgsProcessingParameterFeatureSink(name, label, kind, optional=True, createByDefault=True)
            )
        self.addHelpedParameter(
            QgsProcessingParameterFolderDestination(
                self.REPORT_FOLDER, self.tr("Report folder"), optional=True, createByDefault=False
            ),
            self.tr(
                "Optional: the tables as CSV, the calculation inputs, a summary (中文 / English) and the "
                "progress report (PDF)."
            ),
        )
        labels = (
            self.tr("Targets achieved"),
            self.tr("Targets on track"),
            self.tr("Targets needing acceleration"),
            self.tr("Targets with limited progress"),
            self.tr("Targets deteriorating"),
            self.tr("Targets unable to assess"),
        )
        for (key, _status), label in zip(self.COUNTS, labels):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputNumber("YEARS_COUNT", self.tr("Years")))

    def output_folders(self, parameters, context) -> dict:
        """The report folder: it must not hold an input."""
        folder = self._report_folder(parameters, context)
        return {self.REPORT_FOLDER: folder} if folder else {}

    def _report_folder(self, parameters, context) -> str:
        if not parameters.get(self.REPORT_FOLDER):
            return ""
        return self.parameterAsFileOutput(parameters, self.REPORT_FOLDER, context) or ""

    def request(self, parameters, context, feedback) -> ProgressRequest:
        """The run asked for, read once from the parameters."""
        utf8_outputs(context)
        return ProgressRequest(
            years=years_value(parameters.get(self.YEARS)),
            targets=self.parameterAsFile(parameters, self.TARGETS, context),
            labels=tuple(split_labels(self.parameterAsString(parameters, self.LABELS, context))),
            zones_from=ZONES_FROM[self.parameterAsEnum(parameters, self.ZONES_FROM, context)],
            method=METHODS[self.parameterAsEnum(parameters, self.METHOD, context)],
            language=LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)],
            paper=PAPERS[self.parameterAsEnum(parameters, self.PAPER, context)],
            report_folder=self._report_folder(parameters, context),
            transform_context=context.transformContext(),
        )

    def execute(self, request: ProgressRequest, guard, context, feedback) -> dict:
        """Assess the progress (one engine call), then write the three outputs."""
        result = progress_and_report(request, feedback)
        results = {key: result.counts[status] for key, status in self.COUNTS}
        results["YEARS_COUNT"] = len(result.labels)
        outputs = (
            (self.INDICATORS, ["year", "label", "scope", "indicator", "value"], result.indicators, False),
            (self.PROGRESS, PROGRESS_COLUMNS, result.progress, False),
            (self.ZONE_PROGRESS, ZONE_COLUMNS + result.zone_fields, result.zones, True),
        )
        for name, columns, rows, polygons in outputs:
            fields = make_fields([(c, self._kind(c, result.zone_fields), None) for c in columns])
            wkb = QgsWkbTypes.MultiPolygon if polygons else QgsWkbTypes.NoGeometry
            sink, dest = guard.sink(name, fields, wkb, QgsCoordinateReferenceSystem(WORK_CRS), optional=True)
            if sink is None:
                continue
            for row in rows:
                feature = QgsFeature(fields)
                if polygons:
                    geometry = QgsGeometry(row["geometry"])
                    geometry.convertToMultiType()
                    feature.setGeometry(geometry)
                feature.setAttributes([row.get(c) for c in columns])
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            results[name] = dest
        for name, path in result.files.items():
            results[name.upper() + ("_CSV" if path.endswith(".csv") else "")] = path
        if result.files:
            results[self.REPORT_FOLDER] = request.report_folder
        return results

    @staticmethod
    def _kind(column: str, indicator_fields) -> str:
        if column in NUMBERS:
            return INT
        return REAL if column in REALS or column in indicator_fields else TEXT
