"""The web map's "进展 / Progress" layer (issue 26): the reporting zones coloured by their worst status, and
each zone's targets with their series, target path and status, in WGS84."""

from typing import Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

from ..base.model import WORK_CRS
from ..programme import rule
from .data import WEB_CRS, shape

NO_TARGET = "none"
NO_TARGET_COLOUR = "#ffffff"


def status_label(status: Optional[str], language: str) -> str:
    """A status in the page's language ('none' or None: a zone without a target)."""
    en = language == "en"
    if not status or status == NO_TARGET:
        return "no target" if en else "无目标"
    return (rule.STATUS_EN if en else rule.STATUS_ZH)[status]


def _number(value) -> Optional[float]:
    if value is None or value != value:
        return None
    return float(value)


def _target(row: Dict, language: str) -> Dict:
    """One target of a zone: the indicator, its series over the years, the straight path, the status."""
    return {
        "indicator": str(row["indicator"]),
        "label": str(row["indicator"] if language == "en" else row.get("indicator_zh") or row["indicator"]),
        "scope": str(row["scope"]),
        "unit": str(row.get("unit") or ""),
        "series": [_number(v) for v in row["series"]],
        "baselineYear": int(row["baseline_year"]),
        "baseline": _number(row["baseline"]),
        "targetYear": int(row["target_year"]),
        "target": _number(row["target"]),
        "expected": _number(row["expected"]),
        "ratio": _number(row["ratio"]),
        "status": row["status"],
    }


def _zone_targets(zone: Dict, rows: List[Dict]) -> List[Dict]:
    """The targets that colour a zone: its own, else its zone type's (as the engine's ZONE_PROGRESS)."""
    own = [r for r in rows if r["scope_kind"] == "zone" and r["scope_key"] == zone["zone_id"]]
    if own:
        return own
    return [r for r in rows if r["scope_kind"] == "type" and r["scope_key"] == zone["zone_type"]]


def progress_data(result, transform_context, language: str = "zh") -> Dict:
    """The years, the statuses (key, label, colour, zones counted) and one entry per reporting zone: id,
    name, status, outline and its targets (series, baseline, target, expected value, status)."""
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(WORK_CRS), QgsCoordinateReferenceSystem(WEB_CRS), transform_context
    )
    zones = []
    for zone in result.zones:
        geometry = shape(zone["geometry"], transform)
        if geometry is None:
            continue
        zones.append(
            {
                "id": str(zone["zone_id"]),
                "name": str(zone["zone_name"] or zone["zone_id"]),
                "status": zone["status"] or NO_TARGET,
                "targets": [_target(r, language) for r in _zone_targets(zone, result.progress)],
                "geometry": geometry,
            }
        )
    statuses = []
    for key in list(rule.STATUSES) + [NO_TARGET]:
        statuses.append(
            {
                "key": key,
                "label": status_label(key, language),
                "colour": rule.STATUS_COLOURS.get(key, NO_TARGET_COLOUR),
                "zones": sum(1 for z in zones if z["status"] == key),
            }
        )
    return {
        "years": [int(y) for y in result.years],
        "labels": [str(label) for label in result.labels],
        "statuses": statuses,
        "zones": zones,
    }
