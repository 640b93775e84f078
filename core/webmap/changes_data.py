"""The web map's "变化 / Changes" layer: the sites and the zones that changed since the baseline, in WGS84."""

from typing import Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY

from ..base.model import WORK_CRS
from ..change_report.change_map import ZONE_STYLE, main_kind
from .data import PRECISION, WEB_CRS, shape

KINDS = ("added", "removed", "moved", "changed", "retagged")
ZONE_KINDS = tuple(kind for kind, _colour, _line in ZONE_STYLE)  # the change map's order and styles


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
    zones = zone_changes(result, transform)
    return {
        "before": result.labels[0],
        "after": result.labels[1],
        "counts": counts,
        "sites": sites,
        "zones": zones,
        "zoneCounts": {kind: sum(1 for z in zones if z["kind"] == kind) for kind in ZONE_KINDS},
        "zoneStyles": [{"kind": k, "colour": c, "line": line} for k, c, line in ZONE_STYLE],
    }


def _km2(value) -> Optional[float]:
    return None if value is None else round(float(value) / 1e6, 3)


def zone_changes(result, transform) -> List[Dict]:
    """One entry per changed zone: its kinds, the kind it is drawn as (the change map's), its id (after, or
    before when removed), related zones (split or merged), type, name and area (km²) before and after, and
    its outline (removed zones at their old shape)."""
    entries = []
    for row in result.zones:
        if row["change"] == "unchanged":
            continue
        geometry = shape(row["geometry"], transform)
        if geometry is None:
            continue
        entries.append(
            {
                "id": _text(row["zone_id"]),
                "kinds": row["change"].split(";"),
                "kind": main_kind(row["change"], ZONE_KINDS),
                "year": row["year"],
                "related": _text(row["related"]),
                "idB": _text(row["id_b"]),
                "typeB": _text(row["type_b"]),
                "typeA": _text(row["type_a"]),
                "nameB": _text(row["name_b"]),
                "nameA": _text(row["name_a"]),
                "areaB": _km2(row["area_b_m2"]),
                "areaA": _km2(row["area_a_m2"]),
                "geometry": geometry,
            }
        )
    return entries
