"""`beltmap:tagzones`: known answers at every edge, rules, CRSs, repairs, errors, and both paths agreeing."""

import json

import pytest
import qgis_profile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_fixtures import to_postgis
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
    X0,
    Y0,
    ZONE_FIELDS,
    Feedback,
    box,
    engine,
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


def in_postgis(cluster, params, folder, keys=("INPUT", "ZONES", "BELT")):
    """The same parameters with the given layers copied into PostGIS tables."""
    return {k: to_postgis(cluster, v, folder) if k in keys else v for k, v in params.items()}


@pytest.mark.parametrize("path", ["qgis", "vectorised", "postgis"])
def test_hand_built_points_have_known_tags(hand_params, path, tmp_path, request):
    params = dict(hand_params)
    if path == "postgis":  # all three layers in one database, the output a GeoPackage
        params = in_postgis(request.getfixturevalue("pg_cluster"), params, tmp_path)
        params["OUTPUT"] = str(tmp_path / "out.gpkg")
    if path == "vectorised":  # through GeoPackages, as the vectorised path needs
        gpkg = tmp_path / "in.gpkg"
        params["INPUT"] = write_gpkg(params["INPUT"], gpkg, "sites")
        params["OUTPUT"] = str(tmp_path / "out.gpkg")
    results, layer, feedback = run_tag(params, path=path)
    if path == "vectorised":
        assert any("Vectorised tagging" in m for m in feedback.messages), feedback.messages
        # the input's spatial index was copied: one entry per geometry, found by QGIS's spatial filter
        import sqlite3

        with sqlite3.connect(str(tmp_path / "out.gpkg")) as db:
            assert db.execute("SELECT count(*) FROM rtree_out_geom").fetchone()[0] == len(HAND_POINTS)
        box_filter = QgsGeometry.fromWkt(box(-1, -1, 11, 11)).boundingBox()
        found = {f["name"] for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(box_filter))}
        assert found == {"inside", "on_edge", "shared_edge", "three_zone_vertex"}
    if path == "postgis":
        assert any("In-database tagging in PostGIS" in m for m in feedback.messages), feedback.messages
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


@pytest.mark.parametrize("path", ["qgis", "vectorised", "postgis"])
def test_largest_overlap_for_lines_and_polygons(provider, path, tmp_path, request):
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
        if path == "vectorised":
            params["INPUT"] = write_gpkg(layer, tmp_path / "{}.gpkg".format(layer.name()), layer.name())
            params["OUTPUT"] = str(tmp_path / "{}_out.gpkg".format(layer.name()))
        if path == "postgis":
            params = in_postgis(request.getfixturevalue("pg_cluster"), params, tmp_path)
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
        params["OUTPUT"] = str(tmp_path / "{}_priority.gpkg".format(layer.name()))
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


@pytest.mark.parametrize("path", ["qgis", "postgis"])
def test_multipart_z_and_empty_geometries_kept(provider, path, tmp_path, request):
    fields = [("name", QVariant.String)]
    sites = memory_layer(
        "MultiPointZ",
        fields,
        [
            (local("MULTIPOINT Z(({} {} 7),({} {} 8))", 5, 5, 40, 2), ["two_parts"]),
            ("MULTIPOINT Z EMPTY", ["empty"]),
        ],
    )
    params = {"INPUT": sites, "ZONES": hand_zones()}
    if path == "postgis":
        params = in_postgis(request.getfixturevalue("pg_cluster"), params, tmp_path)
        params["OUTPUT"] = str(tmp_path / "out.gpkg")
    results, layer, _fb = run_tag(params, path=path)
    assert layer.wkbType() == QgsWkbTypes.MultiPointZ
    rows = rows_by(layer)
    assert rows["two_parts"]["zone_types"] == "scenic;park" and rows["two_parts"]["zone_type"] == "scenic"
    # by value, not by WKT spelling ("MultiPointZ" before QGIS 3.34, "MultiPoint Z" since)
    kept = QgsGeometry.fromWkt(rows["two_parts"]["_wkt"])
    assert kept.wkbType() == QgsWkbTypes.MultiPointZ
    expected = QgsGeometry.fromWkt(local("MULTIPOINT Z(({} {} 7),({} {} 8))", 5, 5, 40, 2))
    got = [c for v in kept.vertices() for c in (v.x(), v.y(), v.z())]
    assert got == pytest.approx([c for v in expected.vertices() for c in (v.x(), v.y(), v.z())], abs=1e-6)
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


