"""`beltmap:evaluationindex`: the comprehensive construction evaluation index (综合性建设评价指数)."""

import json
from dataclasses import dataclass
from typing import List

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.evaluation.chart import write_chart
from ..core.evaluation.config import AGGREGATES, ConfigError, Indicator, default_indicators, load_file
from ..core.evaluation.index_math import BENEFIT, COST, IndexComputationError, evaluate, grade_label
from ..core.evaluation.indicators import compute, fill_missing, members, missing_fields
from ..core.evaluation.package import CHART_TITLE, WEIGHT_PREFIX
from ..core.evaluation.style import GradeStyler
from ..core.evaluation.units import UNIT_KINDS, grid_units, zone_type_units, zone_units
from ..core.model import WORK_CRS
from ..core.reach.points import read_points
from .base import BeltMapAlgorithm
from .child_runs import child_layer, run_child, sites_value, tagged_sites
from .field_specs import INT, REAL, TEXT, make_fields
from .guard import OutputGuard
from .inputs import source_input

DIRECTIONS = (BENEFIT, COST)


@dataclass
class EvaluationRequest:
    """An evaluation run: the indicators (own_file: from the user's INDICATORS file), units and sites."""

    indicators: List[Indicator]
    own_file: bool
    units: list
    sites: object  # QgsFeatureSource, tagged and with walk_m when an indicator needs them
    project: object
    transform_context: QgsCoordinateTransformContext


