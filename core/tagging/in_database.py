"""Tagging inside PostGIS: one transaction matches every feature against the prepared zones with SQL,
then creates the output table in the same database or streams the rows into a GeoPackage.

The run is built by core/tagging/dispatch.py from the tagging request (see `DatabaseRun`);
nothing here reads Processing parameters.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Tuple

from qgis.core import QgsGeometry, QgsWkbTypes

from ..errors import BeltMapError
from ..postgis import gpkg_rtree
from ..postgis.connection import PgTable, redact
from ..postgis.session import CancelledError, DatabaseError, Session, Watcher, psycopg2_module
from . import sql
from .rule import RULE_LARGEST_OVERLAP
from .tagger import Stats, Tagger

# the steps reported as progress: send the zones, tag, write, count
STEPS = 4


class OutputExistsError(BeltMapError):
    """The output table exists and OVERWRITE is not set."""


@dataclass
class DatabaseRun:
    """Everything the in-database tagging needs, decided by the algorithm.

    output_file is written as given: the caller stages it (processing/guard.py) and moves it into place;
    output_layer names the layer in it (the final file's name, not the staged one's)."""

    input: PgTable
    input_srid: int
    wkb_type: int
    crs_wkt: str
    kept_columns: List[str]
    tagger: Tagger
    output_table: Optional[PgTable] = None
    output_file: Optional[str] = None
    output_layer: str = ""
    overwrite: bool = False
    comment: str = ""
    messages: List[str] = field(default_factory=list)


def _wkb(geometry: Optional[QgsGeometry]) -> Optional[bytes]:
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    return bytes(geometry.asWkb())


def measures_metric(request: DatabaseRun) -> bool:
    """True when overlaps are measured against the zones' metric geometries, which are then sent
    (largest_overlap, features other than points, the metric geometries not those in the input's CRS)."""
    tagger = request.tagger
    to_metric = tagger.zones.to_metric
    identical = to_metric.isValid() and to_metric.sourceCrs() == to_metric.destinationCrs()
    return (
        tagger.rule == RULE_LARGEST_OVERLAP
        and not identical
        and QgsWkbTypes.geometryType(request.wkb_type) != QgsWkbTypes.PointGeometry
    )


def setup_statements(request: DatabaseRun, table: str, unlogged: bool = True) -> Iterator[str]:
    """The run's settings and its zones table (sql.run_table), GiST indexed and analysed; made one
    statement at a time."""
    tagger = request.tagger
    zones, ranking = tagger.zones, tagger.zones.ranking
    metric = measures_metric(request)
    rows = (
        (
            i,
            zones.keys[i],
            zones.ids[i],
            zones.names[i],
            ranking.priority_rank[i],
            ranking.smallest_rank[i],
            1 << ranking.key_rank[zones.keys[i]],
            _wkb(zones.geometries[i]),
            _wkb(zones.metric[i]) if metric else None,
        )
        for i in range(len(zones))
    )
    metric_srid = zones.working_crs.postgisSrid()
    yield from sql.RUN_SETTINGS
    yield from sql.zone_statements(rows, request.input_srid, metric_srid, table, unlogged)


def hits_sql(request: DatabaseRun, table: str) -> str:
    """The per-row zone count, key mask and winner of the input against the run's zones table."""
    tagger = request.tagger
    metric_srid = tagger.zones.working_crs.postgisSrid()
    return sql.hits_select(
        sql.qualified(request.input.schema, request.input.table),
        request.input.key_column,
        request.input.geometry_column,
        tagger.rule,
        table,
        None if tagger.measures_in_input_crs else metric_srid,
        QgsWkbTypes.geometryType(request.wkb_type) == QgsWkbTypes.PointGeometry,
        "metric" if measures_metric(request) else "geom",
    )


def run_location(schemas: List[str], query) -> Tuple[str, Optional[str]]:
    """A fresh name for the run's tables and the schema to make them in: the first of schemas (then the
    current schema) where the user may create tables, for unlogged tables that PostgreSQL may scan with
    parallel workers; None: temporary tables (no parallel workers). query(statement) returns rows."""
    found = query(sql.run_schema_query(schemas))
    return sql.run_name(), (found[0][0] if found else None)


def _stats(rows, priority) -> Stats:
    """Stats from sql.stats_statement's rows."""
    stats = Stats(priority)
    for key, null, tagged, untagged, edge, outside in rows:
        stats.null_geometry += int(null or 0)
        stats.tagged += int(tagged or 0)
        stats.untagged += int(untagged or 0)
        stats.edge += int(edge or 0)
        stats.outside_belt += int(outside or 0)
        if key is not None:
            stats.by_type[key] = stats.by_type.get(key, 0) + int(tagged or 0)
    return stats


def _select(request: DatabaseRun, table: str, order: bool) -> str:
    tagger = request.tagger
    ranking = tagger.zones.ranking
    masks = [(mask, ranking.types_text(mask)) for mask in range(1, 1 << len(ranking.priority))]
    belt = sql.geometry(_wkb(tagger.belt), request.input_srid) if tagger.has_belt else None
    return sql.output_select(
        sql.qualified(request.input.schema, request.input.table),
        request.input.key_column,
        request.kept_columns,
        request.input.geometry_column,
        tagger.rule,
        table,
        hits_sql(request, table),
        sql.types_array(masks),
        belt,
        order=order,
    )


def tag_into_table(request: DatabaseRun, is_canceled: Callable[[], bool], progress) -> Stats:
    """Create the output table in the database, in one transaction; CancelledError leaves nothing behind."""
    target = request.output_table
    qualified = sql.qualified(target.schema, target.table)
    with Session(request.input.conninfo(), is_canceled) as session:
        exists = session.query("SELECT to_regclass(%s)", [qualified])[0][0]
        if exists and not request.overwrite:
            raise OutputExistsError(target.describe())
        name, schema = run_location([target.schema], session.query)
        zones = sql.run_table(name, schema)
        session.execute(setup_statements(request, zones, unlogged=schema is not None))
        progress(2)
        if exists:
            session.execute(["DROP TABLE {}".format(qualified)])
        key = request.input.key_column if request.input.key_column in request.kept_columns else None
        statements = sql.create_output_statements(
            qualified, _select(request, zones, order=False), key, target.geometry_column, request.comment
        )
        if key is None:
            statements[1] = "ALTER TABLE {} ADD COLUMN fid bigserial PRIMARY KEY".format(qualified)
        if target.geometry_column != request.input.geometry_column:
            statements.insert(
                1,
                "ALTER TABLE {} RENAME COLUMN {} TO {}".format(
                    qualified, sql.ident(request.input.geometry_column), sql.ident(target.geometry_column)
                ),
            )
        session.execute(statements)
        progress(3)
        stats = _stats(session.query(sql.stats_statement(qualified)), request.tagger.zones.ranking.priority)
        session.execute(["DROP TABLE {}".format(zones)])
        session.commit()
    return stats


def _ogr_type(wkb_type: int) -> str:
    name = QgsWkbTypes.displayString(wkb_type).upper()
    return "GEOMETRY" if not name or name.startswith("UNKNOWN") else name


def _cancel_backend(conninfo: str, pid: int) -> None:
    psycopg2 = psycopg2_module()
    connection = psycopg2.connect(conninfo, application_name="beltmap-cancel")
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_cancel_backend(%s)", [pid])
    finally:
        connection.close()


def _spatial_index(path: str, layer: str, crs_wkt: str) -> None:
    """The output's spatial index, packed in one go; GDAL's own (row by row) if that is impossible."""
    from osgeo import gdal

    try:
        triggers = gpkg_rtree.gdal_rtree_sql(layer, "geom", "fid", crs_wkt)
        gpkg_rtree.build(path, layer, "geom", "fid", triggers)
        return
    except (gpkg_rtree.RtreeError, sqlite3.Error):
        pass
    dataset = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    dataset.ExecuteSQL("SELECT CreateSpatialIndex('{}', 'geom')".format(layer.replace("'", "''")))
    dataset = None


def tag_into_file(request: DatabaseRun, is_canceled: Callable[[], bool], progress) -> Stats:
    """Tag in the database and stream the rows into a new GeoPackage at request.output_file (removed
    again on failure or cancel)."""
    from osgeo import gdal

    part = request.output_file
    layer_name = request.output_layer or os.path.splitext(os.path.basename(part))[0]
    conninfo = request.input.conninfo()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    dataset = None
    try:
        gdal.ErrorReset()
        dataset = gdal.OpenEx("PG:" + conninfo, gdal.OF_VECTOR, open_options=["LIST_ALL_TABLES=NO"])
        if dataset is None:
            raise DatabaseError(redact(gdal.GetLastErrorMsg()) or "cannot connect")
        pid_layer = dataset.ExecuteSQL("SELECT pg_backend_pid() AS pid")
        pid = int(pid_layer.GetNextFeature().GetField(0))
        dataset.ReleaseResultSet(pid_layer)
        watcher = Watcher(lambda: _cancel_backend(conninfo, pid), is_canceled)

        def run(statement):
            gdal.ErrorReset()
            dataset.ExecuteSQL(statement)
            if is_canceled():
                raise CancelledError()
            if gdal.GetLastErrorType() >= gdal.CE_Failure:
                raise DatabaseError(redact(gdal.GetLastErrorMsg()))

        def query(statement):
            gdal.ErrorReset()
            layer = dataset.ExecuteSQL(statement)
            if layer is None:
                if is_canceled():
                    raise CancelledError()
                raise DatabaseError(redact(gdal.GetLastErrorMsg()) or "query failed")
            rows = [tuple(f.GetField(j) for j in range(f.GetFieldCount())) for f in layer]
            dataset.ReleaseResultSet(layer)
            return rows

        try:
            # rolled back at the end: the run's tables are never committed
            if dataset.StartTransaction() != 0:
                raise DatabaseError(redact(gdal.GetLastErrorMsg()) or "cannot start a transaction")
            name, schema = run_location([request.input.schema], query)
            zones, rows_table = sql.run_table(name, schema), sql.run_table(name + "_out", schema)
            for statement in setup_statements(request, zones, unlogged=schema is not None):
                run(statement)
            progress(2)
            # made by one CREATE TABLE … AS (parallel workers allowed), then streamed: PostgreSQL runs
            # no parallel plan behind the cursor GDAL reads a query through
            run(
                "CREATE {} TABLE {} AS {}".format(
                    "TEMPORARY" if schema is None else "UNLOGGED",
                    rows_table,
                    _select(request, zones, order=True),
                )
            )
            stats = _stats(query(sql.stats_statement(rows_table)), request.tagger.zones.ranking.priority)

            def callback(_complete, _message, _data):
                return 0 if is_canceled() else 1

            gdal.ErrorReset()
            result = gdal.VectorTranslate(
                part,
                dataset,
                format="GPKG",
                SQLStatement="SELECT * FROM {}".format(rows_table),
                layerName=layer_name,
                geometryType=_ogr_type(request.wkb_type),
                dstSRS=request.crs_wkt,
                reproject=False,
                layerCreationOptions=["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=NO"],
                callback=callback,
            )
            if is_canceled():
                raise CancelledError()
            if result is None:
                raise DatabaseError(redact(gdal.GetLastErrorMsg()) or "could not write the output")
            result = None
        finally:
            watcher.stop()
            dataset.RollbackTransaction()
        _spatial_index(part, layer_name, request.crs_wkt)
        progress(3)
        return stats
    except Exception:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(part + suffix):
                os.remove(part + suffix)
        if is_canceled():
            raise CancelledError() from None
        raise
    finally:
        dataset = None
        gdal.PopErrorHandler()
