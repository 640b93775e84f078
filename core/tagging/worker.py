"""The vectorised tagging worker: `python worker.py JOB.json`, run in its own Python process.

It imports only numpy, shapely (>= 2) and pyogrio, never QGIS: inside QGIS's programs the GEOS and GDAL
that QGIS links take precedence over the copies bundled with shapely and pyogrio wheels, which makes
those packages misbehave or crash; a separate process keeps them apart (and lets a cancel stop the
bulk write at once). The job file, written by vectorised.py, holds the zones already prepared by QGIS
(repaired, in the input's CRS) and their static ranks, so both paths decide alike.

The worker reads only FIDs and geometries; the output layer is made empty by GDAL (so its schema and
metadata are what GDAL writes) and filled by SQLite from the input file joined to a table of tags, with
the input's spatial index copied (write_with_sql). When that is not possible (no spatial index in the
input, different srs ids, an unexpected schema) the attributes are read and written in bulk by pyogrio;
both give the same file, feature for feature. The SQLite side of the writing (transaction, spatial index
and its SQL) is core/base/gpkg_sqlite.py, shared with every other writer of the plugin.

Protocol on stdout: `progress <percent>` lines, then one `result <json>` line.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

# run as a script, this folder and core/base (PYTHONPATH, vectorised._worker_env) are on sys.path:
# the one rounding both paths share and the GeoPackage writing every writer shares (pure Python, no QGIS)
import gpkg_sqlite
from overlap import overlap_units_array

# the output is written to a .part file renamed when complete, so SQLite need not journal or sync it
FAST_WRITE_OPTIONS = {"OGR_SQLITE_SYNCHRONOUS": "OFF", "OGR_SQLITE_JOURNAL": "OFF"}


def _emit(kind, payload) -> None:
    sys.stdout.write("{} {}\n".format(kind, payload))
    sys.stdout.flush()


def point_xy(wkb, null):
    """x and y of single-point WKB (any Z/M), NaN for NULL; None when the WKB is not plain points."""
    import numpy as np

    valid = wkb[~null]
    if len(valid) == 0:
        return np.full(len(wkb), np.nan), np.full(len(wkb), np.nan)
    size = len(valid[0])
    if size not in (21, 29, 37) or valid[0][0] != 1:
        return None
    lengths = np.fromiter(map(len, valid), dtype=np.int64, count=len(valid))
    if (lengths != size).any():
        return None
    raw = np.frombuffer(b"".join(valid), dtype=np.uint8).reshape(-1, size)
    if (raw[:, 0] != 1).any() or (raw[:, 1:5].copy().view("<u4").ravel() % 1000 != 1).any():
        return None
    x = np.full(len(wkb), np.nan)
    y = np.full(len(wkb), np.nan)
    x[~null] = raw[:, 5:13].copy().view("<f8").ravel()
    y[~null] = raw[:, 13:21].copy().view("<f8").ravel()
    return x, y


class Zones:
    """The job's zones and belt as prepared shapely geometries in an STRtree."""

    def __init__(self, job):
        import numpy as np
        import shapely

        self.geoms = shapely.from_wkb([bytes.fromhex(h) for h in job["zones_wkb"]])
        if len(self.geoms) == 0:
            self.geoms = np.empty(0, dtype=object)
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.bounds = shapely.bounds(self.geoms) if len(self.geoms) else np.empty((0, 4))
        self.bits = np.array(job["bits"], dtype=np.uint8)
        self.rank = np.array(job["rank"], dtype=np.int64)
        self.priority_rank = np.array(job["priority_rank"], dtype=np.int64)
        self.overlap = job["rule"] == "largest_overlap" and job["measure_in_input_crs"]
        self.decimals = job["overlap_decimals"]
        self.has_belt = job["has_belt"]
        self.belt = None
        if job["belt_wkb"]:
            self.belt = shapely.from_wkb(bytes.fromhex(job["belt_wkb"]))
            shapely.prepare(self.belt)

    def tag(self, wkb, points: bool):
        """Tags of the geometries: choice (-1 none), key mask, count (-1 NULL geometry), in_belt (-1 NULL),
        and the extent of the geometries (minx, miny, maxx, maxy; None when none has coordinates)."""
        import numpy as np
        import shapely

        n = len(wkb)
        null = np.equal(wkb, None)
        xy = point_xy(wkb, null) if points else None
        geoms = None
        if xy is not None:
            x, y = xy
            null |= np.isnan(x) | np.isnan(y)
            ok = np.nonzero(~null)[0]
            choice, mask, count = self._tag_points(x, y)
        else:
            geoms = shapely.from_wkb(wkb)
            null |= shapely.is_missing(geoms) | shapely.is_empty(geoms)
            ok = np.nonzero(~null)[0]
            choice, mask, count = self._tag_geometries(geoms, ok)
        in_belt = np.full(n, -1, dtype=np.int8)
        if self.has_belt:
            in_belt[ok] = 0
            if self.belt is not None and len(ok):
                if xy is not None:
                    inside = shapely.intersects_xy(self.belt, x[ok], y[ok])
                else:
                    inside = shapely.intersects(self.belt, geoms[ok])
                in_belt[ok] = inside.astype(np.int8)
        count[null] = -1
        extent = None
        if len(ok):
            if xy is not None:
                extent = (x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max())
            else:
                extent = tuple(shapely.total_bounds(geoms[ok]))
        return choice, mask, count, in_belt, extent

    def _tag_points(self, x, y):
        """Zones in rank order, each taking the points inside its box that it covers (exact test):
        the first zone to take a point is its choice."""
        import numpy as np
        import shapely

        n = len(x)
        count = np.zeros(n, dtype=np.int32)
        mask = np.zeros(n, dtype=np.uint8)
        choice = np.full(n, -1, dtype=np.int64)
        order = np.argsort(x, kind="stable")  # NaN (NULL) last, never inside a box
        sx, sy = x[order], y[order]
        for z in np.argsort(self.rank, kind="stable"):
            x0, y0, x1, y1 = self.bounds[z]
            lo = np.searchsorted(sx, x0, side="left")
            hi = np.searchsorted(sx, x1, side="right")
            if lo >= hi:
                continue
            window = sy[lo:hi]
            candidates = np.nonzero((window >= y0) & (window <= y1))[0] + lo
            if not len(candidates):
                continue
            inside = candidates[shapely.intersects_xy(self.geoms[z], sx[candidates], sy[candidates])]
            hit = order[inside]
            count[hit] += 1
            mask[hit] |= self.bits[z]
            free = hit[choice[hit] < 0]
            choice[free] = z
        return choice, mask, count

    def _tag_geometries(self, geoms, ok):
        """Candidate pairs from the STRtree with the exact predicate; the rule picks one per feature."""
        import numpy as np

        n = len(geoms)
        a, b = self.tree.query(geoms[ok], predicate="intersects")
        a = ok[a]
        count = np.bincount(a, minlength=n).astype(np.int32)
        mask = np.zeros(n, dtype=np.uint8)
        for bit in np.unique(self.bits[b]) if len(b) else ():
            has = np.zeros(n, dtype=bool)
            has[a[self.bits[b] == bit]] = True
            mask[has] |= bit
        choice = np.full(n, -1, dtype=np.int64)
        if len(a):
            if self.overlap:
                overlap = self._overlaps(geoms, a, b, count)
                order = np.lexsort((self.priority_rank[b], -overlap, a))
            else:
                order = np.lexsort((self.rank[b], a))
            a_sorted, b_sorted = a[order], b[order]
            first = np.ones(len(a_sorted), dtype=bool)
            first[1:] = a_sorted[1:] != a_sorted[:-1]
            choice[a_sorted[first]] = b_sorted[first]
        return choice, mask, count

    def _overlaps(self, geoms, a, b, count):
        """Rounded length (lines) or area (polygons) inside the zone of each pair touching several zones."""
        import numpy as np
        import shapely

        several = count[a] > 1
        overlap = np.zeros(len(a))
        if several.any():
            pieces = shapely.intersection(geoms[a[several]], self.geoms[b[several]])
            dims = shapely.get_dimensions(geoms[a[several]])
            measure = np.where(dims == 2, shapely.area(pieces), shapely.length(pieces))
            measure = np.where(dims == 0, 0.0, measure)
            overlap[several] = overlap_units_array(measure, self.decimals)
        return overlap