class EvaluationIndexAlgorithm(BeltMapAlgorithm):
    """Indicators per unit, min-max normalised, entropy/fixed weights, weighted-sum score, TOPSIS, grade."""

    UNITS = "UNITS"
    ZONES = "ZONES"
    BELT = "BELT"
    GRID_SIZE = "GRID_SIZE"
    SITES = "SITES"
    ROADS = "ROADS"
    STATION_CATEGORY = "STATION_CATEGORY"
    INDICATORS = "INDICATORS"
    USER_EXPRESSION = "USER_EXPRESSION"
    USER_AGGREGATE = "USER_AGGREGATE"
    USER_DIRECTION = "USER_DIRECTION"
    USER_WEIGHT = "USER_WEIGHT"
    OUTPUT = "OUTPUT"
    WEIGHTS = "WEIGHTS"
    CHART = "CHART"
    UNIT_COUNT = "UNIT_COUNT"
    WEIGHT_VALUES = "WEIGHT_VALUES"
    BEST_UNIT = "BEST_UNIT"
    DROPPED_INDICATORS = "DROPPED_INDICATORS"

    def name(self) -> str:
        return "evaluationindex"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Evaluation index of units (综合性建设评价指数)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Compares the belt's units (zones, zone types or a grid) by a comprehensive construction "
            "evaluation index: indicators per unit, min-max normalised, weighted by the entropy method or "
            "by fixed weights, scored as a weighted sum (0-100) and by TOPSIS, ranked and graded in five "
            "classes."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<p><b>The indicators are a starting point, not the official index.</b> The official index's "
            "indicators are not public. The built-in set is a documented starting point based on the "
            "Shanghai 15-minute community life circle guideline (2016) and the literature on industry-city "
            "integration: site density per category (per km²), service coverage rate within 500 m, mean "
            "walk to the nearest service station (cost), land-use mix LUM = -Σ p ln p / ln K over site "
            "categories, and job-housing balance JHB = 1 - |J - W| / (J + W) where the sites have jobs and "
            "workers fields. Planners set their own indicators and weights in a JSON file (INDICATORS; "
            "YAML when PyYAML is installed) or add one QGIS expression here.</p>"
            '<p>Indicator file: <code>{"indicators": [{"key": "d_svc", "kind": "density", '
            '"category": "service_station", "direction": "benefit", "weight": 0.3}, {"key": '
            '"green", "kind": "expression", "expression": "\\"area\\"", "aggregate": "sum", '
            '"direction": "benefit"}]}</code>. Kinds: density (category), coverage (radius), walk, lum '
            "(over: category or zone_type), jhb (jobs, workers), expression (expression, aggregate: sum, "
            "mean, count, min, max, median). Keys: up to 8 lowercase ASCII characters.</p>"
            "<p>Normalisation: benefit (x - min)/(max - min), cost (max - x)/(max - min); an indicator "
            "with the same value everywhere gets weight 0 and a warning. A value that is undefined in a "
            "unit (a rate in a unit without sites) gets the worst value seen, with a warning. Entropy "
            "weights: p = x' / Σx', e = -(1/ln n) Σ p ln p, w = (1 - e)/Σ(1 - e); indicators with a fixed "
            "weight keep it and the others share the rest by entropy. Score S = 100 Σ w x'; TOPSIS "
            "C = D- / (D+ + D-) on the weighted normalised matrix. Grades on S: 1 优 ≥ 80, 2 良 ≥ 60, "
            "3 中 ≥ 40, 4 较差 ≥ 20, 5 差 below. At least two units are needed.</p>"
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:evaluationindex --json -- UNITS=zones "
            "ZONES='belt.gpkg|layername=zones' SITES='belt.gpkg|layername=sites' "
            "ROADS='belt.gpkg|layername=roads' OUTPUT=index.gpkg CHART=index.png"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.UNITS,
                self.tr("Units"),
                options=list(UNIT_KINDS),
                defaultValue=UNIT_KINDS[0],
                usesStaticStrings=True,
            ),
            self.tr(
                "zones: each zone; zone_types: the zones merged by type; grid: square cells of GRID_SIZE."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            self.tr("The zones (needed for zones and zone_types units; bounds the grid without BELT)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.BELT, self.tr("Belt"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            self.tr("The belt boundary: the grid covers it, clipped to it."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.GRID_SIZE,
                self.tr("Grid cell size (m)"),
                QgsProcessingParameterNumber.Double,
                500.0,
                minValue=10.0,
            ),
            self.tr("Side of a grid cell in metres (EPSG:4549), for grid units."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Sites"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr(
                "The sites (category field; zone_type from beltmap:tagzones for LUM over zone types; walk_m "
                "from beltmap:servicecoverage, which is run here when coverage indicators need it)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
            ),
            self.tr("Roads for the walking distances when SITES have no walk_m; empty: straight line x 1.3."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.STATION_CATEGORY,
                self.tr("Station category"),
                defaultValue="service_station",
                optional=True,
            ),
            self.tr("Category of the sites that are service stations (for walk_m when it is missing)."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterFile(
                self.INDICATORS,
                self.tr("Indicator file (JSON/YAML)"),
                extension="",
                optional=True,
                fileFilter="JSON (*.json);;YAML (*.yaml *.yml)",
            ),
            self.tr("Indicators, directions and optional fixed weights; empty: the built-in starting set."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterExpression(
                self.USER_EXPRESSION,
                self.tr("Extra indicator: expression on the sites"),
                parentLayerParameterName=self.SITES,
                optional=True,
            ),
            self.tr("A QGIS expression evaluated on every site and aggregated per unit (key 'user')."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.USER_AGGREGATE,
                self.tr("Extra indicator: aggregate"),
                options=list(AGGREGATES),
                defaultValue="sum",
                usesStaticStrings=True,
            ),
            self.tr("How the expression's values are combined within a unit."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.USER_DIRECTION,
                self.tr("Extra indicator: direction"),
                options=list(DIRECTIONS),
                defaultValue=BENEFIT,
                usesStaticStrings=True,
            ),
            self.tr("benefit: more is better; cost: less is better."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.USER_WEIGHT,
                self.tr("Extra indicator: fixed weight"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
                maxValue=1.0,
            ),
            self.tr("Empty: entropy weight; a value in 0-1 fixes it and the others share the rest."),
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Evaluation index"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.WEIGHTS, self.tr("Indicator weights"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.CHART,
                self.tr("Score chart"),
                fileFilter="PNG (*.png);;SVG (*.svg)",
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.UNIT_COUNT, self.tr("Units compared")))
        self.addOutput(QgsProcessingOutputString(self.WEIGHT_VALUES, self.tr("Weights per indicator (JSON)")))
        self.addOutput(QgsProcessingOutputString(self.BEST_UNIT, self.tr("Unit ranked first")))
        self.addOutput(
            QgsProcessingOutputString(
                self.DROPPED_INDICATORS, self.tr("Indicators left out because they cannot be computed (JSON)")
            )
        )

    def _indicators(self, parameters, context):
        """The configured indicators, plus the dialog's expression indicator when given."""
        path = self.parameterAsFile(parameters, self.INDICATORS, context)
        try:
            indicators = load_file(path) if path else default_indicators()
        except (ConfigError, OSError) as error:
            raise QgsProcessingException(str(error)) from error
        expression = self.parameterAsExpression(parameters, self.USER_EXPRESSION, context)
        if expression:
            weight = parameters.get(self.USER_WEIGHT)
            indicators.append(
                Indicator(
                    key="user",
                    kind="expression",
                    direction=self.parameterAsString(parameters, self.USER_DIRECTION, context) or BENEFIT,
                    weight=None
                    if weight in (None, "")
                    else self.parameterAsDouble(parameters, self.USER_WEIGHT, context),
                    label=expression,
                    params={
                        "expression": expression,
                        "aggregate": self.parameterAsString(parameters, self.USER_AGGREGATE, context)
                        or "sum",
                    },
                )
            )
        return indicators

    def _sites(self, parameters, context, feedback, indicators):
        """SITES, tagged when an indicator needs zone_type, with walk_m when an indicator needs it."""
        sites = source_input(self, parameters, self.SITES, context, feedback)
        if sites is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.SITES))
        if any(i.kind == "lum" and i.params.get("over") == "zone_type" for i in indicators):
            sites = tagged_sites(self, parameters, context, feedback)
        needs_walk = any(i.kind in ("coverage", "walk") for i in indicators)
        if not needs_walk or sites.fields().indexOf("walk_m") >= 0:
            return sites
        feedback.pushInfo(self.tr("Measuring walking distances (beltmap:servicecoverage)"))
        child = {
            "SITES": sites if hasattr(sites, "id") else sites_value(parameters, self.SITES, context),
            "ROADS": parameters.get(self.ROADS),
            "STATION_CATEGORY": self.parameterAsString(parameters, self.STATION_CATEGORY, context)
            or "service_station",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        try:
            output = run_child("beltmap:servicecoverage", child, context, feedback)["OUTPUT"]
        except QgsProcessingException:
            # the child's own message names its parameters (STATIONS), which this algorithm does not have
            feedback.pushWarning(
                self.tr(
                    "Walking distances cannot be measured: no site has the category of STATION_CATEGORY "
                    "({}), or the measuring failed. The indicators that need them are left out."
                ).format(child["STATION_CATEGORY"])
            )
            return sites
        return child_layer(self, output, context)

    def _units(self, parameters, context, feedback):
        kind = self.parameterAsEnumString(parameters, self.UNITS, context) or UNIT_KINDS[0]
        crs = QgsCoordinateReferenceSystem(WORK_CRS)
        zones = source_input(self, parameters, self.ZONES, context, feedback)
        try:
            if kind == "grid":
                area = source_input(self, parameters, self.BELT, context, feedback) or zones
                if area is None:
                    raise QgsProcessingException(self.tr("Grid units need BELT or ZONES to bound the grid"))
                size = self.parameterAsDouble(parameters, self.GRID_SIZE, context)
                return grid_units(area, size, crs, context, feedback)
            if zones is None:
                raise QgsProcessingException(self.tr("{} units need the ZONES layer").format(kind))
            if kind == "zone_types":
                return zone_type_units(zones, crs, context, feedback)
            return zone_units(zones, crs, context, feedback)
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error

    def request(self, parameters, context, feedback) -> EvaluationRequest:
        """The run asked for, read once from parameters: indicators, units, sites (with walk_m when an
        indicator needs it)."""
        indicators = self._indicators(parameters, context)
        units = self._units(parameters, context, feedback)
        if len(units) < 2:
            raise QgsProcessingException(
                self.tr(
                    "Only {} unit to compare: the index ranks units against each other, so its weights "
                    "and scores are undefined for fewer than two. Use zones or zone types with two or more "
                    "zones, or a smaller GRID_SIZE."
                ).format(len(units))
            )
        feedback.pushInfo(self.tr("{} units").format(len(units)))
        return EvaluationRequest(
            indicators=indicators,
            own_file=bool(self.parameterAsFile(parameters, self.INDICATORS, context)),
            units=units,
            sites=self._sites(parameters, context, feedback, indicators),
            project=context.project(),
            transform_context=context.transformContext(),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with OutputGuard(self, parameters, context, feedback) as guard:
            self.guard = guard
            return guard.commit(self.evaluate(self.request(parameters, context, feedback), context, feedback))

    def _drop(self, indicator, message, own_file, dropped, feedback) -> None:
        """Leave an indicator out with a warning; stop when the user's own indicator file asked for it."""
        if own_file and not indicator.optional:
            raise QgsProcessingException(
                self.tr("{} (asked for by the INDICATORS file; remove it there or fix the data)").format(
                    message
                )
            )
        feedback.pushWarning(self.tr("{}: left out").format(message))
        dropped.append(indicator.key)

    def evaluate(self, request: EvaluationRequest, context, feedback) -> dict:
        """Compute the indicators per unit, weigh them, write OUTPUT, WEIGHTS and CHART; the results."""
        own_file, indicators, units, sites = (
            request.own_file,
            request.indicators,
            request.units,
            request.sites,
        )
        features, site_xy = read_points(
            sites, QgsCoordinateReferenceSystem(WORK_CRS), request.transform_context
        )
        feedback.setProgress(30)
        inside = members(units, site_xy, feedback)
        empty = [u.name for u, m in zip(units, inside) if len(m) == 0]
        if empty:
            feedback.pushWarning(
                self.tr("{} units have no site: {}").format(len(empty), ", ".join(empty[:20]))
            )
        used, columns, dropped = [], [], []
        names = sites.fields().names()
        for step, indicator in enumerate(indicators):
            if feedback.isCanceled():
                return {}
            lacking = missing_fields(indicator, names)
            if lacking:
                message = self.tr("Indicator '{}' needs the site fields {}").format(
                    indicator.key, ", ".join(lacking)
                )
                self._drop(indicator, message, own_file, dropped, feedback)
                continue
            try:
                values = compute(indicator, units, inside, features, sites, request.project)
            except ValueError as error:
                self._drop(
                    indicator,
                    self.tr("Indicator '{}': {}").format(indicator.key, error),
                    own_file,
                    dropped,
                    feedback,
                )
                continue
            values, filled = fill_missing(values, indicator.direction)
            if filled:
                feedback.pushWarning(
                    self.tr("Indicator '{}' is undefined in {} units: they get the worst value seen").format(
                        indicator.key, filled
                    )
                )
            used.append(indicator)
            columns.append(values)
            feedback.setProgress(30 + 50.0 * (step + 1) / len(indicators))
        if not used:
            raise QgsProcessingException(
                self.tr("No indicator could be computed (left out: {})").format(", ".join(dropped) or "-")
            )
        matrix = np.column_stack(columns)
        try:
            index = evaluate(
                matrix, [i.direction for i in used], [i.weight for i in used], [i.key for i in used]
            )
        except IndexComputationError as error:
            raise QgsProcessingException(str(error)) from error
        for warning in index.warnings:
            feedback.pushWarning(warning)
        for indicator, weight, method in zip(used, index.weights, index.weight_method):
            feedback.pushInfo(self.tr("Weight of {}: {:.4f} ({})").format(indicator.key, weight, method))
        results = {
            self.UNIT_COUNT: len(units),
            self.WEIGHT_VALUES: json.dumps({i.key: round(float(w), 6) for i, w in zip(used, index.weights)}),
            self.BEST_UNIT: units[int(np.argmin(index.rank))].name,
            self.DROPPED_INDICATORS: json.dumps(dropped),
        }
        results[self.OUTPUT] = self._write_units(context, units, inside, used, matrix, index)
        weights = self._write_weights(used, index)
        if weights:
            results[self.WEIGHTS] = weights
        chart = self.guard.file(self.CHART)
        if chart:
            write_chart(chart, CHART_TITLE, [u.name for u in units], index.score, index.grade)
            results[self.CHART] = chart
        return results

    def _write_units(self, context, units, inside, used, matrix, index):
        """OUTPUT: the units with raw, normalised and weight per indicator, score, topsis, rank and grade."""
        specs = [
            ("unit_id", TEXT),
            ("unit_name", TEXT),
            ("zone_type", TEXT),
            ("area_km2", REAL),
            ("n_sites", INT),
        ]
        for indicator in used:
            specs += [
                (indicator.key, REAL, indicator.title),
                ("n_" + indicator.key, REAL),
                (WEIGHT_PREFIX + indicator.key, REAL),
            ]
        specs += [("score", REAL), ("topsis", REAL), ("rank", INT), ("grade", INT), ("grade_zh", TEXT)]
        fields = make_fields(specs)
        sink, dest = self.guard.sink(
            self.OUTPUT, fields, QgsWkbTypes.MultiPolygon, QgsCoordinateReferenceSystem(WORK_CRS)
        )
        for u, unit in enumerate(units):
            feature = QgsFeature(fields)
            geometry = unit.geometry
            geometry.convertToMultiType()
            feature.setGeometry(geometry)
            values = [
                unit.unit_id,
                unit.name,
                unit.zone_type or None,
                round(unit.area_km2, 6),
                int(len(inside[u])),
            ]
            for j in range(len(used)):
                values += [
                    float(matrix[u, j]),
                    round(float(index.normalised[u, j]), 6),
                    round(float(index.weights[j]), 6),
                ]
            values += [
                round(float(index.score[u]), 4),
                round(float(index.topsis[u]), 6),
                int(index.rank[u]),
                int(index.grade[u]),
                grade_label(int(index.grade[u])),
            ]
            feature.setAttributes(values)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        self.guard.after_commit(dest, lambda final: self._style_on_load(context, final))
        return dest

    @staticmethod
    def _style_on_load(context, dest) -> None:
        """The graduated five-grade style on OUTPUT when QGIS loads it."""
        if context.willLoadLayerOnCompletion(dest):
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(GradeStyler.create())

    def _write_weights(self, used, index):
        """WEIGHTS: one row per indicator with kind, direction, weight and how it was set."""
        specs = [
            ("key", TEXT),
            ("label", TEXT),
            ("kind", TEXT),
            ("direction", TEXT),
            ("weight", REAL),
            ("method", TEXT),
        ]
        fields = make_fields(specs)
        sink, dest = self.guard.sink(
            self.WEIGHTS, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem(), optional=True
        )
        if sink is None:
            return None
        for indicator, weight, method in zip(used, index.weights, index.weight_method):
            row = QgsFeature(fields)
            row.setAttributes(
                [
                    indicator.key,
                    indicator.title,
                    indicator.kind,
                    indicator.direction,
                    round(float(weight), 6),
                    method,
                ]
            )
            sink.addFeature(row, QgsFeatureSink.FastInsert)
        return dest
