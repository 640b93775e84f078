"""core/reach/engine.py without Processing: a frozen request, one call, the Reach it returns, its errors."""

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
from coverage_fixtures import grid_roads, memory_layer, point

REPO = Path(__file__).resolve().parents[2]


def _sites():
    return memory_layer(
        "Point",
        ["name:string", "category:string", "zone_type:string"],
        [
            (point(210, 305), ("A", "enterprise", "park")),
            (point(100, 100), ("B", "enterprise", "park")),
            (point(0, -10), ("S", "service_station", "community")),
            (point(2050, 2010), ("D", "facility", "community")),
        ],
        "sites",
    )


def test_reach_request_is_frozen_and_measured_in_one_call(qgis_app):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import Reach, ReachRequest, measure_reach

    request = ReachRequest(sites=_sites(), roads=grid_roads(), radii=(100, 300))
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.detour = 2.0
    assert request.detour == 1.3 and request.speed == 1.1 and request.station_category == "service_station"
    found = measure_reach(request, Progress())
    assert isinstance(found, Reach)
    assert [f["name"] for f in found.features] == ["A", "B", "S", "D"]
    assert found.station_ids == ["S3"] and list(found.station) == [0, 0, 0, 0]
    assert found.walk_m[2] == 0.0
    # B: 10 m to the grid's (0, 0) corner from the station, then 100 + 100 along it
    assert found.walk_m[1] == pytest.approx(210, abs=0.01)
    assert list(found.method) == ["network", "network", "network", "euclidean"]
    assert found.walk_m[3] == pytest.approx(1.3 * math.hypot(2050, 2020), abs=0.01)
    assert found.walk_min[1] == pytest.approx(210 / 1.1 / 60)
    assert found.coverage == {"100": 0.25, "300": 0.5}
    assert found.coverage_by_zone_type["community"] == {"100": 0.5, "300": 0.5}
    assert list(found.served(300)) == [1, 2]
    assert {(k, r) for k, r, _how, _g in found.catchments()} == {(0, 100), (0, 300)}


def test_unmeasured_sites_are_nan(qgis_app):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach
    from qgis.core import QgsGeometry

    sites = memory_layer(
        "Point",
        ["name:string", "category:string"],
        [(point(0, 0), ("S", "service_station")), (QgsGeometry(), ("lost", "enterprise"))],
    )
    found = measure_reach(ReachRequest(sites=sites), Progress())
    assert found.walk_m[0] == 0 and np.isnan(found.walk_m[1])
    assert found.station[1] == -1 and found.method[1] is None


def test_errors_are_belt_map_errors(qgis_app):
    from beltmap.core.base.progress import Progress
    from beltmap.core.errors import BeltMapError, Cancelled
    from beltmap.core.reach.engine import NoStationError, ReachRequest, measure_reach

    with pytest.raises(NoStationError, match="category = none here"):
        measure_reach(ReachRequest(sites=_sites(), station_category="none here"), Progress())
    assert issubclass(NoStationError, BeltMapError)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        measure_reach(ReachRequest(sites=_sites(), roads=grid_roads()), progress)


def test_core_reach_uses_no_processing():
    for path in (REPO / "core" / "reach").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "QgsProcessing" not in text and "processing.run" not in text, path.name
