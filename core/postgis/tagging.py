"""Tagging inside PostGIS: one transaction matches every feature against the prepared zones with SQL,
then creates the output table in the same database or streams the rows into a GeoPackage.

The run is built by core/postgis/dispatch.py from the tagging request (see `DatabaseRun`);
nothing here reads Processing parameters.
"""

import os
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from qgis.core import QgsGeometry, QgsWkbTypes

from ..errors import BeltMapError
from ..tagging import Stats, Tagger
from . import gpkg_rtree, sql
from .connection import PgTable, redact
from .session import CancelledError, DatabaseError, Session, Watcher, psycopg2_module

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


def setup_statements(request: DatabaseRun, temp: str) -> List[str]:
    """The zones, zone types and belt as temporary tables, then the tags of every input row."""
    tagger = request.tagger
    zones, ranking = tagger.zones, tagger.zones.ranking
    metric_srid = zones.working_crs.postgisSrid()
    rows = [
        (
            i,
            zones.keys[i],
            zones.ids[i],
            zones.names[i],
            ranking.priority_rank[i],
            ranking.smallest_rank[i],
            1 << ranking.key_rank[zones.keys[i]],
            _wkb(zones.geometries[i]),
            _wkb(zones.metric[i]),
        )
        for i in range(len(zones))
    ]
    masks = [(mask, ranking.types_text(mask)) for mask in range(1, 1 << len(ranking.priority))]
    statements = sql.zone_statements(rows, request.input_srid, metric_srid, temp)
    statements += sql.types_statements(masks, temp)
    if tagger.has_belt:
        statements += sql.belt_statements(_wkb(tagger.belt), request.input_srid, temp)
    statements.append(
        sql.tags_statement(
            sql.qualified(request.input.schema, request.input.table),
            request.input.key_column,
            request.input.geometry_column,
            tagger.rule,
            tagger.has_belt,
            None if tagger.measures_in_input_crs else metric_srid,
            temp,
        )
    )
    return statements


def _stats(rows_totals, rows_by_type, priority) -> Stats:
    stats = Stats(priority)
    null, tagged, untagged, edge, outside = (int(v or 0) for v in rows_totals[0])
    stats.null_geometry, stats.tagged, stats.untagged, stats.edge, stats.outside_belt = (
        null,
        tagged,
        untagged,
        edge,
        outside,
    )
    for key, count in rows_by_type:
        stats.by_type[key] = int(count)
    return stats


def _select(request: DatabaseRun, order: bool) -> str:
    return sql.output_select(
        sql.qualified(request.input.schema, request.input.table),
        request.input.key_column,
        request.kept_columns,
        request.input.geometry_column,
        request.tagger.rule,
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
        session.execute(setup_statements(request, "ON COMMIT DROP"))
        progress(2)
        if exists:
            session.execute(["DROP TABLE {}".format(qualified)])
        key = request.input.key_column if request.input.key_column in request.kept_columns else None
        statements = sql.create_output_statements(
            qualified, _select(request, order=False), key, target.geometry_column, request.comment
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
        totals, by_type = (session.query(s) for s in sql.stats_statements(request.tagger.rule))
        stats = _stats(totals, by_type, request.tagger.zones.ranking.priority)
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
        try:
            for statement in setup_statements(request, ""):
                gdal.ErrorReset()
                dataset.ExecuteSQL(statement)
                if is_canceled():
                    raise CancelledError()
                if gdal.GetLastErrorType() >= gdal.CE_Failure:
                    raise DatabaseError(redact(gdal.GetLastErrorMsg()))
            progress(2)
            totals, by_type = ([], [])
            for i, statement in enumerate(sql.stats_statements(request.tagger.rule)):
                layer = dataset.ExecuteSQL(statement)
                rows = [tuple(f.GetField(j) for j in range(f.GetFieldCount())) for f in layer]
                dataset.ReleaseResultSet(layer)
                (totals if i == 0 else by_type).extend(rows)
            stats = _stats(totals, by_type, request.tagger.zones.ranking.priority)

            def callback(_complete, _message, _data):
                return 0 if is_canceled() else 1

            gdal.ErrorReset()
            result = gdal.VectorTranslate(
                part,
                dataset,
                format="GPKG",
                SQLStatement=_select(request, order=True),
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
