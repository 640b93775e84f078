"""Load belt data (GeoPackage, shapefile, GeoJSON) into a project: checked first, then added as a whole.

Nothing is half-loaded: every layer is opened and checked before any is added to the project, and the
first problem stops the load with a message that names the file, layer or value and what to do.
"""

import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from osgeo import ogr
from qgis.core import (
    QgsAbstractDatabaseProviderConnection,
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsException,
    QgsFeatureRequest,
    QgsField,
    QgsLayerTreeGroup,
    QgsProject,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import TEXT
from ..core.base.encoding import encoded_uri
from ..core.base.model import ROLE_GEOMETRY, WORK_CRS, zone_id_field  # noqa: F401 (re-exported)
from ..core.base.zone_types import (
    ZONE_KEY_FIELD,
    ZONE_TYPE_FIELD_NAMES,
    ZONE_TYPES,
    find_field,
    nearest_key,
    normalise,
    unknown_values,
)
from ..core.cartography.styles import ROLES, apply_default_style
from ..core.cartography.titles import ROLE_NAMES, role_title
from ..core.errors import BeltMapError
from ..core.postgis.connection import redact
from ..i18n import tr
from ..log import info as log_info
from .roles import ROLE_PROPERTY

DEMO_GROUP = "安驰路产城融合实践带 (示意)"

# layer names that suggest a role, checked in this order
ROLE_NAME_HINTS = {
    "belt": ("belt", "boundary", "边界", "实践带"),
    "zones": ("zone", "区域", "分区"),
    "sites": ("site", "poi", "点位", "企业", "station"),
    "roads": ("road", "street_line", "道路", "路网"),
}


class BeltDataError(BeltMapError):
    """Belt data that cannot be loaded; the message says what is wrong and what to do."""


@dataclass
class LayerInfo:
    """One vector layer of a data file, or a table of a PostGIS database (provider 'postgres')."""

    path: str  # the file, or 'connection/schema' for a table
    name: str
    geometry: int  # QgsWkbTypes.GeometryType
    count: int
    provider: str = "ogr"
    source: str = ""  # the postgres data source URI of a table

    @property
    def uri(self) -> str:
        """The data source URI of this layer (OGR for files)."""
        return self.source or "{}|layername={}".format(self.path, self.name)


@dataclass
class LoadedBelt:
    """What load_belt added to the project."""

    group: QgsLayerTreeGroup
    layers: Dict[str, List[QgsVectorLayer]] = field(default_factory=dict)
    zone_type_field: Optional[str] = None


def list_layers(path: str) -> List[LayerInfo]:
    """Every vector layer of a GeoPackage, shapefile or GeoJSON file; BeltDataError if it has none."""
    if not path or not os.path.exists(path):
        raise BeltDataError(tr("File not found: {}. Check the path, or pick the file again.").format(path))
    ogr.UseExceptions()
    try:
        dataset = ogr.Open(path, 0)
    except RuntimeError as error:
        dataset = None
        reason = str(error)
    else:
        reason = ""
    if dataset is None:
        raise BeltDataError(
            tr("{} is not a GIS file that can be read ({}). Use a GeoPackage, shapefile or GeoJSON.").format(
                path, reason or tr("unknown format")
            )
        )
    infos = []
    for index in range(dataset.GetLayerCount()):
        layer = QgsVectorLayer("{}|layerid={}".format(path, index), "probe", "ogr")
        name = dataset.GetLayerByIndex(index).GetName()
        if layer.isValid():
            infos.append(LayerInfo(path, name, layer.geometryType(), layer.featureCount()))
    if not infos:
        raise BeltDataError(
            tr("{} has no vector layer. Use a GeoPackage, shapefile or GeoJSON.").format(path)
        )
    return infos


def postgis_connections() -> List[str]:
    """Names of the PostGIS connections saved in QGIS (Browser ▸ PostgreSQL)."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections()) if metadata is not None else []


def list_postgis_layers(connection_name: str, schema: str = "public") -> List[LayerInfo]:
    """Every table with a geometry in a schema of a saved PostGIS connection; BeltDataError if none."""
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    connection = metadata.connections().get(connection_name) if metadata is not None else None
    if connection is None:
        raise BeltDataError(tr("No saved PostGIS connection named '{}'.").format(connection_name))
    try:
        tables = connection.tables(schema, QgsAbstractDatabaseProviderConnection.TableFlag.Vector)
    except QgsException as error:  # the message may hold the connection string: no password in it
        raise BeltDataError(
            tr("Cannot list the tables of schema '{}' of '{}': {}").format(
                schema, connection_name, redact(error.what() if hasattr(error, "what") else error)
            )
        ) from None
    infos = []
    for table in tables:
        source = QgsDataSourceUri(connection.uri())
        keys = table.primaryKeyColumns()
        source.setDataSource(schema, table.tableName(), table.geometryColumn(), "", keys[0] if keys else "")
        uri = source.uri(False)
        layer = QgsVectorLayer(uri, table.tableName(), "postgres")
        if layer.isValid():
            place = "{}/{}".format(connection_name, schema)
            infos.append(
                LayerInfo(
                    place, table.tableName(), layer.geometryType(), layer.featureCount(), "postgres", uri
                )
            )
    if not infos:
        raise BeltDataError(
            tr("Schema '{}' of '{}' has no table with a geometry.").format(schema, connection_name)
        )
    return infos


def guess_roles(infos: List[LayerInfo]) -> Dict[str, LayerInfo]:
    """A first guess of which layer plays belt / zones / sites / roads, by name and geometry."""
    roles: Dict[str, LayerInfo] = {}
    free = list(infos)
    for role in ROLES:
        for info in free:
            lowered = info.name.lower()
            if info.geometry in ROLE_GEOMETRY[role] and any(h in lowered for h in ROLE_NAME_HINTS[role]):
                roles[role] = info
                free.remove(info)
                break
    polygons = [i for i in free if i.geometry == QgsWkbTypes.PolygonGeometry]
    if "zones" not in roles and polygons:
        roles["zones"] = max(polygons, key=lambda i: i.count)
        free.remove(roles["zones"])
    for role, geometry in (("sites", QgsWkbTypes.PointGeometry), ("roads", QgsWkbTypes.LineGeometry)):
        if role not in roles:
            candidates = [i for i in free if i.geometry == geometry]
            if candidates:
                roles[role] = candidates[0]
                free.remove(candidates[0])
    return roles


def open_layer(info: LayerInfo, role: str, title: Optional[str] = None) -> QgsVectorLayer:
    """Open one layer for a role and check its geometry type; BeltDataError names the layer and the fix."""
    uri, decision = (info.uri, None) if info.provider != "ogr" else encoded_uri(info.uri)
    if decision is not None:  # a shapefile without .cpg: GBK or UTF-8, decided and logged
        log_info("{}: text read as {}".format(info.path, decision.describe()))
    layer = QgsVectorLayer(uri, title or info.name, info.provider)
    if not layer.isValid():
        raise BeltDataError(tr("Layer '{}' of {} cannot be opened.").format(info.name, info.path))
    if layer.geometryType() not in ROLE_GEOMETRY[role]:
        raise BeltDataError(
            tr("Layer '{}' of {} has {} geometry, but the {} layer needs {}. Choose another layer.").format(
                info.name,
                info.path,
                QgsWkbTypes.geometryDisplayString(layer.geometryType()),
                role,
                " / ".join(QgsWkbTypes.geometryDisplayString(g) for g in ROLE_GEOMETRY[role]),
            )
        )
    if not layer.crs().isValid():
        raise BeltDataError(
            tr(
                "Layer '{}' of {} has no coordinate reference system. Set it (e.g. EPSG:4490) and retry."
            ).format(info.name, info.path)
        )
    return layer


def zone_type_problems(layer: QgsVectorLayer) -> Tuple[Optional[str], Dict[str, int]]:
    """The zone type field of a zones layer and its unknown values with their counts."""
    type_field = find_field(layer.fields().names(), ZONE_TYPE_FIELD_NAMES)
    if type_field is None:
        return None, {}
    index = layer.fields().indexOf(type_field)
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry).setSubsetOfAttributes([index])
    return type_field, unknown_values(f.attribute(index) for f in layer.getFeatures(request))


def check_zones(layer: QgsVectorLayer, source: str) -> str:
    """The zone type field of a zones layer; BeltDataError lists missing fields or unknown values."""
    type_field, unknown = zone_type_problems(layer)
    if type_field is None:
        raise BeltDataError(
            tr("Zones layer '{}' has no zone type field. Add a field named one of: {}.").format(
                source, ", ".join(ZONE_TYPE_FIELD_NAMES)
            )
        )
    if unknown:
        items = []
        for value, count in sorted(unknown.items()):
            if value:
                items.append(
                    tr("'{}' ({} zones; did you mean '{}'?)").format(value, count, nearest_key(value))
                )
            else:
                items.append(tr("empty ({} zones)").format(count))
        raise BeltDataError(
            tr("Zones layer '{}', field '{}', has unknown zone types: {}. Known types: {}.").format(
                source,
                type_field,
                "; ".join(items),
                ", ".join("{} {}".format(z.key, z.name_zh) for z in ZONE_TYPES),
            )
        )
    return type_field


def normalised_type_field(layer: QgsVectorLayer, type_field: str) -> str:
    """Field holding canonical keys: type_field itself, or a virtual `zone_key` field mapping the aliases."""
    index = layer.fields().indexOf(type_field)
    values = [v for v in layer.uniqueValues(index) if v is not None and str(v) != "NULL"]
    if all(normalise(v) == v for v in values):
        return type_field
    cases = " ".join(
        "WHEN \"{}\" = '{}' THEN '{}'".format(
            type_field.replace('"', '""'), str(v).replace("'", "''"), normalise(v)
        )
        for v in sorted(values, key=str)
    )
    layer.addExpressionField("CASE {} END".format(cases), QgsField(ZONE_KEY_FIELD, TEXT))
    layer.setFieldAlias(layer.fields().indexOf(ZONE_KEY_FIELD), "区域类型")
    return ZONE_KEY_FIELD


def load_belt(
    roles: Dict[str, LayerInfo],
    project: Optional[QgsProject] = None,
    group_name: str = "Belt Map",
    language: str = "zh",
    titles: Optional[Dict[str, str]] = None,
) -> LoadedBelt:
    """Open, check, style and add the layers of each role to a new layer group (zones are required)."""
    project = project or QgsProject.instance()
    if "zones" not in roles:
        raise BeltDataError(tr("No polygon layer for the zones was found or chosen. Choose the zones layer."))
    opened: Dict[str, QgsVectorLayer] = {}
    for role in ROLES:
        if role in roles:
            opened[role] = open_layer(roles[role], role, (titles or {}).get(role))
    zones = opened["zones"]
    source = "{} ({})".format(roles["zones"].name, roles["zones"].path)
    type_field = normalised_type_field(zones, check_zones(zones, source))
    for role, layer in opened.items():
        if role == "zones":
            from ..core.cartography.styles import style_zones

            style_zones(layer, language, type_field)
        else:
            apply_default_style(layer, role, language)
        layer.setCustomProperty(ROLE_PROPERTY, role)
    was_empty = not project.mapLayers()
    root = project.layerTreeRoot()
    existing = root.findGroup(group_name)
    if existing is not None:  # loading again replaces the group the plugin made before
        project.removeMapLayers([layer_id for layer_id in existing.findLayerIds()])
        root.removeChildNode(existing)
    group = root.insertGroup(0, group_name)
    loaded = LoadedBelt(group=group, zone_type_field=type_field)
    # drawing order: sites on top, then roads, zones, belt outline last drawn under
    for role in ("sites", "roads", "belt", "zones"):
        if role in opened:
            project.addMapLayer(opened[role], False)
            group.addLayer(opened[role])
            loaded.layers.setdefault(role, []).append(opened[role])
    if was_empty:  # after adding: QGIS desktop may take the first layer's CRS for an empty project
        project.setCrs(QgsCoordinateReferenceSystem(WORK_CRS))
    return loaded


def demo_gpkg_path() -> str:
    """Path of the demo belt GeoPackage shipped with the plugin."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "demo_belt.gpkg")


DEMO_TITLES_ZH = {role: role_title(role, "zh", illustrative=True, osm=role == "roads") for role in ROLE_NAMES}
DEMO_TITLES_EN = {role: role_title(role, "en", illustrative=True, osm=role == "roads") for role in ROLE_NAMES}


def load_demo(project: Optional[QgsProject] = None, language: str = "zh") -> LoadedBelt:
    """Add the styled demo belt to the project in the group 安驰路产城融合实践带 (示意)."""
    infos = {info.name: info for info in list_layers(demo_gpkg_path())}
    roles = {role: infos[role] for role in ROLES if role in infos}
    titles = DEMO_TITLES_EN if language.startswith("en") else DEMO_TITLES_ZH
    return load_belt(roles, project, DEMO_GROUP, language, titles)
