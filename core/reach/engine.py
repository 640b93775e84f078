"""The service reach engine: every site's nearest station, walking metres, coverage rates and catchments."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsPointXY,
    QgsWkbTypes,
)

from ...i18n import tr
from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..errors import BeltMapError
from ..tagging.engine import tag_with_defaults
from .catchments import catchments
from .gpkg_sites import GpkgLayer, read_bulk
from .network import build_graph, nearest_station_costs
from .points import read_points
from .rates import check_radii, rate_by_group, rate_per_radius
from .reach import EUCLIDEAN, NETWORK, reach
from .site_rows import SiteRows
from .station_source import category_mask, station_ids
from .walkable import walkable_roads

DEFAULT_DETOUR = 1.3
DEFAULT_SPEED = 1.1  # m/s


class NoStationError(BeltMapError):
    """No station to measure from: the message names where the stations were looked for."""


@dataclass(frozen=True)
class ReachRequest:
    """A reach run: sites (tagged when rates per zone type are wanted), stations, roads and the yardsticks."""

    sites: object  # QgsFeatureSource / QgsVectorLayer of the sites
    stations: object = (
        None  # QgsFeatureSource of stations, or None: sites whose category_field == station_category
    )
    roads: object = None  # QgsFeatureSource of roads, or None: straight line x detour
    radii: tuple = (300.0, 500.0, 1000.0)
    detour: float = DEFAULT_DETOUR
    speed: float = DEFAULT_SPEED
    # the stations' key field: None (or 'site_id') looks for site_id, id, 编号, code as KEY_FIELD does;
    # '' gives every station a generated id ('S' and the feature id)
    station_id_field: Optional[str] = None
    station_category: str = "service_station"
    category_field: str = "category"
    weight_field: str = ""
    transform_context: object = None
    # roads people may not walk, as a QGIS expression on the roads; empty: highway = motorway or
    # motorway_link when the roads have a highway field
    not_walkable: str = ""
    # zones to tag the sites with first (rates per zone type), when the sites have no zone_type yet
    zones: object = None
    # the whole GeoPackage layer behind sites, when it is one (gpkg_sites.whole_gpkg_layer): read in bulk
    sites_file: Optional[GpkgLayer] = None


@dataclass
class Reach:
    """What a reach run measured: per site (reading order) its station, walk and method; per station its
    feature and place; the coverage rates; and what the catchments are drawn from."""

    sites: object  # the sites measured (tagged by zone on the way when the request gave zones)
    features: SiteRows  # QgsFeature of the sites, in reading order (fetched when asked if read in bulk)
    site_xy: np.ndarray  # sites x 2 in the work CRS; NaN where no geometry
    walk_m: np.ndarray  # float, NaN where unmeasured
    station: np.ndarray  # int index into station_ids, -1 where none
    station_ids: List[str]
    method: np.ndarray  # object: 'network', 'euclidean' or None
    station_features: List
    station_xy: np.ndarray
    radii: tuple
    detour: float
    speed: float
    coverage: Dict[str, Optional[float]] = field(default_factory=dict)  # {radius: share}
    coverage_by_zone_type: Dict[str, Dict[str, Optional[float]]] = field(default_factory=dict)
    road_graph: object = None  # network.RoadGraph or None
    vertex_cost: Optional[np.ndarray] = None  # per graph vertex: walking metres to its nearest station
    vertex_station: Optional[np.ndarray] = None  # per graph vertex: that station's index (-1: none)
    messages: List[str] = field(default_factory=list)

    @property
    def walk_min(self) -> np.ndarray:
        """Walking minutes at the request's speed (NaN where unmeasured)."""
        return self.walk_m / self.speed / 60.0

    def count(self, method: str) -> int:
        """How many sites were measured by method ('network' or 'euclidean')."""
        return int((self.method == method).sum())

    def served(self, radius: float) -> np.ndarray:
        """Indexes of the sites within radius of their station."""
        walk = np.where(np.isfinite(self.walk_m), self.walk_m, np.inf)
        return np.flatnonzero((walk <= radius) & (self.station >= 0))

    def catchments(self, progress=None):
        """(station index, radius, method, QgsGeometry) per station and radius, largest radius first: the
        places whose walk (measured as the sites' walks are) is within the radius and ends at the station."""
        polygons = catchments(
            self.station_xy,
            self.radii,
            self.detour,
            self.road_graph,
            self.vertex_cost,
            self.vertex_station,
            progress,
        )
        how = NETWORK if self.road_graph is not None else EUCLIDEAN
        return [
            (k, radius, how, polygons[(k, radius)])
            for k in range(len(self.station_xy))
            for radius in sorted(self.radii, reverse=True)
            if (k, radius) in polygons
        ]


