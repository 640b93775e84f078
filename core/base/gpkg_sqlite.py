"""GeoPackage writing straight through SQLite, shared by every writer that bypasses GDAL's row-by-row
insert (the vectorised tagging worker, the PostGIS streaming output, the output guard).

Pure Python (sqlite3 only, no QGIS, no relative import): the tagging worker runs as a bare script with
QGIS's Python and imports this file by name, as it does overlap.py.

The one source of the R-tree SQL: a writer never spells GDAL's triggers out. It asks GDAL for an empty
layer with a spatial index (with whatever GDAL it has: pyogrio's in the worker, QGIS's osgeo elsewhere),
takes the statements from that file (`rtree_sql`), and `add_rtree` writes the virtual table, its
entries, those statements and the gpkg_extensions row, in one `transaction`.
"""

import hashlib
import os
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from urllib.request import pathname2url

# how long a writer waits for another program writing the same GeoPackage before it gives up
BUSY_TIMEOUT = 60.0
RTREE_EXTENSION = (
    "INSERT INTO main.gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
    "VALUES (?, ?, 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')"
)


def uri(path, mode: str = "rw") -> str:
    """An SQLite URI for a file path (any characters), read-only with mode 'ro'."""
    return "file:{}?mode={}".format(pathname2url(os.path.abspath(str(path))), mode)


@contextmanager
def transaction(path, attach=None, staged: bool = True, timeout: float = BUSY_TIMEOUT):
    """A transaction on the GeoPackage at path, committed at the end and rolled back on an error; attach:
    a file attached read-only as `src`. staged: path is a file nobody else sees yet (no journal, no
    sync); otherwise SQLite journals and waits up to timeout seconds for other writers."""
    connection = sqlite3.connect(uri(path), isolation_level=None, uri=True, timeout=timeout)
    try:
        pragmas = ("journal_mode=OFF", "synchronous=OFF", "temp_store=MEMORY") if staged else ()
        for pragma in pragmas:
            connection.execute("PRAGMA " + pragma)
        if attach is not None:
            connection.execute("ATTACH DATABASE ? AS src", (uri(attach, "ro"),))
        connection.execute("BEGIN" if staged else "BEGIN IMMEDIATE")
        yield connection
        connection.execute("COMMIT")
    except Exception:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


def remove(path) -> None:
    """Remove a GeoPackage and its journal files, if there."""
    for stale in (str(path), str(path) + "-journal", str(path) + "-wal", str(path) + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)


def drop_triggers(connection, table: str):
    """Drop the triggers on a table (GDAL's feature count triggers, before a bulk insert); their SQL."""
    rows = connection.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?)",
        (table,),
    ).fetchall()
    for name, _sql in rows:
        connection.execute('DROP TRIGGER main."{}"'.format(name))
    return [sql for _name, sql in rows]


def set_contents(connection, table: str, features: int, extent) -> None:
    """A layer's feature count, extent ((minx, miny, maxx, maxy) or None) and time of change, as GDAL
    writes them when it closes a layer."""
    connection.execute(
        "UPDATE main.gpkg_ogr_contents SET feature_count = ? WHERE lower(table_name) = lower(?)",
        (features, table),
    )
    connection.execute(
        "UPDATE main.gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
        "min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = lower(?)",
        # 16 significant digits, as GDAL writes the extent (through SQLite's printf)
        tuple(None if extent is None else float("%.16g" % v) for v in (extent or (0, 0, 0, 0))) + (table,),
    )


def rtree_name(table: str, column: str) -> str:
    """The name of a layer's R-tree table, as the GeoPackage standard forms it."""
    return "rtree_{}_{}".format(table, column)


def rtree_sql(path, table: str):
    """The statements GDAL wrote for table's R-tree in the GeoPackage at path (a layer GDAL made with a
    spatial index): the gpkg_extensions table (IF NOT EXISTS) and the triggers."""
    connection = sqlite3.connect(uri(path, "ro"), uri=True)
    try:
        rows = connection.execute(
            "SELECT type, sql FROM sqlite_master WHERE (type = 'trigger' AND lower(tbl_name) = lower(?) "
            "AND name LIKE 'rtree\\_%' ESCAPE '\\') OR (type = 'table' AND name = 'gpkg_extensions') "
            "ORDER BY type, name",
            (table,),
        ).fetchall()
    finally:
        connection.close()
    tables = [
        sql.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1) for kind, sql in rows if kind == "table"
    ]
    triggers = [sql for kind, sql in rows if kind == "trigger"]
    if not triggers:
        raise sqlite3.DatabaseError("no spatial index triggers for {} in {}".format(table, path))
    return tables + triggers


