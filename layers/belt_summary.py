"""The numbers the Belt Map panel shows: belt area, zones per type, sites per category and tag state.

Counting works on feature sources (QgsVectorLayerFeatureSource: the layer's data and its edit buffer
at the moment the source is made), so it can run in a background task while the layers are edited.
"""

from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsVectorLayer,
    QgsVectorLayerFeatureSource,
)

from ..core.model import WORK_CRS as WORK_CRS_ID
from ..core.zone_types import ZONE_KEYS, loaded_type_field, normalise

WORK_CRS = QgsCoordinateReferenceSystem(WORK_CRS_ID)
CHECK_EVERY = 4096  # features between two looks at the cancel flag
FALSE_VALUES = ("0", "False", "false")


class CountCanceledError(Exception):
    """The counting was abandoned (a newer count replaces it)."""


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


def snapshot(layer: Optional[QgsVectorLayer]) -> Optional[QgsVectorLayerFeatureSource]:
    """A thread-safe feature source of a layer as it is now (make it in the layer's thread), or None."""
    if layer is None or not layer.isValid():
        return None
    return QgsVectorLayerFeatureSource(layer)


def _features(source, request: QgsFeatureRequest, canceled: Callable[[], bool]):
    for number, feature in enumerate(source.getFeatures(request)):
        if number % CHECK_EVERY == 0 and canceled():
            raise CountCanceledError()
        yield feature


def _no_geometry(attributes) -> QgsFeatureRequest:
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    return request.setSubsetOfAttributes(attributes)


def layer_area_km2(source, transform_context, canceled: Callable[[], bool] = lambda: False) -> float:
    """Total area of a polygon source in km², measured in the work CRS EPSG:4549."""
    transform = QgsCoordinateTransform(source.crs(), WORK_CRS, transform_context)
    total = 0.0
    for feature in _features(source, QgsFeatureRequest().setNoAttributes(), canceled):
        geometry = feature.geometry()
        if geometry.isNull():
            continue
        geometry.transform(transform)
        total += geometry.area()
    return total / 1e6


def _count_zones(summary: BeltSummary, zones, canceled) -> None:
    type_field = loaded_type_field(zones.fields().names())
    summary.zones_by_type = {key: 0 for key in ZONE_KEYS}
    if not type_field:
        return
    index = zones.fields().indexOf(type_field)
    for feature in _features(zones, _no_geometry([index]), canceled):
        key = normalise(feature.attribute(index))
        if key is None:
            summary.unknown_zones += 1
        else:
            summary.zones_by_type[key] += 1


def _count_sites(summary: BeltSummary, sites, canceled) -> None:
    fields = sites.fields()
    category, zone, in_belt = (fields.indexOf(name) for name in ("category", "zone_type", "in_belt"))
    tagged = zone >= 0 and in_belt >= 0
    if tagged:
        summary.tagged = summary.untagged = summary.outside_belt = 0
    by_category = summary.sites_by_category
    wanted = [i for i in (category, zone, in_belt) if i >= 0]
    for feature in _features(sites, _no_geometry(wanted), canceled):
        summary.site_count += 1
        if category >= 0:
            value = feature.attribute(category)
            key = "" if value is None or str(value) == "NULL" else str(value)
            by_category[key] = by_category.get(key, 0) + 1
        if tagged:
            value = feature.attribute(zone)
            if value is None or str(value) in ("", "NULL"):
                summary.untagged += 1
            else:
                summary.tagged += 1
            if str(feature.attribute(in_belt)) in FALSE_VALUES:
                summary.outside_belt += 1


def summarise(
    belt,
    zones,
    sites,
    transform_context: Optional[QgsCoordinateTransformContext] = None,
    canceled: Callable[[], bool] = lambda: False,
) -> BeltSummary:
    """Count what the panel shows for the chosen layers or their snapshots (any may be None).

    Raises CountCanceledError when canceled() turns true.
    """
    belt, zones, sites = (
        snapshot(item) if isinstance(item, QgsVectorLayer) else item for item in (belt, zones, sites)
    )
    summary = BeltSummary()
    if belt is not None:
        context = transform_context or QgsCoordinateTransformContext()
        summary.belt_area_km2 = layer_area_km2(belt, context, canceled)
    if zones is not None:
        _count_zones(summary, zones, canceled)
    if sites is not None:
        _count_sites(summary, sites, canceled)
    return summary