def _tagged(request: ReachRequest, context, progress):
    """The sites, tagged by zone first (the one tagging entry point, its checks included) when the request
    gives zones and the sites have no zone_type."""
    sites = request.sites
    if request.zones is None or sites.fields().indexOf("zone_type") >= 0:
        return sites
    progress.pushInfo(tr("Tagging the sites by zone"))
    tagged = tag_with_defaults(sites, request.zones, progress, transform_context=context)
    check_cancel(progress)
    return tagged


def measure_reach(request: ReachRequest, progress) -> Reach:
    """Nearest station, walking metres and method for every site, and the coverage rates per radius."""
    radii = tuple(check_radii(request.radii))
    crs = QgsCoordinateReferenceSystem(WORK_CRS)
    context = request.transform_context or QgsCoordinateTransformContext()
    sites = _tagged(request, context, progress)
    progress.pushInfo(tr("Reading sites"))
    features, site_xy = _read_sites(request, sites, crs, context, progress)
    check_cancel(progress)
    station_features, station_xy = _stations(request, features, site_xy, context, progress)
    ids = station_ids(station_features, request.station_id_field, progress)
    located = np.isfinite(site_xy).all(axis=1)
    if not located.all():
        progress.pushWarning(tr("{} sites have no geometry: no distance").format(int((~located).sum())))

    road_graph, vertex_cost, vertex_station = None, None, None
    if request.roads is not None:
        progress.pushInfo(tr("Building the road graph in {}").format(WORK_CRS))
        roads = walkable_roads(request.roads, request.not_walkable, progress)
        road_graph = build_graph(roads, crs, [QgsPointXY(*p) for p in station_xy], progress)
        check_cancel(progress)
        if road_graph is None:
            progress.pushWarning(tr("The road layer has no usable lines: straight line x detour"))
        else:
            progress.pushInfo(
                tr("{} road segments; one search from all {} stations").format(
                    len(road_graph.seg_xy), len(station_xy)
                )
            )
            vertex_cost, vertex_station = nearest_station_costs(road_graph, progress)
    check_cancel(progress)
    progress.pushInfo(tr("Nearest station for {} sites").format(int(located.sum())))
    found = reach(
        site_xy[located], station_xy, road_graph, vertex_cost, vertex_station, request.detour, progress
    )
    check_cancel(progress)

    n = len(features)
    walk = np.full(n, np.nan)
    walk[located] = found.walk_m
    station = np.full(n, -1, dtype=np.int64)
    station[located] = found.station
    method = np.full(n, None, dtype=object)
    method[located] = found.method
    result = Reach(
        sites=sites,
        features=features,
        site_xy=site_xy,
        walk_m=walk,
        station=station,
        station_ids=ids,
        method=method,
        station_features=station_features,
        station_xy=station_xy,
        radii=radii,
        detour=request.detour,
        speed=request.speed,
        road_graph=road_graph,
        vertex_cost=vertex_cost,
        vertex_station=vertex_station,
    )
    _rates(request, result, progress)
    return result


