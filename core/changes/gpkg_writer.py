"""SITE_CHANGES straight into a GeoPackage file: GDAL creates the table, SQLite takes the rows in bulk.

A million sites go in seconds, where a feature sink takes minutes; the spatial index is packed once at
the end (core/postgis/gpkg_rtree.py). Used when the output is a plain .gpkg path.
"""

import sqlite3
from typing import List, Tuple

import numpy as np
from osgeo import ogr, osr

from ...i18n import tr
from ..base import gpkg_sqlite
from ..errors import WriteError
from ..postgis import gpkg_rtree

KINDS = {"text": ogr.OFTString, "real": ogr.OFTReal, "int": ogr.OFTInteger64}


def blobs(srs_id: int, xy: np.ndarray):
    """GeoPackage point blobs of n x 2 coordinates (None where NaN), packed in one go, given one by one."""
    record = np.dtype(
        [
            ("gp", "S2"),
            ("version", "u1"),
            ("flags", "u1"),
            ("srs", "<i4"),
            ("order", "u1"),
            ("type", "<u4"),
            ("x", "<f8"),
            ("y", "<f8"),
        ]
    )
    out = np.zeros(len(xy), dtype=record)
    out["gp"], out["flags"], out["srs"], out["order"], out["type"] = b"GP", 1, srs_id, 1, 1
    out["x"], out["y"] = xy[:, 0], xy[:, 1]
    raw = out.view("V{}".format(record.itemsize))
    usable = np.isfinite(xy).all(axis=1)
    # one blob at a time as SQLite takes the rows: a million bytes objects at once would take 70 MB
    return (raw[i].tobytes() if ok else None for i, ok in enumerate(usable.tolist()))


def write_points(path: str, table: str, columns: List[Tuple[str, str, str]], data, epsg: int, xy=None) -> int:
    """Write columns as a point table of a new GeoPackage. data: a dict (sequences by column name, and
    'xy' n x 2); SiteRows (written in slices: a million sites never all held as objects at once); or,
    with xy (every row's n x 2 position), an iterable of such dicts for consecutive rows."""
    ogr.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    try:
        dataset = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        layer = dataset.CreateLayer(table, srs, ogr.wkbPoint, options=["SPATIAL_INDEX=NO", "FID=fid"])
        for name, kind, _alias in columns:
            layer.CreateField(ogr.FieldDefn(name, KINDS[kind]))
        geometry_column = layer.GetGeometryColumn()
        dataset = None
    except RuntimeError as error:
        raise WriteError(tr("cannot create {}: {}").format(path, error)) from error
    names = [name for name, _kind, _alias in columns]
    connection = sqlite3.connect(path)
    for pragma in ("journal_mode=OFF", "synchronous=OFF"):  # a new file: nothing to recover on a crash
        connection.execute("PRAGMA " + pragma)
    try:
        srs_id = connection.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (table,)
        ).fetchone()[0]
        if isinstance(data, dict):
            data, xy = [data], data["xy"]
        elif hasattr(data, "column_chunks"):  # SiteRows: in slices of 100,000 rows
            data, xy = data.column_chunks(), data.positions()
        ok = np.isfinite(xy).all(axis=1)
        box = list(xy[ok].min(axis=0)) + list(xy[ok].max(axis=0)) if ok.any() else [1.0, 1.0, 0.0, 0.0]
        sql = 'INSERT INTO "{}" ("{}", {}) VALUES ({})'.format(
            table,
            geometry_column,
            ", ".join('"{}"'.format(n) for n in names),
            ", ".join("?" * (len(names) + 1)),
        )
        # GDAL's feature count triggers would run once per row: dropped for the insert, the count set once
        triggers = gpkg_sqlite.drop_triggers(connection, table)
        count = 0
        for chunk in data:
            rows = zip(blobs(srs_id, chunk["xy"]), *(chunk[name] for name in names))
            count += connection.executemany(sql, rows).rowcount
        connection.execute(
            "UPDATE gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
            (count, table),
        )
        for statement in triggers:
            connection.execute(statement)
        if box[0] <= box[2]:
            connection.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                (*box, table),
            )
        connection.commit()
    except sqlite3.Error as error:
        raise WriteError(tr("cannot write {}: {}").format(path, error)) from error
    finally:
        connection.close()
    try:  # the R-tree packed in one go from the positions known here (core/postgis/gpkg_rtree.py)
        statements = gpkg_rtree.gdal_rtree_sql(table, geometry_column, "fid", srs.ExportToWkt())
        _packed_rtree(path, table, geometry_column, statements, xy, count)
    except (gpkg_rtree.RtreeError, sqlite3.Error):
        dataset = ogr.Open(path, 1)
        dataset.ExecuteSQL("SELECT CreateSpatialIndex('{}', '{}')".format(table, geometry_column))
        dataset = None
    return count


def _packed_rtree(path: str, table: str, column: str, statements, xy: np.ndarray, count: int) -> None:
    """The table's R-tree from the positions written (row i has fid i + 1 in a new table)."""

    def fill(connection, rtree) -> int:
        last = connection.execute('SELECT max(fid), count(*) FROM "{}"'.format(table)).fetchone()
        if tuple(last) != (count, count):
            raise sqlite3.DatabaseError("unexpected feature ids in {}".format(table))
        ok = np.isfinite(xy).all(axis=1)
        ids = np.arange(1, len(xy) + 1, dtype=np.int64)[ok]
        boxes = np.column_stack([xy[ok, 0], xy[ok, 0], xy[ok, 1], xy[ok, 1]])
        size = connection.execute(
            'SELECT length(data) FROM "{}_node" WHERE nodeno = 1'.format(rtree)
        ).fetchone()[0]
        if len(ids):
            gpkg_rtree._write_nodes(connection, rtree, ids, boxes, size)  # noqa: SLF001 (the packer, shared)
        return len(ids)

    with gpkg_sqlite.transaction(path) as connection:
        gpkg_sqlite.add_rtree(connection, table, column, statements, fill)