def add_rtree(connection, table: str, column: str, statements, fill) -> int:
    """In an open transaction: a layer's R-tree table, its entries written by fill(connection, rtree)
    (which returns how many), GDAL's statements (rtree_sql) and the gpkg_extensions row."""
    rtree = rtree_name(table, column)
    connection.execute('CREATE VIRTUAL TABLE main."{}" USING rtree(id, minx, maxx, miny, maxy)'.format(rtree))
    entries = fill(connection, rtree)
    for statement in statements:
        connection.execute(statement)
    connection.execute(RTREE_EXTENSION, (table, column))
    return entries


def source_rtree(path, table: str, column: str):
    """The R-tree table of a layer of the GeoPackage at path when it has a complete one, else None."""
    rtree = rtree_name(table, column)
    try:
        connection = sqlite3.connect(uri(path, "ro"), uri=True)
        try:
            registered = connection.execute(
                "SELECT count(*) FROM gpkg_extensions WHERE lower(table_name) = lower(?) AND "
                "lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
                (table, column),
            ).fetchone()[0]
            shadow = connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
                (rtree + "_node", rtree + "_rowid", rtree + "_parent"),
            ).fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    return rtree if registered and shadow == 3 else None


def copied_entries(table: str, column: str, source: str):
    """A fill for add_rtree: the entries of the attached input's R-tree `source` (same FIDs and
    geometries as table, so the same index), checked against table's geometries."""

    def fill(connection, rtree) -> int:
        for suffix in ("node", "rowid", "parent"):
            connection.execute('DELETE FROM main."{}_{}"'.format(rtree, suffix))
            connection.execute(
                'INSERT INTO main."{0}_{2}" SELECT * FROM src."{1}_{2}"'.format(rtree, source, suffix)
            )
        rows = connection.execute('SELECT count(*) FROM main."{}_rowid"'.format(rtree)).fetchone()[0]
        expected = connection.execute(
            'SELECT count(*) FROM main."{}" WHERE "{}" IS NOT NULL'.format(table, column)
        ).fetchone()[0]
        if rows > expected:
            raise ValueError("the input's index has {} entries for {} geometries".format(rows, expected))
        return rows

    return fill


# ---------------------------------------------------------------------------------------------
# writers into one GeoPackage taking turns


def _lock_path(path) -> str:
    """A lock database in the temporary folder, one per GeoPackage (same name however it is spelt)."""
    real = os.path.normcase(os.path.realpath(os.path.abspath(str(path))))
    digest = hashlib.sha1(real.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), "beltmap-writer-{}.lock".format(digest))


def _take(connection, statement: str, path, on_wait, timeout: float) -> None:
    """Execute statement (a lock) on connection, retrying while another program holds the file."""
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            connection.execute(statement)
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            if time.monotonic() >= deadline:
                raise TimeoutError("{} is still being written by another program".format(path)) from None
            time.sleep(0.1)


@contextmanager
def writer_turn(path, on_wait=None, timeout: float = BUSY_TIMEOUT):
    """Hold the turn to write into the GeoPackage at path among Belt Map's writers (any process),
    waiting up to timeout seconds; on_wait() is called once when another writer holds it. The turn is
    an SQLite lock, so the system releases it even if the holder dies. TimeoutError after timeout; when
    the temporary folder cannot hold the lock, no turn is taken (SQLite's busy timeout still applies)."""
    try:
        connection = sqlite3.connect(_lock_path(path), isolation_level=None, timeout=0)
    except sqlite3.Error:
        connection = None
    try:
        if connection is not None:
            try:
                _take(connection, "BEGIN EXCLUSIVE", path, on_wait, timeout)
            except sqlite3.Error:  # not a lock held by another writer: the lock file is unusable
                connection.close()
                connection = None
        yield
    finally:
        if connection is not None:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            connection.close()


def wait_until_free(path, on_wait=None, timeout: float = BUSY_TIMEOUT) -> None:
    """Wait (up to timeout seconds) until no other program holds a write lock on the SQLite file at path;
    on_wait() once if one does. TimeoutError after timeout."""
    connection = sqlite3.connect(uri(path), isolation_level=None, uri=True, timeout=0)
    try:
        _take(connection, "BEGIN IMMEDIATE", path, on_wait, timeout)
        connection.execute("ROLLBACK")
    finally:
        connection.close()
