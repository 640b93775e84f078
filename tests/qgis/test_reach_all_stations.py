"""One search from all stations at once gives the same walks and stations as one search per station
(QGIS's own Dijkstra from each station, the smaller walk kept, ties to the station read first)."""

import numpy as np
import pytest
from coverage_fixtures import X0, Y0, line, memory_layer, point


def _per_station(found):
    """Today's way: one QGIS shortest-path tree per station, each site's walk the minimum over them."""
    from beltmap.core.reach.network import station_vertex_costs
    from beltmap.core.reach.snapping import nearest_segments, project

    graph = found.road_graph
    costs = station_vertex_costs(graph)
    located = np.isfinite(found.site_xy).all(axis=1)
    xy = found.site_xy[located]
    segment = nearest_segments(xy, graph.seg_xy)
    snap, along_from, along_to = project(xy, graph.seg_xy, segment)
    best = np.full(len(xy), np.inf)
    station = np.full(len(xy), -1)
    for k, cost in enumerate(costs):
        d = snap + np.minimum(
            cost[graph.seg_from[segment]] + along_from, cost[graph.seg_to[segment]] + along_to
        )
        better = d < best
        best[better], station[better] = d[better], k
    return best, station


def _random_network(rng, count=120, size=2000):
    nodes = rng.uniform(0, size, (count, 2))
    rows = []
    for i in range(count):
        near = np.argsort(np.hypot(*(nodes - nodes[i]).T))[1 : 1 + int(rng.integers(1, 4))]
        for j in near:
            rows.append((line(tuple(nodes[i]), tuple(nodes[j])), ("r{}_{}".format(i, j),)))
    return memory_layer("LineString", ["name:string"], rows, "roads")


def _points(xy, category="enterprise"):
    return memory_layer(
        "Point",
        ["name:string", "category:string"],
        [(point(x, y), ("p{}".format(i), category)) for i, (x, y) in enumerate(xy)],
        "points",
    )


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_one_search_equals_one_per_station(qgis_app, seed):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach

    rng = np.random.default_rng(seed)
    roads = _random_network(rng)
    stations = _points(rng.uniform(0, 2000, (int(rng.integers(2, 25)), 2)), "service_station")
    sites = _points(rng.uniform(-100, 2100, (800, 2)))
    found = measure_reach(ReachRequest(sites=sites, stations=stations, roads=roads), Progress())
    walk, station = _per_station(found)
    network = np.isfinite(walk)
    assert network.sum() > 100
    assert list(found.method[network]) == ["network"] * int(network.sum())
    assert np.allclose(found.walk_m[network], walk[network], rtol=0, atol=1e-6)
    assert (found.station[network] == station[network]).all()


def test_ties_go_to_the_station_read_first(qgis_app):
    """A street with a station 100 m from each end: the site in the middle is as far from both."""
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach

    roads = memory_layer("LineString", ["name:string"], [(line((0, 0), (100, 0), (200, 0)), ("street",))])
    for order in ([(0, 0), (200, 0)], [(200, 0), (0, 0)]):
        stations = _points(order, "service_station")
        sites = _points([(100, 10), (40, 5)])
        found = measure_reach(ReachRequest(sites=sites, stations=stations, roads=roads), Progress())
        assert list(found.walk_m) == [110.0, 45.0]
        assert found.station[0] == 0
        assert found.station_xy[found.station[1]] == pytest.approx((X0, Y0))


@pytest.mark.parametrize("seed", [11, 12])
def test_nearest_segment_is_the_nearest(qgis_app, seed):
    """The bucket search finds what a brute-force search finds, far points included (lowest index on ties)."""
    from beltmap.core.reach.snapping import nearest_segments, segment_distance

    rng = np.random.default_rng(seed)
    start = rng.uniform(0, 1000, (300, 2))
    seg = np.hstack([start, start + rng.normal(0, 40, (300, 2))])
    seg = np.vstack([seg, [[5000, 5000, 5100, 5000]], seg[:3]])  # a far street, three repeated segments
    points = np.vstack([rng.uniform(-200, 1200, (3000, 2)), rng.uniform(1500, 6000, (200, 2))])
    found = nearest_segments(points, seg)
    brute = np.array(
        [np.argmin(segment_distance(np.repeat(p[None, :], len(seg), axis=0), seg)) for p in points],
        dtype=np.int64,
    )
    # the same segment, or one exactly as near (the repeated ones: numpy 2's vector loops may round a
    # distance one ulp apart from the scalar loop, so which of two equal segments wins is not fixed)
    assert np.allclose(
        segment_distance(points, seg[found]), segment_distance(points, seg[brute]), rtol=0, atol=1e-9
    )
    differ = found != brute
    assert np.array_equal(seg[found[differ]], seg[brute[differ]])
