"""Sites read in bulk from a GeoPackage point layer: their FIDs, coordinates and a few columns straight
from SQLite, parsed with numpy (a tenth of the time of reading 100,000 features through QGIS).

Only a whole, unfiltered GeoPackage layer of simple points qualifies (gpkg_source.whole_gpkg_layer);
anything else (a selection, a filter, lines or polygons, a blob this parser does not know) is read
through QGIS. Pure Python (sqlite3 and numpy), tested without QGIS.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from typing import Dict, List, Optional

import numpy as np

from ..base.gpkg_sqlite import uri

# WKB geometry types of a point: 2D, Z (ISO and the old 0x80000000 flag)
_POINT_TYPES = {1: 21, 1001: 29, 0x80000001: 29}
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class GpkgLayer:
    """A whole GeoPackage layer: its file, table, FID column and geometry column."""

    path: str
    table: str
    fid_column: str
    geometry_column: str


@dataclass
class BulkSites:
    """What was read in bulk, in FID order: FIDs, (x, y) in the layer's CRS (NaN where the geometry is
    NULL, empty or not finite), which geometries are usable, and the asked columns' values (None: NULL)."""

    layer: GpkgLayer
    fids: np.ndarray
    xy: np.ndarray
    usable: np.ndarray
    columns: Dict[str, List]


def table_name(path: str, name) -> Optional[str]:
    """The feature table a layer name stands for; without a name, the file's only feature table."""
    try:
        with _reading(path) as connection:
            tables = [
                row[0]
                for row in connection.execute(
                    "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
                )
            ]
    except sqlite3.Error:
        return None
    if isinstance(name, str) and name:
        return next((t for t in tables if t.lower() == name.lower()), None)
    return tables[0] if len(tables) == 1 else None


def geometry_column(path: str, table: str) -> Optional[str]:
    """The geometry column of a feature table."""
    try:
        with _reading(path) as connection:
            row = connection.execute(
                "SELECT column_name FROM gpkg_geometry_columns WHERE lower(table_name) = lower(?)", (table,)
            ).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _quoted(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def _reading(path: str):
    """A read-only SQLite connection to the GeoPackage at path, closed on leaving the with block."""
    return closing(sqlite3.connect(uri(path, "ro"), uri=True))


def read_bulk(layer: GpkgLayer, columns: List[str]) -> Optional[BulkSites]:
    """The sites of a GeoPackage point layer with the given columns, or None when a geometry or a value
    cannot be read this way (the caller then reads through QGIS)."""
    names = [layer.fid_column, layer.geometry_column] + list(columns)
    select = ", ".join(_quoted(n) for n in names)
    try:
        with _reading(layer.path) as connection:
            # a double-quoted name that is no column would be read by SQLite as a text literal
            present = {
                r[1].lower() for r in connection.execute("PRAGMA table_info({})".format(_quoted(layer.table)))
            }
            if any(n.lower() not in present for n in names):
                return None
            rows = connection.execute(
                "SELECT {} FROM {} ORDER BY 1".format(select, _quoted(layer.table))
            ).fetchall()
    except (sqlite3.Error, ValueError):  # text that is not UTF-8
        return None
    if not rows:
        return None
    values = list(zip(*rows))
    xy = parse_points(values[1])
    if xy is None:
        return None
    usable = np.isfinite(xy).all(axis=1)
    xy[~usable] = np.nan
    return BulkSites(
        layer=layer,
        fids=np.array(values[0], dtype=np.int64),
        xy=xy,
        usable=usable,
        columns={name: list(values[2 + k]) for k, name in enumerate(columns)},
    )


def parse_points(blobs) -> Optional[np.ndarray]:
    """(x, y) of GeoPackage point blobs (NaN for NULL or empty ones); None when a blob is anything else."""
    xy = np.full((len(blobs), 2), np.nan)
    lengths = np.fromiter((0 if b is None else len(b) for b in blobs), dtype=np.int64, count=len(blobs))
    for length in np.unique(lengths[lengths > 0]).tolist():
        which = np.flatnonzero(lengths == length)
        raw = np.frombuffer(b"".join(blobs[i] for i in which.tolist()), dtype=np.uint8).reshape(-1, length)
        if not (raw[:, 0] == ord("G")).all() or not (raw[:, 1] == ord("P")).all():
            return None
        flags = raw[:, 3]
        if (flags & 0b100000).any():  # extended (non-standard) geometry types
            return None
        envelope = (flags >> 1) & 0b111
        if len(np.unique(envelope)) != 1 or int(envelope[0]) not in _ENVELOPE_BYTES:
            return None
        header = 8 + _ENVELOPE_BYTES[int(envelope[0])]
        wkb = raw[:, header:]
        if not (wkb[:, 0] == 1).all():  # little-endian WKB only
            return None
        kinds = np.unique(wkb[:, 1:5].copy().view("<u4").ravel()).tolist()
        if any(_POINT_TYPES.get(kind) != length - header for kind in kinds):
            return None
        coords = wkb[:, 5:21].copy().view("<f8")
        empty = (flags & 0b10000) != 0
        coords[empty] = np.nan
        xy[which] = coords
    return xy
