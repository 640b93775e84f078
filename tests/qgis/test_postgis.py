"""Tagging inside PostGIS against a real server: table output, OVERWRITE, cancel, two runs at once,
inputs never altered, no password anywhere."""

import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import qgis_profile
from osgeo import ogr
from pg_fixtures import output_uri, table_layer, to_postgis, unique
from qgis.core import QgsProcessingException, QgsVectorLayer
from tag_fixtures import Feedback, engine, hand_belt, hand_sites, hand_zones, rows_by, run_tag

TAGS = ["zone_type", "zone_id", "zone_name", "zone_types", "zone_count", "in_belt"]
BIG = 1_500_000  # points of the table the cancel test cancels


@pytest.fixture(scope="module")
def hand_tables(pg_cluster, tmp_path_factory, qgis_app):
    """The hand-built sites, zones and belt as tables: {'INPUT': layer, 'ZONES': ..., 'BELT': ...}."""
    folder = tmp_path_factory.mktemp("hand_tables")
    return {
        "INPUT": to_postgis(pg_cluster, hand_sites(), folder, table=unique("sites")),
        "ZONES": to_postgis(pg_cluster, hand_zones(), folder, table=unique("zones")),
        "BELT": to_postgis(pg_cluster, hand_belt(), folder, table=unique("belt")),
    }


@pytest.fixture(scope="module")
def big_table(pg_cluster, hand_tables):
    """BIG points over the hand-built zones, made in SQL; the name of the table."""
    name = unique("big")
    pg_cluster.psql(
        "CREATE TABLE {0} AS SELECT i AS fid, 'p' || i AS name, "
        "ST_SetSRID(ST_MakePoint(600000 + (i % 2000) * 0.1, 3460000 + (i / 2000) * 0.1), 4549)"
        "::geometry(Point, 4549) AS geom FROM generate_series(1, {1}) i; "
        "ALTER TABLE {0} ADD PRIMARY KEY (fid); CREATE INDEX ON {0} USING gist (geom); ANALYZE {0}".format(
            name, BIG
        )
    )
    return name


def snapshot(cluster, table):
    """Columns, indexes, comment and a checksum of every row of a table."""
    return cluster.psql(
        "SELECT (SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_name = '{0}'), "
        "(SELECT string_agg(indexdef, ';' ORDER BY indexdef) FROM pg_indexes WHERE tablename = '{0}'), "
        "obj_description('{0}'::regclass), "
        "(SELECT md5(string_agg(t::text, ',' ORDER BY t.fid)) FROM {0} t)".format(table)
    )


def exists(cluster, table) -> bool:
    return cluster.psql("SELECT to_regclass('public.{}') IS NOT NULL".format(table)) == "t"


def test_output_table_has_key_index_comment_and_the_same_tags(provider, pg_cluster, hand_tables):
    before = {name: snapshot(pg_cluster, layer.name()) for name, layer in hand_tables.items()}
    out = unique("tagged")
    results, _layer, feedback = run_tag(dict(hand_tables, OUTPUT=output_uri(pg_cluster, out)), path="postgis")
    assert any("In-database tagging in PostGIS" in m for m in feedback.messages), feedback.messages
    assert results["TAGGED_COUNT"] == 8 and results["NULL_GEOMETRY_COUNT"] == 1
    assert results["EDGE_COUNT"] == 3 and results["OUTSIDE_BELT_COUNT"] == 1
    assert results["REPAIRED_ZONES"] == 1
    assert any("Z5" in m and "repaired" in m for m in feedback.messages)
    assert (
        pg_cluster.psql(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'public.{}'::regclass AND i.indisprimary".format(
                out
            )
        )
        == "fid"
    )
    assert "USING gist (geom)" in pg_cluster.psql(
        "SELECT string_agg(indexdef, ';') FROM pg_indexes WHERE tablename = '{}'".format(out)
    )
    comment = pg_cluster.psql("SELECT obj_description('public.{}'::regclass)".format(out))
    assert comment.startswith("beltmap:tagzones") and "RULE priority" in comment
    assert hand_tables["INPUT"].name() in comment

    by_database = rows_by(table_layer(pg_cluster, out))
    _r, by_qgis, _fb = run_tag(dict(hand_tables), path="qgis")
    by_qgis = rows_by(by_qgis)
    assert {k: [v[f] for f in TAGS] for k, v in by_database.items()} == {
        k: [v[f] for f in TAGS] for k, v in by_qgis.items()
    }
    assert by_database["inside"]["category"] == "enterprise"
    # the inputs were never altered: no column, index, comment or row changed
    assert {name: snapshot(pg_cluster, layer.name()) for name, layer in hand_tables.items()} == before


