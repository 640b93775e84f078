"""`beltmap:servicecoverage`: walking distance from every site to its nearest service station."""

import json
from dataclasses import dataclass
from typing import List, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.geometry_policy import usable_geometry
from ..core.model import WORK_CRS
from .base import BeltMapAlgorithm
from .child_runs import tagged_sites
from ..core.reach.catchments import circle_catchment, network_catchment
from ..core.reach.network import build_graph, station_vertex_costs
from ..core.reach.points import read_points
from ..core.reach.rates import parse_radii, rate_by_group, rate_per_radius
from ..core.reach.reach import EUCLIDEAN, NETWORK, reach
from ..core.reach.station_source import category_mask, station_ids
from .field_specs import BIGINT, INT, REAL, TEXT, make_fields
from .guard import OutputGuard
from .inputs import source_input

ADDED_FIELDS = ("station_id", "walk_m", "walk_min", "method")


def coverage_field(radius) -> str:
    """The flag field of one radius: cov_300, cov_500 … (cov_12_5 for a fractional radius)."""
    return "cov_{}".format(str(radius).replace(".", "_"))


@dataclass
class CoverageRequest:
    """A coverage run: sites (tagged), stations layer or category, roads, radii, detour, speed, fields."""

    sites: object  # QgsFeatureSource
    stations: Optional[object]  # QgsFeatureSource, or None: the sites of station_category
    roads: Optional[object]
    radii: List[float]
    detour: float
    speed: float
    station_id_field: str
    station_category: str
    category_field: str
    weight_field: str
    transform_context: QgsCoordinateTransformContext


