"""`beltmap:servicecoverage`: walking distance from every site to its nearest service station."""

import json

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.reach.engine import DEFAULT_DETOUR, DEFAULT_SPEED, ReachRequest, measure_reach
from ..core.reach.gpkg_source import whole_gpkg_layer
from ..core.reach.rates import parse_radii
from ..core.reach.reach import EUCLIDEAN, NETWORK
from .base import BeltMapAlgorithm
from .inputs import InputError, part_reason, source_input, vector_input
from .reach_sinks import STYLERS, style_on_load, write_catchments, write_rates, write_sites, write_spokes


class ServiceCoverageAlgorithm(BeltMapAlgorithm):
    """Nearest station, walking metres and minutes, coverage flags, spokes, catchments and rates."""

    ID = "beltmap:servicecoverage"  # the algorithm's id, written only here
    SITES = "SITES"
    STATIONS = "STATIONS"
    STATION_CATEGORY = "STATION_CATEGORY"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    STATION_ID_FIELD = "STATION_ID_FIELD"
    ROADS = "ROADS"
    NOT_WALKABLE = "NOT_WALKABLE"
    RADII = "RADII"
    DETOUR = "DETOUR"
    WALK_SPEED = "WALK_SPEED"
    WEIGHT_FIELD = "WEIGHT_FIELD"
    ZONES = "ZONES"
    OUTPUT = "OUTPUT"
    SPOKES = "SPOKES"
    CATCHMENTS = "CATCHMENTS"
    COVERAGE_TABLE = "COVERAGE_TABLE"
    COVERAGE = "COVERAGE"
    COVERAGE_BY_ZONE_TYPE = "COVERAGE_BY_ZONE_TYPE"
    STATION_COUNT = "STATION_COUNT"
    NETWORK_SITES = "NETWORK_SITES"
    EUCLIDEAN_SITES = "EUCLIDEAN_SITES"

    def name(self) -> str:
        return "servicecoverage"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Service coverage (walking distance to stations)")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "For every site: the nearest service station, the walking distance and time to it, and whether "
            "it lies within each radius; lines from each station to the sites it serves, catchment polygons "
            "and the coverage rate per radius, overall and per zone type."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<p>With ROADS, distances are measured along the roads (QGIS network analysis, in EPSG:4549): "
            "each site and station is snapped to the nearest road and the snap distance is added. A site "
            "the roads cannot connect to any station, and every site when ROADS is empty, gets the "
            "straight-line distance times DETOUR; the field <code>method</code> says which "
            "(network / euclidean).</p>"
            "<p>Yardsticks (Shanghai 15-minute community life circle guideline, 2016): daily services "
            "within a 5-10 minute walk (about 300-500 m), community services within a 15-minute walk "
            "(about 800-1,000 m in the main city, 800-1,500 m in new towns).</p>"
            "<p>Coverage rate for radius r: the share of sites (or of WEIGHT_FIELD, e.g. population) "
            "within r of a station. Per zone type it uses the sites' <code>zone_type</code> field "
            "(from beltmap:tagzones; with ZONES the sites are tagged first).</p>"
            "<p>CATCHMENTS hold exactly what is counted: per station and radius r, the places whose walk, "
            "measured as the sites' walks are, is at most r and ends at that station (one search from all "
            "stations at once gives each place its nearest station, so catchments never overlap).</p>"
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:servicecoverage --json -- "
            "SITES='belt.gpkg|layername=sites' ROADS='belt.gpkg|layername=roads' "
            "STATION_CATEGORY=service_station RADII=300,500,1000 OUTPUT=coverage.gpkg"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Sites"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("The sites to reach (points; lines and polygons use a point on their surface)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.STATIONS, self.tr("Stations"), [QgsProcessing.TypeVectorAnyGeometry], optional=True
            ),
            self.tr("A layer of service stations; empty: the sites of STATION_CATEGORY are the stations."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.STATION_CATEGORY,
                self.tr("Station category"),
                defaultValue="service_station",
                optional=True,
            ),
            self.tr(
                "Category of SITES that are stations when STATIONS is empty (党群服务站 = service_station)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.CATEGORY_FIELD, self.tr("Category field"), defaultValue="category", optional=True
            ),
            self.tr("Field of SITES holding the category."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.STATION_ID_FIELD, self.tr("Station key field"), defaultValue="site_id", optional=True
            ),
            self.tr(
                "Field of the stations giving station_id, kept as written (leading zeros, Chinese); "
                "site_id (the default) also finds id, 编号 or code, as KEY_FIELD of beltmap:beltchanges; "
                "a station without a key, and every station when empty, gets 'S' and its feature id."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
            ),
            self.tr("Road lines walked in both directions; empty: straight line x DETOUR."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterExpression(
                self.NOT_WALKABLE,
                self.tr("Roads not walked"),
                parentLayerParameterName=self.ROADS,
                optional=True,
            ),
            self.tr(
                "Expression naming the ROADS people may not walk, left out of the network; empty: "
                "highway = motorway or motorway_link when ROADS have a highway field."
            ),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.RADII, self.tr("Radii (m)"), defaultValue="300,500,1000"),
            self.tr(
                "Walking distances in metres, comma-separated; one cov_R flag per radius R (e.g. cov_500)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.DETOUR,
                self.tr("Detour factor"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_DETOUR,
                minValue=1.0,
            ),
            self.tr("Walking distance = straight line x this factor where no road network is used."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.WALK_SPEED,
                self.tr("Walking speed (m/s)"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_SPEED,
                minValue=0.1,
            ),
            self.tr("Turns walk_m into walk_min."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterField(
                self.WEIGHT_FIELD,
                self.tr("Weight field"),
                parentLayerParameterName=self.SITES,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            ),
            self.tr(
                "Numeric field (e.g. population) weighing the coverage rate; empty: every site counts 1."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            self.tr("Zones used to tag SITES (beltmap:tagzones) when they have no zone_type field."),
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Sites with coverage")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SPOKES,
                self.tr("Spokes (station to served site)"),
                QgsProcessing.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CATCHMENTS, self.tr("Catchments"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.COVERAGE_TABLE, self.tr("Coverage rates"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addOutput(QgsProcessingOutputString(self.COVERAGE, self.tr("Coverage rate per radius (JSON)")))
        self.addOutput(
            QgsProcessingOutputString(
                self.COVERAGE_BY_ZONE_TYPE, self.tr("Coverage rate per zone type (JSON)")
            )
        )
        for key, label in (
            (self.STATION_COUNT, self.tr("Stations")),
            (self.NETWORK_SITES, self.tr("Sites measured along roads")),
            (self.EUCLIDEAN_SITES, self.tr("Sites measured in a straight line x detour")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        try:
            parse_radii(self.parameterAsString(parameters, self.RADII, context))
        except ValueError as error:
            return False, str(error)
        return super().checkParameterValues(parameters, context)

    def request(self, parameters, context, feedback) -> ReachRequest:
        """The run asked for, read once from parameters (the engine tags SITES first when ZONES is given)."""
        sites = source_input(self, parameters, self.SITES, context, feedback)
        if sites is None:
            raise InputError(self.invalidSourceError(parameters, self.SITES))
        return ReachRequest(
            sites=sites,
            zones=source_input(self, parameters, self.ZONES, context, feedback),
            stations=source_input(self, parameters, self.STATIONS, context, feedback),
            roads=source_input(self, parameters, self.ROADS, context, feedback),
            radii=tuple(parse_radii(self.parameterAsString(parameters, self.RADII, context))),
            detour=self.parameterAsDouble(parameters, self.DETOUR, context),
            speed=self.parameterAsDouble(parameters, self.WALK_SPEED, context),
            station_id_field=self._station_key(parameters, context),
            station_category=self.parameterAsString(parameters, self.STATION_CATEGORY, context)
            or "service_station",
            category_field=self.parameterAsString(parameters, self.CATEGORY_FIELD, context) or "category",
            weight_field=self.parameterAsString(parameters, self.WEIGHT_FIELD, context),
            transform_context=context.transformContext(),
            not_walkable=self.parameterAsExpression(parameters, self.NOT_WALKABLE, context),
            sites_file=None
            if part_reason(parameters.get(self.SITES))
            else whole_gpkg_layer(vector_input(self, parameters, self.SITES, context)),
        )

    def _station_key(self, parameters, context):
        """STATION_ID_FIELD: None (the key rule) when not given, else the field named ('' : generated)."""
        if parameters.get(self.STATION_ID_FIELD) is None:
            return None
        return self.parameterAsString(parameters, self.STATION_ID_FIELD, context).strip()

    def execute(self, request: ReachRequest, guard, context, feedback) -> dict:
        """Measure the reach (core/reach/engine.py), then write the sites, spokes, catchments and rates."""
        found = measure_reach(request, feedback)
        results = {
            self.STATION_COUNT: len(found.station_xy),
            self.NETWORK_SITES: found.count(NETWORK),
            self.EUCLIDEAN_SITES: found.count(EUCLIDEAN),
            self.COVERAGE: json.dumps(found.coverage),
            self.COVERAGE_BY_ZONE_TYPE: json.dumps(found.coverage_by_zone_type, ensure_ascii=False),
            self.OUTPUT: write_sites(guard, self.OUTPUT, found.sites, found, feedback),
        }
        for key, write in (
            (self.COVERAGE_TABLE, write_rates),
            (self.SPOKES, write_spokes),
            (self.CATCHMENTS, write_catchments),
        ):
            dest = write(guard, key, found, feedback)
            if dest:
                results[key] = dest
        for key in STYLERS:
            if results.get(key):
                guard.after_commit(results[key], lambda final, key=key: style_on_load(key, final, context))
        return results
