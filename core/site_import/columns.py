"""Which columns of a site list hold the longitude and latitude (or one "lon,lat" column), by header
and, where the header says nothing, by content."""

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from ..base import coords
from .table import SiteTableError

X_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x", "xcoord", "x坐标", "横坐标")
Y_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "point_y", "ycoord", "y坐标", "纵坐标")
PAIR_NAMES = (
    "lonlat", "lnglat", "location", "coordinates", "coordinate", "coords", "position", "经纬度", "坐标",
    "位置", "latlon", "latlng", "gps",
)  # fmt: skip
LAT_FIRST_NAMES = ("latlon", "latlng")


@dataclass
class XYSpec:
    """Where a table keeps its coordinates: two columns, or one column holding both."""

    x: Optional[int] = None
    y: Optional[int] = None
    pair: Optional[int] = None
    lat_first: bool = False

    def describe(self, headers: Sequence[str]) -> str:
        """The column names, for messages and results."""
        if self.pair is not None:
            return "{} ({})".format(headers[self.pair], "lat,lon" if self.lat_first else "lon,lat")
        return "{} / {}".format(headers[self.x], headers[self.y])


# ---------------------------------------------------------------------------------------------
# reading


def _header_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"[(\[（【].*?[)\]）】]", "", text)  # units or systems in brackets: 经度(GCJ02)
    return re.sub(r"[\s\-./:]", "", text).strip("_")


def _match(headers: Sequence[str], names: Sequence[str]) -> Optional[int]:
    keys = [_header_key(h) for h in headers]
    for name in names:  # exact names first, in order of preference
        if name in keys:
            return keys.index(name)
    for name in names:  # then a longer header that starts with a name: lng_gcj02, 经度坐标
        if len(name) < 2:
            continue
        for index, key in enumerate(keys):
            if key.startswith(name + "_") or (not name.isascii() and name in key):
                return index
    return None


def find_xy(
    headers: Sequence[str], sample: Sequence[Sequence[Any]], x_field: str = "", y_field: str = ""
) -> XYSpec:
    """The coordinate columns: as given, else by name, else a column whose cells hold 'lon,lat' pairs."""

    def named(field_name):
        if field_name in headers:
            return headers.index(field_name)
        lowered = [h.lower() for h in headers]
        if field_name.lower() in lowered:
            return lowered.index(field_name.lower())
        raise SiteTableError(
            "There is no column '{}'. The columns are: {}.".format(field_name, ", ".join(headers))
        )

    if x_field and y_field and x_field == y_field:
        return XYSpec(pair=named(x_field), lat_first=_lat_first(sample, named(x_field)))
    if x_field and y_field:
        return XYSpec(x=named(x_field), y=named(y_field))
    x = named(x_field) if x_field else _match(headers, X_NAMES)
    y = named(y_field) if y_field else _match(headers, Y_NAMES)
    if x is not None and y is not None and x != y:
        return XYSpec(x=x, y=y)
    pair = _match(headers, PAIR_NAMES)
    if pair is None:
        pair = _pair_column_by_content(headers, sample)
    if pair is not None:
        lat_first = _header_key(headers[pair]) in LAT_FIRST_NAMES or _lat_first(sample, pair)
        return XYSpec(pair=pair, lat_first=lat_first)
    raise SiteTableError(
        "No longitude/latitude columns were found among: {}. Name them lon/lat (or lng, longitude, x, 经度 / "
        "latitude, y, 纬度), or put 'lon,lat' in one column named location or 经纬度, or set X_FIELD and "
        "Y_FIELD.".format(", ".join(headers) or "(no columns)")
    )


def cell(row: Sequence[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _pair_column_by_content(headers: Sequence[str], sample: Sequence[Sequence[Any]]) -> Optional[int]:
    for index in range(len(headers)):
        values = [cell(row, index) for row in sample[:50]]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        good = 0
        for value in values:
            try:
                coords.parse_pair(value)
                good += 1
            except coords.CoordinateError:
                pass
        if good >= max(1, 0.8 * len(values)):
            return index
    return None


def _lat_first(sample: Sequence[Sequence[Any]], index: int) -> bool:
    """True when most pairs of a column read as (lat, lon) in China: Baidu's order in some exports."""
    votes = 0
    for row in sample[:200]:
        try:
            a, b = coords.parse_pair(cell(row, index))
        except coords.CoordinateError:
            continue
        if coords.in_china(b, a) and not coords.in_china(a, b):
            votes += 1
        elif coords.in_china(a, b) and not coords.in_china(b, a):
            votes -= 1
    return votes > 0


# ---------------------------------------------------------------------------------------------
# rows to positions
