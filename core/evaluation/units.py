"""The units an index compares, as polygons in the work CRS: the zones, the zone types, or a grid."""

from dataclasses import dataclass
from typing import List

from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsRectangle

from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    ZONE_TYPE_FIELD_NAMES,
    ZONE_TYPES,
    find_field,
    normalise,
)

UNIT_KINDS = ("zones", "zone_types", "grid")


@dataclass
class Unit:
    """One unit of comparison."""

    unit_id: str
    name: str
    zone_type: str  # a zone type key, or '' for grid cells
    geometry: QgsGeometry  # in the work CRS

    @property
    def area_km2(self) -> float:
        """Planar area in km² (the work CRS is in metres)."""
        return self.geometry.area() / 1e6


def _transformed(source, crs, transform_context, feedback):
    transform = QgsCoordinateTransform(source.sourceCrs(), crs, transform_context)
    for feature in source.getFeatures():
        if feedback is not None and feedback.isCanceled():
            return
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            continue
        geometry.transform(transform)
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        yield feature, geometry


def zone_units(zones, crs, transform_context, feedback=None) -> List[Unit]:
    """One unit per zone: id and name from the usual fields (else the feature id)."""
    names = zones.fields().names()
    id_field = find_field(names, ZONE_ID_FIELD_NAMES)
    name_field = find_field(names, ZONE_NAME_FIELD_NAMES)
    type_field = find_field(names, ZONE_TYPE_FIELD_NAMES)
    units = []
    for feature, geometry in _transformed(zones, crs, transform_context, feedback):
        unit_id = (
            str(feature[id_field]) if id_field and feature[id_field] not in (None, "") else str(feature.id())
        )
        name = str(feature[name_field]) if name_field and feature[name_field] not in (None, "") else unit_id
        units.append(
            Unit(unit_id, name, normalise(feature[type_field]) or "" if type_field else "", geometry)
        )
    return units


def zone_type_units(zones, crs, transform_context, feedback=None) -> List[Unit]:
    """One unit per zone type present: the union of its zones, named in Chinese."""
    type_field = find_field(zones.fields().names(), ZONE_TYPE_FIELD_NAMES)
    if type_field is None:
        raise ValueError("the zones have no zone type field ({})".format(", ".join(ZONE_TYPE_FIELD_NAMES)))
    parts = {}
    for feature, geometry in _transformed(zones, crs, transform_context, feedback):
        key = normalise(feature[type_field])
        if key:
            parts.setdefault(key, []).append(geometry)
    return [
        Unit(zone.key, zone.name_zh, zone.key, QgsGeometry.unaryUnion(parts[zone.key]))
        for zone in ZONE_TYPES
        if zone.key in parts
    ]


def grid_units(area_source, size: float, crs, transform_context, feedback=None) -> List[Unit]:
    """Square cells of size metres over the area's extent, clipped to it; empty cells left out."""
    area = QgsGeometry.unaryUnion(
        [g for _f, g in _transformed(area_source, crs, transform_context, feedback)]
    )
    if area.isNull() or area.isEmpty():
        raise ValueError("the layer that bounds the grid has no polygon")
    box = area.boundingBox()
    columns = int((box.width() // size) + 1)
    rows = int((box.height() // size) + 1)
    engine = QgsGeometry.createGeometryEngine(area.constGet())
    engine.prepareGeometry()
    units = []
    for row in range(rows):
        if feedback is not None and feedback.isCanceled():
            break
        for col in range(columns):
            x0, y0 = box.xMinimum() + col * size, box.yMinimum() + row * size
            cell = QgsGeometry.fromRect(QgsRectangle(x0, y0, x0 + size, y0 + size))
            if not engine.intersects(cell.constGet()):
                continue
            clipped = cell.intersection(area)
            if clipped.area() > 0:
                units.append(
                    Unit("r{}c{}".format(row + 1, col + 1), "r{}c{}".format(row + 1, col + 1), "", clipped)
                )
    return units