def test_existing_table_replaced_only_with_overwrite(provider, pg_cluster, hand_tables):
    out = unique("again")
    params = dict(hand_tables, OUTPUT=output_uri(pg_cluster, out))
    run_tag(params, path="postgis")
    pg_cluster.psql("DELETE FROM {} WHERE name = 'inside'".format(out))
    with pytest.raises(QgsProcessingException, match="public.{}.*OVERWRITE".format(out)):
        run_tag(params, path="postgis")
    assert pg_cluster.psql("SELECT count(*) FROM {}".format(out)) == "11"  # left as it was
    run_tag(dict(params, OVERWRITE=True), path="postgis")
    assert pg_cluster.psql("SELECT count(*) FROM {}".format(out)) == "12"
    assert pg_cluster.psql("SELECT zone_id FROM {} WHERE name = 'inside'".format(out)) == "Z1"


def test_output_onto_an_input_table_is_refused(provider, pg_cluster, hand_tables):
    sites = hand_tables["INPUT"].name()
    before = snapshot(pg_cluster, sites)
    with pytest.raises(QgsProcessingException, match="In-database tagging impossible"):
        run_tag(dict(hand_tables, OUTPUT=output_uri(pg_cluster, sites), OVERWRITE=True), path="postgis")
    assert snapshot(pg_cluster, sites) == before


class CancelSoonAfterStart(Feedback):
    """Presses Cancel 1.5 s after the in-database path announced itself."""

    def __init__(self):
        super().__init__()
        self.cancelled_at = None

    def pushInfo(self, info):  # noqa: N802
        super().pushInfo(info)
        if "In-database tagging" in info:
            threading.Timer(1.5, self._cancel).start()

    def _cancel(self):
        self.cancelled_at = time.monotonic()
        self.cancel()


@pytest.mark.parametrize("output", ["table", "gpkg"])
def test_cancel_cancels_the_backend_query_and_leaves_nothing(
    provider, pg_cluster, hand_tables, big_table, tmp_path, output
):
    from qgis import processing

    before = snapshot(pg_cluster, big_table)
    log = pg_cluster.root / "server.log"
    cancels_before = log.read_text(errors="replace").count("canceling statement due to user request")
    out = unique("cancelled")
    target = output_uri(pg_cluster, out) if output == "table" else str(tmp_path / "out.gpkg")
    params = dict(hand_tables, INPUT=table_layer(pg_cluster, big_table), OUTPUT=target)
    params.pop("BELT")
    feedback = CancelSoonAfterStart()
    try:
        results = processing.run("beltmap:tagzones", params, feedback=feedback)
    except QgsProcessingException:
        results = {}
    assert feedback.isCanceled() and feedback.cancelled_at is not None
    assert time.monotonic() - feedback.cancelled_at < 5, "the query was not stopped"
    assert "TAGGED_COUNT" not in results
    assert any("rolled back" in m for m in feedback.messages), feedback.messages
    time.sleep(0.5)  # the server writes its log line asynchronously
    text = log.read_text(errors="replace")
    cancels = text.count("canceling statement due to user request") - cancels_before
    if output == "table":
        assert cancels >= 1
    else:
        # into a GeoPackage the rows stream out of a cursor: a fast server (PostgreSQL 18 on sid) may have
        # finished the query before the cancel, which then stops the streaming and rolls back instead
        assert cancels in (0, 1)
    assert not exists(pg_cluster, out)
    assert not list(tmp_path.glob("*.gpkg*")) and not list(tmp_path.glob(".*part*"))
    assert pg_cluster.psql("SELECT count(*) FROM pg_class WHERE relname LIKE 'beltmap\\_%'") == "0"
    assert snapshot(pg_cluster, big_table) == before


