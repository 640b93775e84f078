"""Catchments hold exactly what is counted: random points, each measured by the engine itself, lie in
their station's catchment exactly when their walk is within the radius (the rest within 1 m of its
boundary); the demo's sites all agree; a river crossed by no bridge stays out."""

import numpy as np
import pytest
from coverage_fixtures import X0, Y0, line, memory_layer, point


def _measure(sites, stations, roads, radii, **kwargs):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach

    request = ReachRequest(sites=sites, stations=stations, roads=roads, radii=tuple(radii), **kwargs)
    return measure_reach(request, Progress())


def _random_points(rng, count, x0, y0, x1, y1):
    xs, ys = rng.uniform(x0, x1, count), rng.uniform(y0, y1, count)
    return memory_layer(
        "Point",
        ["name:string", "category:string"],
        [(point(x, y), ("p{}".format(i), "enterprise")) for i, (x, y) in enumerate(zip(xs, ys))],
        "points",
    )


def _disagreements(found, catchments, radii):
    """Per radius: the points whose membership disagrees with their walk, and their distance to the edge."""
    from qgis.core import QgsGeometry, QgsPointXY

    by_key = {(k, r): g for k, r, _how, g in catchments}
    result = {}
    for radius in radii:
        wrong = []
        for i, (x, y) in enumerate(found.site_xy):
            p = QgsGeometry.fromPointXY(QgsPointXY(x, y))
            counted = bool(np.isfinite(found.walk_m[i]) and found.walk_m[i] <= radius)
            inside = [
                k
                for k in range(len(found.station_ids))
                if (k, radius) in by_key and by_key[(k, radius)].contains(p)
            ]
            expected = [int(found.station[i])] if counted else []
            if inside != expected:
                edges = [by_key[(k, radius)] for k in set(inside + expected) if (k, radius) in by_key]
                gap = (
                    min(
                        (g.constGet().boundary() and QgsGeometry(g.constGet().boundary()).distance(p))
                        for g in edges
                    )
                    if edges
                    else np.inf
                )
                wrong.append((i, inside, expected, float(found.walk_m[i]), gap))
        result[radius] = wrong
    return result


def _assert_agree(found, radii, share=0.99, tolerance=1.0):
    catchments = found.catchments()
    count = len(found.features)
    for radius, wrong in _disagreements(found, catchments, radii).items():
        assert len(wrong) <= (1 - share) * count, (radius, len(wrong), wrong[:5])
        far = [w for w in wrong if w[4] > tolerance]
        assert far == [], (radius, far[:5])
    return catchments


def _jittered_grid(rng, size=1200, step=150):
    """Streets every `step` m, their crossings moved a little, some blocks without their east street."""
    ticks = list(range(0, size + 1, step))
    nodes = {
        (i, j): (x + rng.uniform(-20, 20), y + rng.uniform(-20, 20))
        for i, x in enumerate(ticks)
        for j, y in enumerate(ticks)
    }
    rows = []
    n = len(ticks)
    for i in range(n):
        for j in range(n):
            if i + 1 < n and rng.random() > 0.15:
                rows.append((line(nodes[(i, j)], nodes[(i + 1, j)]), ("e{}_{}".format(i, j),)))
            if j + 1 < n and rng.random() > 0.15:
                rows.append((line(nodes[(i, j)], nodes[(i, j + 1)]), ("n{}_{}".format(i, j),)))
    # a road no station reaches
    rows.append((line((1500, 200), (1500, 900)), ("island",)))
    return memory_layer("LineString", ["name:string"], rows, "roads")


def _stations(xy):
    return memory_layer(
        "Point",
        ["name:string", "sid:string"],
        [(point(x, y), ("station {}".format(i), "S{}".format(i))) for i, (x, y) in enumerate(xy)],
        "stations",
    )


def test_random_points_agree_with_their_catchments(qgis_app):
    rng = np.random.default_rng(19)
    roads = _jittered_grid(rng)
    stations = _stations([(160, 170), (900, 420), (430, 1000), (700, 700)])
    points = _random_points(rng, 2500, -200, -200, 1700, 1400)
    radii = (150, 300, 500)
    found = _measure(points, stations, roads, radii, station_id_field="sid")
    assert found.count("network") > 1000 and found.count("euclidean") > 10
    catchments = _assert_agree(found, radii)
    # the catchments of one radius do not overlap: every place is counted for one station
    by_radius = [g for _k, r, _h, g in catchments if r == 500]
    total = sum(g.area() for g in by_radius)
    from qgis.core import QgsGeometry

    assert QgsGeometry.unaryUnion(by_radius).area() == pytest.approx(total, rel=1e-6)


def test_a_river_without_a_bridge_stays_out(qgis_app):
    """Two roads along the banks of a river, joined by a bridge 300 m east of the station: the river and
    the far bank facing the station are out of its 500 m catchment, though the convex hull of the road
    points within 500 m (both banks) takes them in."""
    roads = memory_layer(
        "LineString",
        ["name:string"],
        [
            (line((0, 0), (400, 0), (1000, 0)), ("south bank",)),
            (line((0, 60), (400, 60), (1000, 60)), ("north bank",)),
            (line((400, 0), (400, 60)), ("bridge",)),
        ],
        "roads",
    )
    stations = _stations([(100, -10)])
    rng = np.random.default_rng(7)
    points = _random_points(rng, 1500, -300, -400, 1300, 500)
    found = _measure(points, stations, roads, (300, 500), station_id_field="sid")
    catchments = _assert_agree(found, (300, 500))
    big = [g for _k, r, _h, g in catchments if r == 500][0]
    # 15 m from the north bank: 15 + (10 + 300 + 60 + 150) = 535 m
    across = point(250, 45)
    assert not big.contains(across)
    from qgis.core import QgsGeometry, QgsPointXY

    # the road points within 500 m: the south bank from x = 0 to 590, the north bank from 270 to 530
    hull = QgsGeometry.fromMultiPointXY(
        [QgsPointXY(X0 + x, Y0 + y) for x, y in ((100, -10), (0, 0), (590, 0), (270, 60), (530, 60))]
    ).convexHull()
    assert hull.contains(across)
    south = point(100, -60)
    assert big.contains(south)


def test_demo_sites_all_agree(qgis_app, demo_gpkg):
    from qgis.core import QgsVectorLayer

    sites = QgsVectorLayer("{}|layername=sites".format(demo_gpkg), "sites", "ogr")
    roads = QgsVectorLayer("{}|layername=roads".format(demo_gpkg), "roads", "ogr")
    found = _measure(sites, None, roads, (300, 500, 1000))
    catchments = found.catchments()
    wrong = _disagreements(found, catchments, (300, 500, 1000))
    assert all(w == [] for w in wrong.values()), {r: w[:5] for r, w in wrong.items()}
