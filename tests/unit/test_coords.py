"""GCJ-02 / BD-09 transforms and coordinate text (core/base/coords.py, used by `beltmap:importsites`)."""

import random

import pytest
from beltmap.core.base import coords

CONTROL = (121.17595, 31.28744)  # WGS84, Anting


def test_control_point_shifts_470_to_490_m():
    gcj = coords.wgs84_to_gcj02(*CONTROL)
    shift = coords.metres_between(*CONTROL, *gcj)
    assert 470 <= shift <= 490
    assert gcj[0] > CONTROL[0] and gcj[1] < CONTROL[1]  # east-south-east


# computed with the published forward formula (a = 6378245.0, ee = 0.00669342162296594323)
KNOWN_GCJ = [
    ((121.17595, 31.28744), (121.18047051713717, 31.285527651223237)),
    ((116.397428, 39.90923), (116.40367162595768, 39.91063350638631)),
]


@pytest.mark.parametrize("wgs, gcj", KNOWN_GCJ)
def test_known_gcj_pairs_round_trip(wgs, gcj):
    forward = coords.wgs84_to_gcj02(*wgs)
    assert forward == pytest.approx(gcj, abs=1e-9)
    back = coords.gcj02_to_wgs84(*gcj)
    assert coords.metres_between(*wgs, *back) < 0.001


def test_random_points_round_trip_below_1_mm():
    rng = random.Random(6)
    for _ in range(2000):
        lon, lat = rng.uniform(73.5, 135.0), rng.uniform(3.9, 53.5)
        back = coords.gcj02_to_wgs84(*coords.wgs84_to_gcj02(lon, lat))
        assert coords.metres_between(lon, lat, *back) < 0.001
        back = coords.bd09_to_wgs84(*coords.wgs84_to_bd09(lon, lat))
        assert coords.metres_between(lon, lat, *back) < 0.001


def test_bd09_goes_through_gcj02_and_shifts_further():
    gcj = coords.wgs84_to_gcj02(*CONTROL)
    bd = coords.wgs84_to_bd09(*CONTROL)
    assert bd == coords.gcj02_to_bd09(*gcj)
    assert coords.metres_between(*gcj, *bd) > 500
    assert coords.metres_between(*coords.bd09_to_gcj02(*bd), *gcj) < 0.001


@pytest.mark.parametrize("point", [(2.35, 48.85), (-74.0, 40.7), (151.2, -33.9)])
def test_zero_offset_outside_china(point):
    assert coords.wgs84_to_gcj02(*point) == point
    assert coords.gcj02_to_wgs84(*point) == point
    assert coords.bd09_to_wgs84(*point) == point


@pytest.mark.parametrize(
    "text, value",
    [
        ("121.17595", 121.17595),
        ("121°10′30″", 121.175),
        ("121°10'30\"E", 121.175),
        ("东经121度10分30秒", 121.175),
        ("31°17′14.8″N", 31 + 17 / 60 + 14.8 / 3600),
        ("１２１．１７５９５", 121.17595),
        ("１２１°１０′３０″", 121.175),
        ("121.17595°", 121.17595),
        ("121.17595 度", 121.17595),
        ("E 121.17595", 121.17595),
        ("121:10:30", 121.175),
        ("121,17595", 121.17595),
        ("S33°52′", -(33 + 52 / 60)),
        (121.17595, 121.17595),
    ],
)
def test_parse_coordinate(text, value):
    assert coords.parse_coordinate(text) == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize("text", ["", "  ", None, "abc", "121.17 km", "121°75′", "1 2 3 4", "NaN", "inf"])
def test_parse_coordinate_rejects(text):
    with pytest.raises(coords.CoordinateError):
        coords.parse_coordinate(text)


def test_parse_pair():
    assert coords.parse_pair("121.17595,31.28744") == (121.17595, 31.28744)
    assert coords.parse_pair("121.17595， 31.28744") == (121.17595, 31.28744)
    assert coords.parse_pair("(121.17595 31.28744)") == (121.17595, 31.28744)
    with pytest.raises(coords.CoordinateError):
        coords.parse_pair("121.17595")