def test_two_runs_at_once_into_different_tables_both_finish(
    qgis_config_dir, pg_cluster, hand_tables, big_table
):
    outs = [unique("first"), unique("second")]
    part = unique("part")
    pg_cluster.psql(
        "CREATE TABLE {0} AS SELECT * FROM {1} WHERE fid <= 200000; ALTER TABLE {0} ADD PRIMARY "
        "KEY (fid); CREATE INDEX ON {0} USING gist (geom)".format(part, big_table)
    )

    def run(out):
        args = [
            "run",
            "beltmap:tagzones",
            "--json",
            "--",
            "INPUT=postgres://" + pg_cluster.uri(part),
            "ZONES=postgres://" + hand_tables["ZONES"].source(),
            "OUTPUT=" + output_uri(pg_cluster, out),
        ]
        started = time.monotonic()
        result = qgis_profile.run_qgis_process(args, qgis_config_dir, check=False)
        return result, started, time.monotonic()

    with ThreadPoolExecutor(2) as pool:
        done = list(pool.map(run, outs))
    for (result, _s, _e), out in zip(done, outs):
        assert result.returncode == 0, result.stderr[-2000:]
        assert "In-database tagging" in result.stdout + result.stderr
        counts = qgis_profile.json_output(result)["results"]
        assert counts["TAGGED_COUNT"] + counts["UNTAGGED_COUNT"] == 200000
        tagged = pg_cluster.psql("SELECT count(*) FROM {} WHERE zone_id IS NOT NULL".format(out))
        assert int(tagged) == counts["TAGGED_COUNT"] > 100000
        assert pg_cluster.psql("SELECT count(*) FROM {}".format(out)) == "200000"
    (_r1, s1, e1), (_r2, s2, e2) = done
    assert s1 < e2 and s2 < e1  # they overlapped in time


