"""`beltmap:tagzones`: known answers at every edge, rules, CRSs, repairs, errors, and both paths agreeing."""

import json

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from tag_fixtures import (
    HAND_POINTS,
    ZONE_FIELDS,
    box,
    hand_belt,
    hand_sites,
    hand_zones,
    local,
    memory_layer,
    rows_by,
    run_tag,
    write_gpkg,
)

TAG_NAMES = ["zone_type", "zone_id", "zone_name", "zone_types", "zone_count", "in_belt"]
ALIASES = ["区域类型", "区域编号", "区域名称", "所属区域类型", "区域数", "位于实践带内"]


@pytest.fixture
def hand_params(provider):
    return {"INPUT": hand_sites(), "ZONES": hand_zones(), "BELT": hand_belt()}


@pytest.mark.parametrize("path", ["qgis", "auto"])
def test_hand_built_points_have_known_tags(hand_params, path, tmp_path):
    params = dict(hand_params)
    if path == "auto":  # through GeoPackages, so that the vectorised path runs
        gpkg = tmp_path / "in.gpkg"
        params["INPUT"] = write_gpkg(params["INPUT"], gpkg, "sites")
        params["OUTPUT"] = str(tmp_path / "out.gpkg")
    results, layer, feedback = run_tag(params, path=path)
    if path == "auto":
        assert any("Vectorised tagging" in m for m in feedback.messages), feedback.messages
    rows = rows_by(layer)
    assert len(rows) == len(HAND_POINTS) + 1
    for name, (_x, _y, zone_type, zone_id, zone_types, count, in_belt) in HAND_POINTS.items():
        got = rows[name]
        assert (got["zone_type"], got["zone_id"], got["zone_types"], got["zone_count"], got["in_belt"]) == (
            zone_type,
            zone_id,
            zone_types,
            count,
            in_belt,
        ), name
    assert rows["inside"]["zone_name"] == "Park one"
    nothing = rows["no_geometry"]
    assert [nothing[f] for f in TAG_NAMES] == [None] * 6 and nothing["category"] == "facility"
    assert results["TAGGED_COUNT"] == 8
    assert results["UNTAGGED_COUNT"] == 4  # hole, outside zones, outside belt, no geometry
    assert results["NULL_GEOMETRY_COUNT"] == 1
    assert results["EDGE_COUNT"] == 3
    assert results["OUTSIDE_BELT_COUNT"] == 1
    assert results["REPAIRED_ZONES"] == 1
    assert json.loads(results["COUNTS_BY_TYPE"]) == {
        "exhibition": 2,
        "scenic": 1,
        "park": 5,
        "street": 0,
        "community": 0,
    }
    assert any("Z5" in m and "repaired" in m for m in feedback.messages), feedback.messages


def test_output_fields_types_and_aliases(hand_params):
    _results, layer, _fb = run_tag(hand_params, path="qgis")
    fields = layer.fields()
    assert fields.names() == ["name", "category"] + TAG_NAMES
    assert [fields.field(n).alias() for n in TAG_NAMES] == ALIASES
    assert fields.field("zone_count").type() == QVariant.Int
    assert fields.field("zone_type").type() == QVariant.String


def test_rules_smallest_and_priority_order(hand_params):
    _r, layer, _fb = run_tag(dict(hand_params, RULE="smallest"), path="qgis")
    rows = rows_by(layer)
    assert rows["nested"]["zone_type"] == "community" and rows["nested"]["zone_id"] == "Z7"
    # equal areas on the shared edge: the tie goes to the priority order
    assert rows["shared_edge"]["zone_id"] == "Z1"
    _r, layer, _fb = run_tag(dict(hand_params, PRIORITY="社区,street"), path="qgis")
    rows = rows_by(layer)
    assert rows["shared_edge"]["zone_type"] == "community"
    assert rows["three_zone_vertex"]["zone_types"] == "community;street;park"
    assert rows["three_zone_vertex"]["zone_type"] == "community"


def _strip_zones():
    """Three zones side by side along x: A [0,10] exhibition, B [10,30] community, C [30,35] park."""
    return memory_layer(
        "Polygon",
        ZONE_FIELDS,
        [
            (box(0, 0, 10, 10), ["A", "a", "exhibition"]),
            (box(10, 0, 30, 10), ["B", "b", "community"]),
            (box(30, 0, 35, 10), ["C", "c", "park"]),
        ],
        name="zones",
    )


@pytest.mark.parametrize("path", ["qgis", "auto"])
def test_largest_overlap_for_lines_and_polygons(provider, path, tmp_path):
    fields = [("name", QVariant.String)]
    lines = memory_layer(
        "LineString",
        fields,
        [
            (local("LINESTRING({} {},{} {})", 5, 5, 33, 5), ["crosses_three"]),
            (local("LINESTRING({} {},{} {})", 2, 5, 8, 5), ["inside_a"]),
        ],
        name="lines",
    )
    polygons = memory_layer("Polygon", fields, [(box(8, 2, 14, 8), ["straddles"])], name="polys")
    zones = _strip_zones()
    for layer, expected in (
        (lines, {"crosses_three": ("community", "B", 3), "inside_a": ("exhibition", "A", 1)}),
        (polygons, {"straddles": ("community", "B", 2)}),
    ):
        params = {"INPUT": layer, "ZONES": zones, "RULE": "largest_overlap"}
        if path == "auto":
            params["INPUT"] = write_gpkg(layer, tmp_path / "{}.gpkg".format(layer.name()), layer.name())
            params["OUTPUT"] = str(tmp_path / "{}_out.gpkg".format(layer.name()))
        _r, out, _fb = run_tag(params, path=path)
        rows = rows_by(out)
        for name, (zone_type, zone_id, count) in expected.items():
            assert (rows[name]["zone_type"], rows[name]["zone_id"], rows[name]["zone_count"]) == (
                zone_type,
                zone_id,
                count,
            )
        # the priority rule picks the exhibition zone for the same features
        _r, out, _fb = run_tag(dict(params, RULE="priority"), path=path)
        assert rows_by(out)[next(iter(expected))]["zone_type"] == "exhibition"


