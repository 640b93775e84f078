"""The progress engine (core/programme) on three hand-built years: a known status for every target."""

import pytest
from progress_fixtures import TARGETS, build_years, write_targets


@pytest.fixture
def years(tmp_path):
    return build_years(tmp_path)


def run(paths, targets, **options):
    from beltmap.core.base.progress import Progress
    from beltmap.core.programme.engine import run_progress
    from beltmap.core.programme.request import ProgressRequest

    return run_progress(ProgressRequest(years=tuple(paths), targets=targets, **options), Progress())


def test_every_status_known_from_hand_built_years(qgis_app, years, tmp_path):
    result = run(reversed(years), write_targets(tmp_path / "targets.csv"))
    assert result.labels == ["2024", "2025", "2026"]  # from the file names, sorted
    got = [(r["indicator"], r["scope"], r["status"]) for r in result.progress]
    assert got == [(t[0], t[1], t[6]) for t in TARGETS]
    assert result.counts == {
        "achieved": 1,
        "on_track": 3,
        "acceleration_needed": 1,
        "limited": 1,
        "deterioration": 1,
        "unable_to_assess": 1,
    }


def test_the_years_points_get_the_zone_the_tagging_rule_gives(qgis_app, demo_gpkg):
    """The progress tags each year's sites with core/changes/zones.tag_points (points by x, each zone its
    own strip): every point gets the zone the Tagger itself gives, boundary points included."""
    import numpy as np
    from beltmap.core.base.progress import Progress
    from beltmap.core.changes.zones import read_year_zones, tag_points
    from beltmap.core.tagging.rule import RULE_PRIORITY
    from beltmap.core.tagging.tagger import Tagger
    from qgis.core import QgsCoordinateTransformContext, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("{}|layername=zones".format(demo_gpkg), "zones", "ogr")
    zones = read_year_zones(layer, QgsCoordinateTransformContext(), "2026", Progress())
    box = zones.shapes[0].boundingBox()
    for shape in zones.shapes[1:]:
        box.combineExtentWith(shape.boundingBox())
    rng = np.random.default_rng(26)
    xy = np.column_stack(
        [
            rng.uniform(box.xMinimum(), box.xMaximum(), 20000),
            rng.uniform(box.yMinimum(), box.yMaximum(), 20000),
        ]
    )
    corners = np.array([[p.x(), p.y()] for shape in zones.shapes[:5] for p in shape.vertices()])
    xy = np.vstack([xy, corners, [[np.nan, np.nan]]])  # vertices: on the boundary, handed to the Tagger
    found = tag_points(zones, xy, Progress())
    assert (found >= 0).sum() > 5000
    tagger = Tagger(zones.zone_set, RULE_PRIORITY)
    sample = list(range(0, 20000, 10)) + list(range(20000, len(xy) - 1))
    expected = [tagger.tag(QgsGeometry.fromPointXY(QgsPointXY(*xy[i]))).choice for i in sample]
    assert found[sample].tolist() == expected
    assert found[-1] == -1  # no position, no zone
