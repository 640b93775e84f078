"""The checks of `beltmap:validate`: small functions taking the belt data and yielding issues.

Each message is translated first and formatted after (tr(...).format(...)); each issue says how to fix.
Areas and distances are measured in EPSG:4549 (metres in Anting).
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsSpatialIndex,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ... import compat
from ...i18n import tr
from ..base import coords
from ..base.encoding import mojibake_reason, truncated_by_shapefile
from ..base.model import ROLE_GEOMETRY, WORK_CRS, zone_id_field
from ..base.nulls import is_null
from ..base.site_fields import SITE_KEY_FIELDS
from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    ZONE_TYPE_FIELD_NAMES,
    find_field,
    nearest_key,
    normalise,
)

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)  # report order
EXPECTED_BELT_KM2 = 10.0
BELT_KM2_RANGE = (5.0, 20.0)  # outside this the belt is "far from" the expected 10 km²
DUPLICATE_METRES = 10.0
OVERLAP_M2 = 1.0  # same-type zones sharing less than this only touch
ROAD_METRES = 25.0  # a site this close to a road is "on the road network"


@dataclass
class Issue:
    """One problem: severity, layer, feature id, check id, message and how to fix it."""

    severity: str
    layer: str
    fid: Optional[int]
    check: str
    message: str
    fix: str
    count: int = 1  # a summary row stands for this many problems
    feature: str = ""  # the feature as users know it: zone id and name, site id and name


@dataclass
class Item:
    """A feature of a layer: id, attributes and geometry in the work CRS (None when missing)."""

    fid: int
    attributes: Dict[str, object]
    geometry: Optional[QgsGeometry]


def count(issues: Iterable[Issue], severity: str) -> int:
    """How many problems of a severity the issues stand for (summary rows count what they stand for)."""
    return sum(issue.count for issue in issues if issue.severity == severity)


@dataclass
class BeltData:
    """The layers under validation, with their features in the work CRS computed once."""

    belt: Optional[QgsVectorLayer] = None
    zones: Optional[QgsVectorLayer] = None
    sites: List[QgsVectorLayer] = field(default_factory=list)
    roads: Optional[QgsVectorLayer] = None
    errors_only: bool = False  # checks may skip work that can only find warnings
    max_sites: Optional[int] = None  # read at most this many features of each sites layer
    zone_id_field: Optional[str] = None  # else auto-detected
    # the datum transforms of the run (never the project's singleton: this runs in background tasks)
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
    _items: Dict[str, List[Item]] = field(default_factory=dict)
    _name_fields: Dict[str, List[str]] = field(default_factory=dict)

    def layers(self) -> Iterator[Tuple[str, QgsVectorLayer]]:
        """(role, layer) for every layer given."""
        for role, layer in (("belt", self.belt), ("zones", self.zones), ("roads", self.roads)):
            if layer is not None:
                yield role, layer
        for layer in self.sites:
            yield "sites", layer

    def items(self, layer: QgsVectorLayer) -> List[Item]:
        """The features of a layer with geometries in the work CRS (None when missing or untransformable)."""
        if layer.id() in self._items:
            return self._items[layer.id()]
        transform = None
        work = QgsCoordinateReferenceSystem(WORK_CRS)
        if layer.crs().isValid() and layer.crs() != work:
            transform = QgsCoordinateTransform(layer.crs(), work, self.transform_context)
        names = layer.fields().names()
        items = []
        for feature in layer.getFeatures(self.request(layer)):
            geometry = feature.geometry() if feature.hasGeometry() else None
            if geometry is not None and geometry.isEmpty():
                geometry = None
            if geometry is not None and not layer.crs().isValid():
                geometry = None
            if geometry is not None and transform is not None:
                geometry = QgsGeometry(geometry)
                try:
                    geometry.transform(transform)
                except QgsCsException:
                    geometry = None
            items.append(Item(feature.id(), dict(zip(names, feature.attributes())), geometry))
        self._items[layer.id()] = items
        return items

    def request(self, layer: QgsVectorLayer) -> QgsFeatureRequest:
        """A request for a layer's features: at most max_sites of a sites layer."""
        request = QgsFeatureRequest()
        if self.max_sites is not None and any(layer is site for site in self.sites):
            request.setLimit(self.max_sites)
        return request

    def name(self, role: str, layer: QgsVectorLayer, attributes: Dict[str, object]) -> str:
        """A feature as users know it: a zone's zone_id and name ('Z05 汽车博览公园'), a site's id and
        name; '' when the layer has neither field."""
        if layer.id() not in self._name_fields:
            names = layer.fields().names()
            id_names = ZONE_ID_FIELD_NAMES if role == "zones" else SITE_KEY_FIELDS
            id_field = (
                self.zone_id_field if role == "zones" and self.zone_id_field else find_field(names, id_names)
            )
            self._name_fields[layer.id()] = [
                f for f in (id_field, find_field(names, ZONE_NAME_FIELD_NAMES)) if f
            ]
        values = [attributes.get(name) for name in self._name_fields[layer.id()]]
        return " ".join(str(v).strip() for v in values if not is_null(v) and str(v).strip())

    def shown(self, role: str, layer: QgsVectorLayer, attributes: Dict[str, object], fid) -> str:
        """name(), or the feature id when the layer has no id or name field."""
        return self.name(role, layer, attributes) or str(fid)

    @cached_property
    def belt_geometry(self) -> Optional[QgsGeometry]:
        """The union of the belt polygons in the work CRS, made valid; None without a usable belt."""
        if self.belt is None or self.belt.geometryType() != QgsWkbTypes.PolygonGeometry:
            return None
        parts = [item.geometry.makeValid() for item in self.items(self.belt) if item.geometry is not None]
        if not parts:
            return None
        union = QgsGeometry.unaryUnion(parts)
        return None if union is None or union.isEmpty() else union

    @cached_property
    def belt_engine(self):
        """A prepared geometry engine of belt_geometry, built once for every check; None without a belt."""
        return None if self.belt_geometry is None else _prepared(self.belt_geometry)

    @cached_property
    def road_engine(self):
        """A prepared engine of the roads buffered by ROAD_METRES, built once; None without road lines."""
        if self.roads is None or self.roads.geometryType() != QgsWkbTypes.LineGeometry:
            return None
        lines = [item.geometry for item in self.items(self.roads) if item.geometry is not None]
        if not lines:
            return None
        return _prepared(QgsGeometry.unaryUnion(lines).buffer(ROAD_METRES, 4))


