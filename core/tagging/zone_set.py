"""Zones ready for tagging: read with the QGIS API, types normalised, invalid polygons repaired,
transformed to the input's CRS for matching and to a metric CRS for areas and overlaps.

Both tagging paths start from the same ZoneSet, so they match against the very same coordinates.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsWkbTypes,
)

from ..base.model import WORK_CRS
from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    ZONE_TYPE_FIELD_NAMES,
    find_field,
    nearest_key,
    normalise,
    unknown_values,
)
from ..errors import BeltMapError
from .rule import ZoneRanking

# the belt's working CRS (EPSG:4549, CGCS2000 / 3-degree GK CM 120E) is valid from 118.5 to 121.5 E
BELT_CRS_LON_RANGE = (118.5, 121.5)


class ZoneError(BeltMapError, ValueError):
    """Zones that cannot be used; `unknown` lists unknown zone types as (value, count, nearest key)."""

    def __init__(self, message: str, unknown: Optional[List[Tuple[str, int, str]]] = None):
        super().__init__(message)
        self.unknown = unknown or []


@dataclass
class ZoneSet:
    """Zones in parallel lists, index i describing zone i."""

    ids: List[Optional[str]]
    names: List[Optional[str]]
    keys: List[str]
    geometries: List[QgsGeometry]  # valid, in the input layer's CRS
    metric: List[QgsGeometry]  # the same in the working CRS
    areas: List[float]  # square metres
    ranking: ZoneRanking
    working_crs: QgsCoordinateReferenceSystem
    to_metric: QgsCoordinateTransform  # input CRS -> working CRS
    repaired: List[Tuple[Optional[str], str]] = field(default_factory=list)  # (zone id, what was wrong)
    empty: List[Optional[str]] = field(default_factory=list)  # ids of zones without a usable geometry
    type_field: str = ""
    id_field: Optional[str] = None
    name_field: Optional[str] = None

    def __len__(self) -> int:
        return len(self.keys)


def working_crs_for(lon: float, lat: float) -> QgsCoordinateReferenceSystem:
    """EPSG:4549 around the belt (118.5-121.5 E), else the WGS 84 UTM zone of the point."""
    if BELT_CRS_LON_RANGE[0] <= lon <= BELT_CRS_LON_RANGE[1] and 0 <= lat <= 60:
        return QgsCoordinateReferenceSystem(WORK_CRS)
    zone = min(max(int((lon + 180) // 6) + 1, 1), 60)
    return QgsCoordinateReferenceSystem("EPSG:{}".format((32600 if lat >= 0 else 32700) + zone))


def _centre_lon_lat(geometries: Sequence[QgsGeometry], crs, transform_context) -> Tuple[float, float]:
    boxes = [g.boundingBox() for g in geometries if g and not g.isEmpty()]
    if not boxes:
        return (120.0, 31.0)
    box = boxes[0]
    for other in boxes[1:]:
        box.combineExtentWith(other)
    centre = QgsPointXY(box.center())
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    if crs.isValid() and crs != wgs84:
        centre = QgsCoordinateTransform(crs, wgs84, transform_context).transform(centre)
    return (centre.x(), centre.y())


def no_check_request(attributes: Optional[Sequence[int]] = None) -> QgsFeatureRequest:
    """A request that returns every feature, invalid geometries included, whatever the context says."""
    request = QgsFeatureRequest().setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    if attributes is not None:
        request.setSubsetOfAttributes(list(attributes))
    return request


def all_features(source, request: QgsFeatureRequest):
    """Features of a source with no feature skipped for invalid geometry (Processing sources too)."""
    # an algorithm's feature source applies the context's geometry check unless told to skip it; its
    # flag is read from the source's class, so that core never imports Processing
    skip = getattr(type(source), "FlagSkipGeometryValidityChecks", None)
    if skip is not None:
        return source.getFeatures(request, skip)
    return source.getFeatures(request)


def repair(geometry: QgsGeometry) -> Tuple[QgsGeometry, Optional[str]]:
    """A valid polygonal geometry and, when a repair was needed, what GEOS found wrong (else None)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return QgsGeometry(), None
    if QgsWkbTypes.geometryType(geometry.wkbType()) != QgsWkbTypes.PolygonGeometry:
        return QgsGeometry(), "not a polygon"
    if geometry.constGet().hasCurvedSegments():
        geometry = QgsGeometry(geometry.constGet().segmentize())
    if geometry.isGeosValid():
        return geometry, None
    errors = geometry.validateGeometry(QgsGeometry.ValidatorGeos)
    reason = "; ".join(error.what() for error in errors) or "invalid geometry"
    fixed = geometry.makeValid()
    if QgsWkbTypes.flatType(fixed.wkbType()) == QgsWkbTypes.GeometryCollection:
        fixed = fixed.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
    if (
        fixed.isNull()
        or fixed.isEmpty()
        or QgsWkbTypes.geometryType(fixed.wkbType()) != QgsWkbTypes.PolygonGeometry
    ):
        return QgsGeometry(), reason
    return fixed, reason