# ---- random data: the two paths agree, and both agree with a brute-force shapely reference ----


SPELLINGS = ["park", "园区", "community", "小区", "street", "街区", "exhibition", "expo", "scenic", "景区"]
GRID = st.integers(min_value=0, max_value=12)  # a coarse grid: many points fall on edges and vertices


@st.composite
def random_zones(draw):
    zones = []
    for i in range(draw(st.integers(min_value=1, max_value=7))):
        x0, y0 = draw(GRID), draw(GRID)
        w, h = draw(st.integers(1, 8)), draw(st.integers(1, 8))
        if draw(st.booleans()):
            wkt = box(x0, y0, x0 + w, y0 + h)
        else:  # a triangle: slanted edges too
            wkt = local("POLYGON(({} {},{} {},{} {},{} {}))", x0, y0, x0 + w, y0, x0, y0 + h, x0, y0)
        zones.append((wkt, [draw(st.sampled_from(["Z{}".format(i), str(10 - i), str(i * 7)])), "n", ""]))
        zones[-1][1][2] = draw(st.sampled_from(SPELLINGS))
    ids = [z[1][0] for z in zones]
    if len(set(ids)) != len(ids):  # ids distinct, as a zones layer should have
        for i, z in enumerate(zones):
            z[1][0] = "Z{}".format(i)
    return zones


@st.composite
def random_points(draw):
    points = []
    for i in range(draw(st.integers(min_value=1, max_value=25))):
        if draw(st.integers(0, 12)) == 0:
            points.append((None, ["p{}".format(i)]))
        else:
            x = draw(GRID) + draw(st.sampled_from([0, 0, 0.5]))
            y = draw(GRID) + draw(st.sampled_from([0, 0, 0.5]))
            points.append((local("POINT({} {})", x, y), ["p{}".format(i)]))
    return points


def _tags(layer):
    return {row["name"]: tuple(row[f] for f in TAG_NAMES) for row in rows_by(layer).values()}


def _reference(zones, points, belt_wkt, priority):
    """Every point against every zone with shapely: the expected tags."""
    import shapely
    from beltmap.core.base.zone_types import normalise
    from beltmap.core.tagging.rule import id_key

    rank = {key: i for i, key in enumerate(priority)}
    shapes = [(shapely.from_wkt(w), v[0], v[1], normalise(v[2])) for w, v in zones]
    belt = shapely.from_wkt(belt_wkt)
    expected = {}
    for wkt, (name,) in points:
        if wkt is None:
            expected[name] = (None,) * 6
            continue
        point = shapely.from_wkt(wkt)
        hits = [z for z in shapes if shapely.intersects(z[0], point)]
        keys = sorted({z[3] for z in hits}, key=rank.__getitem__)
        best = min(hits, key=lambda z: (rank[z[3]], z[0].area, id_key(z[1]))) if hits else None
        expected[name] = (
            best[3] if best else None,
            best[1] if best else None,
            best[2] if best else None,
            ";".join(keys) or None,
            len(hits),
            1 if shapely.intersects(belt, point) else 0,
        )
    return expected


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(zones=random_zones(), points=random_points())
def test_random_points_all_paths_match_brute_force(provider, pg_cluster, tmp_path_factory, zones, points):
    folder = tmp_path_factory.mktemp("random")
    belt_wkt = box(2, 2, 9, 9)
    zone_layer = memory_layer("Polygon", ZONE_FIELDS, zones, name="zones")
    belt = memory_layer("Polygon", [("name", QVariant.String)], [(belt_wkt, ["belt"])], name="belt")
    sites = memory_layer("Point", [("name", QVariant.String)], points, name="sites")
    params = {"ZONES": zone_layer, "BELT": belt}
    _r, by_qgis, _fb = run_tag(dict(params, INPUT=sites), path="qgis")
    source = write_gpkg(sites, folder / "sites.gpkg", "sites")
    _r, by_vector, feedback = run_tag(
        dict(params, INPUT=source, OUTPUT=str(folder / "out.gpkg")), path="vectorised"
    )
    in_db = in_postgis(pg_cluster, dict(params, INPUT=sites), folder)
    _r, by_database, _fb = run_tag(dict(in_db, OUTPUT=str(folder / "db.gpkg")), path="postgis")
    expected = _reference(zones, points, belt_wkt, ["exhibition", "scenic", "park", "street", "community"])
    assert _tags(by_qgis) == expected
    assert _tags(by_vector) == expected
    assert _tags(by_database) == expected