def _prepared(geometry: QgsGeometry):
    engine = QgsGeometry.createGeometryEngine(geometry.constGet())
    engine.prepareGeometry()
    return engine


def layer_label(role: str, layer: QgsVectorLayer) -> str:
    """How the report names a layer: 'zones (name)', with the GeoPackage layer name when there is one."""
    match = re.search(r"layername=([^|]+)", layer.source())
    return "{} ({})".format(role, match.group(1) if match else layer.name())


# ---------------------------------------------------------------------------------------------
# layers


def check_layers(data: BeltData) -> Iterator[Issue]:
    """Geometry type per role, missing CRS, geographic CRS, empty layers, required fields."""
    required = {"belt": ("name",), "zones": ("zone_id", "name"), "sites": ("name", "category"), "roads": ()}
    blocking = {"belt", "zones"}
    for role, layer in data.layers():
        label = layer_label(role, layer)
        if layer.geometryType() not in ROLE_GEOMETRY[role]:
            yield Issue(
                ERROR,
                label,
                None,
                "geometry_type",
                tr("The {} layer has {} geometry, but it needs {}.").format(
                    role,
                    QgsWkbTypes.geometryDisplayString(layer.geometryType()),
                    " / ".join(QgsWkbTypes.geometryDisplayString(g) for g in ROLE_GEOMETRY[role]),
                ),
                tr(
                    "Choose the layer that holds the {} as polygons/lines/points as listed, or redraw it."
                ).format(role),
            )
        if not layer.crs().isValid():
            yield Issue(
                ERROR,
                label,
                None,
                "crs_missing",
                tr("The layer has no coordinate reference system, so it cannot be placed on the map."),
                tr("Set its CRS (Layer Properties > Source; EPSG:4490 for CGCS2000 lon/lat) and save it."),
            )
        elif layer.crs().isGeographic() and role in ("belt", "zones"):
            yield Issue(
                INFO,
                label,
                None,
                "crs_geographic",
                tr("The layer is in a geographic CRS ({}): areas and distances are computed in {}.").format(
                    layer.crs().authid() or layer.crs().description(), WORK_CRS
                ),
                tr("Nothing to do for Belt Map; measure areas by hand only in {} (metres).").format(WORK_CRS),
            )
        if layer.featureCount() == 0:
            yield Issue(
                ERROR if role in blocking else WARNING,
                label,
                None,
                "empty_layer",
                tr("The layer has no features."),
                tr("Choose the layer that holds the data, or add the features."),
            )
        names = layer.fields().names()
        candidates = {"zone_id": ZONE_ID_FIELD_NAMES, "name": ("name",) + ZONE_NAME_FIELD_NAMES}
        for wanted in required[role]:
            if find_field(names, candidates.get(wanted, (wanted,))) is None:
                yield Issue(
                    WARNING,
                    label,
                    None,
                    "missing_field",
                    tr("The layer has no field '{}'.").format(wanted),
                    tr("Add a text field '{}' (Layer Properties > Fields) and fill it.").format(wanted),
                )


