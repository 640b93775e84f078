"""The belt's layers as the web map's data: GeoJSON in WGS84 for shapes, columns for the sites."""

import json
import math
from typing import Callable, Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

from ..base.geometry_policy import usable_geometry
from ..base.model import WORK_CRS
from ..base.site_categories import site_category
from ..base.site_fields import SITE_CATEGORY_FIELDS, SITE_KEY_FIELDS, SITE_NAME_FIELDS
from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    ZONE_TYPES,
    find_field,
    loaded_type_field,
    normalise,
)
from ..cartography.render import CancelledError
from ..evaluation.index_math import grade_label
from . import columns as columns_mod

WEB_CRS = "EPSG:4326"
PRECISION = 6  # decimal degrees: about 0.1 m
MAIN_ROADS = ("motorway", "trunk", "primary", "secondary")
ZONE_ID_TAG = "zone_id"
ZONE_TYPE_TAG = "zone_type"
WALK_FIELD = "walk_m"
STATION_FIELD = "station_id"  # from beltmap:servicecoverage, with walk_min
# the optional fields the page shows and searches (with id, name and category from core/base/site_fields.py)
SITE_ADDRESS_FIELDS = ("address", "addr", "地址")
SITE_PHONE_FIELDS = ("phone", "tel", "telephone", "电话", "联系电话")


class Reader:
    """Reads layers into WGS84 shapes; knows the transform context and how to stop when cancelled."""

    def __init__(self, transform_context, is_canceled: Callable[[], bool] = lambda: False):
        self.context = transform_context
        self.is_canceled = is_canceled
        self.web = QgsCoordinateReferenceSystem(WEB_CRS)
        self.work = QgsCoordinateReferenceSystem(WORK_CRS)

    def transform(self, layer, crs) -> QgsCoordinateTransform:
        """The transform of a layer's CRS to crs."""
        return QgsCoordinateTransform(layer.crs(), crs, self.context)

    def features(self, layer, request: Optional[QgsFeatureRequest] = None):
        """The layer's features, stopping early (and raising) when cancelled."""
        for feature in layer.getFeatures(request or QgsFeatureRequest()):
            if self.is_canceled():
                raise CancelledError()
            yield feature

    def collection(self, layer, properties: Callable) -> Dict:
        """A GeoJSON FeatureCollection in WGS84 of the layer, properties(feature) on each feature."""
        transform = self.transform(layer, self.web)
        features = []
        for feature in self.features(layer):
            geometry = shape(feature.geometry(), transform)
            if geometry is None:
                continue
            features.append({"type": "Feature", "geometry": geometry, "properties": properties(feature)})
        return {"type": "FeatureCollection", "features": features}


def shape(geometry: QgsGeometry, transform: QgsCoordinateTransform) -> Optional[Dict]:
    """A geometry as a GeoJSON geometry in the transform's destination CRS (None when NULL, empty or NaN)."""
    if not usable_geometry(geometry):
        return None
    copy = QgsGeometry(geometry)
    copy.transform(transform)
    return json.loads(copy.asJson(PRECISION))


