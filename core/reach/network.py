"""The walking graph of a road layer (QGIS network analysis) and its shortest-path costs."""

from dataclasses import dataclass
from typing import List, Sequence

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
    pairs = {
        (min(e.fromVertex(), e.toVertex()), max(e.fromVertex(), e.toVertex()))
        for e in (graph.edge(i) for i in range(graph.edgeCount()))
        if e.fromVertex() != e.toVertex()
    }
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