@st.composite
def random_lines(draw):
    lines = []
    for i in range(draw(st.integers(min_value=1, max_value=12))):
        coords = [draw(GRID) for _ in range(2 * draw(st.integers(2, 4)))]
        if len(set(zip(coords[::2], coords[1::2]))) < 2:
            continue
        template = "LINESTRING({})".format(",".join(["{} {}"] * (len(coords) // 2)))
        lines.append((local(template, *coords), ["l{}".format(i)]))
    return lines or [(local("LINESTRING({} {},{} {})", 0, 0, 5, 5), ["l0"])]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    zones=random_zones(),
    lines=random_lines(),
    rule=st.sampled_from(["largest_overlap", "smallest", "priority"]),
)
def test_random_lines_all_paths_agree(provider, pg_cluster, tmp_path_factory, zones, lines, rule):
    folder = tmp_path_factory.mktemp("lines")
    zone_layer = memory_layer("Polygon", ZONE_FIELDS, zones, name="zones")
    layer = memory_layer("LineString", [("name", QVariant.String)], lines, name="lines")
    params = {"ZONES": zone_layer, "RULE": rule}
    _r, by_qgis, _fb = run_tag(dict(params, INPUT=layer), path="qgis")
    source = write_gpkg(layer, folder / "lines.gpkg", "lines")
    _r, by_vector, _fb = run_tag(
        dict(params, INPUT=source, OUTPUT=str(folder / "out.gpkg")), path="vectorised"
    )
    in_db = in_postgis(pg_cluster, dict(params, INPUT=layer), folder, keys=("INPUT", "ZONES"))
    _r, by_database, _fb = run_tag(dict(in_db, OUTPUT=str(folder / "db.gpkg")), path="postgis")
    assert _tags(by_qgis) == _tags(by_vector) == _tags(by_database)


def test_same_input_twice_and_shuffled_gives_same_file_output(provider, tmp_path):
    import random

    zones = hand_zones()
    sites = [
        (f.geometry().asWkt() if f.hasGeometry() else None, f.attributes())
        for f in hand_sites().getFeatures()
    ]
    outputs = []
    for seed in (None, None, 1, 2):
        rows = list(sites)
        if seed is not None:
            random.Random(seed).shuffle(rows)
        layer = memory_layer(
            "Point", [("name", QVariant.String), ("category", QVariant.String)], rows, name="s"
        )
        source = write_gpkg(layer, tmp_path / "in{}.gpkg".format(len(outputs)), "sites")
        _r, out, _fb = run_tag(
            {
                "INPUT": source,
                "ZONES": zones,
                "BELT": hand_belt(),
                "OUTPUT": str(tmp_path / "o{}.gpkg".format(len(outputs))),
            }
        )
        outputs.append({k: {f: v for f, v in row.items() if f != "fid"} for k, row in rows_by(out).items()})
    assert all(o == outputs[0] for o in outputs[1:])


@pytest.mark.slow
def test_qgis_process_tags_demo_belt_json(qgis_process, demo_copy, tmp_path, provider, monkeypatch):
    # the demo's few sites would take the QGIS path: force the vectorised one, which must work inside
    # qgis_process (QGIS's own GEOS and GDAL are loaded there)
    monkeypatch.setenv("BELTMAP_TAGGING_ENGINE", "vectorised")
    out = tmp_path / "sites_tagged.gpkg"
    result = qgis_process(
        [
            "run",
            "beltmap:tagzones",
            "--json",
            "--",
            "INPUT={}|layername=sites".format(demo_copy),
            "ZONES={}|layername=zones".format(demo_copy),
            "BELT={}|layername=belt".format(demo_copy),
            "OUTPUT={}".format(out),
        ]
    )
    data = qgis_profile.json_output(result)
    results = data["results"]
    assert set(results) >= {
        "OUTPUT",
        "TAGGED_COUNT",
        "UNTAGGED_COUNT",
        "EDGE_COUNT",
        "OUTSIDE_BELT_COUNT",
        "REPAIRED_ZONES",
        "COUNTS_BY_TYPE",
    }
    assert "Vectorised tagging" in result.stdout + result.stderr
    from qgis.core import QgsVectorLayer

    tagged = QgsVectorLayer(str(out), "tagged", "ogr")
    sites = QgsVectorLayer("{}|layername=sites".format(demo_copy), "sites", "ogr")
    assert tagged.featureCount() == sites.featureCount()
    assert results["TAGGED_COUNT"] + results["UNTAGGED_COUNT"] == sites.featureCount()
    assert results["TAGGED_COUNT"] > 0
    assert sum(json.loads(results["COUNTS_BY_TYPE"]).values()) == results["TAGGED_COUNT"]
    assert tagged.fields().names()[-6:] == TAG_NAMES
    # the same as the QGIS path in this process, feature for feature
    expected, by_qgis, _fb = run_tag(
        {
            "INPUT": sites,
            "ZONES": "{}|layername=zones".format(demo_copy),
            "BELT": "{}|layername=belt".format(demo_copy),
        },
        path="qgis",
    )
    for key in ("TAGGED_COUNT", "UNTAGGED_COUNT", "EDGE_COUNT", "OUTSIDE_BELT_COUNT", "COUNTS_BY_TYPE"):
        assert results[key] == expected[key], key
    assert rows_by(tagged, "fid") == rows_by(by_qgis, "fid")


class CancelAtFirstProgress(Feedback):
    """Feedback whose user presses Cancel as soon as progress is reported; keeps the progress seen."""

    def __init__(self):
        super().__init__()
        self.progress_seen = []

    def setProgress(self, progress):  # noqa: N802
        super().setProgress(progress)
        self.progress_seen.append(progress)
        if progress > 0:
            self.cancel()


@pytest.mark.parametrize("path", ["qgis", "vectorised"])
def test_cancel_stops_and_leaves_no_partial_file(provider, tmp_path, path):
    from qgis import processing

    rows = [(local("POINT({} {})", i % 200, i // 200), ["p{}".format(i)]) for i in range(30000)]
    sites = memory_layer("Point", [("name", QVariant.String)], rows)
    source = write_gpkg(sites, tmp_path / "many.gpkg", "sites")
    out = tmp_path / "out.gpkg"
    feedback = CancelAtFirstProgress()
    with engine(path):
        try:
            results = processing.run(
                "beltmap:tagzones",
                {"INPUT": source, "ZONES": hand_zones(), "OUTPUT": str(out)},
                feedback=feedback,
            )
        except QgsProcessingException:
            results = {}
    assert "TAGGED_COUNT" not in results
    # the run stopped soon after the cancel: it never got near the end of the 30,000 features
    assert max(feedback.progress_seen) < 50, feedback.progress_seen
    assert any("Vectorised" in m for m in feedback.messages) == (path == "vectorised"), feedback.messages
    # and left nothing behind: no output, no staged or part file
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("many.gpkg")] == []


@pytest.mark.parametrize("spatial_index", [True, False], ids=["sql_writer", "bulk_writer"])
def test_vectorised_output_keeps_every_field_type(provider, tmp_path, spatial_index):
    from qgis.core import QgsVectorFileWriter
    from qgis.PyQt.QtCore import QDate

    fields = [
        ("name", QVariant.String),
        ("rooms", QVariant.Int),
        ("big", QVariant.LongLong),
        ("share", QVariant.Double),
        ("since", QVariant.Date),
        ("open", QVariant.Bool),
    ]
    rows = [
        (local("POINT({} {})", 5, 5), ["a", 3, 2**40, 0.1, QDate(2024, 6, 3), True]),
        (local("POINT({} {})", 10, 5), ["b", None, None, None, None, None]),
        (None, ["c", -1, -(2**40), 1e-300, QDate(1999, 12, 31), False]),
        (local("POINT({} {})", 400, 400), ["d", 0, 0, -2.5, QDate(2000, 1, 1), None]),
    ]
    layer = memory_layer("Point", fields, rows, name="typed")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "typed"
    options.layerOptions = ["SPATIAL_INDEX={}".format("YES" if spatial_index else "NO")]
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(tmp_path / "typed.gpkg"), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    params = {"INPUT": "{}|layername=typed".format(tmp_path / "typed.gpkg"), "ZONES": hand_zones()}
    params["BELT"] = hand_belt()
    _r, by_qgis, _fb = run_tag(dict(params, OUTPUT=str(tmp_path / "qgis.gpkg")), path="qgis")
    _r, by_vector, feedback = run_tag(dict(params, OUTPUT=str(tmp_path / "vector.gpkg")), path="vectorised")
    writer = "inside SQLite" if spatial_index else "in bulk by GDAL"
    assert any(writer in m for m in feedback.messages), feedback.messages
    types = [(f.name(), f.type(), f.typeName()) for f in by_qgis.fields()]
    assert [(f.name(), f.type(), f.typeName()) for f in by_vector.fields()] == types
    assert rows_by(by_vector, "fid") == rows_by(by_qgis, "fid")
    assert rows_by(by_vector)["a"]["since"] == QDate(2024, 6, 3) and rows_by(by_vector)["b"]["rooms"] is None
    assert by_vector.extent() == by_qgis.extent()
    # QGIS's spatial filter finds the features through the output's spatial index
    box_filter = QgsGeometry.fromWkt(box(-1, -1, 11, 11)).boundingBox()
    found = {f["name"] for f in by_vector.getFeatures(QgsFeatureRequest().setFilterRect(box_filter))}
    assert found == {"a", "b"}


# ---- validation first (issue 6): error-level problems tagging does not handle itself stop it ----


@pytest.mark.parametrize("path", ["qgis", "vectorised"])
def test_duplicate_zone_ids_stop_tagging_unless_ignore_validation(provider, tmp_path, path):
    zones = memory_layer(
        "Polygon",
        ZONE_FIELDS,
        [(box(0, 0, 10, 10), ["Z1", "a", "park"]), (box(20, 0, 30, 10), ["Z1", "b", "community"])],
        name="zones",
    )
    sites = memory_layer(
        "Point",
        [("name", QVariant.String)],
        [(local("POINT({} {})", 5, 5), ["a"]), (local("POINT({} {})", 25, 5), ["b"])],
        name="sites",
    )
    params = {"INPUT": sites, "ZONES": zones}
    out = tmp_path / "out.gpkg"
    if path == "vectorised":
        params["INPUT"] = write_gpkg(sites, tmp_path / "sites.gpkg", "sites")
        params["OUTPUT"] = str(out)
    with pytest.raises(QgsProcessingException) as error:
        run_tag(params, path=path)
    text = str(error.value)
    assert "Validation found 1 error(s)" in text and "'Z1'" in text and "IGNORE_VALIDATION" in text
    assert not out.exists()
    results, layer, feedback = run_tag(dict(params, IGNORE_VALIDATION=True), path=path)
    assert {name: row["zone_type"] for name, row in rows_by(layer).items()} == {"a": "park", "b": "community"}
    assert results["TAGGED_COUNT"] == 2
    assert any("IGNORE_VALIDATION is set" in m and "'Z1'" in m for m in feedback.messages)


def _gcj_shifted_sites(count=20):
    """Points inside the hand-built belt, moved as AMap (GCJ-02) would show them: about 500 m off."""
    from beltmap.core.base import coords
    from qgis.core import QgsPointXY

    local_crs, wgs84 = QgsCoordinateReferenceSystem("EPSG:4549"), QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(local_crs, wgs84, QgsProject.instance())
    rows = []
    for i in range(count):
        point = to_wgs.transform(QgsPointXY(X0 + 10 + 14 * i, Y0 + 20 + 5 * i))
        shifted = QgsPointXY(*coords.wgs84_to_gcj02(point.x(), point.y()))
        back = to_wgs.transform(shifted, QgsCoordinateTransform.ReverseTransform)
        rows.append(("POINT({} {})".format(back.x(), back.y()), ["s{}".format(i)]))
    return memory_layer("Point", [("name", QVariant.String)], rows, name="amap_sites")


def test_gcj02_sites_stop_tagging_also_from_a_selection(provider):
    from beltmap.core.tagging.engine import HANDLED_BY_TAGGING
    from qgis.core import QgsProcessingFeatureSourceDefinition

    sites = _gcj_shifted_sites()
    context = QgsProcessingContext()
    context.temporaryLayerStore().addMapLayer(sites)
    sites.selectAll()
    selection = QgsProcessingFeatureSourceDefinition(sites.id(), True)
    params = {"INPUT": selection, "ZONES": hand_zones(), "BELT": hand_belt()}
    with pytest.raises(QgsProcessingException) as error:
        run_tag(params, path="qgis", context=context)
    assert "GCJ-02" in str(error.value) and "SOURCE_CRS=GCJ02" in str(error.value)
    # the zones' own problems (a bowtie, repaired) are left to tagging, which handles them
    assert "bowtie" not in str(error.value).lower() and "geometry_invalid" in HANDLED_BY_TAGGING
    results, layer, _fb = run_tag(dict(params, IGNORE_VALIDATION=True), path="qgis", context=context)
    assert results["OUTSIDE_BELT_COUNT"] == 20 and layer.featureCount() == 20


def test_validation_reads_at_most_max_sites():
    from beltmap.core.validation import run_error_checks

    sites, belt = _gcj_shifted_sites(), hand_belt()
    assert [e.check for e in run_error_checks(belt=belt, sites=[sites])] == ["coordinate_shift"]
    # the shift check needs 5 sites: with only the first 4 read it cannot see it
    assert run_error_checks(belt=belt, sites=[sites], max_sites=4) == []
    assert [e.check for e in run_error_checks(belt=belt, sites=[sites], max_sites=10)] == ["coordinate_shift"]


# issue 17: one entry point, called without Processing, says which engine ran and why


def test_the_tag_engine_says_which_engine_ran_and_why(qgis_app, tmp_path):
    import dataclasses

    from beltmap.core.base.progress import Progress
    from beltmap.core.base.zone_types import DEFAULT_PRIORITY
    from beltmap.core.tagging.engine import EngineError, TagOutput, tag
    from beltmap.core.tagging.request import TagRequest
    from qgis.core import QgsMemoryProviderUtils

    sites, zones = hand_sites(), hand_zones()
    made = []

    def memory_sink(fields, wkb_type, crs):
        made.append(QgsMemoryProviderUtils.createMemoryLayer("tagged", fields, wkb_type, crs))
        return made[-1].dataProvider(), made[-1]

    request = TagRequest(
        source=sites,
        zones=zones,
        belt=hand_belt(),
        rule="priority",
        priority=tuple(DEFAULT_PRIORITY),
        input_layer=sites,
        zones_layer=zones,
        ignore_validation=True,
    )
    progress = Progress()
    result = tag(request, TagOutput(sink=memory_sink), progress)
    assert (result.engine, result.cancelled) == ("qgis", False)
    # a memory input: not a file layer (or shapely/pyogrio missing on this machine)
    assert result.reason
    assert ("info", "Tagging feature by feature ({})".format(result.reason)) in progress.messages
    assert result.destination is made[0] and made[0].featureCount() == sites.featureCount()
    assert result.stats.tagged + result.stats.untagged == sites.featureCount()
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.engine = "postgis"
    forced = dataclasses.replace(request, engine="postgis")
    with pytest.raises(EngineError, match="In-database tagging impossible"):
        tag(forced, TagOutput(sink=memory_sink), Progress())
    result = tag(dataclasses.replace(request, engine="qgis"), TagOutput(sink=memory_sink), Progress())
    assert (result.engine, result.reason) == ("qgis", "BELTMAP_TAGGING_ENGINE=qgis")


def test_a_geopackage_layer_with_unsaved_edits_is_tagged_feature_by_feature(provider, demo_gpkg, tmp_path):
    """The vectorised engine reads the file, which does not hold a layer's unsaved edits: the run goes
    feature by feature, edits and all; an added feature (no fid yet) gets the next free one."""
    import shutil

    from beltmap.core.base.zone_types import DEFAULT_PRIORITY
    from beltmap.core.tagging import vectorised
    from beltmap.core.tagging.request import TagRequest
    from qgis import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    copy = tmp_path / "belt.gpkg"
    shutil.copy(demo_gpkg, copy)
    layer = QgsVectorLayer("{}|layername=sites".format(copy), "sites", "ogr")
    zones = QgsVectorLayer("{}|layername=zones".format(copy), "zones", "ogr")
    saved = layer.featureCount()
    largest = max(f.id() for f in layer.getFeatures())
    assert layer.startEditing()
    assert layer.deleteFeature(next(layer.getFeatures()).id())
    added = QgsFeature(layer.fields())
    added.setAttribute("name", "not saved yet")
    added.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(121.17, 31.29)))
    assert layer.addFeature(added)
    request = TagRequest(
        source=layer,
        zones=zones,
        belt=None,
        rule="priority",
        priority=tuple(DEFAULT_PRIORITY),
        input_layer=layer,
        output_path=str(tmp_path / "out.gpkg"),
    )
    plan, reason = vectorised.plan(request, layer.fields(), None, force=True)
    assert plan is None
    assert reason == "the input has unsaved edits" or "shapely" in reason or "pyogrio" in reason
    result = processing.run(
        "beltmap:tagzones",
        {"INPUT": layer, "ZONES": zones, "OUTPUT": str(tmp_path / "out.gpkg"), "IGNORE_VALIDATION": True},
    )
    layer.rollBack()
    tagged = QgsVectorLayer(result["OUTPUT"], "tagged", "ogr")
    assert tagged.featureCount() == saved  # one deleted, one added
    [new] = [f for f in tagged.getFeatures() if f["name"] == "not saved yet"]
    assert new.id() == largest + 1
