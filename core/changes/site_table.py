"""A year's sites as columns (key, position in the work CRS, category, the compared values) and the pure
operations on them; no QGIS here (the readers live in sites.py)."""

import zlib
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np

from ..base.site_fields import SITE_KEY_FIELDS
from ..tagging.rule import is_tag_field

__all__ = ["SITE_KEY_FIELDS", "SiteTable"]

# never compared: the feature id and what tagging writes (a zone change is `retagged`, not `changed`)
SKIPPED_FIELDS = ("fid", "ogc_fid")


@dataclass
class SiteTable:
    """One year's sites, index i describing site i; attribute values by column."""

    fields: List[str]  # the attribute fields compared, in order
    columns: List[np.ndarray]  # per field: values (object: plain Python values; or numpy bytes/numbers)
    nulls: List[np.ndarray]  # per field: True where NULL
    keys: np.ndarray  # the key as text ('U'), '' where missing
    key_null: np.ndarray
    xy: np.ndarray  # n x 2 metres in the work CRS, NaN without geometry
    category: np.ndarray  # object: text or None
    names: np.ndarray  # object: text or None
    key_field: Optional[str] = None
    null_geometries: int = 0
    unique: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    category_code: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    row_hash: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n(self) -> int:
        """How many sites."""
        return len(self.xy)

    @property
    def has_geom(self) -> np.ndarray:
        """True where the site has a position."""
        return np.isfinite(self.xy).all(axis=1) if len(self.xy) else np.zeros(0, bool)

    def key(self, i: int) -> Optional[str]:
        """The key of site i, None when it has none."""
        return None if self.key_null[i] else str(self.keys[i])

    def value(self, i: int, k: int):
        """The plain value of field k of site i."""
        if self.nulls[k][i]:
            return None
        return plain(self.columns[k][i])


def plain(value):
    """A value comparable across providers and years: NULL → None, dates as ISO text, 2.0 → 2."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, np.generic):
        value = value.item()
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


def text_array(values) -> np.ndarray:
    """An object array of text or None."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def key_arrays(texts) -> tuple:
    """('U' keys with '' for missing, missing mask) from key texts (None for missing)."""
    null = np.array([t is None for t in texts], dtype=bool)
    keys = np.array(["" if t is None else t for t in texts], dtype=str) if len(texts) else np.zeros(0, "U1")
    return keys, null


def row_hashes(table: SiteTable, rows: np.ndarray) -> np.ndarray:
    """A stable hash of the compared values of the given sites (the same in every run, unlike hash())."""
    out = np.zeros(table.n, dtype=np.int64)
    for i in rows.tolist():
        values = tuple(table.value(i, k) for k in range(len(table.fields)))
        out[i] = zlib.crc32(repr(values).encode("utf-8"))
    return out


def differing(before: SiteTable, after: SiteTable, bi: np.ndarray, ai: np.ndarray) -> List[np.ndarray]:
    """Per compared field, True where the pair's values differ (NULL equals NULL only)."""
    result = []
    for k in range(len(before.fields)):
        cb, ca = before.columns[k], after.columns[k]
        nb, na = before.nulls[k][bi], after.nulls[k][ai]
        if cb.dtype.kind != ca.dtype.kind or cb.dtype.kind == "O":
            vb = [plain(v) for v in cb[bi].tolist()]
            va = [plain(v) for v in ca[ai].tolist()]
            differ = np.array([x != y for x, y in zip(vb, va)], dtype=bool)
        else:
            differ = np.asarray(cb[bi] != ca[ai], dtype=bool)
        result.append((differ & ~nb & ~na) | (nb != na))
    return result