def restore(values, kind):
    """An input column as pyogrio writes it back: integers with NULLs come as float NaN, undo that."""
    import numpy as np

    if kind in ("int32", "int64", "bool") and values.dtype.kind == "f":
        null = np.isnan(values)
        return np.where(null, 0, values).astype(kind), null
    return values, None


def run(job) -> dict:
    import numpy as np

    zones = Zones(job)
    fids, wkb = read_geometries(job)
    _emit("progress", 40)
    choice, mask, count, in_belt, extent = zones.tag(wkb, job["points"])
    _emit("progress", 70)
    null_geometry = count < 0
    writer = "sql"
    try:
        write_with_sql(job, fids, choice, mask, count, in_belt, extent)
    except Exception as error:  # sqlite3.Error, an input not as expected: the general bulk write
        writer = "bulk ({})".format(error)
        names, data, masks = read_attributes(job, fids)
        tag_columns = tag_values(job, choice, mask, count, in_belt)
        for name in job["tag_fields"]:
            names.append(name)
            data.append(tag_columns[name][0])
            masks.append(tag_columns[name][1])
        _emit("progress", 85)
        write(job, wkb, data, names, masks)
    per_zone = np.bincount(choice[choice >= 0], minlength=len(job["zone_keys"]))
    return {
        "features": int(len(count)),
        "null_geometry": int(null_geometry.sum()),
        "tagged": int((count > 0).sum()),
        "edge": int((count > 1).sum()),
        "outside_belt": int((in_belt == 0).sum()),
        "per_zone": [int(v) for v in per_zone],
        "writer": writer,
    }


