"""Chinese web-map coordinates (GCJ-02, BD-09) and coordinate text as people type it.

GCJ-02 ("Mars coordinates", AMap/Gaode, Tencent) is WGS84 moved by an obfuscating offset of a few
hundred metres; BD-09 (Baidu) adds a further rotation and shift. The official transform is not
published: the forward formula used everywhere (a = 6378245.0, ee = 0.00669342162296594323) is a
public approximation of it, and outside China it defines no offset. The inverse is computed by
iterating the forward formula, which brings the round trip below a millimetre.

This module imports nothing from QGIS, so that scripts and tests can use it anywhere.
"""

import math
import re
import unicodedata
from typing import Optional, Tuple

from ..errors import BeltMapError

GCJ_A = 6378245.0
GCJ_EE = 0.00669342162296594323
BD_X_PI = math.pi * 3000.0 / 180.0

# rough bounding box of China used by the forward transform: outside it there is no offset
CHINA_LON = (72.004, 137.8347)
CHINA_LAT = (0.8293, 55.8271)

WGS84 = "WGS84"
GCJ02 = "GCJ02"
BD09 = "BD09"
CGCS2000 = "CGCS2000"


def out_of_china(lon: float, lat: float) -> bool:
    """True where the GCJ-02 forward transform applies no offset."""
    return not (CHINA_LON[0] <= lon <= CHINA_LON[1] and CHINA_LAT[0] <= lat <= CHINA_LAT[1])


