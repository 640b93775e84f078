"""What every check shares: severities, thresholds, the issue record and the belt data read once
(layers, features and geometries in the work CRS, cached)."""

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsCsException,
    QgsFeatureRequest,
    QgsGeometry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..base.model import WORK_CRS
from ..base.nulls import is_null
from ..base.site_fields import SITE_KEY_FIELDS
from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    find_field,
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


def site_point(geometry: Optional[QgsGeometry]) -> Optional[QgsGeometry]:
    if geometry is None:
        return None
    if geometry.type() == QgsWkbTypes.PointGeometry and not geometry.isMultipart():
        return geometry
    point = geometry.pointOnSurface()
    return None if point is None or point.isEmpty() else point