def check_geometries(data: BeltData) -> Iterator[Issue]:
    """NULL, empty or invalid geometries (errors for belt and zones, warnings otherwise)."""
    for role, layer in data.layers():
        if not layer.crs().isValid():
            continue
        severity = ERROR if role in ("belt", "zones") else WARNING
        if data.errors_only and severity != ERROR:
            continue
        label = layer_label(role, layer)
        points = layer.geometryType() == QgsWkbTypes.PointGeometry
        names = layer.fields().names()
        for feature in layer.getFeatures(data.request(layer)):
            geometry = feature.geometry()
            shown = data.shown(role, layer, dict(zip(names, feature.attributes())), feature.id())
            if not feature.hasGeometry() or geometry.isNull():
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_null",
                    tr("Feature {} has no geometry.").format(shown),
                    tr("Draw its geometry, or delete the feature."),
                )
            elif geometry.isEmpty():
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_empty",
                    tr("Feature {} has an empty geometry.").format(shown),
                    tr("Draw its geometry, or delete the feature."),
                )
            elif not points and not geometry.isGeosValid():
                errors = geometry.validateGeometry(QgsGeometry.ValidatorGeos)
                where = errors[0].what() if errors else ""
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_invalid",
                    tr("Feature {} has an invalid geometry ({}); it may be dropped or mis-measured.").format(
                        shown, where
                    ),
                    tr(
                        "Run Vector geometry > Fix geometries, or correct the self-intersection "
                        "with the vertex tool."
                    ),
                )


# ---------------------------------------------------------------------------------------------
# zones


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


# ---------------------------------------------------------------------------------------------
# sites


def _site_point(geometry: Optional[QgsGeometry]) -> Optional[QgsGeometry]:
    if geometry is None:
        return None
    if geometry.type() == QgsWkbTypes.PointGeometry and not geometry.isMultipart():
        return geometry
    point = geometry.pointOnSurface()
    return None if point is None or point.isEmpty() else point


def check_sites_in_belt(data: BeltData) -> Iterator[Issue]:
    """Sites outside the belt."""
    engine = data.belt_engine
    if engine is None:
        return
    for layer in data.sites:
        label = layer_label("sites", layer)
        for item in data.items(layer):
            point = _site_point(item.geometry)
            if point is not None and not engine.intersects(point.constGet()):
                yield Issue(
                    WARNING,
                    label,
                    item.fid,
                    "site_outside_belt",
                    tr("Site {} ('{}') lies outside the belt.").format(
                        item.fid, item.attributes.get("name", "")
                    ),
                    tr("Check its coordinates (and their system), or leave it: it is tagged in_belt = 0."),
                )


def _name_key(value) -> str:
    return "" if is_null(value) else " ".join(unicodedata.normalize("NFKC", str(value)).split()).lower()


def check_duplicate_sites(data: BeltData) -> Iterator[Issue]:
    """Sites with the same name within 10 m of each other."""
    for layer in data.sites:
        name_field = find_field(layer.fields().names(), ("name", "名称"))
        if name_field is None:
            continue
        label = layer_label("sites", layer)
        groups: Dict[str, List[Tuple[int, QgsPointXY]]] = {}
        for item in data.items(layer):
            point = _site_point(item.geometry)
            key = _name_key(item.attributes.get(name_field))
            if point is None or not key:
                continue
            groups.setdefault(key, []).append((item.fid, point.asPoint()))
        for members in groups.values():
            for position, (fid, point) in enumerate(members):
                for other_fid, other in members[:position]:
                    distance = math.hypot(point.x() - other.x(), point.y() - other.y())
                    if distance <= DUPLICATE_METRES:
                        yield Issue(
                            WARNING,
                            label,
                            fid,
                            "site_duplicate",
                            tr("Site {} has the same name as site {} and lies {:.1f} m from it.").format(
                                fid, other_fid, distance
                            ),
                            tr("Delete one of the two, or give them distinct names if both are real."),
                        )
                        break