def read_geometries(job):
    """FIDs and WKB geometries of the whole input layer (no attributes: SQLite copies those)."""
    import numpy as np
    import pyogrio.raw

    _meta, fids, wkb, _data = pyogrio.raw.read(job["path"], layer=job["layer"], columns=[], return_fids=True)
    if fids is None:
        fids = np.arange(len(wkb), dtype=np.int64)
    return np.asarray(fids, dtype=np.int64), wkb


def read_attributes(job, fids, max_features=None):
    """The kept input columns (names, arrays, NULL masks) in output order, as pyogrio writes them back."""
    import numpy as np
    import pyogrio.raw

    fields = job["fields"]  # [name, kind] with kind int32/int64/bool/other
    columns = [name for name, _kind in fields if name != job["fid_column"]]
    _meta, read_fids, _wkb, data = pyogrio.raw.read(
        job["path"],
        layer=job["layer"],
        columns=columns,
        return_fids=True,
        read_geometry=False,
        max_features=max_features,
    )
    if max_features is None and not np.array_equal(np.asarray(read_fids, dtype=np.int64), fids):
        raise ValueError("the input changed while it was read")
    names, arrays, masks = [], [], []
    for name, kind in fields:
        if name == job["fid_column"]:
            values, null = np.asarray(read_fids, dtype=np.int64), None
        else:
            values, null = restore(data[columns.index(name)], kind)
        names.append(name)
        arrays.append(values)
        masks.append(null)
    return names, arrays, masks


def tag_values(job, choice, mask, count, in_belt) -> dict:
    """The tag columns ({name: (values, NULL mask or None)}) for tags as Zones.tag returns them."""
    import numpy as np

    def lookup(values):
        return np.array(list(values) + [None], dtype=object)[choice]

    null_geometry = count < 0
    return {
        "zone_type": (lookup(job["zone_keys"]), None),
        "zone_id": (lookup(job["zone_ids"]), None),
        "zone_name": (lookup(job["zone_names"]), None),
        "zone_types": (np.array(job["types_text"], dtype=object)[mask], None),
        "zone_count": (np.where(null_geometry, 0, count).astype(np.int32), null_geometry),
        "in_belt": (np.where(in_belt < 0, 0, in_belt).astype(np.int32), in_belt < 0),
    }