def text(value) -> str:
    """A field value as text ('' for NULL)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


def number(value) -> Optional[float]:
    """A field value as a number (None for NULL or text that is not a number)."""
    try:
        result = float(text(value))
    except ValueError:
        return None
    return result if result == result else None


def zone_types(language: str) -> List[Dict]:
    """The five zone types: key, label in the language, fill and outline colours (the print palette)."""
    return [
        {
            "key": zone.key,
            "label": zone.label(language),
            "colour": zone.colour,
            "outline": QColor(zone.colour).darker(140).name(),
        }
        for zone in ZONE_TYPES
    ]


def zones_data(reader: Reader, zones, language: str, index: Optional[Dict] = None) -> Dict:
    """The zones: id, name (name_en in English when present), type key, area in km², score and grade."""
    names = zones.fields().names()
    id_field = find_field(names, ZONE_ID_FIELD_NAMES)
    name_field = find_field(names, ZONE_NAME_FIELD_NAMES)
    if language == "en" and "name_en" in names:
        name_field = "name_en"
    type_field = loaded_type_field(names)
    to_work = reader.transform(zones, reader.work)
    index = index or {}

    def properties(feature):
        zone_id = text(feature[id_field]) if id_field else ""
        zone_id = zone_id or str(feature.id())
        metric = QgsGeometry(feature.geometry())
        metric.transform(to_work)
        values = {
            "id": zone_id,
            "name": (text(feature[name_field]) if name_field else "") or zone_id,
            "type": normalise(feature[type_field]) if type_field else None,
            "area": round(metric.area() / 1e6, 3),
        }
        values.update(index.get(zone_id, {}))
        return values

    return reader.collection(zones, properties)


def index_data(index_layer, language: str) -> Dict[str, Dict]:
    """Score (0-100) and grade label per zone id, from beltmap:evaluationindex's OUTPUT."""
    result = {}
    for feature in index_layer.getFeatures():
        grade = feature["grade"]
        score = number(feature["score"])
        result[text(feature["unit_id"])] = {
            "score": None if score is None else round(score, 1),
            "grade": grade_label(int(grade), language) if number(grade) is not None else "",
        }
    return result


def sites_data(reader: Reader, sites, zone_ids: List[str], language: str, zone_types=None) -> Dict:
    """The sites as compact columns (core/webmap/columns.py): count, x, y (micro-degrees from an origin),
    id, name, address and phone (texts), category index, zone index, zone type where it is not the zone's,
    walk (m), station, minutes and own station (COVERAGE)."""
    names = sites.fields().names()
    id_field = find_field(names, SITE_KEY_FIELDS)
    name_field = "name_en" if language == "en" and "name_en" in names else find_field(names, SITE_NAME_FIELDS)
    category_field = find_field(names, SITE_CATEGORY_FIELDS)
    address_field = find_field(names, SITE_ADDRESS_FIELDS)
    phone_field = find_field(names, SITE_PHONE_FIELDS)
    zone_field = ZONE_ID_TAG if ZONE_ID_TAG in names else None
    type_field = ZONE_TYPE_TAG if ZONE_TYPE_TAG in names else None
    walk_field = WALK_FIELD if WALK_FIELD in names else None
    station_field = STATION_FIELD if STATION_FIELD in names and "walk_min" in names else None
    zone_index = {zone_id: i for i, zone_id in enumerate(zone_ids)}
    zone_types = zone_types or [None] * len(zone_ids)
    transform = reader.transform(sites, reader.web)
    categories: List[str] = []
    category_index: Dict[str, int] = {}
    keys = (
        "id",
        "name",
        "cat",
        "x",
        "y",
        "zone",
        "type",
        "walk",
        "address",
        "phone",
        "station",
        "minutes",
        "own",
    )
    columns: Dict[str, list] = {key: [] for key in keys}
    points = sites.geometryType() == QgsWkbTypes.PointGeometry
    wanted = [f for f in (id_field, name_field, category_field, address_field, phone_field) if f]
    wanted += [f for f in (zone_field, type_field, walk_field, station_field) if f]
    if station_field:
        wanted.append("walk_min")
    field_index = {name: sites.fields().lookupField(name) for name in wanted}

    def value(attributes, name):
        return attributes[field_index[name]] if name else None

    single = points and not QgsWkbTypes.isMultiType(sites.wkbType())
    request = QgsFeatureRequest().setSubsetOfAttributes([i for i in field_index.values() if i >= 0])
    for feature in reader.features(sites, request):
        geometry = feature.geometry()
        if single:  # the one geometry policy (usable_geometry) for a point, without walking its vertices
            if geometry.isNull() or geometry.isEmpty():
                continue
            point = geometry.asPoint()
            if not (math.isfinite(point.x()) and math.isfinite(point.y())):
                continue
            xy = transform.transform(point)
        elif not usable_geometry(geometry):  # no position, not on the map
            continue
        else:
            point = QgsGeometry(geometry if points else geometry.pointOnSurface())
            point.transform(transform)
            xy = point.vertexAt(0)
        attributes = feature.attributes()
        key = text(value(attributes, category_field))
        if key not in category_index:
            category_index[key] = len(categories)
            categories.append(key)
        zone = zone_index.get(text(value(attributes, zone_field)), -1) if zone_field else -1
        columns["id"].append(text(value(attributes, id_field)) or str(feature.id()))
        columns["name"].append(text(value(attributes, name_field)))
        columns["address"].append(text(value(attributes, address_field)))
        columns["phone"].append(text(value(attributes, phone_field)))
        columns["cat"].append(category_index[key])
        columns["x"].append(xy.x())
        columns["y"].append(xy.y())
        columns["zone"].append(zone)
        columns["type"].append((normalise(value(attributes, type_field)) or "") if type_field else "")
        if walk_field:
            walk = number(value(attributes, walk_field))
            columns["walk"].append(None if walk is None else int(round(walk)))
        if station_field:
            station = text(value(attributes, station_field))
            minutes = number(value(attributes, "walk_min"))
            columns["station"].append(station)
            columns["minutes"].append(None if minutes is None else int(round(minutes * 10)))
            # a station among the sites walks 0 m to itself: its info lists the sites it serves
            columns["own"].append(station if walk == 0 and station else "")
    return _site_columns(columns, categories, language, zone_types, zone_field, walk_field, station_field)


