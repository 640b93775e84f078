"""A year's sites as columns in the work CRS: key, position, category, the compared attribute values.

Two readers give the same table: the QGIS one (any layer or feature source) and, for a whole GeoPackage
point layer, GDAL's Arrow stream (QGIS's own GDAL, columns straight into numpy: a million sites in seconds).
The bulk reader applies to a whole, unfiltered GeoPackage point layer without unsaved edits (the test of
the reach engine, core/reach/gpkg_source.whole_gpkg_layer), given as the layer itself (beltchanges passes
its sites layer so when the whole layer is used); a feature source, filters, selections, edits and other
formats are read feature by feature through QGIS.
"""

from typing import Dict, Optional, Sequence, Tuple

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsPointXY,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...i18n import tr
from ..base.model import WORK_CRS
from ..base.progress import check_cancel
from ..base.site_fields import SITE_CATEGORY_FIELDS, SITE_NAME_FIELDS
from ..base.zone_types import find_field
from ..reach.gpkg_source import whole_gpkg_layer
from ..tagging.zone_set import all_features, no_check_request
from .site_table import SiteTable, key_arrays, key_text, plain, text_array


def read_sites(
    source,
    key_field: Optional[str],
    fields: Sequence[str],
    transform_context,
    progress,
    as_text=(),
    what: str = "",
) -> SiteTable:
    """Every site of a layer or feature source, positions transformed to the work CRS.

    A line or polygon site is placed at its point on surface; a NULL or empty geometry gives NaN.
    Fields in as_text (of different types in the two years) are compared as text. what: the year's name
    for the log line saying how the sites were read.
    """
    where = bulk_table(source)
    table = _read_arrow(where, source, key_field, fields, transform_context, progress) if where else None
    if table is None:
        table = _read_qgis(source, key_field, fields, transform_context, progress)
        if what:
            progress.pushInfo(tr("{}: {} sites read feature by feature through QGIS").format(what, table.n))
    elif what:
        progress.pushInfo(tr("{}: {} sites read in bulk from the GeoPackage").format(what, table.n))
    for k, name in enumerate(table.fields):
        if name in as_text:
            table.columns[k] = text_array([key_text(v) for v in table.columns[k]])
            table.nulls[k] = table.nulls[k] | np.array([v is None for v in table.columns[k]], dtype=bool)
    table.null_geometries = int((~table.has_geom).sum())
    return table


def _transform(source, transform_context):
    work = QgsCoordinateReferenceSystem(WORK_CRS)
    crs = source.sourceCrs()
    if crs.isValid() and crs != work:
        return QgsCoordinateTransform(crs, work, transform_context)
    return None


def _read_qgis(source, key_field, fields, transform_context, progress) -> SiteTable:
    """The QGIS reader: any layer or feature source, feature by feature."""
    names = source.fields().names()
    index = {name: names.index(name) for name in names}
    category_field = find_field(names, SITE_CATEGORY_FIELDS)
    name_field = find_field(names, SITE_NAME_FIELDS)
    transform = _transform(source, transform_context)
    total = max(source.featureCount(), 1)
    wanted = [index[f] for f in fields]
    key_index = index.get(key_field) if key_field else None
    values = [[] for _ in fields]
    keys, xs, ys, categories, labels = [], [], [], [], []
    for n, feature in enumerate(all_features(source, no_check_request())):
        if n % 5000 == 0:
            check_cancel(progress)
            progress.setProgress(30.0 * n / total)
        attrs = feature.attributes()
        for column, i in zip(values, wanted):
            column.append(plain(attrs[i]))
        keys.append(key_text(attrs[key_index]) if key_index is not None else None)
        categories.append(key_text(attrs[index[category_field]]) if category_field else None)
        labels.append(key_text(attrs[index[name_field]]) if name_field else None)
        x, y = _position(feature.geometry(), transform)
        xs.append(x)
        ys.append(y)
    columns = [text_array(column) for column in values]
    key_array, key_null = key_arrays(keys)
    return SiteTable(
        fields=list(fields),
        columns=columns,
        nulls=[np.array([v is None for v in column], dtype=bool) for column in columns],
        keys=key_array,
        key_null=key_null,
        xy=np.column_stack([np.array(xs, float), np.array(ys, float)]) if xs else np.zeros((0, 2)),
        category=text_array(categories),
        names=text_array(labels),
        key_field=key_field,
    )