def _files_text(folder):
    """Every byte of every file under folder, zip members (belt.qgz) included."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield path, data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield path / member, archive.read(member)


def test_password_appears_nowhere(provider, pg_cluster, demo_gpkg, tmp_path):
    from pg_cluster import PASSWORD
    from qgis import processing

    layers = {}
    for name in ("belt", "zones", "sites", "roads"):
        table = unique(name)
        pg_cluster.load(str(demo_gpkg), table, layer=name)
        layers[name] = QgsVectorLayer(pg_cluster.uri(table, tcp=True), name, "postgres")
        assert layers[name].isValid() and PASSWORD in layers[name].source()
    out = unique("tagged")
    params = {"INPUT": layers["sites"], "ZONES": layers["zones"], "BELT": layers["belt"]}
    texts = []
    for target in (output_uri(pg_cluster, out, tcp=True), str(tmp_path / "tagged.gpkg")):
        feedback = Feedback()
        with engine("postgis"):
            results = processing.run("beltmap:tagzones", dict(params, OUTPUT=target), feedback=feedback)
        texts += feedback.messages + [str(results)]
        assert results["TAGGED_COUNT"] > 0
    assert PASSWORD.encode() not in (tmp_path / "tagged.gpkg").read_bytes()
    texts.append(pg_cluster.psql("SELECT obj_description('public.{}'::regclass)".format(out)))
    # a failing run: the error message names the table, never the password
    with pytest.raises(QgsProcessingException) as error:
        run_tag(dict(params, OUTPUT=output_uri(pg_cluster, out, tcp=True)), path="postgis")
    texts.append(str(error.value))
    assert all(PASSWORD not in text for text in texts), [t for t in texts if PASSWORD in t]

    package = tmp_path / "package"
    results = processing.run(
        "beltmap:exportpackage",
        {
            "BELT": layers["belt"],
            "ZONES": layers["zones"],
            "SITES": [layers["sites"]],
            "ROADS": layers["roads"],
            "TAG": True,
            "FORMATS": ["PDF"],
            "DPI": 36,
            "ZIP": True,
            "OUTPUT_FOLDER": str(package),
        },
        feedback=Feedback(),
    )
    assert PASSWORD not in str(results)
    checked = 0
    for path, data in _files_text(package):
        assert PASSWORD.encode() not in data, path
        checked += 1
    assert checked > 5
    # the package opens anywhere: belt.gpkg holds the data, the project points to it, not to the server
    gpkg = next(package.rglob("belt.gpkg"))
    assert QgsVectorLayer("{}|layername=sites".format(gpkg), "s", "ogr").featureCount() > 0
    project = next(package.rglob("belt.qgz"))
    with zipfile.ZipFile(project) as archive:
        qgs = archive.read(next(n for n in archive.namelist() if n.endswith(".qgs"))).decode()
    assert "postgres" not in qgs and "belt.gpkg" in qgs


def _summary_rows(layer):
    return sorted(
        tuple(None if v is None or (hasattr(v, "isNull") and v.isNull()) else v for v in f.attributes())
        for f in layer.getFeatures()
    )


def test_zone_summary_counts_in_the_database_as_from_a_file(provider, pg_cluster, hand_tables, tmp_path):
    from qgis import processing

    out = unique("tagged")
    run_tag(dict(hand_tables, OUTPUT=output_uri(pg_cluster, out)), path="postgis")
    _r, by_qgis, _fb = run_tag(dict(hand_tables), path="qgis")
    feedback = Feedback()
    in_database = processing.run(
        "beltmap:zonesummary",
        {"INPUT": table_layer(pg_cluster, out), "ZONES": hand_tables["ZONES"], "OUTPUT": "memory:"},
        feedback=feedback,
    )
    assert any("Counting in PostGIS" in m for m in feedback.messages), feedback.messages
    from_file = processing.run(
        "beltmap:zonesummary", {"INPUT": by_qgis, "ZONES": hand_tables["ZONES"], "OUTPUT": "memory:"}
    )
    assert in_database["TAGGED_COUNT"] == from_file["TAGGED_COUNT"] == 8
    assert in_database["UNTAGGED_COUNT"] == from_file["UNTAGGED_COUNT"] == 4
    assert _summary_rows(in_database["OUTPUT"]) == _summary_rows(from_file["OUTPUT"])


@pytest.fixture
def saved_connection(pg_cluster, demo_gpkg):
    """A saved PostGIS connection 'beltmap_test' whose schema belt_data holds the demo belt's tables."""
    from qgis.core import QgsProviderRegistry

    for name in ("belt", "zones", "sites", "roads"):
        pg_cluster.load(str(demo_gpkg), name, schema="belt_data", layer=name)
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.createConnection(pg_cluster.uri("belt", schema="belt_data"), {"saveUsername": True})
    metadata.saveConnection(connection, "beltmap_test")
    yield "beltmap_test"
    metadata.deleteConnection("beltmap_test")


