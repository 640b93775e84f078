"""Bulk reading of GeoPackage points (core/reach/gpkg_sites.py) without QGIS: the blob parser against
hand-made blobs, and read_bulk against a GeoPackage written by GDAL's rules (header, envelope, empty flag)."""

import sqlite3
import struct

import numpy as np
import pytest
from beltmap.core.reach.gpkg_sites import GpkgLayer, parse_points, read_bulk, table_name


def _blob(x, y, z=None, envelope=0, empty=False, wkb_order=1, kind=None, srs=4549):
    """A GeoPackage geometry blob of a point (standard header, little-endian header)."""
    flags = 1 | (envelope << 1) | (0b10000 if empty else 0)
    header = b"GP" + bytes([0, flags]) + struct.pack("<i", srs)
    sizes = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}
    header += struct.pack("<{}d".format(sizes[envelope]), *([x, x, y, y, 0, 0, 0, 0][: sizes[envelope]]))
    end = "<" if wkb_order == 1 else ">"
    if z is None:
        wkb = bytes([wkb_order]) + struct.pack(end + "I2d", kind or 1, x, y)
    else:
        wkb = bytes([wkb_order]) + struct.pack(end + "I3d", kind or 1001, x, y, z)
    return header + wkb


def test_points_of_every_header_shape():
    nan = float("nan")
    blobs = [
        _blob(1.5, 2.5),
        None,
        _blob(3.0, 4.0, z=9.0),
        _blob(5.0, 6.0, envelope=1),
        _blob(nan, nan, empty=True),
        _blob(7.0, 8.0, z=1.0, kind=0x80000001),
    ]
    xy = parse_points(blobs)
    expected = [[1.5, 2.5], [nan, nan], [3.0, 4.0], [5.0, 6.0], [nan, nan], [7.0, 8.0]]
    np.testing.assert_array_equal(xy, np.array(expected))


@pytest.mark.parametrize(
    "blob",
    [
        _blob(1.0, 2.0, wkb_order=0),  # big-endian WKB
        _blob(1.0, 2.0, kind=4),  # a multipoint type code
        b"XX" + _blob(1.0, 2.0)[2:],  # not a GeoPackage blob
        _blob(1.0, 2.0)[:8] + bytes([1]) + struct.pack("<II4d", 2, 2, 0, 0, 1, 1),  # a line
    ],
)
def test_anything_but_a_simple_point_is_refused(blob):
    assert parse_points([_blob(0.0, 0.0), blob]) is None


def test_mixed_envelopes_in_one_length_are_refused():
    # a 2D point with an xy envelope (8 + 32 + 21 = 61 bytes) and ... the same length with another header
    odd = _blob(1.0, 2.0, envelope=1)
    assert parse_points([odd, odd]) is not None
    with_flag = bytearray(odd)
    with_flag[3] = 1 | (2 << 1)  # says xyz envelope (48 bytes): the WKB would start elsewhere
    assert parse_points([odd, bytes(with_flag)]) is None


def _gpkg(path, rows):
    """A minimal GeoPackage-like file: the contents tables and one table of points."""
    connection = sqlite3.connect(str(path))
    connection.executescript(
        "CREATE TABLE gpkg_contents (table_name TEXT, data_type TEXT);"
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT);"
        "INSERT INTO gpkg_contents VALUES ('Sites', 'features');"
        "INSERT INTO gpkg_geometry_columns VALUES ('Sites', 'geom');"
        "CREATE TABLE Sites (fid INTEGER PRIMARY KEY, geom BLOB, category TEXT, pop REAL);"
    )
    connection.executemany("INSERT INTO Sites VALUES (?, ?, ?, ?)", rows)
    connection.commit()
    connection.close()


def test_read_bulk_in_fid_order_with_columns(tmp_path):
    path = tmp_path / "s.gpkg"
    _gpkg(
        path, [(7, _blob(3.0, 4.0), "station", None), (2, _blob(1.0, 2.0), "home", 5.0), (9, None, None, 1.0)]
    )
    assert table_name(str(path), "sites") == "Sites" and table_name(str(path), None) == "Sites"
    bulk = read_bulk(GpkgLayer(str(path), "Sites", "fid", "geom"), ["category", "pop"])
    assert bulk.fids.tolist() == [2, 7, 9]
    assert bulk.usable.tolist() == [True, True, False]
    np.testing.assert_array_equal(bulk.xy[:2], [[1.0, 2.0], [3.0, 4.0]])
    assert bulk.columns == {"category": ["home", "station", None], "pop": [5.0, None, 1.0]}
    assert read_bulk(GpkgLayer(str(path), "Sites", "fid", "geom"), ["no_such_column"]) is None


def test_text_that_is_not_utf8_is_left_to_qgis(tmp_path):
    path = tmp_path / "s.gpkg"
    _gpkg(path, [(1, _blob(1.0, 2.0), "x", 1.0)])
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE Sites SET category = CAST(X'B0B2' AS TEXT)")
    connection.commit()
    connection.close()
    assert read_bulk(GpkgLayer(str(path), "Sites", "fid", "geom"), ["category"]) is None