def _position(geometry, transform):
    """(x, y) in the work CRS of a site geometry, NaN when it has none."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return float("nan"), float("nan")
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.PointGeometry or geometry.isMultipart():
        geometry = geometry.pointOnSurface()
        if geometry.isNull() or geometry.isEmpty():
            return float("nan"), float("nan")
    point = geometry.asPoint()
    if transform is not None:
        try:
            point = transform.transform(point)
        except Exception:  # noqa: BLE001 (a point outside the CRS's area: no usable position)
            return float("nan"), float("nan")
    return point.x(), point.y()


def bulk_table(source) -> Optional[Tuple[str, str]]:
    """(path, table) when source can be read in bulk: a whole GeoPackage point layer without filter or
    unsaved edits, else None."""
    whole = whole_gpkg_layer(source) if isinstance(source, QgsVectorLayer) else None
    return (whole.path, whole.table) if whole is not None else None


def _read_arrow(where, source, key_field, fields, transform_context, progress) -> Optional[SiteTable]:
    """The GDAL Arrow reader for a whole GeoPackage point layer at where (path, table); None when it does
    not apply (old GDAL, a column it does not give, geometries other than 2D points)."""
    from osgeo import ogr

    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        return None
    dataset = ogr.Open(where[0])
    layer = dataset.GetLayerByName(where[1]) if dataset is not None else None
    if layer is None:
        return None
    names = source.fields().names()
    category_field = find_field(names, SITE_CATEGORY_FIELDS)
    name_field = find_field(names, SITE_NAME_FIELDS)
    geometry_column = layer.GetGeometryColumn() or "geom"
    wanted = list(dict.fromkeys(list(fields) + [f for f in (key_field, category_field, name_field) if f]))
    batches: Dict[str, list] = {name: [] for name in wanted + [geometry_column]}
    for batch in layer.GetArrowStreamAsNumPy(options=["MAX_FEATURES_IN_BATCH=200000"]):
        check_cancel(progress)
        for name in batches:
            if name not in batch:
                return None
            batches[name].append(batch[name])
    merged = {name: _concat(parts) for name, parts in batches.items()}
    xy = _wkb_points(merged.pop(geometry_column))
    if xy is None:
        return None
    transform = _transform(source, transform_context)
    if transform is not None:
        xy = _transformed(xy, transform)
    columns, nulls = [], []
    for name in fields:
        values, null = merged[name]
        columns.append(values)
        nulls.append(null)

    def texts(name):
        if not name:
            return text_array([None] * len(xy))
        values, null = merged[name]
        if values.dtype.kind == "S":
            text = _decoded(values)
            if name == category_field:  # a few categories: one text object each, shared by the sites
                uniques, inverse = np.unique(text, return_inverse=True)
                decoded = uniques.astype(object)[inverse]
            else:
                decoded = text.astype(object)
            decoded[null | (decoded == "")] = None
            return decoded
        return text_array([None if n else key_text(v) for v, n in zip(values.tolist(), null.tolist())])

    if key_field:
        values, null = merged[key_field]
        if values.dtype.kind == "S":
            keys = _decoded(values)
            key_null = null | (keys == "")
        else:
            keys, key_null = key_arrays(
                [None if n else key_text(v) for v, n in zip(values.tolist(), null.tolist())]
            )
    else:
        keys, key_null = np.zeros(len(xy), "U1"), np.ones(len(xy), bool)
    dataset = None
    return SiteTable(
        fields=list(fields),
        columns=columns,
        nulls=nulls,
        keys=keys,
        key_null=key_null,
        xy=xy,
        category=texts(category_field),
        names=texts(name_field),
        key_field=key_field,
    )


# what str.strip() removes at either end (key_text strips keys, names and categories so)
_SPACES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)


def _decoded(values: np.ndarray) -> np.ndarray:
    """UTF-8 bytes ('S') as stripped text ('U'), as key_text gives them: ASCII decoded in one go, and
    only the values with white space at an end stripped one by one."""
    try:
        text = values.astype("U")  # ASCII only; anything else raises
    except UnicodeDecodeError:
        text = np.char.decode(values, "utf-8")
    if not len(text) or text.dtype.itemsize == 0:
        return text
    lengths = np.char.str_len(text)
    codes = text.view(np.uint32).reshape(len(text), -1)
    rows = np.arange(len(text))
    first, last = codes[:, 0], codes[rows, np.maximum(lengths - 1, 0)]
    padded = (lengths > 0) & (np.isin(first, _SPACES) | np.isin(last, _SPACES))
    if padded.any():
        text = text.copy()
        for i in np.flatnonzero(padded).tolist():
            text[i] = str(text[i]).strip()
    return text


def _concat(parts):
    """(values, null mask) of a column's batches (masked arrays give their mask)."""
    if not parts:
        return np.zeros(0), np.zeros(0, bool)
    masks = [np.ma.getmaskarray(p) for p in parts]
    datas = [np.ma.getdata(p) for p in parts]
    if datas[0].dtype.kind == "S":
        width = max(d.dtype.itemsize for d in datas)
        datas = [d.astype("S{}".format(max(width, 1))) for d in datas]
    return np.concatenate(datas), np.concatenate(masks)


