"""Checks of the zones: types, ids, inside the belt, overlaps, and the belt's area."""

from typing import Dict, Iterator

from qgis.core import (
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ...i18n import tr
from ..base.model import zone_id_field
from ..base.nulls import is_null
from ..base.zone_types import (
    ZONE_TYPE_FIELD_NAMES,
    find_field,
    nearest_key,
    normalise,
)
from .data import BELT_KM2_RANGE, ERROR, EXPECTED_BELT_KM2, OVERLAP_M2, WARNING, BeltData, Issue, layer_label


def check_zone_types(data: BeltData) -> Iterator[Issue]:
    """Zone type field missing; values empty or unknown (with the nearest known key)."""
    layer = data.zones
    if layer is None:
        return
    label = layer_label("zones", layer)
    type_field = find_field(layer.fields().names(), ZONE_TYPE_FIELD_NAMES)
    if type_field is None:
        yield Issue(
            ERROR,
            label,
            None,
            "zone_type_field",
            tr("The zones layer has no zone type field (one of: {}).").format(
                ", ".join(ZONE_TYPE_FIELD_NAMES)
            ),
            tr("Add a text field zone_type holding park, community, street, exhibition or scenic."),
        )
        return
    for item in data.items(layer):
        value = item.attributes.get(type_field)
        if is_null(value) or not str(value).strip():
            yield Issue(
                ERROR,
                label,
                item.fid,
                "zone_type_missing",
                tr("Zone {} has no zone type.").format(data.shown("zones", layer, item.attributes, item.fid)),
                tr(
                    "Fill {} with park, community, street, exhibition or scenic "
                    "(or 园区/社区/街区/展区/景区)."
                ).format(type_field),
            )
        elif normalise(value) is None:
            yield Issue(
                ERROR,
                label,
                item.fid,
                "zone_type_unknown",
                tr("Zone {} has the unknown zone type '{}' (nearest known type: '{}').").format(
                    data.shown("zones", layer, item.attributes, item.fid), value, nearest_key(value)
                ),
                tr("Change '{}' to '{}' or another known type in the field {}.").format(
                    value, nearest_key(value), type_field
                ),
            )


def check_zone_ids(data: BeltData) -> Iterator[Issue]:
    """Duplicate zone ids (errors) and empty ones (warnings)."""
    layer = data.zones
    if layer is None:
        return
    id_field = data.zone_id_field or zone_id_field(layer)
    if id_field is None or id_field not in layer.fields().names():
        return
    label = layer_label("zones", layer)
    seen: Dict[str, str] = {}
    for item in data.items(layer):
        shown = data.shown("zones", layer, item.attributes, item.fid)
        value = item.attributes.get(id_field)
        if is_null(value) or not str(value).strip():
            yield Issue(
                WARNING,
                label,
                item.fid,
                "zone_id_missing",
                tr("Zone {} has no zone id.").format(shown),
                tr("Give every zone a unique value in {}.").format(id_field),
            )
            continue
        key = str(value).strip()
        if key in seen:
            yield Issue(
                ERROR,
                label,
                item.fid,
                "zone_id_duplicate",
                tr("Zone {} has the id '{}', which zone {} has too.").format(
                    "{} (#{})".format(shown, item.fid), key, seen[key]
                ),
                tr("Give every zone a unique value in {}.").format(id_field),
            )
        else:
            seen[key] = "{} (#{})".format(shown, item.fid)


def check_zones_in_belt(data: BeltData) -> Iterator[Issue]:
    """Zones wholly or mostly (more than half) outside the belt."""
    belt = data.belt_geometry
    if data.zones is None or belt is None or data.zones.geometryType() != QgsWkbTypes.PolygonGeometry:
        return
    label = layer_label("zones", data.zones)
    for item in data.items(data.zones):
        if item.geometry is None:
            continue
        zone = item.geometry.makeValid()
        area = zone.area()
        if area <= 0:
            continue
        outside = zone.difference(belt).area() / area
        if outside > 0.999:
            message = tr("Zone {} lies outside the belt.").format(
                data.shown("zones", data.zones, item.attributes, item.fid)
            )
        elif outside > 0.5:
            message = tr("Zone {} lies {:.0%} outside the belt.").format(
                data.shown("zones", data.zones, item.attributes, item.fid), outside
            )
        else:
            continue
        yield Issue(
            WARNING,
            label,
            item.fid,
            "zone_outside_belt",
            message,
            tr("Check the zone's position and CRS, or extend the belt boundary if the zone belongs to it."),
        )


def check_zone_overlaps(data: BeltData) -> Iterator[Issue]:
    """Zones of the same type that overlap (counted twice in summaries)."""
    layer = data.zones
    if layer is None or layer.geometryType() != QgsWkbTypes.PolygonGeometry:
        return
    type_field = find_field(layer.fields().names(), ZONE_TYPE_FIELD_NAMES)
    if type_field is None:
        return
    items = [i for i in data.items(layer) if i.geometry is not None]
    geometries = {i.fid: i.geometry.makeValid() for i in items}
    types = {i.fid: normalise(i.attributes.get(type_field)) for i in items}
    shown = {i.fid: data.shown("zones", layer, i.attributes, i.fid) for i in items}
    index = QgsSpatialIndex()
    for fid, geometry in geometries.items():
        index.addFeature(fid, geometry.boundingBox())
    label = layer_label("zones", layer)
    for fid, geometry in geometries.items():
        for other in index.intersects(geometry.boundingBox()):
            if other <= fid or types[other] is None or types[other] != types[fid]:
                continue
            shared = geometry.intersection(geometries[other]).area()
            if shared > OVERLAP_M2:
                yield Issue(
                    WARNING,
                    label,
                    fid,
                    "zone_overlap",
                    tr("Zones {} and {}, both of type {}, overlap by {:.0f} m².").format(
                        shown[fid], shown[other], types[fid], shared
                    ),
                    tr("Snap the shared edge (snapping toolbar, or Vector > Geometry tools) or merge them."),
                )


def check_belt_area(data: BeltData) -> Iterator[Issue]:
    """The belt's area far from the expected 10 km²."""
    belt = data.belt_geometry
    if belt is None:
        return
    km2 = belt.area() / 1e6
    if not BELT_KM2_RANGE[0] <= km2 <= BELT_KM2_RANGE[1]:
        yield Issue(
            WARNING,
            layer_label("belt", data.belt),
            None,
            "belt_area",
            tr("The belt covers {:.2f} km², far from the expected {:.0f} km².").format(
                km2, EXPECTED_BELT_KM2
            ),
            tr("Check that this is the belt boundary, and that its CRS is right (degrees taken as metres?)."),
        )