def _site_columns(columns, categories, language, zone_types, zone_field, walk_field, station_field) -> Dict:
    """The page's compact form of the columns read."""
    count = len(columns["id"])
    result = {
        "count": count,
        "x": columns_mod.pack_coordinates(columns["x"]),
        "y": columns_mod.pack_coordinates(columns["y"]),
        "id": columns_mod.texts(columns["id"]),
        "name": columns_mod.texts(columns["name"]),
        "cat": columns_mod.pack(columns["cat"]),
        "zone": columns_mod.pack_optional([None if z < 0 else z for z in columns["zone"]]),
        "categories": [category_entry(key, language) for key in categories],
        "tagged": zone_field is not None,
        "coverage": walk_field is not None,
    }
    for key in ("address", "phone"):
        if any(columns[key]):
            result[key] = columns_mod.texts(columns[key])
    # the zone type tag, only where it is not the type of the site's zone (a site outside every zone)
    types = [""] + sorted({t for t in columns["type"] if t})
    differs = any(
        t != ((zone_types[z] or "") if z >= 0 else "") for t, z in zip(columns["type"], columns["zone"])
    )
    if differs:
        result["types"] = types
        result["type"] = columns_mod.pack([types.index(t) for t in columns["type"]])
    if walk_field:
        result["walk"] = columns_mod.pack_optional(columns["walk"])
    if station_field:
        result["station"] = columns_mod.texts(columns["station"])
        result["minutes"] = columns_mod.pack_optional(columns["minutes"])
        result["own"] = columns_mod.texts(columns["own"])
    return result


def catchments_data(reader: Reader, catchments) -> Dict:
    """The catchments of beltmap:servicecoverage: station id and radius (m) of each polygon."""

    def properties(feature):
        return {"station": text(feature["station_id"]), "radius": number(feature["radius_m"])}

    return reader.collection(catchments, properties)


def category_entry(key: str, language: str) -> Dict:
    """A site category for the page: key, label in the language, colour and marker shape."""
    category = site_category(key)
    label = category.label(language) or ("(no category)" if language == "en" else "（无类别）")
    return {"key": key, "label": label, "colour": category.colour, "shape": category.shape.lower()}


def roads_data(reader: Reader, roads) -> Dict:
    """The roads: name and whether it is a main road (drawn wider)."""
    names = roads.fields().names()
    highway = "highway" in names
    name_field = find_field(names, ("name", "名称"))

    def properties(feature):
        main = not highway or text(feature["highway"]) in MAIN_ROADS
        return {"name": text(feature[name_field]) if name_field else "", "main": main}

    return reader.collection(roads, properties)


def belt_data(reader: Reader, belt) -> Dict:
    """The belt outline."""
    return reader.collection(belt, lambda feature: {})