def test_load_dialog_takes_a_postgis_connection_and_schema(qgis_app, qgis_iface, saved_connection):
    from beltmap.ui.load_dialog import LoadBeltDialog
    from qgis.core import QgsProject

    QgsProject.instance().clear()
    dialog = LoadBeltDialog(qgis_iface)
    assert dialog.connectionCombo.findText(saved_connection) >= 0
    dialog.connectionCombo.setCurrentText(saved_connection)
    dialog.schemaEdit.setText("nowhere")
    dialog.list_postgis()
    assert "nowhere" in dialog.messageLabel.text() and not dialog.chosen_roles()
    dialog.schemaEdit.setText("belt_data")
    dialog.list_postgis()
    roles = {role: info.name for role, info in dialog.chosen_roles().items()}
    assert roles == {role: role for role in ("belt", "zones", "sites", "roads")}  # the tables' own names
    dialog.load()
    assert dialog.result() == dialog.Accepted
    layers = list(QgsProject.instance().mapLayers().values())
    assert len(layers) == 4 and {layer.providerType() for layer in layers} == {"postgres"}
    QgsProject.instance().clear()


def _in_crs(layer, authid):
    """A memory copy of a layer transformed to another CRS."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject
    from tag_fixtures import memory_layer

    transform = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem(authid), QgsProject.instance().transformContext()
    )
    rows = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        if not geometry.isNull():
            geometry.transform(transform)
        rows.append((None if geometry.isNull() else geometry.asWkt(12), feature.attributes()))
    fields = [(f.name(), f.type()) for f in layer.fields()]
    kind = {0: "Point", 1: "LineString", 2: "Polygon"}[layer.geometryType()]
    return memory_layer(kind, fields, rows, crs=authid, name=layer.name())


@pytest.mark.parametrize("rule", ["priority", "largest_overlap"])
def test_input_and_zones_in_other_srids_give_the_qgis_tags(provider, pg_cluster, tmp_path, rule):
    from qgis.PyQt.QtCore import QVariant
    from tag_fixtures import local, memory_layer

    lines = memory_layer(
        "LineString",
        [("name", QVariant.String)],
        [
            (local("LINESTRING({} {},{} {})", 4, 5, 17, 5), ["mostly_z2"]),
            (local("LINESTRING({} {},{} {})", 3, 3, 13, 8), ["mostly_z1"]),
            (local("LINESTRING({} {},{} {})", 5, 5, 5, 18), ["z1_z3"]),
            (local("LINESTRING({} {},{} {})", 250, 5, 260, 5), ["outside"]),
        ],
        name="lines",
    )
    params = {
        "INPUT": _in_crs(lines, "EPSG:4326"),  # lon/lat: overlaps measured after ST_Transform to 4549
        "ZONES": hand_zones(),
        "BELT": _in_crs(hand_belt(), "EPSG:4490"),
        "RULE": rule,
    }
    _r, by_qgis, _fb = run_tag(params, path="qgis")
    in_db = {k: to_postgis(pg_cluster, v, tmp_path) if k != "RULE" else v for k, v in params.items()}
    assert in_db["INPUT"].crs().authid() == "EPSG:4326"
    results, by_database, feedback = run_tag(dict(in_db, OUTPUT=str(tmp_path / "o.gpkg")), path="postgis")
    expected = {k: [v[f] for f in TAGS] for k, v in rows_by(by_qgis).items()}
    assert {k: [v[f] for f in TAGS] for k, v in rows_by(by_database).items()} == expected
    # staged by the output guard, moved into place: the layer is named after the final file, nothing left
    assert [layer.GetName() for layer in ogr.Open(str(tmp_path / "o.gpkg"))] == ["o"]
    assert not list(tmp_path.glob(".*partial*"))
    if rule == "largest_overlap":
        assert expected["mostly_z2"][1] == "Z2" and expected["mostly_z1"][1] == "Z1"
    assert expected["outside"][:5] == [None, None, None, None, 0]


def _tcp_uri_without_password(cluster, table, **extra):
    from qgis.core import QgsDataSourceUri

    uri = QgsDataSourceUri(cluster.uri(table, tcp=True))
    uri.setPassword("")
    for key, value in extra.items():
        getattr(uri, key)(value)
    return uri


def test_authcfg_and_service_file_connections_run_in_the_database(
    provider, pg_cluster, hand_tables, tmp_path, monkeypatch, request
):
    from pg_cluster import PASSWORD
    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri

    manager = QgsApplication.authManager()
    assert manager.setMasterPassword("beltmap-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("beltmap test")
    config.setConfig("username", pg_cluster.user)
    config.setConfig("password", PASSWORD)
    stored = manager.storeAuthenticationConfig(config)
    config = stored[1] if isinstance(stored, tuple) else config
    assert config.id()
    request.addfinalizer(lambda: manager.removeAuthenticationConfig(config.id()))
    # a service file: libpq reads host, port, dbname, user and password from it
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(
        "[beltmap_test]\nhost=127.0.0.1\nport={}\ndbname={}\nuser={}\npassword={}\n".format(
            pg_cluster.port, pg_cluster.database, pg_cluster.user, PASSWORD
        )
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    names = {k: v.name() for k, v in hand_tables.items()}
    for way in ("authcfg", "service"):
        layers = {}
        for key, table in names.items():
            if way == "authcfg":
                uri = _tcp_uri_without_password(pg_cluster, table, setAuthConfigId=config.id())
            else:
                uri = QgsDataSourceUri()
                uri.setConnection("beltmap_test", pg_cluster.database, "", "")
                uri.setDataSource("public", table, "geom", "", "fid")
            assert PASSWORD not in uri.uri(False)
            layers[key] = QgsVectorLayer(uri.uri(False), table, "postgres")
            assert layers[key].isValid(), (way, table)
        out = unique(way)
        target = QgsDataSourceUri(layers["INPUT"].source())
        target.setDataSource("public", out, "geom", "", "")
        feedback = Feedback()
        with engine("postgis"):
            from qgis import processing

            results = processing.run(
                "beltmap:tagzones", dict(layers, OUTPUT="postgis:" + target.uri(False)), feedback=feedback
            )
        assert results["TAGGED_COUNT"] == 8, way
        assert pg_cluster.psql("SELECT count(*) FROM {} WHERE zone_id = 'Z1'".format(out)) == "4"
        assert all(PASSWORD not in text for text in feedback.messages + [str(results)])


def test_sql_overlap_rounding_is_the_python_one_at_half_millimetres(pg_cluster):
    from beltmap.core.tagging.overlap import overlap_units
    from beltmap.core.tagging.sql import overlap_units as sql_units

    values = [k + 0.0005 for k in range(0, 2000)] + [k / 1000 + 0.0005 for k in range(0, 2000)] + [0.0004]
    array = "ARRAY[{}]::float8[]".format(",".join(repr(v) for v in values))
    query = "SELECT string_agg(({})::bigint::text, ',' ORDER BY n) FROM unnest({}) WITH ORDINALITY t(v, n)"
    got = pg_cluster.psql(query.format(sql_units("v"), array))
    assert [int(x) for x in got.split(",")] == [overlap_units(v) for v in values]
    assert pg_cluster.psql("SELECT {}".format(sql_units("'NaN'::float8"))) == "0"


def test_zone_summary_of_untagged_tables_tags_and_counts_in_the_database(provider, pg_cluster, hand_tables):
    from qgis import processing

    feedback = Feedback()
    params = {"INPUT": hand_tables["INPUT"], "ZONES": hand_tables["ZONES"], "OUTPUT": "memory:"}
    in_database = processing.run("beltmap:zonesummary", params, feedback=feedback)
    assert any("Tagging and counting in PostGIS" in m for m in feedback.messages), feedback.messages
    with engine("qgis"):
        from_memory = processing.run(
            "beltmap:zonesummary", dict(params, INPUT=hand_sites(), ZONES=hand_zones()), feedback=Feedback()
        )
    assert in_database["TAGGED_COUNT"] == from_memory["TAGGED_COUNT"] == 8
    assert in_database["UNTAGGED_COUNT"] == from_memory["UNTAGGED_COUNT"] == 4
    assert _summary_rows(in_database["OUTPUT"]) == _summary_rows(from_memory["OUTPUT"])
    assert not exists(pg_cluster, "beltmap_tags")


def _rtree_matches_brute_force(path, layer_name):
    """SQLite's rtreecheck() accepts the index, and rectangle queries through it find exactly the
    features whose bounding box meets the rectangle."""
    import sqlite3

    from qgis.core import QgsFeatureRequest, QgsRectangle

    with sqlite3.connect(str(path)) as db:
        assert db.execute("SELECT rtreecheck('rtree_{}_geom')".format(layer_name)).fetchone()[0] == "ok"
        entries = db.execute("SELECT count(*) FROM rtree_{}_geom".format(layer_name)).fetchone()[0]
        nodes, size = db.execute(
            "SELECT count(*), max(length(data)) FROM rtree_{}_geom_node".format(layer_name)
        ).fetchone()
        registered = db.execute(
            "SELECT count(*) FROM gpkg_extensions WHERE table_name = ? "
            "AND extension_name = 'gpkg_rtree_index'",
            (layer_name,),
        ).fetchone()[0]
    assert registered == 1
    capacity = (size - 4) // 24
    leaves = -(-entries // capacity)
    assert nodes <= leaves + -(-leaves // capacity) + 1, "not packed: GDAL's row-by-row index was built"
    layer = QgsVectorLayer("{}|layername={}".format(path, layer_name), "out", "ogr")
    boxes = {f.id(): f.geometry().boundingBox() for f in layer.getFeatures() if f.hasGeometry()}
    assert entries == sum(1 for b in boxes.values() if not b.isNull())
    extent = layer.extent()
    for i in range(6):
        x0 = extent.xMinimum() + extent.width() * i / 7
        y0 = extent.yMinimum() + extent.height() * (6 - i) / 9
        rect = QgsRectangle(x0, y0, x0 + extent.width() / 4, y0 + extent.height() / 5)
        found = {f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(rect))}
        assert found == {fid for fid, b in boxes.items() if b.intersects(rect)}, i


def test_geopackage_output_has_a_valid_packed_spatial_index(
    provider, pg_cluster, hand_tables, big_table, tmp_path
):
    part = unique("part")  # about 40,000 points over 200 x 75 m: a tree of several levels
    query = "CREATE TABLE {0} AS SELECT * FROM {1} WHERE fid % 37 = 0; ALTER TABLE {0} ADD PRIMARY KEY (fid)"
    pg_cluster.psql(query.format(part, big_table))
    params = dict(hand_tables, INPUT=table_layer(pg_cluster, part), OUTPUT=str(tmp_path / "points.gpkg"))
    results, _layer, _fb = run_tag(params, path="postgis")
    assert results["TAGGED_COUNT"] + results["UNTAGGED_COUNT"] == int(
        pg_cluster.psql("SELECT count(*) FROM {}".format(part))
    )
    _rtree_matches_brute_force(tmp_path / "points.gpkg", "points")
    # polygons (GeoPackage envelopes in the blobs) over the big park and the small community in it
    polygons = unique("polys")
    pg_cluster.psql(
        "CREATE TABLE {} AS SELECT i AS fid, ST_MakeEnvelope(600100 + i, 3460000 + i, 600105 + i, "
        "3460004 + i, 4549)::geometry(Polygon, 4549) AS geom FROM generate_series(1, 60) i".format(polygons)
    )
    pg_cluster.psql("ALTER TABLE {} ADD PRIMARY KEY (fid)".format(polygons))
    params = dict(hand_tables, INPUT=table_layer(pg_cluster, polygons), OUTPUT=str(tmp_path / "polys.gpkg"))
    results, _layer, _fb = run_tag(params, path="postgis")
    assert results["TAGGED_COUNT"] == 60 and results["EDGE_COUNT"] > 0
    _rtree_matches_brute_force(tmp_path / "polys.gpkg", "polys")


def _as_user(layer, user):
    """The same table through another role (local socket connections are trusted)."""
    from qgis.core import QgsDataSourceUri

    uri = QgsDataSourceUri(layer.source())
    uri.setUsername(user)
    loaded = QgsVectorLayer(uri.uri(False), layer.name(), "postgres")
    assert loaded.isValid()
    return loaded


def test_a_reader_without_create_rights_tags_into_a_geopackage(provider, pg_cluster, hand_tables, tmp_path):
    """Without the right to create tables in any schema the run's tables are temporary (no parallel
    workers) and the tags are the same; nothing is left in the database either way."""
    reader = unique("reader")
    pg_cluster.psql(
        "CREATE ROLE {0} LOGIN; REVOKE CREATE ON SCHEMA public FROM PUBLIC; GRANT USAGE ON SCHEMA public "
        "TO {0}; GRANT SELECT ON {1} TO {0}".format(reader, ", ".join(t.name() for t in hand_tables.values()))
    )
    assert pg_cluster.psql("SELECT has_schema_privilege('{}', 'public', 'CREATE')".format(reader)) == "f"
    as_reader = {name: _as_user(layer, reader) for name, layer in hand_tables.items()}
    results, read, feedback = run_tag(dict(as_reader, OUTPUT=str(tmp_path / "r.gpkg")), path="postgis")
    assert any("In-database tagging in PostGIS" in m for m in feedback.messages), feedback.messages
    owners, owned, _fb = run_tag(dict(hand_tables, OUTPUT=str(tmp_path / "o.gpkg")), path="postgis")
    assert owners["TAGGED_COUNT"] == 8
    assert {k: v for k, v in results.items() if k != "OUTPUT"} == {
        k: v for k, v in owners.items() if k != "OUTPUT"
    }
    assert rows_by(read) == rows_by(owned) and len(rows_by(read)) == 12
    assert pg_cluster.psql("SELECT count(*) FROM pg_class WHERE relname LIKE 'beltmap\\_%'") == "0"


def test_the_tags_come_from_a_zones_driven_join(pg_cluster, hand_tables, big_table):
    """The planner loops over the run's zones (an unlogged table) probing the input's GiST index, which
    lets PostGIS reuse each zone's prepared geometry; the run's table goes with the transaction."""
    import psycopg2
    from beltmap.core.tagging import sql

    zones = hand_tables["ZONES"].name()
    connection = psycopg2.connect(pg_cluster.conninfo())
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT fid, ST_AsBinary(geom) FROM {} ORDER BY fid".format(zones))
            rows = [(i, "park", str(fid), "z", i, i, 1, bytes(w), None) for i, (fid, w) in enumerate(cursor)]
            table = sql.run_table(sql.run_name(), "public")
            for statement in sql.zone_statements(rows, 4549, 4549, table):
                cursor.execute(statement)
            hits = sql.hits_select(
                '"public"."{}"'.format(big_table), "fid", "geom", "priority", table, None, True
            )
            cursor.execute("EXPLAIN " + hits)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            cursor.execute(
                "SELECT relpersistence FROM pg_class WHERE relname = %s", [table.split(".")[1][1:-1]]
            )
            assert cursor.fetchone()[0] == "u"
        connection.rollback()
    finally:
        connection.close()
    assert "Nested Loop" in plan, plan
    assert "Seq Scan on beltmap_run_" in plan and "{}_geom".format(big_table) in plan, plan
    outer, inner = (
        plan.index("Seq Scan on beltmap_run_"),
        plan.index("{}_geom".format(big_table)),  # "Index Scan using" or "Bitmap Index Scan on" (PG 17)
    )
    assert outer < inner, plan
    assert pg_cluster.psql("SELECT count(*) FROM pg_class WHERE relname LIKE 'beltmap\\_run%'") == "0"