def _wgs84_points(data: BeltData, layer: QgsVectorLayer) -> List[Tuple[int, float, float]]:
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    transform = QgsCoordinateTransform(layer.crs(), wgs84, data.transform_context)
    points = []
    for feature in layer.getFeatures(data.request(layer).setNoAttributes()):
        point = _site_point(feature.geometry() if feature.hasGeometry() else None)
        if point is None:
            continue
        try:
            xy = transform.transform(point.asPoint())
        except QgsCsException:
            continue
        points.append((feature.id(), xy.x(), xy.y()))
    return points


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


def check_coordinate_shift(data: BeltData) -> Iterator[Issue]:
    """A systematic GCJ-02 / BD-09 shift of a sites layer."""
    for layer in data.sites:
        if layer.geometryType() not in ROLE_GEOMETRY["sites"]:
            continue
        found = shift_evidence(data, layer)
        if found is None:
            continue
        system, system_label, evidence = found
        yield Issue(
            ERROR,
            layer_label("sites", layer),
            None,
            "coordinate_shift",
            tr("The sites look like {} coordinates used as WGS84: {}.").format(system_label, evidence),
            tr(
                "Import the original list again with beltmap:importsites and SOURCE_CRS={} (it converts to "
                "WGS84/CGCS2000); do not use web-map coordinates unconverted."
            ).format(system),
        )


# ---------------------------------------------------------------------------------------------
# text


def check_text(data: BeltData) -> Iterator[Issue]:
    """Mojibake or U+FFFD in text fields, and field names a shapefile would truncate."""
    for role, layer in data.layers():
        label = layer_label(role, layer)
        for name in layer.fields().names():
            if truncated_by_shapefile(name):
                yield Issue(
                    WARNING,
                    label,
                    None,
                    "field_name_long",
                    tr(
                        "The field name '{}' is longer than 10 bytes: a shapefile would cut it to '{}'."
                    ).format(name, name.encode("utf-8")[:10].decode("utf-8", "ignore")),
                    tr("Rename the field to at most 10 ASCII characters, or keep the data in a GeoPackage."),
                )
        text_fields = [f.name() for f in layer.fields() if f.type() == compat.TEXT]
        if not text_fields:
            continue
        for item in data.items(layer):
            for name in text_fields:
                value = item.attributes.get(name)
                reason = None if is_null(value) else mojibake_reason(value)
                if reason:
                    yield Issue(
                        WARNING,
                        label,
                        item.fid,
                        "text_encoding",
                        tr("Field {} of feature {} looks garbled (乱码): '{}' {}.").format(
                            name, item.fid, str(value)[:40], reason
                        ),
                        tr(
                            "Load the source with the right encoding (a shapefile: add a .cpg file with GBK "
                            "or UTF-8) and save it again as a GeoPackage or UTF-8."
                        ),
                    )


# (check, can find errors, the check ids its issues carry): run_error_checks runs only checks of the
# second kind, and run_checks does not run a check whose every id the caller skips
CHECKS: Tuple[Tuple[Callable[[BeltData], Iterator[Issue]], bool, Tuple[str, ...]], ...] = (
    (check_layers, True, ("crs_geographic", "crs_missing", "empty_layer", "geometry_type", "missing_field")),
    (check_geometries, True, ("geometry_empty", "geometry_invalid", "geometry_null")),
    (check_zone_types, True, ("zone_type_field", "zone_type_missing", "zone_type_unknown")),
    (check_zone_ids, True, ("zone_id_duplicate", "zone_id_missing")),
    (check_coordinate_shift, True, ("coordinate_shift",)),
    (check_zones_in_belt, False, ("zone_outside_belt",)),
    (check_zone_overlaps, False, ("zone_overlap",)),
    (check_belt_area, False, ("belt_area",)),
    (check_sites_in_belt, False, ("site_outside_belt",)),
    (check_duplicate_sites, False, ("site_duplicate",)),
    (check_text, False, ("field_name_long", "text_encoding")),
)
