"""The sites with their walks written inside SQLite: into the empty GeoPackage layer QGIS's writer made
(the very schema of the feature-by-feature output), one INSERT ... SELECT copies each site's FID,
geometry blob and columns from the input GeoPackage, joined to a table of the measured values; the
spatial index is filled from the coordinates read. No row passes through QGIS."""

import sqlite3
from typing import Dict, List, Optional

from ..base import gpkg_sqlite
from ..errors import BeltMapError
from .gpkg_sites import BulkSites


class NotCopyable(BeltMapError):
    """The output cannot be filled from the input in SQL (checked before anything is written)."""


def _quoted(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def fill_sites(
    path: str, table: Optional[str], bulk: BulkSites, kept: List[str], added: Dict[str, list]
) -> int:
    """Fill the empty layer table (None: the file's one feature layer) of the GeoPackage at path with the
    bulk-read sites: the input's columns kept, the added columns' values (one list per column, in the
    sites' order). NotCopyable before writing anything when it cannot; the number of rows written."""
    with gpkg_sqlite.transaction(path, attach=bulk.layer.path) as connection:
        table = table or _only_table(connection)
        select, geometry = _select_list(connection, table, bulk, kept, added)
        rtree = _rtree(connection, table, geometry)
        triggers = gpkg_sqlite.drop_triggers(connection, table)  # count and index written once below
        names = list(added)
        connection.execute(
            "CREATE TEMP TABLE beltmap_walks (fid INTEGER PRIMARY KEY, usable INTEGER, x REAL, y REAL"
            + "".join(", " + _quoted(n) for n in names)
            + ")"
        )
        rows = zip(
            bulk.fids.tolist(),
            bulk.usable.astype(int).tolist(),
            bulk.xy[:, 0].tolist(),
            bulk.xy[:, 1].tolist(),
            *(added[n] for n in names),
        )
        connection.executemany(
            "INSERT INTO temp.beltmap_walks VALUES ({})".format(", ".join("?" * (4 + len(names)))), rows
        )
        inserted = connection.execute(
            "INSERT INTO main.{t} ({columns}) SELECT {values} FROM src.{s} AS s "
            "JOIN temp.beltmap_walks AS r ON r.fid = s.{f}".format(
                t=_quoted(table),
                s=_quoted(bulk.layer.table),
                f=_quoted(bulk.layer.fid_column),
                columns=", ".join(_quoted(c) for c, _v in select),
                values=", ".join(v for _c, v in select),
            )
        ).rowcount
        if inserted != len(bulk.fids):
            raise sqlite3.DatabaseError("{} rows written for {} sites".format(inserted, len(bulk.fids)))
        if rtree is not None:
            _fill_rtree(connection, table, geometry, rtree, bulk)
        for sql in triggers:
            connection.execute(sql)
        xy = bulk.xy[bulk.usable]
        extent = (xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()) if len(xy) else None
        gpkg_sqlite.set_contents(connection, table, inserted, extent)
        connection.execute("DROP TABLE temp.beltmap_walks")
    return inserted


def _fill_rtree(connection, table: str, geometry: str, rtree: str, bulk: BulkSites) -> None:
    """The output's spatial index: the input's copied when it has a complete one and every geometry was
    kept (same FIDs and geometries, so the same index; far faster), else built from the points."""
    source = gpkg_sqlite.source_rtree(bulk.layer.path, bulk.layer.table, bulk.layer.geometry_column)
    if source is not None and bulk.usable.all():
        try:
            gpkg_sqlite.copied_entries(table, geometry, source)(connection, rtree)
            return
        except ValueError:  # the input's index holds more entries than geometries: built instead
            connection.execute("DELETE FROM main.{}".format(_quoted(rtree)))
    connection.execute(
        "INSERT INTO main.{} SELECT fid, x, x, y, y FROM temp.beltmap_walks WHERE usable".format(
            _quoted(rtree)
        )
    )


def _only_table(connection) -> str:
    tables = [r[0] for r in connection.execute("SELECT table_name FROM main.gpkg_contents")]
    if len(tables) != 1:
        raise NotCopyable("{} layers in the output".format(len(tables)))
    return tables[0]


def _select_list(connection, table: str, bulk: BulkSites, kept: List[str], added: Dict[str, list]):
    """(output column, SQL value) for every column of the empty output layer, in its order; and the output's
    geometry column."""
    columns = connection.execute("PRAGMA main.table_info({})".format(_quoted(table))).fetchall()
    if not columns:
        raise NotCopyable("no layer {} in the output".format(table))
    source = {
        r[1].lower(): r[1]
        for r in connection.execute("PRAGMA src.table_info({})".format(_quoted(bulk.layer.table)))
    }
    geometry = connection.execute(
        "SELECT column_name, srs_id FROM main.gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
        (table,),
    ).fetchone()
    source_srs = connection.execute(
        "SELECT srs_id FROM src.gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (bulk.layer.table,)
    ).fetchone()
    if geometry is None or source_srs is None or geometry[1] != source_srs[0]:
        # geometry blobs carry the srs_id: copied only when it holds
        raise NotCopyable("the output's spatial reference id differs from the input's")
    kept_lower = {k.lower() for k in kept}
    added_lower = {a.lower(): a for a in added}
    select = []
    for _cid, name, _type, _notnull, _default, primary in columns:
        lower = name.lower()
        if primary:
            value = "s." + _quoted(bulk.layer.fid_column)
        elif lower == geometry[0].lower():
            value = "CASE WHEN r.usable THEN s.{} END".format(_quoted(bulk.layer.geometry_column))
        elif lower in added_lower:
            value = "r." + _quoted(added_lower[lower])
        elif lower in kept_lower and lower in source:
            value = "s." + _quoted(source[lower])
        else:
            raise NotCopyable("the output column {} is not in the input".format(name))
        select.append((name, value))
    return select, geometry[0]


def _rtree(connection, table: str, geometry: str) -> Optional[str]:
    """The output layer's R-tree table, when GDAL made one."""
    found = connection.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND lower(name) = lower(?)",
        (gpkg_sqlite.rtree_name(table, geometry),),
    ).fetchone()
    return found[0] if found else None