class ServiceCoverageAlgorithm(BeltMapAlgorithm):
    """Nearest station, walking metres and minutes, coverage flags, spokes, catchments and rates."""

    ID = "beltmap:servicecoverage"  # the algorithm's id, written only here
    SITES = "SITES"
    STATIONS = "STATIONS"
    STATION_CATEGORY = "STATION_CATEGORY"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    STATION_ID_FIELD = "STATION_ID_FIELD"
    ROADS = "ROADS"
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
            "(from beltmap:tagzones; with ZONES the sites are tagged first). Catchments are the convex "
            "hull of the road points within r (network) or a circle of r / DETOUR.</p>"
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
            QgsProcessingParameterString(self.STATION_ID_FIELD, self.tr("Station id field"), optional=True),
            self.tr("Field of the stations giving station_id; empty: 'S' and the feature id."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ROADS, self.tr("Roads"), [QgsProcessing.TypeVectorLine], optional=True
            ),
            self.tr("Road lines walked in both directions; empty: straight line x DETOUR."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.RADII, self.tr("Radii (m)"), defaultValue="300,500,1000"),
            self.tr(
                "Walking distances in metres, comma-separated; one cov_R flag per radius R (e.g. cov_500)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.DETOUR, self.tr("Detour factor"), QgsProcessingParameterNumber.Double, 1.3, minValue=1.0
            ),
            self.tr("Walking distance = straight line x this factor where no road network is used."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.WALK_SPEED,
                self.tr("Walking speed (m/s)"),
                QgsProcessingParameterNumber.Double,
                1.1,
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

    def request(self, parameters, context, feedback) -> CoverageRequest:
        """The run asked for, read once from parameters (SITES tagged first when ZONES is given)."""
        return CoverageRequest(
            sites=tagged_sites(self, parameters, context, feedback),
            stations=source_input(self, parameters, self.STATIONS, context, feedback),
            roads=source_input(self, parameters, self.ROADS, context, feedback),
            radii=parse_radii(self.parameterAsString(parameters, self.RADII, context)),
            detour=self.parameterAsDouble(parameters, self.DETOUR, context),
            speed=self.parameterAsDouble(parameters, self.WALK_SPEED, context),
            station_id_field=self.parameterAsString(parameters, self.STATION_ID_FIELD, context),
            station_category=self.parameterAsString(parameters, self.STATION_CATEGORY, context)
            or "service_station",
            category_field=self.parameterAsString(parameters, self.CATEGORY_FIELD, context) or "category",
            weight_field=self.parameterAsString(parameters, self.WEIGHT_FIELD, context),
            transform_context=context.transformContext(),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with OutputGuard(self, parameters, context, feedback) as guard:
            self.guard = guard
            return guard.commit(self.cover(self.request(parameters, context, feedback), context, feedback))

    def cover(self, request: CoverageRequest, context, feedback) -> dict:
        """Walking distances to the nearest station, coverage rates, spokes, catchments; the results."""
        radii, detour, speed, sites = request.radii, request.detour, request.speed, request.sites
        crs = QgsCoordinateReferenceSystem(WORK_CRS)
        feedback.pushInfo(self.tr("Reading sites"))
        features, site_xy = read_points(sites, crs, request.transform_context, feedback)
        station_features, station_xy = self._stations(request, features, site_xy, feedback)
        ids = station_ids(station_features, request.station_id_field)
        located = np.isfinite(site_xy).all(axis=1)
        if not located.all():
            feedback.pushWarning(
                self.tr("{} sites have no geometry: no distance").format(int((~located).sum()))
            )

        roads = request.roads
        road_graph, costs = None, []
        if roads is not None:
            feedback.pushInfo(self.tr("Building the road graph in {}").format(WORK_CRS))
            road_graph = build_graph(roads, crs, [QgsPointXY(*p) for p in station_xy], feedback)
            if road_graph is None:
                feedback.pushWarning(self.tr("The road layer has no usable lines: straight line x detour"))
            else:
                feedback.pushInfo(
                    self.tr("{} road segments; one shortest-path tree per station").format(
                        len(road_graph.seg_xy)
                    )
                )
                costs = station_vertex_costs(road_graph, feedback)
        feedback.pushInfo(self.tr("Nearest station for {} sites").format(int(located.sum())))
        result = reach(site_xy[located], station_xy, road_graph, costs, detour, feedback)
        if feedback.isCanceled():
            return {}

        n = len(features)
        walk = np.full(n, np.nan)
        walk[located] = result.walk_m
        station = np.full(n, -1, dtype=np.int64)
        station[located] = result.station
        method = np.full(n, None, dtype=object)
        method[located] = result.method
        results = {
            self.STATION_COUNT: len(station_xy),
            self.NETWORK_SITES: int((method == NETWORK).sum()),
            self.EUCLIDEAN_SITES: int((method == EUCLIDEAN).sum()),
        }
        results[self.OUTPUT] = self._write_sites(
            context, sites, features, walk, station, method, ids, radii, speed, feedback
        )
        results.update(self._rates(request, features, walk, feedback))
        spokes = self._write_spokes(site_xy, station_xy, walk, station, ids, radii, feedback)
        if spokes:
            results[self.SPOKES] = spokes
        catchments = self._write_catchments(station_xy, ids, road_graph, costs, radii, detour, feedback)
        if catchments:
            results[self.CATCHMENTS] = catchments
        return results

    def _stations(self, request: CoverageRequest, features, site_xy, feedback):
        """The stations' features and their (x, y) in the work CRS."""
        source = request.stations
        if source is not None:
            stations, xy = read_points(
                source, QgsCoordinateReferenceSystem(WORK_CRS), request.transform_context
            )
            what = self.tr("the STATIONS layer")
        else:
            category, field = request.station_category, request.category_field
            mask = category_mask(features, field, category)
            stations = [f for f, keep in zip(features, mask) if keep]
            xy = site_xy[mask]
            what = self.tr("the sites with {} = {}").format(field, category)
        keep = np.isfinite(xy).all(axis=1)
        if not keep.any():
            raise QgsProcessingException(
                self.tr("No station found in {}: give STATIONS or the right STATION_CATEGORY").format(what)
            )
        feedback.pushInfo(self.tr("{} stations from {}").format(int(keep.sum()), what))
        return [s for s, k in zip(stations, keep) if k], xy[keep]

    def _write_sites(self, context, sites, features, walk, station, method, ids, radii, speed, feedback):
        """OUTPUT: the sites with station_id, walk_m, walk_min, method and one cov_<r> flag per radius."""
        added = [coverage_field(r) for r in radii]
        kept = [
            i
            for i, f in enumerate(sites.fields())
            if f.name().lower() not in ADDED_FIELDS and not f.name().lower().startswith("cov_")
        ]
        base = QgsFields()
        for i in kept:
            base.append(sites.fields().at(i))
        specs = [("station_id", TEXT), ("walk_m", REAL), ("walk_min", REAL), ("method", TEXT)]
        fields = make_fields(specs + [(name, INT) for name in added], base)
        sink, dest = self.guard.sink(self.OUTPUT, fields, sites.wkbType(), sites.sourceCrs())
        step = 100.0 / len(features) if features else 0
        for i, feature in enumerate(features):
            if feedback.isCanceled():
                break
            out = QgsFeature(fields)
            geometry = feature.geometry()
            out.setGeometry(geometry if usable_geometry(geometry) else QgsGeometry())  # one geometry policy
            values = [feature.attribute(j) for j in kept]
            if np.isfinite(walk[i]):
                values += [
                    ids[station[i]],
                    round(float(walk[i]), 1),
                    round(float(walk[i]) / speed / 60.0, 2),
                    method[i],
                ] + [int(walk[i] <= r) for r in radii]
            else:
                values += [None, None, None, None] + [0] * len(radii)
            out.setAttributes(values)
            sink.addFeature(out, QgsFeatureSink.FastInsert)
            if i % 1000 == 0:
                feedback.setProgress(i * step)
        return dest

    def _rates(self, request: CoverageRequest, features, walk, feedback):
        """Coverage rates per radius, overall and per zone type: results and the optional table."""
        located = np.isfinite(walk)
        sites, radii, weight_field = request.sites, request.radii, request.weight_field
        weight = None
        if weight_field:
            weight = np.array([_number(f[weight_field]) for f in features], dtype=float)[located]
        overall = rate_per_radius(walk[located], radii, weight)
        zone_index = sites.fields().indexOf("zone_type")
        by_type = {}
        if zone_index >= 0:
            groups = np.array([f.attribute(zone_index) for f in features], dtype=object)[located]
            groups = np.array(
                [None if g is None or str(g) == "NULL" else str(g) for g in groups], dtype=object
            )
            by_type = rate_by_group(walk[located], radii, groups, weight)
        else:
            feedback.pushInfo(self.tr("SITES have no zone_type field: no rates per zone type (give ZONES)"))
        for radius, rate in overall.items():
            text = "-" if rate is None else "{:.1%}".format(rate)
            feedback.pushInfo(self.tr("Coverage within {} m: {}").format(radius, text))
        results = {
            self.COVERAGE: json.dumps(overall),
            self.COVERAGE_BY_ZONE_TYPE: json.dumps(by_type, ensure_ascii=False),
        }
        fields = make_fields([("zone_type", TEXT), ("radius_m", REAL), ("rate", REAL)])
        sink, dest = self.guard.sink(
            self.COVERAGE_TABLE, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem(), optional=True
        )
        if sink is not None:
            for group, rates in [("all", overall)] + sorted(by_type.items()):
                for radius, rate in rates.items():
                    row = QgsFeature(fields)
                    row.setAttributes([group, float(radius), rate])
                    sink.addFeature(row, QgsFeatureSink.FastInsert)
            results[self.COVERAGE_TABLE] = dest
        return results

    def _write_spokes(self, site_xy, station_xy, walk, station, ids, radii, feedback):
        """SPOKES: a line from each station to every site it serves within the largest radius."""
        fields = make_fields([("station_id", TEXT), ("site_fid", BIGINT), ("walk_m", REAL)])
        sink, dest = self.guard.sink(
            self.SPOKES, fields, QgsWkbTypes.LineString, QgsCoordinateReferenceSystem(WORK_CRS), optional=True
        )
        if sink is None:
            return None
        served = np.flatnonzero(np.isfinite(walk) & (walk <= max(radii)) & (station >= 0))
        for count, i in enumerate(served):
            if count % 1000 == 0 and feedback.isCanceled():
                break
            line = QgsFeature(fields)
            line.setGeometry(
                QgsGeometry.fromPolylineXY([QgsPointXY(*station_xy[station[i]]), QgsPointXY(*site_xy[i])])
            )
            line.setAttributes([ids[station[i]], int(i), round(float(walk[i]), 1)])
            sink.addFeature(line, QgsFeatureSink.FastInsert)
        return dest

    def _write_catchments(self, station_xy, ids, road_graph, costs, radii, detour, feedback):
        """CATCHMENTS: one polygon per station and radius."""
        fields = make_fields([("station_id", TEXT), ("radius_m", REAL), ("method", TEXT), ("area_m2", REAL)])
        sink, dest = self.guard.sink(
            self.CATCHMENTS,
            fields,
            QgsWkbTypes.Polygon,
            QgsCoordinateReferenceSystem(WORK_CRS),
            optional=True,
        )
        if sink is None:
            return None
        for k, xy in enumerate(station_xy):
            if feedback.isCanceled():
                break
            for radius in sorted(radii, reverse=True):
                if costs:
                    geometry, how = network_catchment(road_graph, costs[k], xy, radius), NETWORK
                else:
                    geometry, how = circle_catchment(xy, radius, detour), EUCLIDEAN
                if geometry is None:
                    continue
                polygon = QgsFeature(fields)
                polygon.setGeometry(geometry)
                polygon.setAttributes([ids[k], float(radius), how, round(geometry.area(), 1)])
                sink.addFeature(polygon, QgsFeatureSink.FastInsert)
        return dest


def _number(value) -> float:
    """A numeric attribute as float; NULL and text become 0."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