def write_with_sql(job, fids, choice, mask, count, in_belt, extent) -> None:
    """Write the output inside SQLite: GDAL makes the empty layer (the very schema and metadata the bulk
    write makes), then one INSERT ... SELECT copies FIDs, geometry blobs and attributes from the input,
    joined to the tags; the input's spatial index is copied. Byte for byte the input's values, and no
    row passes through Python. Raises when the input does not allow it (the caller writes in bulk)."""

    import numpy as np
    import pyogrio
    import pyogrio.raw

    source_rtree = _source_rtree(job)
    if source_rtree is None:
        raise ValueError("the input has no spatial index to copy")
    info = pyogrio.read_info(job["path"], layer=job["layer"])
    table, geometry_column = info["layer_name"], info["geometry_name"]
    fid = job["fid_column"]
    pyogrio.set_gdal_config_options(FAST_WRITE_OPTIONS)
    part = Path(job["part_path"])
    gpkg_sqlite.remove(part)
    names, arrays, _masks = read_attributes(job, fids, max_features=1)
    empty_tags = tag_values(job, choice[:0], mask[:0], count[:0], in_belt[:0])
    names += list(job["tag_fields"])
    arrays = [a[:0] for a in arrays] + [empty_tags[name][0] for name in job["tag_fields"]]
    pyogrio.raw.write(
        str(part),
        np.empty(0, dtype=object),
        arrays,
        names,
        **_layer_args(job, spatial_index=False),
    )
    _emit("progress", 75)
    out_table = job["out_layer"]
    statements = _gdal_rtree_sql(job)
    with gpkg_sqlite.transaction(part, attach=job["path"]) as connection:
        select = _select_list(connection, job, names, table, geometry_column)
        triggers = gpkg_sqlite.drop_triggers(connection, out_table)  # the count is set once below
        _tag_tables(connection, job, fids, choice, mask, count, in_belt)
        inserted = connection.execute(
            'INSERT INTO main."{t}" ({columns}) SELECT {values} FROM src."{s}" AS s '
            "CROSS JOIN temp.beltmap_tags AS g CROSS JOIN temp.beltmap_combos AS k "
            'WHERE g.fid = s."{f}" AND k.combo = g.combo'.format(
                t=out_table,
                s=table,
                f=fid,
                columns=", ".join('"{}"'.format(c) for c, _v in select),
                values=", ".join(v for _c, v in select),
            )
        ).rowcount
        if inserted != len(fids):
            raise ValueError("{} rows written for {} features".format(inserted, len(fids)))
        for sql in triggers:
            connection.execute(sql)
        gpkg_sqlite.set_contents(connection, out_table, inserted, extent)
        _emit("progress", 90)
        fill = gpkg_sqlite.copied_entries(out_table, "geom", source_rtree)
        gpkg_sqlite.add_rtree(connection, out_table, "geom", statements, fill)
    os.replace(part, Path(job["out_path"]))


def _select_list(connection, job, names, table, geometry_column):
    """(output column, SQL value) for every column of the empty output layer, in its order."""
    columns = [row[1] for row in connection.execute('PRAGMA main.table_info("{}")'.format(job["out_layer"]))]
    tag_fields = set(job["tag_fields"])
    source = {row[1].lower() for row in connection.execute('PRAGMA src.table_info("{}")'.format(table))}
    select = []
    for column in columns:
        if column == job["fid_column"]:
            value = 's."{}"'.format(job["fid_column"])
        elif column == "geom":
            value = 's."{}"'.format(geometry_column)
        elif column in tag_fields:
            value = 'k."{}"'.format(column)
        elif column in names and column.lower() in source:
            value = 's."{}"'.format(column)
        else:
            raise ValueError("unexpected output column {}".format(column))
        select.append((column, value))
    if len(columns) != len(set(names) | {job["fid_column"], "geom"}):
        raise ValueError("output columns {} for fields {}".format(columns, names))
    srs = connection.execute(
        "SELECT (SELECT srs_id FROM main.gpkg_geometry_columns WHERE lower(table_name) = lower(?)), "
        "(SELECT srs_id FROM src.gpkg_geometry_columns WHERE lower(table_name) = lower(?))",
        (job["out_layer"], table),
    ).fetchone()
    if srs[0] is None or srs[0] != srs[1]:  # geometry blobs carry the srs_id: copied only when it holds
        raise ValueError("spatial reference ids differ ({} and {})".format(*srs))
    return select


def _tag_tables(connection, job, fids, choice, mask, count, in_belt) -> None:
    """temp.beltmap_combos: each distinct set of tags once; temp.beltmap_tags: (fid, combo) per feature."""
    import numpy as np

    key = (
        ((choice + 1).astype(np.int64) << 32)
        | (mask.astype(np.int64) << 24)
        | ((count + 1).astype(np.int64) << 2)
        | (in_belt + 1).astype(np.int64)
    )
    if len(key) and ((count + 1).max() >= 1 << 22 or (choice + 1).max() >= 1 << 30):
        raise ValueError("too many zones for the tag table")
    _unique, first, combo = np.unique(key, return_index=True, return_inverse=True)
    combo = combo.ravel().astype(np.int64)
    names = list(job["tag_fields"])
    values = tag_values(job, choice[first], mask[first], count[first], in_belt[first])
    columns = []
    for name in names:
        data, null = values[name]
        column = data.tolist()
        if null is not None:
            column = [None if n else v for v, n in zip(column, null.tolist())]
        columns.append(column)
    connection.execute(
        "CREATE TEMP TABLE beltmap_combos (combo INTEGER PRIMARY KEY, {})".format(
            ", ".join('"{}"'.format(n) for n in names)
        )
    )
    connection.executemany(
        "INSERT INTO temp.beltmap_combos VALUES ({})".format(", ".join("?" * (len(names) + 1))),
        zip(range(len(first)), *columns),
    )
    connection.execute("CREATE TEMP TABLE beltmap_tags (fid INTEGER PRIMARY KEY, combo INTEGER)")
    if len(fids) and fids.min() >= 0 and fids.max() < 1 << 42 and len(first) < 1 << 20:
        try:  # one JSON array of fid << 20 | combo: far faster than a million bound rows
            packed = "[" + ",".join(map(str, ((fids << 20) | combo).tolist())) + "]"
            connection.execute(
                "INSERT INTO temp.beltmap_tags SELECT value >> 20, value & 1048575 FROM json_each(?)",
                (packed,),
            )
            return
        except Exception as error:  # an SQLite without JSON functions
            sys.stderr.write("tags bound row by row ({})\n".format(error))
            connection.execute("DELETE FROM temp.beltmap_tags")
    connection.executemany("INSERT INTO temp.beltmap_tags VALUES (?, ?)", zip(fids.tolist(), combo.tolist()))