def _delta_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> Tuple[float, float]:
    """The published forward transform WGS84 → GCJ-02 (no offset outside China)."""
    if out_of_china(lon, lat):
        return lon, lat
    d_lat = _delta_lat(lon - 105.0, lat - 35.0)
    d_lon = _delta_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1.0 - GCJ_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((GCJ_A * (1.0 - GCJ_EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (GCJ_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lon + d_lon, lat + d_lat


def _invert(forward, lon: float, lat: float, first_guess: Tuple[float, float]) -> Tuple[float, float]:
    """Solve forward(x, y) = (lon, lat) by fixed-point iteration (the offsets change slowly)."""
    x, y = first_guess
    for _ in range(30):
        fx, fy = forward(x, y)
        dx, dy = lon - fx, lat - fy
        x, y = x + dx, y + dy
        if abs(dx) < 1e-12 and abs(dy) < 1e-12:
            break
    return x, y


def gcj02_to_wgs84(lon: float, lat: float) -> Tuple[float, float]:
    """GCJ-02 → WGS84 by iterating the forward transform; the round trip is below 1 mm."""
    if out_of_china(lon, lat):
        return lon, lat
    return _invert(wgs84_to_gcj02, lon, lat, (lon, lat))


def gcj02_to_bd09(lon: float, lat: float) -> Tuple[float, float]:
    """The published forward transform GCJ-02 → BD-09 (no offset outside China)."""
    if out_of_china(lon, lat):
        return lon, lat
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * BD_X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * BD_X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def _bd09_to_gcj02_approx(lon: float, lat: float) -> Tuple[float, float]:
    x, y = lon - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * BD_X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * BD_X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def bd09_to_gcj02(lon: float, lat: float) -> Tuple[float, float]:
    """BD-09 → GCJ-02: the published approximate inverse, refined by iterating the forward transform."""
    if out_of_china(lon, lat):
        return lon, lat
    return _invert(gcj02_to_bd09, lon, lat, _bd09_to_gcj02_approx(lon, lat))


def wgs84_to_bd09(lon: float, lat: float) -> Tuple[float, float]:
    """WGS84 → BD-09 via GCJ-02."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> Tuple[float, float]:
    """BD-09 → WGS84 via GCJ-02."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


TO_WGS84 = {WGS84: None, CGCS2000: None, GCJ02: gcj02_to_wgs84, BD09: bd09_to_wgs84}

# spellings accepted for SOURCE_CRS, cleaned (lower case, no spaces, dashes or underscores)
SYSTEM_ALIASES = {
    WGS84: ("wgs84", "wgs1984", "epsg:4326", "4326", "gps", "osm"),
    GCJ02: ("gcj02", "gcj", "mars", "火星坐标", "amap", "gaode", "高德", "tencent", "qq", "腾讯", "国测局"),
    BD09: ("bd09", "bd09ll", "bd", "baidu", "百度"),
    CGCS2000: ("cgcs2000", "epsg:4490", "4490", "国家2000", "2000国家大地坐标系"),
}


def source_system(text) -> Optional[str]:
    """WGS84 / GCJ02 / BD09 / CGCS2000 for a SOURCE_CRS spelling, None when it is something else."""
    cleaned = re.sub(r"[\s_\-]", "", unicodedata.normalize("NFKC", str(text or ""))).lower()
    for system, aliases in SYSTEM_ALIASES.items():
        if cleaned in aliases:
            return system
    return None


def metres_between(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (spherical, good to a few parts in a thousand)."""
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


# ---------------------------------------------------------------------------------------------
# coordinate text


class CoordinateError(BeltMapError, ValueError):
    """Text that is not a coordinate; the message says why (in English, for the errors table)."""


_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_NEGATIVE_HEMI = {"s", "w", "南", "西", "南纬", "西经"}
_HEMI_WORDS = ("北纬", "南纬", "东经", "西经", "北", "南", "东", "西", "n", "s", "e", "w")
_DEGREE_MARKS = ("°", "º", "˚", "度", "deg")
_MINUTE_MARKS = ("′", "'", "’", "‘", "分")
_SECOND_MARKS = ("″", '"', "”", "“", "秒", "''", "′′", "’’")


def _clean_text(value) -> str:
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text.replace("\u3000", " ").replace("−", "-").replace("－", "-")


def parse_coordinate(value) -> float:
    """A number of degrees (or metres) from text: decimal, DMS (121°10′30″, 121度10分30秒, 121:10:30),
    full-width digits, a hemisphere letter (E/W/N/S, 东经/北纬) and a degree sign or unit.

    Raises CoordinateError with the reason when the text is empty or not a coordinate.
    """
    if value is None:
        raise CoordinateError("missing")
    if isinstance(value, bool):
        raise CoordinateError("not a number: {}".format(value))
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number):
            raise CoordinateError("not a finite number: {}".format(value))
        return number
    text = _clean_text(value)
    if not text or text.lower() in ("null", "none", "nan", "n/a", "na", "-", "—"):
        raise CoordinateError("missing")
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if not math.isfinite(number):
            raise CoordinateError("not a finite number: {}".format(text))
        return number
    return _parse_text(text)


def _parse_text(text: str) -> float:
    lowered = text.lower()
    sign = 1.0
    for word in _HEMI_WORDS:  # a hemisphere before or after the number
        if lowered.startswith(word) or lowered.endswith(word):
            if word in _NEGATIVE_HEMI:
                sign = -1.0
            lowered = lowered[len(word) :] if lowered.startswith(word) else lowered[: -len(word)]
            lowered = lowered.strip()
            break
    if lowered.startswith("-"):
        sign, lowered = -sign, lowered[1:].strip()
    elif lowered.startswith("+"):
        lowered = lowered[1:].strip()
    if "," in lowered and "." not in lowered and lowered.count(",") == 1:
        lowered = lowered.replace(",", ".")  # decimal comma: 121,17595
    numbers = [float(n) for n in _NUMBER.findall(lowered)]
    rest = _NUMBER.sub(" ", lowered)
    for mark in (*_SECOND_MARKS, *_MINUTE_MARKS, *_DEGREE_MARKS, ":"):
        rest = rest.replace(mark, " ")
    rest = rest.strip()
    if rest:
        raise CoordinateError("not a coordinate: '{}' (unexpected '{}')".format(text, rest))
    if not numbers:
        raise CoordinateError("not a number: '{}'".format(text))
    if len(numbers) > 3:
        raise CoordinateError("not a coordinate: '{}' (too many numbers)".format(text))
    degrees = numbers[0]
    minutes = numbers[1] if len(numbers) > 1 else 0.0
    seconds = numbers[2] if len(numbers) > 2 else 0.0
    if minutes >= 60 or seconds >= 60:
        raise CoordinateError("minutes or seconds of 60 or more in '{}'".format(text))
    return sign * (degrees + minutes / 60.0 + seconds / 3600.0)


_PAIR_SPLIT = re.compile(r"\s*[,;，；/|]\s*|\s+")


def parse_pair(value) -> Tuple[float, float]:
    """Two numbers from one cell such as '121.17595,31.28744' (also '，', ';' or a space between)."""
    if value is None:
        raise CoordinateError("missing")
    text = _clean_text(value).strip("()[]{} ")
    if not text:
        raise CoordinateError("missing")
    parts = [p for p in _PAIR_SPLIT.split(text) if p]
    if len(parts) != 2:
        raise CoordinateError("not a 'lon,lat' pair: '{}'".format(text))
    return parse_coordinate(parts[0]), parse_coordinate(parts[1])


def in_china(lon: float, lat: float) -> bool:
    """True inside the rough China box (also used to spot swapped columns)."""
    return not out_of_china(lon, lat)


def check_lon_lat(lon: float, lat: float) -> Optional[str]:
    """None for a possible geographic position, else the reason (swapped columns, out of range)."""
    lon_ok = -180.0 <= lon <= 180.0
    lat_ok = -90.0 <= lat <= 90.0
    if lon_ok and lat_ok:
        return None
    if -180.0 <= lat <= 180.0 and -90.0 <= lon <= 90.0:
        return (
            "swapped: latitude {} is in the longitude column and longitude {} in the latitude column".format(
                lon, lat
            )
        )
    if not lon_ok:
        return "longitude {} is out of range (-180 to 180)".format(lon)
    return "latitude {} is out of range (-90 to 90)".format(lat)
