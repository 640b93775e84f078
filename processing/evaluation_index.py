"""`beltmap:evaluationindex`: the comprehensive construction evaluation index (综合性建设评价指数)."""

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
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

from ..core.base.model import WORK_CRS
from ..core.evaluation.config import AGGREGATES, expression_indicator
from ..core.evaluation.engine import IndexRequest, evaluate_index
from ..core.evaluation.index_math import BENEFIT, COST
from ..core.evaluation.layers import UNIT_WKB, unit_features, unit_fields, weight_features, weight_fields
from ..core.evaluation.units import UNIT_KINDS
from ..core.package.index_chart import write_chart
from ..core.package.index_files import CHART_TITLE
from .base import BeltMapAlgorithm
from .inputs import InputError, source_input
from .outputs import style_grades_on_load


class EvaluationIndexAlgorithm(BeltMapAlgorithm):
    """Indicators per unit, min-max normalised, entropy/fixed weights, weighted-sum score, TOPSIS, grade."""

    ID = "beltmap:evaluationindex"  # the algorithm's id, written only here
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
                "measured here, as beltmap:servicecoverage does, when coverage indicators need it)."
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
                options=[BENEFIT, COST],
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
        for key, label in (
            (self.WEIGHT_VALUES, self.tr("Weights per indicator (JSON)")),
            (self.BEST_UNIT, self.tr("Unit ranked first")),
            (self.DROPPED_INDICATORS, self.tr("Indicators left out because they cannot be computed (JSON)")),
        ):
            self.addOutput(QgsProcessingOutputString(key, label))

    def request(self, parameters, context, feedback) -> IndexRequest:
        """The run asked for, read once from parameters: layers, units, indicator file and expression."""
        sites = source_input(self, parameters, self.SITES, context, feedback)
        if sites is None:
            raise InputError(self.invalidSourceError(parameters, self.SITES))
        return IndexRequest(
            sites=sites,
            zones=source_input(self, parameters, self.ZONES, context, feedback),
            belt=source_input(self, parameters, self.BELT, context, feedback),
            roads=source_input(self, parameters, self.ROADS, context, feedback),
            units=self.parameterAsEnumString(parameters, self.UNITS, context) or UNIT_KINDS[0],
            grid_size=self.parameterAsDouble(parameters, self.GRID_SIZE, context),
            indicator_file=self.parameterAsFile(parameters, self.INDICATORS, context) or "",
            extra_indicators=self._extra(parameters, context),
            station_category=self.parameterAsString(parameters, self.STATION_CATEGORY, context)
            or "service_station",
            project=context.project(),
            transform_context=context.transformContext(),
        )

    def _extra(self, parameters, context) -> tuple:
        """The dialog's expression indicator (key 'user'), when an expression is given."""
        expression = self.parameterAsExpression(parameters, self.USER_EXPRESSION, context)
        if not expression:
            return ()
        aggregate = self.parameterAsString(parameters, self.USER_AGGREGATE, context) or "sum"
        direction = self.parameterAsString(parameters, self.USER_DIRECTION, context) or BENEFIT
        fixed = parameters.get(self.USER_WEIGHT) not in (None, "")
        weight = self.parameterAsDouble(parameters, self.USER_WEIGHT, context) if fixed else None
        return (expression_indicator(expression, aggregate, direction, weight),)

    def execute(self, request: IndexRequest, guard, context, feedback) -> dict:
        """One engine call, then OUTPUT, WEIGHTS and CHART written through the guard."""
        result = evaluate_index(request, feedback)
        fields = unit_fields(result)
        sink, dest = guard.sink(self.OUTPUT, fields, UNIT_WKB, QgsCoordinateReferenceSystem(WORK_CRS))
        for feature in unit_features(result, fields):
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        guard.after_commit(dest, lambda final: style_grades_on_load(final, context))
        results = {
            self.UNIT_COUNT: len(result.units),
            self.WEIGHT_VALUES: result.weights_json(),
            self.BEST_UNIT: result.best_unit(),
            self.DROPPED_INDICATORS: json.dumps(result.dropped),
            self.OUTPUT: dest,
        }
        fields = weight_fields()
        sink, dest = guard.sink(
            self.WEIGHTS, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem(), optional=True
        )
        if sink is not None:
            for row in weight_features(result, fields):
                sink.addFeature(row, QgsFeatureSink.FastInsert)
            results[self.WEIGHTS] = dest
        chart = guard.file(self.CHART)
        if chart:
            scores = result.scores
            write_chart(chart, CHART_TITLE, [u.name for u in result.units], scores.score, scores.grade)
            results[self.CHART] = chart
        return results
