"""A year's sites as arrays in the work CRS: key, position, category, compared attribute values."""

import zlib
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsWkbTypes

from ..model import WORK_CRS
from ..progress import check_cancel
from ..tag_rule import is_tag_field
from ..zone_set import all_features, no_check_request
from ..zone_types import find_field

# the id fields the loader and validation know for sites, in order of preference
SITE_KEY_FIELDS = ("site_id", "id", "编号", "code")
CATEGORY_FIELDS = ("category", "类别")
NAME_FIELDS = ("name", "名称")
# never compared: the feature id and what tagging writes (a zone change is `retagged`, not `changed`)
SKIPPED_FIELDS = ("fid", "ogc_fid")


@dataclass
class SiteTable:
    """One year's sites, index i describing site i."""

    fields: List[str]  # the attribute fields compared, in order
    values: List[tuple]  # per site, the plain values of `fields`
    keys: List[Optional[str]]  # the key as text, None when missing
    xy: np.ndarray  # n x 2 metres in the work CRS, NaN without geometry
    has_geom: np.ndarray
    category: List[Optional[str]]
    names: List[Optional[str]]
    fids: List[int]
    key_field: Optional[str] = None
    key_type: str = ""
    null_geometries: int = 0
    unique: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    category_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    row_hash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n(self) -> int:
        """How many sites."""
        return len(self.keys)


def plain(value):
    """A value comparable across providers and years: NULL → None, dates as ISO text, 2.0 → 2."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        if value != value:
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, (int, str)):
        return value
    if hasattr(value, "toPyDateTime"):
        return value.toPyDateTime().isoformat()
    if hasattr(value, "toPyDate"):
        return value.toPyDate().isoformat()
    if hasattr(value, "toPyTime"):
        return value.toPyTime().isoformat()
    return str(value)


def key_text(value) -> Optional[str]:
    """A key as text ('7', '7.0' and 7 are the same key); None for NULL or blank."""
    value = plain(value)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def compared_fields(names: Sequence[str]) -> List[str]:
    """The fields of a sites layer whose values are compared between years."""
    return [n for n in names if n.lower() not in SKIPPED_FIELDS and not is_tag_field(n)]


def row_hash(values: tuple) -> int:
    """A stable hash of a site's compared values (the same in every run, unlike hash())."""
    return zlib.crc32(repr(values).encode("utf-8"))


def read_sites(
    source, key_field: Optional[str], fields: Sequence[str], transform_context, progress, as_text=()
) -> SiteTable:
    """Every site of a layer or feature source, positions transformed to the work CRS.

    A line or polygon site is placed at its point on surface; a NULL or empty geometry gives NaN.
    Fields in as_text (of different types in the two years) are compared as text.
    """
    names = source.fields().names()
    index = {name: names.index(name) for name in names}
    category_field = find_field(names, CATEGORY_FIELDS)
    name_field = find_field(names, NAME_FIELDS)
    work = QgsCoordinateReferenceSystem(WORK_CRS)
    crs = source.sourceCrs()
    transform = None
    if crs.isValid() and crs != work:
        transform = QgsCoordinateTransform(crs, work, transform_context)
    total = max(source.featureCount(), 1)
    keys, values, xs, ys, categories, labels, fids = [], [], [], [], [], [], []
    wanted = [index[f] for f in fields]
    text_positions = [k for k, f in enumerate(fields) if f in as_text]
    key_index = index.get(key_field) if key_field else None
    for n, feature in enumerate(all_features(source, no_check_request())):
        if n % 5000 == 0:
            check_cancel(progress)
            progress.setProgress(30.0 * n / total)
        attrs = feature.attributes()
        row = [plain(attrs[i]) for i in wanted]
        for k in text_positions:
            row[k] = key_text(row[k])
        values.append(tuple(row))
        keys.append(key_text(attrs[key_index]) if key_index is not None else None)
        categories.append(key_text(attrs[index[category_field]]) if category_field else None)
        labels.append(key_text(attrs[index[name_field]]) if name_field else None)
        fids.append(feature.id())
        x, y = _position(feature.geometry(), transform)
        xs.append(x)
        ys.append(y)
    xy = np.column_stack([np.array(xs, float), np.array(ys, float)]) if xs else np.zeros((0, 2))
    has_geom = np.isfinite(xy).all(axis=1) if len(xy) else np.zeros(0, bool)
    key_type = ""
    if key_field:
        key_type = source.fields().field(key_field).typeName()
    return SiteTable(
        fields=list(fields),
        values=values,
        keys=keys,
        xy=xy,
        has_geom=has_geom,
        category=categories,
        names=labels,
        fids=fids,
        key_field=key_field,
        key_type=key_type,
        null_geometries=int((~has_geom).sum()),
    )


def _position(geometry, transform):
    """(x, y) in the work CRS of a site geometry, NaN when it has none."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return float("nan"), float("nan")
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.PointGeometry or geometry.isMultipart():
        geometry = geometry.pointOnSurface()
        if geometry.isNull() or geometry.isEmpty():
            return float("nan"), float("nan")
    point = geometry.asPoint() if not geometry.isMultipart() else geometry.asMultiPoint()[0]
    if transform is not None:
        try:
            point = transform.transform(point)
        except Exception:  # noqa: BLE001 (a point outside the CRS's area: no usable position)
            return float("nan"), float("nan")
    return point.x(), point.y()


def finish_pair(before: SiteTable, after: SiteTable) -> Dict[str, int]:
    """Fill the matching arrays of both years (key uniqueness, shared category codes, row hashes)."""
    from .matching import key_status

    codes: Dict[Optional[str], int] = {}
    for table in (before, after):
        table.unique, _dups = key_status(table.keys)
        table.category_code = np.array(
            [codes.setdefault(c, len(codes)) for c in table.category], dtype=np.int64
        )
        table.row_hash = np.array([row_hash(v) for v in table.values], dtype=np.int64)
    return codes
