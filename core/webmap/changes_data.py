"""The web map's "变化 / Changes" layer: the sites that changed since the baseline, in WGS84."""

from typing import Dict, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY

from ..base.model import WORK_CRS
from .data import PRECISION, WEB_CRS

KINDS = ("added", "removed", "moved", "changed", "retagged")


def _point(transform, xy) -> Optional[list]:
    """[lon, lat] of a work-CRS position, None without one."""
    if xy is None or xy[0] != xy[0] or xy[1] != xy[1]:
        return None
    point = transform.transform(QgsPointXY(float(xy[0]), float(xy[1])))
    return [round(point.x(), PRECISION), round(point.y(), PRECISION)]


def _text(value) -> str:
    return "" if value is None else str(value)


def changes_data(result, transform_context) -> Dict:
    """Labels of the two years and one entry per changed site: kinds, name, key, category, positions
    before and after, zone id and type before and after, distance moved, fields changed (old → new)."""
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(WORK_CRS), QgsCoordinateReferenceSystem(WEB_CRS), transform_context
    )
    sites = []
    for row in result.sites:
        kinds = [kind for kind in row["change"].split(";") if kind in KINDS]
        if not kinds:
            continue
        after = None if "removed" in kinds else _point(transform, row["xy"])
        before = _point(transform, row["xy_before"])
        if after is None and before is None:
            continue  # a site without a position has no place on the map (counted in changes/)
        sites.append(
            {
                "kinds": kinds,
                "key": _text(row["key"]),
                "name": _text(row["name"]),
                "category": _text(row["category"]),
                "before": before,
                "after": after,
                "zoneB": _text(row["zone_id_b"]),
                "zoneA": _text(row["zone_id_a"]),
                "typeB": _text(row["zone_type_b"]),
                "typeA": _text(row["zone_type_a"]),
                "moved": row["moved_m"],
                "fields": _text(row["fields_changed"]),
            }
        )
    counts = {kind: int(result.counts.get(kind, 0)) for kind in KINDS}
    return {
        "before": result.labels[0],
        "after": result.labels[1],
        "counts": counts,
        "sites": sites,
    }