def test_zones_in_wgs84_sites_in_4549(provider):
    to_wgs = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4549"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )
    square = QgsGeometry.fromWkt(box(0, 0, 1000, 1000))
    square = square.densifyByCount(20)
    square.transform(to_wgs)
    zones = memory_layer("Polygon", ZONE_FIELDS, [(square.asWkt(12), ["W1", "w", "scenic"])], crs="EPSG:4326")
    sites = memory_layer(
        "Point",
        [("name", QVariant.String)],
        [(local("POINT({} {})", 500, 500), ["centre"]), (local("POINT({} {})", 1200, 500), ["east"])],
    )
    results, layer, feedback = run_tag({"INPUT": sites, "ZONES": zones}, path="qgis")
    rows = rows_by(layer)
    assert rows["centre"]["zone_type"] == "scenic" and rows["east"]["zone_type"] is None
    assert layer.crs().authid() == "EPSG:4549"
    assert rows["centre"]["in_belt"] is None  # no BELT given
    assert any("EPSG:4549" in m for m in feedback.messages)


def test_multipart_z_and_empty_geometries_kept(provider):
    fields = [("name", QVariant.String)]
    sites = memory_layer(
        "MultiPointZ",
        fields,
        [
            (local("MULTIPOINT Z(({} {} 7),({} {} 8))", 5, 5, 40, 2), ["two_parts"]),
            ("MULTIPOINT Z EMPTY", ["empty"]),
        ],
    )
    results, layer, _fb = run_tag({"INPUT": sites, "ZONES": hand_zones()}, path="qgis")
    assert layer.wkbType() == QgsWkbTypes.MultiPointZ
    rows = rows_by(layer)
    assert rows["two_parts"]["zone_types"] == "scenic;park" and rows["two_parts"]["zone_type"] == "scenic"
    assert rows["two_parts"]["_wkt"].startswith("MultiPointZ")
    assert rows["empty"]["zone_type"] is None and rows["empty"]["zone_count"] is None
    assert results["NULL_GEOMETRY_COUNT"] == 1 and results["TAGGED_COUNT"] == 1


def test_existing_tag_fields_are_replaced(provider):
    fields = [("name", QVariant.String), ("zone_type", QVariant.String), ("ZONE_COUNT", QVariant.Int)]
    sites = memory_layer("Point", fields, [(local("POINT({} {})", 5, 5), ["a", "stale", 99])])
    _r, layer, _fb = run_tag({"INPUT": sites, "ZONES": hand_zones()}, path="qgis")
    assert layer.fields().names() == ["name"] + TAG_NAMES
    row = rows_by(layer)["a"]
    assert row["zone_type"] == "park" and row["zone_count"] == 1


def test_unknown_zone_types_listed_with_nearest_key(provider):
    zones = memory_layer(
        "Polygon",
        ZONE_FIELDS,
        [
            (box(0, 0, 10, 10), ["U1", "u", "公园"]),
            (box(20, 0, 30, 10), ["U2", "u", "公园"]),
            (box(40, 0, 50, 10), ["U3", "u", "parc"]),
            (box(60, 0, 70, 10), ["U4", "u", "park"]),
        ],
    )
    sites = memory_layer("Point", [("name", QVariant.String)], [(local("POINT({} {})", 5, 5), ["a"])])
    with pytest.raises(QgsProcessingException) as error:
        run_tag({"INPUT": sites, "ZONES": zones}, path="qgis")
    text = str(error.value)
    assert "'公园': 2 zones" in text and "'parc': 1 zones" in text and "nearest known type: park" in text
    _r, layer, _fb = run_tag({"INPUT": sites, "ZONES": zones, "UNKNOWN_AS": "园区"}, path="qgis")
    assert rows_by(layer)["a"]["zone_type"] == "park"


def test_invalid_zones_repaired_whatever_the_context_setting(hand_params):
    for check in (QgsFeatureRequest.GeometrySkipInvalid, QgsFeatureRequest.GeometryAbortOnInvalid):
        context = QgsProcessingContext()
        context.setInvalidGeometryCheck(check)
        results, layer, _fb = run_tag(hand_params, path="qgis", context=context)
        assert results["REPAIRED_ZONES"] == 1
        assert rows_by(layer)["bowtie_left"]["zone_id"] == "Z5"


def test_shuffled_input_gives_identical_output(hand_params):
    _r, first, _fb = run_tag(hand_params, path="qgis")
    sites = hand_sites()
    reversed_sites = memory_layer(
        "Point",
        [("name", QVariant.String), ("category", QVariant.String)],
        [
            (f.geometry().asWkt() if f.hasGeometry() else None, f.attributes())
            for f in reversed(list(sites.getFeatures()))
        ],
    )
    zones = hand_zones()
    reversed_zones = memory_layer(
        "Polygon",
        ZONE_FIELDS,
        [(f.geometry().asWkt(), f.attributes()) for f in reversed(list(zones.getFeatures()))],
    )
    _r, second, _fb = run_tag(dict(hand_params, INPUT=reversed_sites, ZONES=reversed_zones), path="qgis")
    assert rows_by(first) == rows_by(second)