def _read_sites(request: ReachRequest, sites, crs, context, progress):
    """(SiteRows, their (x, y) in crs): in bulk from the GeoPackage when the request names the whole
    layer behind the sites (gpkg_sites), else feature by feature through QGIS."""
    if request.sites_file is not None and sites is request.sites:
        wanted = (request.category_field, "zone_type", request.weight_field)
        columns = sorted({c for c in wanted if c and sites.fields().indexOf(c) >= 0})
        bulk = read_bulk(request.sites_file, columns)
        if bulk is not None and len(bulk.fids) == sites.featureCount():
            xy = bulk.xy.copy()
            if sites.sourceCrs() != crs:
                transform = QgsCoordinateTransform(sites.sourceCrs(), crs, context)
                for i in np.flatnonzero(bulk.usable).tolist():
                    point = transform.transform(QgsPointXY(*xy[i]))
                    xy[i] = (point.x(), point.y())
            progress.pushInfo(tr("{} sites read in bulk from the GeoPackage").format(len(bulk.fids)))
            return SiteRows(sites, bulk=bulk), xy
    features, xy = read_points(sites, crs, context, progress)
    return SiteRows(sites, features=features), xy


def _stations(request: ReachRequest, features: SiteRows, site_xy, context, progress):
    """The stations' features and their (x, y) in the work CRS."""
    if request.stations is not None:
        stations, xy = read_points(
            request.stations, QgsCoordinateReferenceSystem(WORK_CRS), context, centroids=True
        )
        what = tr("the STATIONS layer")
        shaped = sum(
            1 for f in stations if f.hasGeometry() and f.geometry().type() != QgsWkbTypes.PointGeometry
        )
        if shaped:
            progress.pushInfo(
                tr("{} stations are lines or polygons: their centroids are used").format(shaped)
            )
    else:
        category, field_name = request.station_category, request.category_field
        mask = np.zeros(len(features), dtype=bool)
        if features.fields().indexOf(field_name) >= 0:
            mask = category_mask(features.column(field_name), category)
        stations = features.take(np.flatnonzero(mask))
        xy = site_xy[mask]
        what = tr("the sites with {} = {}").format(field_name, category)
    keep = np.isfinite(xy).all(axis=1)
    if not keep.any():
        if request.stations is None and request.sites.fields().indexOf(request.category_field) < 0:
            raise NoStationError(
                tr("No station found: SITES have no field {} to look for the category {} in").format(
                    request.category_field, request.station_category
                )
            )
        raise NoStationError(
            tr("No station found in {}: give STATIONS or the right STATION_CATEGORY").format(what)
        )
    progress.pushInfo(tr("{} stations from {}").format(int(keep.sum()), what))
    return [s for s, k in zip(stations, keep) if k], xy[keep]


def _rates(request: ReachRequest, result: Reach, progress) -> None:
    """Coverage rates per radius, overall and per zone type (the sites' zone_type field)."""
    walk, features = result.walk_m, result.features
    located = np.isfinite(walk)
    weight = None
    if request.weight_field:
        weight = np.array([_number(v) for v in features.column(request.weight_field)], dtype=float)[located]
    result.coverage = rate_per_radius(walk[located], result.radii, weight)
    if result.sites.fields().indexOf("zone_type") >= 0:
        groups = np.array(features.column("zone_type"), dtype=object)[located]
        groups = np.array([None if g is None else str(g) for g in groups], dtype=object)
        result.coverage_by_zone_type = rate_by_group(walk[located], result.radii, groups, weight)
    else:
        progress.pushInfo(tr("SITES have no zone_type field: no rates per zone type (give ZONES)"))
    for radius, rate in result.coverage.items():
        text = "-" if rate is None else "{:.1%}".format(rate)
        progress.pushInfo(tr("Coverage within {} m: {}").format(radius, text))


def _number(value) -> float:
    """A numeric attribute as float; NULL and text become 0."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