def read_zones(
    source,
    input_crs: QgsCoordinateReferenceSystem,
    transform_context: QgsCoordinateTransformContext,
    priority: Sequence[str],
    type_field: str = "",
    id_field: str = "",
    name_field: str = "",
    unknown_as: Optional[str] = None,
    is_canceled=lambda: False,
) -> ZoneSet:
    """Read, check and prepare every zone of a polygon source; ZoneError when zones cannot be used."""
    names = source.fields().names()
    type_field = type_field or find_field(names, ZONE_TYPE_FIELD_NAMES)
    if not type_field or type_field not in names:
        raise ZoneError("No zone type field found (looked for {})".format(", ".join(ZONE_TYPE_FIELD_NAMES)))
    id_field = id_field or find_field(names, ZONE_ID_FIELD_NAMES)
    name_field = name_field or find_field([n for n in names if n != id_field], ZONE_NAME_FIELD_NAMES)
    used = [f for f in (type_field, id_field, name_field) if f]
    indexes = {name: source.fields().lookupField(name) for name in used}

    def value(attrs, name):
        if not name:
            return None
        v = attrs[indexes[name]]
        return None if v is None or (hasattr(v, "isNull") and v.isNull()) else v

    raw = []
    for feature in all_features(source, no_check_request(list(indexes.values()))):
        if is_canceled():
            break
        attrs = feature.attributes()
        zone_id = value(attrs, id_field)
        zone_id = str(feature.id()) if zone_id is None else str(zone_id)
        name = value(attrs, name_field)
        raw.append(
            (zone_id, None if name is None else str(name), value(attrs, type_field), feature.geometry())
        )

    unknown = unknown_values(type_value for _zone_id, _name, type_value, _geometry in raw)
    fallback = normalise(unknown_as) if unknown_as else None
    if unknown and fallback is None:
        listed = [(value, count, nearest_key(value)) for value, count in sorted(unknown.items())]
        raise ZoneError("Unknown zone types", listed)

    zone_crs = source.sourceCrs()
    same_crs = not zone_crs.isValid() or not input_crs.isValid() or zone_crs == input_crs
    to_input = None if same_crs else QgsCoordinateTransform(zone_crs, input_crs, transform_context)
    lon, lat = _centre_lon_lat([r[3] for r in raw], zone_crs, transform_context)
    working = working_crs_for(lon, lat)
    zones_to_metric = QgsCoordinateTransform(zone_crs, working, transform_context)

    zones = ZoneSet(
        [], [], [], [], [], [], None, working, QgsCoordinateTransform(input_crs, working, transform_context)
    )
    zones.type_field, zones.id_field, zones.name_field = type_field, id_field, name_field
    for zone_id, name, type_value, geometry in raw:
        fixed, reason = repair(geometry)
        if reason is not None and not fixed.isEmpty():
            zones.repaired.append((zone_id, reason))
        if fixed.isNull() or fixed.isEmpty():
            zones.empty.append(zone_id)
            continue
        in_input = QgsGeometry(fixed)
        if to_input is not None:
            in_input.transform(to_input)
        metric = QgsGeometry(fixed)
        metric.transform(zones_to_metric)
        zones.ids.append(zone_id)
        zones.names.append(name)
        zones.keys.append(normalise(type_value) or fallback)
        zones.geometries.append(in_input)
        zones.metric.append(metric)
        zones.areas.append(metric.area())
    zones.ranking = ZoneRanking(zones.keys, zones.areas, zones.ids, priority)
    return zones


def read_belt(
    source, input_crs: QgsCoordinateReferenceSystem, transform_context: QgsCoordinateTransformContext
) -> Tuple[QgsGeometry, List[Tuple[str, str]]]:
    """The union of every belt polygon (repaired) in the input's CRS, and the repairs made (id, reason)."""
    parts, repairs = [], []
    for feature in all_features(source, no_check_request([])):
        fixed, reason = repair(feature.geometry())
        if reason is not None:
            repairs.append((str(feature.id()), reason))
        if not fixed.isEmpty():
            parts.append(fixed)
    belt = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
    crs = source.sourceCrs()
    if not belt.isEmpty() and crs.isValid() and input_crs.isValid() and crs != input_crs:
        belt.transform(QgsCoordinateTransform(crs, input_crs, transform_context))
    return belt, repairs