def _wkb_points(column) -> Optional[np.ndarray]:
    """n x 2 coordinates from a column of 2D point WKB (NaN for NULL), None when not all are 2D points."""
    values, null = column
    n = len(values)
    xy = np.full((n, 2), np.nan)
    if values.dtype.kind == "V" and values.dtype.itemsize == 21:
        raw = np.frombuffer(
            values.tobytes(), dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")]
        )
        if not ((raw["order"] == 1) & (raw["type"] == 1) | null).all():
            return None
        ok = ~null
        xy[ok, 0], xy[ok, 1] = raw["x"][ok], raw["y"][ok]
        return xy
    if values.dtype.kind == "O" and n:  # newer GDAL: one bytes object per row
        ok = ~null & np.array([b is not None and len(b) == 21 for b in values.tolist()], dtype=bool)
        if ok.all() or (ok | null).all():
            if ok.any():
                joined = b"".join(bytes(b) for b in values[ok].tolist())
                raw = np.frombuffer(
                    joined, dtype=[("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")]
                )
                if not ((raw["order"] == 1) & (raw["type"] == 1)).all():
                    return None
                xy[ok, 0], xy[ok, 1] = raw["x"], raw["y"]
            return xy
    from osgeo import ogr

    for i, blob in enumerate(values.tolist()):
        if null[i] or blob is None:
            continue
        geometry = ogr.CreateGeometryFromWkb(bytes(blob))
        if geometry is None or geometry.IsEmpty():
            continue
        if ogr.GT_Flatten(geometry.GetGeometryType()) != ogr.wkbPoint:
            return None
        xy[i] = geometry.GetX(), geometry.GetY()
    return xy


def _transformed(xy: np.ndarray, transform) -> np.ndarray:
    """Coordinates through a QGIS transform (NaN where it fails or there is none)."""
    out = np.full_like(xy, np.nan)
    for i in np.flatnonzero(np.isfinite(xy).all(axis=1)).tolist():
        try:
            point = transform.transform(QgsPointXY(xy[i, 0], xy[i, 1]))
        except Exception:  # noqa: BLE001 (outside the CRS's area)
            continue
        out[i] = point.x(), point.y()
    return out
