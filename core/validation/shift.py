"""The shift detector: are a layer's points in GCJ-02 or BD-09 (a Chinese web map's coordinates) instead
of WGS84? Compared with the belt and zones, which are in a CGCS2000 / WGS84 CRS."""

from typing import Callable, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeometry,
    QgsPointXY,
    QgsVectorLayer,
)

from ...i18n import tr
from ..base import coords
from ..base.model import WORK_CRS
from .data import ROAD_METRES, BeltData, site_point


def _wgs84_points(data: BeltData, layer: QgsVectorLayer) -> List[Tuple[int, float, float]]:
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    transform = QgsCoordinateTransform(layer.crs(), wgs84, data.transform_context)
    points = []
    for feature in layer.getFeatures(data.request(layer).setNoAttributes()):
        point = site_point(feature.geometry() if feature.hasGeometry() else None)
        if point is None:
            continue
        try:
            xy = transform.transform(point.asPoint())
        except QgsCsException:
            continue
        points.append((feature.id(), xy.x(), xy.y()))
    return points


# sites compared at most (evenly spread over the layer): 100,000 sites are judged on 5,000 in a second
SHIFT_SAMPLE = 5000
SHIFTS: Tuple[Tuple[str, str, Callable], ...] = (
    (coords.GCJ02, "GCJ-02 (AMap/高德, Tencent/腾讯)", coords.gcj02_to_wgs84),
    (coords.BD09, "BD-09 (Baidu/百度)", coords.bd09_to_wgs84),
)


def shift_evidence(data: BeltData, layer: QgsVectorLayer) -> Optional[Tuple[str, str, str]]:
    """(system, its label, evidence) when moving a layer's sites back from GCJ-02/BD-09 fits the belt or
    the roads markedly better than leaving them as they are; None otherwise."""
    belt_engine = data.belt_engine
    if belt_engine is None or not layer.crs().isValid():
        return None
    points = _wgs84_points(data, layer)
    if len(points) < 5:
        return None
    if len(points) > SHIFT_SAMPLE:  # the verdict rests on shares: an even sample tells the same
        step = len(points) / SHIFT_SAMPLE
        points = [points[int(k * step)] for k in range(SHIFT_SAMPLE)]
    work = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsCoordinateReferenceSystem(WORK_CRS),
        data.transform_context,
    )
    road_engine = data.road_engine

    def where(lon, lat):
        try:
            point = QgsGeometry.fromPointXY(work.transform(QgsPointXY(lon, lat)))
        except QgsCsException:
            return False, False
        near = road_engine is not None and road_engine.intersects(point.constGet())
        return belt_engine.intersects(point.constGet()), near

    original = [where(lon, lat) for _, lon, lat in points]
    n = len(points)
    best = None
    for system, system_label, back in SHIFTS:
        shifted = [where(*back(lon, lat)) for _, lon, lat in points]
        moved_in = sum(1 for o, s in zip(original, shifted) if s[0] and not o[0])
        moved_out = sum(1 for o, s in zip(original, shifted) if o[0] and not s[0])
        near_gain = sum(1 for s in shifted if s[1]) - sum(1 for o in original if o[1])
        belt_says = moved_in >= max(3, 0.1 * n) and moved_in >= 3 * max(1, moved_out)
        road_says = (
            road_engine is not None
            and near_gain >= max(3, 0.15 * n)
            and sum(1 for s in shifted if s[1]) >= 1.5 * max(1, sum(1 for o in original if o[1]))
            and moved_out <= moved_in
        )
        if belt_says or road_says:
            score = (moved_in - moved_out) + near_gain
            evidence = tr(
                "moved back from {}, {} more of its {} sites fall inside the belt ({} fewer), "
                "and {} more lie within {:.0f} m of a road"
            ).format(system_label, moved_in, n, moved_out, near_gain, ROAD_METRES)
            if best is None or score > best[0]:
                best = (score, system, system_label, evidence)
    return None if best is None else best[1:]
