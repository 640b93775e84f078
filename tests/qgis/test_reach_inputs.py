"""Bad and special inputs of the service reach: motorways left out, stations as polygons, no station,
roads in degrees, radii refused with their value."""

import pytest
from coverage_fixtures import X0, Y0, box, line, memory_layer, point


def _measure(sites, **kwargs):
    from beltmap.core.base.progress import Progress
    from beltmap.core.reach.engine import ReachRequest, measure_reach

    progress = Progress()
    return measure_reach(ReachRequest(sites=sites, **kwargs), progress), progress


def _sites(rows):
    return memory_layer("Point", ["name:string", "category:string"], rows, "sites")


def _roads(highway=True):
    fields = ["name:string", "highway:string"] if highway else ["name:string"]
    rows = [
        (line((0, 0), (1000, 0)), ("expressway", "motorway")),
        (line((0, 0), (0, 300), (1000, 300), (1000, 0)), ("the long way", "residential")),
        (line((1000, 0), (1000, -20)), ("slip", None)),
    ]
    return memory_layer("LineString", fields, [(g, v if highway else v[:1]) for g, v in rows], "roads")


def _two_ends():
    return _sites([(point(0, -5), ("station", "service_station")), (point(1000, -10), ("far", "enterprise"))])


def test_motorways_are_left_out_and_the_log_says_how_many(qgis_app):
    found, progress = _measure(_two_ends(), roads=_roads())
    # along the motorway 5 + 1000 + 10 (down the slip road to the site), around 5 + 1600 + 10
    assert found.walk_m[1] == pytest.approx(5 + 1600 + 10, abs=0.01)
    assert any("1 of 3 roads left out" in text for _kind, text in progress.messages)
    found, _ = _measure(_two_ends(), roads=_roads(), not_walkable="\"name\" = 'the long way'")
    assert found.walk_m[1] == pytest.approx(5 + 1000 + 10, abs=0.01)
    found, progress = _measure(_two_ends(), roads=_roads(highway=False))
    assert found.walk_m[1] == pytest.approx(5 + 1000 + 10, abs=0.01)
    assert not any("left out" in text for _kind, text in progress.messages)


def test_a_filter_that_cannot_be_read_is_refused(qgis_app):
    from beltmap.core.reach.walkable import WalkFilterError

    with pytest.raises(WalkFilterError, match="highway ="):
        _measure(_two_ends(), roads=_roads(), not_walkable="highway = ")


def test_stations_given_as_polygons_use_their_centroids(qgis_app):
    stations = memory_layer("Polygon", ["sid:string"], [(box(-50, -50, 100), ("P",))], "stations")
    sites = _sites([(point(0, 100), ("north", "enterprise"))])
    found, progress = _measure(sites, stations=stations, station_id_field="sid")
    assert found.walk_m[0] == pytest.approx(1.3 * 100, abs=0.01)
    assert found.station_xy[0] == pytest.approx((X0, Y0))
    assert any("1 stations are lines or polygons" in text for _kind, text in progress.messages)


def test_no_station_names_the_field_and_value(qgis_app):
    from beltmap.core.reach.engine import NoStationError

    sites = _sites([(point(0, 0), ("a", "enterprise"))])
    with pytest.raises(NoStationError, match="no field kind .*category 党群服务站"):
        _measure(sites, category_field="kind", station_category="党群服务站")
    with pytest.raises(NoStationError, match="category = 党群服务站"):
        _measure(sites, station_category="党群服务站")
    with pytest.raises(NoStationError, match="category = service_station"):
        _measure(sites)
    bare = memory_layer("Point", ["name:string"], [(point(0, 0), ("a",))])
    with pytest.raises(NoStationError, match="no field category .*service_station"):
        _measure(bare)


def test_roads_in_degrees_are_measured_in_metres(qgis_app):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    metres = _roads(highway=False)
    to_degrees = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4549"),
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance(),
    )
    rows = []
    for feature in metres.getFeatures():
        geometry = feature.geometry()
        geometry.transform(to_degrees)
        rows.append((geometry, feature.attributes()))
    from qgis.core import QgsFeature, QgsVectorLayer

    degrees = QgsVectorLayer("LineString?crs=EPSG:4490&field=name:string", "roads", "memory")
    for geometry, values in rows:
        feature = QgsFeature(degrees.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(values)
        degrees.dataProvider().addFeature(feature)
    in_metres, _ = _measure(_two_ends(), roads=metres)
    in_degrees, _ = _measure(_two_ends(), roads=degrees)
    assert in_degrees.walk_m[1] == pytest.approx(in_metres.walk_m[1], abs=0.05)
    assert in_degrees.method[1] == "network"


@pytest.mark.parametrize(
    "radii, value",
    [("500,300", "300 after 500"), ("300,300", "300 after 300"), ("0,300", "0"), ("-100", "-100"), ("", "")],
)
def test_radii_not_increasing_or_not_positive_are_refused(qgis_app, radii, value):
    from beltmap.core.errors import BeltMapError
    from beltmap.core.reach.rates import parse_radii

    with pytest.raises(BeltMapError) as caught:
        parse_radii(radii)
    assert value in str(caught.value)


def test_radii_refused_by_the_algorithm_with_the_value(provider):
    from qgis import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="500 after 1000"):
        processing.run(
            "beltmap:servicecoverage",
            {"SITES": _two_ends(), "RADII": "300,1000,500", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
