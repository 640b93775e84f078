"""The numbers the Belt Map panel shows: belt area, zones per type, sites per category and tag state."""

from dataclasses import dataclass, field
from typing import Dict, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProject,
    QgsVectorLayer,
)

from ..core.model import WORK_CRS as WORK_CRS_ID
from ..core.zone_types import ZONE_KEYS, loaded_type_field, normalise

WORK_CRS = QgsCoordinateReferenceSystem(WORK_CRS_ID)


@dataclass
class BeltSummary:
    """Counts for the panel; tag counts are None while the sites layer has no tag fields."""

    belt_area_km2: Optional[float] = None
    zones_by_type: Dict[str, int] = field(default_factory=dict)
    unknown_zones: int = 0
    sites_by_category: Dict[str, int] = field(default_factory=dict)
    site_count: int = 0
    tagged: Optional[int] = None
    untagged: Optional[int] = None
    outside_belt: Optional[int] = None


def layer_area_km2(layer: QgsVectorLayer) -> float:
    """Total area of a polygon layer in km², measured in the work CRS EPSG:4549."""
    transform = QgsCoordinateTransform(layer.crs(), WORK_CRS, QgsProject.instance())
    total = 0.0
    request = QgsFeatureRequest().setNoAttributes()
    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        if geometry.isNull():
            continue
        geometry.transform(transform)
        total += geometry.area()
    return total / 1e6


def summarise(
    belt: Optional[QgsVectorLayer], zones: Optional[QgsVectorLayer], sites: Optional[QgsVectorLayer]
) -> BeltSummary:
    """Count what the panel shows for the chosen layers (any may be None)."""
    summary = BeltSummary()
    if belt is not None and belt.isValid():
        summary.belt_area_km2 = layer_area_km2(belt)
    if zones is not None and zones.isValid():
        type_field = loaded_type_field(zones.fields().names())
        summary.zones_by_type = {key: 0 for key in ZONE_KEYS}
        if type_field:
            index = zones.fields().indexOf(type_field)
            for feature in zones.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)):
                key = normalise(feature.attribute(index))
                if key is None:
                    summary.unknown_zones += 1
                else:
                    summary.zones_by_type[key] += 1
    if sites is not None and sites.isValid():
        names = sites.fields().names()
        tagged = "zone_type" in names and "in_belt" in names
        if tagged:
            summary.tagged = summary.untagged = summary.outside_belt = 0
        for feature in sites.getFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)):
            summary.site_count += 1
            if "category" in names:
                category = feature["category"]
                key = "" if category is None or str(category) == "NULL" else str(category)
                summary.sites_by_category[key] = summary.sites_by_category.get(key, 0) + 1
            if tagged:
                zone = feature["zone_type"]
                if zone is None or str(zone) in ("", "NULL"):
                    summary.untagged += 1
                else:
                    summary.tagged += 1
                if str(feature["in_belt"]) in ("0", "False", "false"):
                    summary.outside_belt += 1
    return summary
