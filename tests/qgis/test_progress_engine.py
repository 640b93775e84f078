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
