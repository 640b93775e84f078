"""The service reach engine: for every site, the nearest service station and the walking distance to it."""

from dataclasses import dataclass
from typing import List

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext, QgsFeedback, QgsPointXY

from ...i18n import tr
from ..errors import BeltMapError
from ..model import WORK_CRS
from ..progress import check_cancel
from .network import build_graph, station_vertex_costs
from .points import read_points
from .reach import reach
from .station_source import category_mask, station_ids


class ReachError(BeltMapError):
    """The walking distances cannot be measured (no station)."""


@dataclass(frozen=True)
class ReachRequest:
    """A reach run: the sites, the stations (a layer, or the sites of one category), roads, yardsticks."""

    sites: object  # QgsFeatureSource / QgsVectorLayer of the sites
    stations: object = None  # QgsFeatureSource of stations, or None: the sites of station_category
    roads: object = None  # QgsFeatureSource of roads, or None: straight line x detour
    radii: tuple = (300.0, 500.0, 1000.0)
    detour: float = 1.3
    speed: float = 1.1
    station_id_field: str = ""
    station_category: str = "service_station"
    category_field: str = "category"
    weight_field: str = ""
    transform_context: object = None


@dataclass
class Reach:
    """Per site (in reading order): walking metres, index into station_ids, and how it was measured."""

    features: List  # QgsFeature of the sites
    walk_m: np.ndarray  # float, NaN where unmeasured
    station: np.ndarray  # int, index into station_ids, -1 none
    station_ids: List[str]
    method: np.ndarray  # object: 'network', 'euclidean' or None


def measure_reach(request: ReachRequest, progress) -> Reach:
    """Walk from every site to its nearest station: along the roads, or in a straight line x detour."""
    crs = QgsCoordinateReferenceSystem(WORK_CRS)
    transform_context = request.transform_context or QgsCoordinateTransformContext()
    progress.pushInfo(tr("Reading sites"))
    features, site_xy = read_points(request.sites, crs, transform_context, progress)
    check_cancel(progress)
    station_features, station_xy = _stations(request, features, site_xy, crs, transform_context, progress)
    ids = station_ids(station_features, request.station_id_field)
    located = np.isfinite(site_xy).all(axis=1)
    if not located.all():
        progress.pushWarning(tr("{} sites have no geometry: no distance").format(int((~located).sum())))
    road_graph, costs = None, []
    if request.roads is not None:
        progress.pushInfo(tr("Building the road graph in {}").format(WORK_CRS))
        stations = [QgsPointXY(*p) for p in station_xy]
        road_graph = build_graph(request.roads, crs, stations, _qgs_feedback(progress))
        if road_graph is None:
            progress.pushWarning(tr("The road layer has no usable lines: straight line x detour"))
        else:
            progress.pushInfo(
                tr("{} road segments; one shortest-path tree per station").format(len(road_graph.seg_xy))
            )
            costs = station_vertex_costs(road_graph, progress)
    progress.pushInfo(tr("Nearest station for {} sites").format(int(located.sum())))
    result = reach(site_xy[located], station_xy, road_graph, costs, request.detour, progress)
    check_cancel(progress)
    n = len(features)
    walk = np.full(n, np.nan)
    walk[located] = result.walk_m
    station = np.full(n, -1, dtype=np.int64)
    station[located] = result.station
    method = np.full(n, None, dtype=object)
    method[located] = result.method
    return Reach(features, walk, station, ids, method)


def _stations(request: ReachRequest, features, site_xy, crs, transform_context, progress):
    """The stations' features and their (x, y) in the work CRS; ReachError when there is none."""
    if request.stations is not None:
        stations, xy = read_points(request.stations, crs, transform_context)
        what = tr("the STATIONS layer")
    else:
        category, field = request.station_category, request.category_field
        mask = category_mask(features, field, category)
        stations = [f for f, keep in zip(features, mask) if keep]
        xy = site_xy[mask]
        what = tr("the sites with {} = {}").format(field, category)
    keep = np.isfinite(xy).all(axis=1)
    if not keep.any():
        raise ReachError(
            tr("No station found in {}: give STATIONS or the right STATION_CATEGORY").format(what)
        )
    progress.pushInfo(tr("{} stations from {}").format(int(keep.sum()), what))
    return [s for s, k in zip(stations, keep) if k], xy[keep]


def _qgs_feedback(progress):
    """The QgsFeedback behind progress (QGIS's graph builder takes only that), or None."""
    return progress if isinstance(progress, QgsFeedback) else getattr(progress, "feedback", None)
