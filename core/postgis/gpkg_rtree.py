"""A GeoPackage spatial index packed in one go (sort-tile-recursive), for outputs streamed from PostGIS.

SQLite's R-tree module inserts entries one by one, splitting nodes as it goes: for a million features
that is most of the time of writing the file. Here the bounding boxes are read from the geometry
blobs, packed into full nodes (sort-tile-recursive) and written straight into the R-tree's three shadow
tables; the triggers and the gpkg_extensions row are those GDAL writes (taken from an empty layer GDAL
makes with the same names, written by core/base/gpkg_sqlite.py as for every other writer). SQLite's
`rtreecheck()` accepts the result (tests/qgis/test_postgis.py).
"""

import itertools
import math
import os
import struct
import tempfile
from array import array
from typing import List, Tuple

import numpy as np

from ..base import gpkg_sqlite
from ..errors import BeltMapError

# SQLite stores R-tree coordinates as 32-bit floats in nodes of (page size - 64) bytes
_CELL = np.dtype([("id", ">i8"), ("box", ">f4", (4,))])
_ENVELOPE_DOUBLES = {1: 4, 2: 6, 3: 6, 4: 8}


class RtreeError(BeltMapError):
    """A geometry blob this module does not decode: the caller lets GDAL build the index instead."""


# a 2D point blob as GDAL writes it: GeoPackage header without envelope (8 bytes) + WKB point (21 bytes)
_POINT_BLOB = np.dtype(
    [("gp", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4")]
    + [("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")]
)
_BATCH = 100_000


def _boxes(rows) -> Tuple[np.ndarray, np.ndarray]:
    """fids and (minx, maxx, miny, maxy) of non-empty GeoPackage geometry blobs. A batch of little-endian
    2D points without envelope (what GDAL writes for points) is decoded in one go, any other row by row."""
    ids, boxes = array("q"), array("d")  # compact: a million features take 40 MB, not 200
    rows = iter(rows)
    while True:
        batch = list(itertools.islice(rows, _BATCH))
        if not batch:
            break
        if not _point_batch(batch, ids, boxes):
            _blob_boxes(batch, ids, boxes)
    return np.frombuffer(ids, dtype=np.int64), np.frombuffer(boxes, dtype=np.float64).reshape(-1, 4)


def _point_batch(batch, ids, boxes) -> bool:
    """Decode a batch of point blobs in one go into ids and boxes; False (nothing added) when the batch
    holds anything else."""
    size = _POINT_BLOB.itemsize
    if any(blob is None or len(blob) != size for _fid, blob in batch):
        return False
    points = np.frombuffer(b"".join(blob for _fid, blob in batch), dtype=_POINT_BLOB)
    # 'GP', flags: little-endian header, no envelope, not empty (0b001); WKB little-endian 2D point
    if not (
        (points["gp"] == b"GP").all()
        & ((points["flags"] & 0x1F) == 1).all()
        & (points["order"] == 1).all()
        & (points["type"] == 1).all()
    ):
        return False
    x, y = points["x"], points["y"]
    keep = ~(np.isnan(x) | np.isnan(y))
    ids.extend(np.array([fid for fid, _blob in batch], dtype=np.int64)[keep].tolist())
    boxes.extend(np.column_stack([x, x, y, y])[keep].ravel().tolist())
    return True


def _blob_boxes(batch, ids, boxes) -> None:
    """Decode geometry blobs one by one into ids and boxes."""
    for fid, blob in batch:
        if blob is None or len(blob) < 8 or blob[0:2] != b"GP":
            continue
        flags = blob[3]
        if flags & 0x10:  # empty geometry
            continue
        order = "<" if flags & 1 else ">"
        envelope = (flags >> 1) & 7
        if envelope:
            minx, maxx, miny, maxy = struct.unpack_from(order + "4d", blob, 8)
        else:  # GDAL writes no envelope for points only
            start = 8
            wkb_order = "<" if blob[start] == 1 else ">"
            kind = struct.unpack_from(wkb_order + "I", blob, start + 1)[0]
            if kind % 1000 != 1 and kind & 0xFF != 1:
                raise RtreeError("geometry type {} without envelope".format(kind))
            minx, miny = struct.unpack_from(wkb_order + "2d", blob, start + 5)
            maxx, maxy = minx, miny
        if math.isnan(minx) or math.isnan(miny):
            continue
        ids.append(fid)
        boxes.extend((minx, maxx, miny, maxy))


def _float32_outward(boxes: np.ndarray) -> np.ndarray:
    """Boxes as float32 rounded outwards (min down, max up), as SQLite's R-tree stores them."""
    f = boxes.astype(np.float32)
    low = f[:, [0, 2]] > boxes[:, [0, 2]]
    high = f[:, [1, 3]] < boxes[:, [1, 3]]
    f[:, [0, 2]] = np.where(low, np.nextafter(f[:, [0, 2]], np.float32(-np.inf)), f[:, [0, 2]])
    f[:, [1, 3]] = np.where(high, np.nextafter(f[:, [1, 3]], np.float32(np.inf)), f[:, [1, 3]])
    return f


def _str_groups(boxes: np.ndarray, capacity: int) -> List[np.ndarray]:
    """Indexes of boxes grouped into nodes of at most `capacity`, by sort-tile-recursive."""
    n = len(boxes)
    nodes = math.ceil(n / capacity)
    slices = math.ceil(math.sqrt(nodes))
    cx = (boxes[:, 0] + boxes[:, 1]) / 2
    cy = (boxes[:, 2] + boxes[:, 3]) / 2
    by_x = np.argsort(cx, kind="stable")
    groups = []
    per_slice = slices * capacity
    for start in range(0, n, per_slice):
        part = by_x[start : start + per_slice]
        part = part[np.argsort(cy[part], kind="stable")]
        groups.extend(part[i : i + capacity] for i in range(0, len(part), capacity))
    return groups


def _pack(ids: np.ndarray, boxes: np.ndarray, capacity: int):
    """The tree as levels (leaves first) of nodes; each node is (child ids, child boxes)."""
    levels = []
    level_ids, level_boxes = ids, boxes
    while True:
        groups = (
            _str_groups(level_boxes, capacity) if len(level_ids) > capacity else [np.arange(len(level_ids))]
        )
        nodes = [(level_ids[g], level_boxes[g]) for g in groups]
        levels.append(nodes)
        if len(nodes) == 1:
            return levels
        level_ids = np.arange(len(nodes), dtype=np.int64)  # provisional: position in this level
        level_boxes = np.array(
            [(b[:, 0].min(), b[:, 1].max(), b[:, 2].min(), b[:, 3].max()) for _i, b in nodes],
            dtype=np.float32,
        )


def _blob(depth: int, children: np.ndarray, boxes: np.ndarray, size: int) -> bytes:
    cells = np.zeros(len(children), dtype=_CELL)
    cells["id"] = children
    cells["box"] = boxes
    data = struct.pack(">HH", depth, len(children)) + cells.tobytes()
    return data + bytes(size - len(data))


def gdal_rtree_sql(table: str, column: str, fid: str, srs_wkt: str) -> List[str]:
    """The statements GDAL writes for a layer's R-tree (from an empty layer of the same names): the
    gpkg_extensions table (if not there yet) and the triggers."""
    from osgeo import gdal, ogr, osr

    folder = tempfile.mkdtemp(prefix="beltmap_rtree_")
    path = os.path.join(folder, "empty.gpkg")
    try:
        driver = ogr.GetDriverByName("GPKG")
        dataset = driver.CreateDataSource(path)
        srs = osr.SpatialReference()
        srs.ImportFromWkt(srs_wkt)
        layer = dataset.CreateLayer(
            table, srs, ogr.wkbUnknown, ["GEOMETRY_NAME=" + column, "FID=" + fid, "SPATIAL_INDEX=YES"]
        )
        if layer is None:
            raise RtreeError(gdal.GetLastErrorMsg())
        dataset = None
        return gpkg_sqlite.rtree_sql(path, table)
    finally:
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
        os.rmdir(folder)


def build(path: str, table: str, column: str, fid: str, statements: List[str]) -> int:
    """Write the packed R-tree of a layer written without a spatial index; returns the entries."""

    def fill(connection, rtree) -> int:
        rows = connection.execute('SELECT "{}", "{}" FROM "{}"'.format(fid, column, table))
        ids, boxes = _boxes(rows)
        size = connection.execute(
            'SELECT length(data) FROM "{}_node" WHERE nodeno = 1'.format(rtree)
        ).fetchone()[0]
        if len(ids):
            _write_nodes(connection, rtree, ids, boxes, size)
        return len(ids)

    with gpkg_sqlite.transaction(path) as connection:
        return gpkg_sqlite.add_rtree(connection, table, column, statements, fill)


def _write_nodes(connection, rtree: str, ids: np.ndarray, boxes: np.ndarray, size: int) -> None:
    """The R-tree's three shadow tables for the boxes, packed into nodes of size bytes."""
    capacity = (size - 4) // _CELL.itemsize
    levels = _pack(ids, _float32_outward(boxes), capacity)
    numbers = {}  # (level, position) -> node number, root first
    next_number = 1
    for depth in range(len(levels) - 1, -1, -1):
        for position in range(len(levels[depth])):
            numbers[(depth, position)] = next_number
            next_number += 1
    connection.execute('DELETE FROM "{}_node"'.format(rtree))
    nodes, parents = [], []
    for depth, level in enumerate(levels):
        for position, (children, child_boxes) in enumerate(level):
            number = numbers[(depth, position)]
            if depth == 0:
                ids_out = children
            else:
                ids_out = np.array([numbers[(depth - 1, int(c))] for c in children], dtype=np.int64)
                parents.extend((int(c), number) for c in ids_out)
            root_depth = len(levels) - 1 if number == 1 else 0
            nodes.append((number, _blob(root_depth, ids_out, child_boxes, size)))
    connection.executemany('INSERT INTO "{}_node" (nodeno, data) VALUES (?, ?)'.format(rtree), nodes)
    # (fid, leaf node) in fid order: appended to the rowid table, not inserted all over it
    fids = np.concatenate([children for children, _boxes in levels[0]])
    leaf_of = np.repeat(
        np.array([numbers[(0, position)] for position in range(len(levels[0]))], dtype=np.int64),
        [len(children) for children, _boxes in levels[0]],
    )
    order = np.argsort(fids, kind="stable")
    fids, leaf_of = fids[order], leaf_of[order]
    leaves = (  # generated, not listed: a million tuples would take 100 MB
        pair
        for start in range(0, len(fids), _BATCH)
        for pair in zip(fids[start : start + _BATCH].tolist(), leaf_of[start : start + _BATCH].tolist())
    )
    connection.executemany('INSERT INTO "{}_rowid" (rowid, nodeno) VALUES (?, ?)'.format(rtree), leaves)
    connection.executemany(
        'INSERT INTO "{}_parent" (nodeno, parentnode) VALUES (?, ?)'.format(rtree), parents
    )
