"""`beltmap:validate`: report every problem in the belt data, with what to fix."""

from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import BIGINT, TEXT
from ..core.errors import BeltMapError
from ..core.validation import ERROR, INFO, WARNING, count, issues_html, run_checks
from ..core.validation.report import feature_label, severity_label
from .base import BeltMapAlgorithm
from .inputs import unreadable_reason, utf8_outputs, vector_input, vector_inputs


@dataclass(frozen=True)
class ValidateRequest:
    """The layers a validation run checks (None when not given) and the run's datum transforms."""

    belt: Optional[QgsVectorLayer]
    zones: Optional[QgsVectorLayer]
    roads: Optional[QgsVectorLayer]
    sites: Tuple[QgsVectorLayer, ...]
    transform_context: QgsCoordinateTransformContext


class ValidateAlgorithm(BeltMapAlgorithm):
    """Checks belt, zones, sites and roads; writes a REPORT table and an HTML report."""

    ID = "beltmap:validate"  # the algorithm's id, written only here
    BELT = "BELT"
    ZONES = "ZONES"
    SITES = "SITES"
    ROADS = "ROADS"
    REPORT = "REPORT"
    REPORT_HTML = "REPORT_HTML"

    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    NOTES = "NOTES"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Validate belt data")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Finds every problem in the belt data that would spoil a map or a count, and says how to fix it: "
            "a table (REPORT) and a page (REPORT_HTML) with severity, layer, feature, check, message and fix."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:validate --json -- BELT=belt.gpkg|layername=belt "
            "ZONES=belt.gpkg|layername=zones SITES=belt.gpkg|layername=sites REPORT=report.csv "
            "REPORT_HTML=report.html"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterVectorLayer(
                self.BELT, self.tr("Belt boundary"), [QgsProcessing.TypeVectorAnyGeometry], optional=True
            ),
            self.tr("The practice belt boundary (polygons)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterVectorLayer(
                self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorAnyGeometry], optional=True
            ),
            self.tr("The zones (polygons with zone_id, name and zone_type)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterMultipleLayers(
                self.SITES, self.tr("Sites"), QgsProcessing.TypeVectorAnyGeometry, optional=True
            ),
            self.tr("One or more site layers (points with name and category)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterVectorLayer(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorAnyGeometry], optional=True
            ),
            self.tr("The roads (lines); used to spot GCJ-02/BD-09 shifted sites."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, self.tr("Validation report"), QgsProcessing.TypeVector
            ),
            self.tr(
                "Table: severity, layer, feature_id, check, message, fix, feature (zone_id and name of a "
                "zone, id and name of a site)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT_HTML,
                self.tr("Validation report (HTML)"),
                self.tr("HTML files (*.html)"),
                optional=True,
            ),
            self.tr("The same report as a web page."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber(self.NOTES, self.tr("Notes")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        for name in (self.BELT, self.ZONES, self.ROADS, self.SITES):
            values = parameters.get(name)
            for value in values if isinstance(values, (list, tuple)) else [values]:
                reason = unreadable_reason(value, context)
                if reason:
                    return False, self.tr(
                        "{}: '{}' cannot be read as a vector layer ({}). Use a GeoPackage, shapefile or "
                        "GeoJSON; a shapefile needs its .shp, .shx and .dbf side by side."
                    ).format(name, value, reason)
        return super().checkParameterValues(parameters, context)

    def request(self, parameters, context, feedback) -> ValidateRequest:
        """The layers to check, each opened once (a shapefile with its detected encoding)."""
        layers = {}
        for name in (self.BELT, self.ZONES, self.ROADS):
            if parameters.get(name) in (None, ""):
                layers[name] = None
                continue
            layer = vector_input(self, parameters, name, context, feedback)
            if layer is None or not layer.isValid():
                raise BeltMapError(
                    self.tr(
                        "{}: '{}' cannot be read as a vector layer (not a GIS file, damaged, or a shapefile "
                        "missing its .shx/.dbf). Use a GeoPackage, shapefile or GeoJSON."
                    ).format(name, parameters.get(name))
                )
            layers[name] = layer
        sites = vector_inputs(self, parameters, self.SITES, context, feedback)
        if not any(layers.values()) and not sites:
            raise BeltMapError(self.tr("Give at least one layer to check (BELT, ZONES, SITES or ROADS)."))
        return ValidateRequest(
            belt=layers[self.BELT],
            zones=layers[self.ZONES],
            roads=layers[self.ROADS],
            sites=tuple(sites),
            transform_context=context.transformContext(),
        )

    def execute(self, request: ValidateRequest, guard, context, feedback) -> dict:
        """Check the layers (core/validation), write the report; the results (empty when cancelled)."""
        issues = run_checks(
            zones=request.zones,
            belt=request.belt,
            sites=list(request.sites),
            roads=request.roads,
            feedback=feedback,
            transform_context=request.transform_context,
        )
        if feedback.isCanceled():
            return {}

        utf8_outputs(context)
        fields = QgsFields()
        for field_name, kind in (
            ("severity", TEXT),
            ("layer", TEXT),
            ("feature_id", BIGINT),
            ("check", TEXT),
            ("message", TEXT),
            ("fix", TEXT),
            ("feature", TEXT),
        ):
            fields.append(QgsField(field_name, kind))
        sink, dest = guard.sink(self.REPORT, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem())
        for issue in issues:
            feature = QgsFeature(fields)
            feature.setAttributes(
                [issue.severity, issue.layer, issue.fid, issue.check, issue.message, issue.fix, issue.feature]
            )
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            if issue.severity == ERROR:
                feedback.reportError(
                    "{}: {} {}".format(severity_label(issue.severity), feature_label(issue), issue.message),
                    False,
                )
        results = {
            self.REPORT: dest,
            self.ERRORS: count(issues, ERROR),
            self.WARNINGS: count(issues, WARNING),
            self.NOTES: count(issues, INFO),
        }
        html_path = guard.file(self.REPORT_HTML)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as handle:
                handle.write(issues_html(issues))
            results[self.REPORT_HTML] = html_path
        feedback.pushInfo(
            self.tr("{} errors, {} warnings, {} notes.").format(
                results[self.ERRORS], results[self.WARNINGS], results[self.NOTES]
            )
        )
        return results
