"""The walking graph of a road layer (QGIS network analysis) and its shortest-path costs."""

import heapq
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
from qgis.analysis import (
    QgsGraphAnalyzer,
    QgsGraphBuilder,
    QgsNetworkDistanceStrategy,
    QgsVectorLayerDirector,
)
from qgis.core import QgsCoordinateReferenceSystem, QgsFeedback, QgsPointXY

# road ends closer than this (metres) are joined into one junction
TOPOLOGY_TOLERANCE = 0.5


def qgs_feedback(progress):
    """The QgsFeedback behind a progress object (itself, or a wrapped one), for QGIS calls that need one."""
    if isinstance(progress, QgsFeedback):
        return progress
    inner = getattr(progress, "feedback", None)
    return inner if isinstance(inner, QgsFeedback) else None


@dataclass
class RoadGraph:
    """A graph with planar metre costs, its undirected edges as segments, and the stations' vertices."""

    graph: object  # QgsGraph
    seg_from: np.ndarray  # vertex index of each segment's first end
    seg_to: np.ndarray
    seg_xy: np.ndarray  # segments x 4: x0, y0, x1, y1
    station_vertex: np.ndarray  # graph vertex of each station's tie point
    station_snap: np.ndarray  # metres from each station to its tie point
    edge_from: np.ndarray = None  # the graph's directed edges and their costs (metres)
    edge_to: np.ndarray = None
    edge_cost: np.ndarray = None


def build_graph(
    roads_source, crs: QgsCoordinateReferenceSystem, stations: Sequence[QgsPointXY], feedback=None
):
    """Build the undirected walking graph of roads in crs (planar metres), with the stations tied in."""
    director = QgsVectorLayerDirector(roads_source, -1, "", "", "", QgsVectorLayerDirector.DirectionBoth)
    director.addStrategy(QgsNetworkDistanceStrategy())
    builder = QgsGraphBuilder(crs, True, TOPOLOGY_TOLERANCE, "NONE")
    tied = director.makeGraph(builder, list(stations), qgs_feedback(feedback))
    graph = builder.graph()
    if graph.vertexCount() == 0:
        return None
    vertices = np.array(
        [[graph.vertex(i).point().x(), graph.vertex(i).point().y()] for i in range(graph.vertexCount())]
    )
    edges = [graph.edge(i) for i in range(graph.edgeCount())]
    edge_from = np.array([e.fromVertex() for e in edges], dtype=np.int64)
    edge_to = np.array([e.toVertex() for e in edges], dtype=np.int64)
    edge_cost = np.array([e.cost(0) for e in edges], dtype=float)
    pairs = {(min(a, b), max(a, b)) for a, b in zip(edge_from.tolist(), edge_to.tolist()) if a != b}
    pairs = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    station_vertex = np.array([graph.findVertex(p) for p in tied], dtype=np.int64)
    station_xy = np.array([[p.x(), p.y()] for p in stations]).reshape(-1, 2)
    tied_xy = np.array([[p.x(), p.y()] for p in tied]).reshape(-1, 2)
    return RoadGraph(
        graph=graph,
        seg_from=pairs[:, 0],
        seg_to=pairs[:, 1],
        seg_xy=np.hstack([vertices[pairs[:, 0]], vertices[pairs[:, 1]]]),
        station_vertex=station_vertex,
        station_snap=np.hypot(*(station_xy - tied_xy).T) if len(tied_xy) else np.zeros(0),
        edge_from=edge_from,
        edge_to=edge_to,
        edge_cost=edge_cost,
    )


def vertex_costs(road_graph: RoadGraph, vertex: int) -> np.ndarray:
    """Shortest walking distance (m) from one vertex to every vertex; inf where unreachable."""
    if vertex < 0:
        return np.full(road_graph.graph.vertexCount(), np.inf)
    _tree, cost = QgsGraphAnalyzer.dijkstra(road_graph.graph, int(vertex), 0)
    costs = np.asarray(cost, dtype=float)
    costs[costs >= np.finfo(float).max / 2] = np.inf
    return costs


def station_vertex_costs(road_graph: RoadGraph, feedback=None) -> List[np.ndarray]:
    """One Dijkstra per station: costs to every vertex, plus the station's own snap distance."""
    result = []
    for index, vertex in enumerate(road_graph.station_vertex):
        if feedback is not None and feedback.isCanceled():
            break
        result.append(vertex_costs(road_graph, vertex) + road_graph.station_snap[index])
    return result


def nearest_station_costs(road_graph: RoadGraph, progress=None) -> Tuple[np.ndarray, np.ndarray]:
    """One search from every station at once: per vertex the walking metres to the nearest station (its
    snap distance included; inf where none connects) and that station's index (-1 where none).

    Costs and stations equal the minimum over one search per station; equal costs go to the station read
    first (the lower index), as the per-station comparison does.
    """
    count = road_graph.graph.vertexCount()
    order = np.argsort(road_graph.edge_from, kind="stable")
    heads = road_graph.edge_to[order].tolist()
    weights = road_graph.edge_cost[order].tolist()
    starts = np.searchsorted(road_graph.edge_from[order], np.arange(count + 1)).tolist()
    cost = [np.inf] * count
    label = [-1] * count
    heap = [
        (float(snap), k, int(vertex))
        for k, (vertex, snap) in enumerate(zip(road_graph.station_vertex, road_graph.station_snap))
        if vertex >= 0
    ]
    heapq.heapify(heap)
    best = [np.inf] * count  # the best cost offered so far, and by which station
    best_label = [len(road_graph.station_vertex)] * count
    for here, k, vertex in heap:
        if (here, k) < (best[vertex], best_label[vertex]):
            best[vertex], best_label[vertex] = here, k
    done = [False] * count
    settled = 0
    while heap:
        here, k, vertex = heapq.heappop(heap)
        if done[vertex]:
            continue
        done[vertex] = True
        cost[vertex], label[vertex] = here, k
        settled += 1
        if settled % 20000 == 0 and progress is not None and progress.isCanceled():
            break
        for i in range(starts[vertex], starts[vertex + 1]):
            head = heads[i]
            offer = here + weights[i]
            if not done[head] and (offer < best[head] or (offer == best[head] and k < best_label[head])):
                best[head], best_label[head] = offer, k
                heapq.heappush(heap, (offer, k, head))
    return np.array(cost, dtype=float), np.array(label, dtype=np.int64)
