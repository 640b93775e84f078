"""The numbers the Belt Map panel shows: belt area, zones per type, sites per category and tag state.

Counting works on snapshots made on the GUI thread (QgsVectorLayerFeatureSource: the layer's data and
its edit buffer at that moment; for sites in a GeoPackage, the table and a copy of the edit buffer, counted
by SQL), so it can run in a background task while the layers are edited.
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

from ..core.base.model import WORK_CRS as WORK_CRS_ID
from ..core.base.nulls import is_null
from ..core.base.zone_types import ZONE_KEYS, loaded_type_field, normalise
from ..core.errors import Cancelled
from ..log import info as log_info
from .site_counts import SITE_FIELDS, GpkgSites, gpkg_snapshot, grouped_counts

WORK_CRS = QgsCoordinateReferenceSystem(WORK_CRS_ID)
CHECK_EVERY = 4096  # features between two looks at the cancel flag
FALSE_VALUES = ("0", "False", "false")


# the counting was abandoned (a newer count replaces it): the plugin's one cancel type
CountCanceledError = Cancelled


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


def _site_adder(summary: BeltSummary, tagged: bool, has_category: bool):
    """add(category, zone_type, in_belt, n): count n sites with these values (n < 0 takes them out)."""
    if tagged:
        summary.tagged = summary.untagged = summary.outside_belt = 0
    by_category = summary.sites_by_category

    def add(category, zone, in_belt, n=1) -> None:
        summary.site_count += n
        if has_category:
            key = "" if is_null(category) else str(category)
            by_category[key] = by_category.get(key, 0) + n
        if tagged:
            if zone is None or str(zone) in ("", "NULL"):
                summary.untagged += n
            else:
                summary.tagged += n
            if str(in_belt) in FALSE_VALUES:
                summary.outside_belt += n

    return add


def _count_sites(summary: BeltSummary, sites, canceled) -> None:
    fields = sites.fields
    fields = fields() if callable(fields) else fields
    category, zone, in_belt = (fields.indexOf(name) for name in SITE_FIELDS)
    add = _site_adder(summary, zone >= 0 and in_belt >= 0, category >= 0)
    if isinstance(sites, GpkgSites):
        if canceled():
            raise CountCanceledError()
        try:
            grouped_counts(sites, add)
        except RuntimeError as error:  # GDAL could not: count feature by feature
            log_info("panel summary: {}; counting the sites one by one".format(error))
            _reset_sites(summary)
            add = _site_adder(summary, zone >= 0 and in_belt >= 0, category >= 0)
            sites = sites.source
        else:
            summary.sites_by_category = {k: n for k, n in summary.sites_by_category.items() if n}
            return
    wanted = [i for i in (category, zone, in_belt) if i >= 0]
    for feature in _features(sites, _no_geometry(wanted), canceled):
        add(*(feature.attribute(i) if i >= 0 else None for i in (category, zone, in_belt)))


def _reset_sites(summary: BeltSummary) -> None:
    summary.site_count = 0
    summary.sites_by_category = {}
    summary.tagged = summary.untagged = summary.outside_belt = None


def sites_snapshot(layer: Optional[QgsVectorLayer]):
    """The snapshot of the sites layer: counted by the GeoPackage when it is one, else a feature source."""
    if layer is None or not layer.isValid():
        return None
    return gpkg_snapshot(layer) or snapshot(layer)


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
    belt, zones = (snapshot(item) if isinstance(item, QgsVectorLayer) else item for item in (belt, zones))
    sites = sites_snapshot(sites) if isinstance(sites, QgsVectorLayer) else sites
    summary = BeltSummary()
    if belt is not None:
        context = transform_context or QgsCoordinateTransformContext()
        summary.belt_area_km2 = layer_area_km2(belt, context, canceled)
    if zones is not None:
        _count_zones(summary, zones, canceled)
    if sites is not None:
        _count_sites(summary, sites, canceled)
    return summary