def write(job, wkb, data, names, masks) -> None:
    """Write the GeoPackage beside its final place, then move it there (never a half-written file).

    The output has the input's FIDs and geometries, so its spatial index is the input's: when the input
    has one, it is copied (a second or more faster on a million points than building it again).
    """
    import pyogrio
    import pyogrio.raw

    pyogrio.set_gdal_config_options(FAST_WRITE_OPTIONS)
    out = Path(job["out_path"])
    part = Path(job["part_path"])
    source_index = _source_rtree(job)
    for copy_index in [True, False] if source_index else [False]:
        gpkg_sqlite.remove(part)
        pyogrio.raw.write(
            str(part),
            wkb,
            data,
            names,
            field_mask=masks,
            **_layer_args(job, spatial_index=not copy_index),
        )
        if not copy_index:
            break
        try:
            _copy_rtree(part, job, source_index)
            break
        except Exception as error:  # sqlite3.Error, or an index not as expected: build it instead
            sys.stderr.write("spatial index not copied ({}), building it\n".format(error))
    os.replace(part, out)


def _layer_args(job, spatial_index: bool) -> dict:
    """pyogrio's write arguments for the output layer: its name, type, CRS, GeoPackage version, fid and
    geometry columns, and whether GDAL builds the spatial index."""
    return {
        "layer": job["out_layer"],
        "driver": "GPKG",
        "geometry_type": job["geometry_type"],
        "crs": job["crs"],
        "dataset_options": {"VERSION": job["gpkg_version"]},
        "layer_options": {
            "FID": job["fid_column"] or "fid",
            "GEOMETRY_NAME": "geom",
            "SPATIAL_INDEX": "YES" if spatial_index else "NO",
        },
    }


def _source_rtree(job):
    """The input's spatial index table when it has one that can be copied, else None."""
    import pyogrio

    info = pyogrio.read_info(job["path"], layer=job["layer"])
    table, column = info.get("layer_name"), info.get("geometry_name")
    if not table or not column or not job["fid_column"] or info.get("fid_column") != job["fid_column"]:
        return None
    return gpkg_sqlite.source_rtree(job["path"], table, column)


def _gdal_rtree_sql(job):
    """The R-tree statements GDAL writes for the output layer, from an empty layer GDAL makes with the
    same names and version (gpkg_sqlite.rtree_sql)."""
    import numpy as np
    import pyogrio.raw

    with tempfile.TemporaryDirectory(prefix="beltmap-rtree-") as folder:
        path = os.path.join(folder, "empty.gpkg")
        pyogrio.raw.write(
            path,
            np.empty(0, dtype=object),
            [],
            [],
            **_layer_args(job, spatial_index=True),
        )
        return gpkg_sqlite.rtree_sql(path, job["out_layer"])


def _copy_rtree(part: Path, job, source_rtree: str) -> None:
    """Give the output the input's spatial index: same FIDs and geometries, so the same index."""
    table = job["out_layer"]
    statements = _gdal_rtree_sql(job)
    with gpkg_sqlite.transaction(part, attach=job["path"]) as connection:
        gpkg_sqlite.add_rtree(
            connection, table, "geom", statements, gpkg_sqlite.copied_entries(table, "geom", source_rtree)
        )


def main(argv) -> int:
    with open(argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    _emit("result", json.dumps(run(job)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
