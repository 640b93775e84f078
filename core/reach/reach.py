"""Nearest station and walking distance for every site: along the road graph, or straight line x detour."""

from dataclasses import dataclass
from typing import Optional

import numpy as np

from .network import RoadGraph
from .snapping import nearest_segments, project

NETWORK = "network"
EUCLIDEAN = "euclidean"
# a site this close (m) to a station is the station itself: it walks nowhere
SAME_PLACE = 0.01


@dataclass
class Reach:
    """Per site: index of the nearest station, walking metres, and how they were measured."""

    station: np.ndarray  # int, -1 where no station
    walk_m: np.ndarray  # float, inf where no station
    method: np.ndarray  # object: NETWORK or EUCLIDEAN


def nearest_straight(site_xy: np.ndarray, station_xy: np.ndarray, feedback=None):
    """Index of (the lowest among equally near) and distance to the nearest station in a straight line."""
    n = len(site_xy)
    if len(station_xy) == 0:
        return np.full(n, -1, dtype=np.int64), np.full(n, np.inf)
    points = np.hstack([station_xy, station_xy])  # stations as segments of no length
    index = nearest_segments(site_xy, points, feedback)
    dist = np.hypot(site_xy[:, 0] - station_xy[index, 0], site_xy[:, 1] - station_xy[index, 1])
    return index, dist


def euclidean_reach(site_xy: np.ndarray, station_xy: np.ndarray, detour: float, feedback=None) -> Reach:
    """Straight-line distance to the nearest station times the detour factor."""
    index, dist = nearest_straight(site_xy, station_xy, feedback)
    return Reach(index, dist * detour, np.full(len(site_xy), EUCLIDEAN, dtype=object))


def network_reach(
    site_xy, station_xy, road_graph: RoadGraph, vertex_cost, vertex_station, detour: float, feedback=None
) -> Reach:
    """Snap each site to its nearest road segment (snap distance added), then walk to the nearer end's
    nearest station (vertex_cost, vertex_station: one search from all stations); sites the graph cannot
    connect to any station fall back to straight line x detour."""
    segment = nearest_segments(site_xy, road_graph.seg_xy, feedback)
    snap, along_from, along_to = project(site_xy, road_graph.seg_xy, segment)
    ends_from, ends_to = road_graph.seg_from[segment], road_graph.seg_to[segment]
    via_from = vertex_cost[ends_from] + along_from
    via_to = vertex_cost[ends_to] + along_to
    station_from, station_to = vertex_station[ends_from], vertex_station[ends_to]
    # the nearer end; at equal walks the station read first, as one comparison per station would choose
    take_to = (via_to < via_from) | ((via_to == via_from) & (station_to < station_from))
    best = snap + np.where(take_to, via_to, via_from)
    station = np.where(take_to, station_to, station_from).astype(np.int64)
    method = np.full(len(site_xy), NETWORK, dtype=object)
    # the straight line is measured only where it can matter: sites the graph cannot connect, and sites
    # that may stand on a station
    lost = ~np.isfinite(best)
    check = np.flatnonzero(lost | _near_a_station(site_xy, station_xy, SAME_PLACE))
    if len(check):
        fallback = euclidean_reach(site_xy[check], station_xy, detour, feedback)
        gone = lost[check]
        best[check[gone]] = fallback.walk_m[gone]
        station[check[gone]] = fallback.station[gone]
        method[check[gone]] = EUCLIDEAN
        same = np.isfinite(fallback.walk_m) & (fallback.walk_m <= SAME_PLACE * detour)
        best[check[same]], station[check[same]] = 0.0, fallback.station[same]
    return Reach(station, best, method)


def _near_a_station(site_xy: np.ndarray, station_xy: np.ndarray, within: float) -> np.ndarray:
    """True for the sites within a box of half-side `within` (plus a margin) around some station."""
    near = np.zeros(len(site_xy), dtype=bool)
    if len(site_xy) == 0 or len(station_xy) == 0:
        return near
    margin = within * 1.001 + 1e-9
    order = np.argsort(site_xy[:, 0], kind="stable")
    xs = site_xy[order, 0]
    first = np.searchsorted(xs, station_xy[:, 0] - margin, side="left")
    last = np.searchsorted(xs, station_xy[:, 0] + margin, side="right")
    for k in np.flatnonzero(last > first).tolist():
        which = order[first[k] : last[k]]
        near[which[np.abs(site_xy[which, 1] - station_xy[k, 1]) <= margin]] = True
    return near


def reach(
    site_xy, station_xy, road_graph: Optional[RoadGraph], vertex_cost, vertex_station, detour, feedback=None
) -> Reach:
    """Network reach when a road graph is given, straight line x detour otherwise."""
    if road_graph is None or len(road_graph.seg_xy) == 0:
        return euclidean_reach(site_xy, station_xy, detour, feedback)
    return network_reach(site_xy, station_xy, road_graph, vertex_cost, vertex_station, detour, feedback)
