"""belt.gpkg: the package's layers, each with its default style in layer_styles and its metadata."""

from typing import Dict, NamedTuple, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayerMetadata,
    QgsProviderRegistry,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtXml import QDomDocument

from ...compat import TEXT, sld_style
from ..base.geometry_policy import with_null_geometries
from ..base.zone_types import ZONE_TYPE_FIELD_NAMES, find_field, normalise
from ..cartography.styles import apply_default_style
from ..cartography.titles import ROLE_NAMES, role_title
from ..errors import WriteError
from ..evaluation.style import grade_renderer

GPKG_NAME = "belt.gpkg"
EXCHANGE_CRS = "EPSG:4490"  # CGCS2000 geographic, the exchange CRS of DESIGN.md
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
OSM_LICENCE = "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/"

# title (zh, en) and abstract of every layer role in the package; the belt roles titled as the loader does
LAYER_INFO: Dict[str, tuple] = {
    "belt": (*ROLE_NAMES["belt"], "The boundary of the practice belt."),
    "zones": (
        *ROLE_NAMES["zones"],
        "Zones of the belt by type (park, community, street block, exhibition, scenic).",
    ),
    "sites": (
        *ROLE_NAMES["sites"],
        "Sites (enterprises, service stations, facilities, …) tagged with their zone.",
    ),
    "roads": (*ROLE_NAMES["roads"], "Road network for context."),
    "zone_types": (
        "区域类型范围",
        "Zone type extents",
        "Zones dissolved by type, one feature per zone type.",
    ),
    "zone_summary": ("区域统计", "Zone summary", "Site counts per zone and per zone type, by category."),
    "evaluation_index": (
        "综合性建设评价指数",
        "Evaluation index",
        "Comprehensive construction evaluation index per zone from beltmap:evaluationindex: raw and "
        "normalised indicators, weights, score (0-100), TOPSIS, rank and grade. Indicative: the official "
        "index's indicators are not public; the built-in set is a documented starting point.",
    ),
    "evaluation_weights": (
        "评价指标权重",
        "Evaluation index weights",
        "The indicators of the evaluation index with direction, weight and how the weight was set.",
    ),
}


def layer_title(role: str, language: str, illustrative: bool = False, osm: bool = False) -> str:
    """The display title of a layer role in the language; belt layers marked (示意) / (OSM) as loaded."""
    if role in ROLE_NAMES:
        return role_title(role, language, illustrative, osm)
    zh, en, _ = LAYER_INFO.get(role, (role, role, ""))
    return en if language.startswith("en") else zh


def write_layer(
    layer: QgsVectorLayer, gpkg_path: str, table: str, transform_context, feedback=None, first: bool = False
) -> int:
    """Copy layer into gpkg_path as table (reprojected to EXCHANGE_CRS); NULL, empty and NaN geometries
    are written as NULL geometry (core/base/geometry_policy.py), so no transform fails on them; returns how
    many features have no geometry in the table."""
    layer, unusable = with_null_geometries(layer)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = table
    options.fileEncoding = "UTF-8"
    options.feedback = feedback
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteFile if first else QgsVectorFileWriter.CreateOrOverwriteLayer
    )
    target_crs = QgsCoordinateReferenceSystem(EXCHANGE_CRS)
    if layer.isSpatial() and layer.crs().isValid() and layer.crs() != target_crs:
        options.ct = QgsCoordinateTransform(layer.crs(), target_crs, transform_context)
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, gpkg_path, transform_context, options)
    if result[0] != QgsVectorFileWriter.NoError:
        raise WriteError("cannot write layer {} to {}: {}".format(table, gpkg_path, result[1]))
    if unusable:
        _null_empty_geometries(gpkg_path, table)
    return unusable


def _null_empty_geometries(gpkg_path: str, table: str) -> None:
    """Make the empty geometries QGIS's writer stores for NULL ones real NULL geometries."""
    from osgeo import ogr

    dataset = ogr.Open(gpkg_path, 1)
    layer = dataset.GetLayerByName(table)
    layer.StartTransaction()
    for feature in layer:
        geometry = feature.GetGeometryRef()
        if geometry is not None and geometry.IsEmpty():
            feature.SetGeometryDirectly(None)
            layer.SetFeature(feature)
    layer.CommitTransaction()
    dataset = None


def open_layer(gpkg_path: str, table: str) -> QgsVectorLayer:
    """A table of the GeoPackage as a layer (its default style loaded from layer_styles)."""
    layer = QgsVectorLayer("{}|layername={}".format(gpkg_path, table), table, "ogr")
    if not layer.isValid():
        raise WriteError("layer {} of {} cannot be read".format(table, gpkg_path))
    return layer


def normalise_zone_types(layer: QgsVectorLayer) -> Optional[str]:
    """Give the package's zones a `zone_type` field holding canonical keys; returns the field name."""
    from qgis.core import QgsField

    source = find_field(layer.fields().names(), ZONE_TYPE_FIELD_NAMES)
    if source is None:
        return None
    if "zone_type" not in layer.fields().names():
        layer.dataProvider().addAttributes([QgsField("zone_type", TEXT)])
        layer.updateFields()
    source_index = layer.fields().indexOf(source)
    target_index = layer.fields().indexOf("zone_type")
    changes = {}
    for feature in layer.getFeatures():
        value = feature.attribute(source_index)
        key = normalise(value)
        if key is not None and feature.attribute(target_index) != key:
            changes[feature.id()] = {target_index: key}
    if changes:
        layer.dataProvider().changeAttributeValues(changes)
    return "zone_type"


def layer_metadata(
    layer: QgsVectorLayer, role: str, language: str, osm: bool, illustrative: bool
) -> QgsLayerMetadata:
    """Title, abstract, CRS, extent, source and licence of a package layer."""
    zh, en, abstract = LAYER_INFO.get(role, (role, role, ""))
    metadata = QgsLayerMetadata(layer.metadata())
    metadata.setIdentifier(role)
    metadata.setTitle(layer_title(role, language, illustrative, osm))
    notes = [abstract, "{} / {}".format(zh, en)]
    if illustrative:
        notes.append("示意 / Illustrative: positions and boundaries are approximate.")
    if osm:
        notes.append("Source: {}, {}.".format(OSM_ATTRIBUTION, OSM_LICENCE))
        metadata.setRights(sorted(set(metadata.rights()) | {OSM_ATTRIBUTION}))
        metadata.setLicenses(sorted(set(metadata.licenses()) | {OSM_LICENCE}))
    metadata.setAbstract("\n".join(n for n in notes if n))
    metadata.setCrs(layer.crs())
    metadata.setLanguage("zh" if not language.startswith("en") else "en")
    if layer.isSpatial():
        from qgis.core import QgsLayerMetadata as Md

        extent = Md.Extent()
        spatial = Md.SpatialExtent()
        spatial.extentCrs = layer.crs()
        from qgis.core import QgsBox3d

        rect = layer.extent()
        spatial.bounds = QgsBox3d(rect.xMinimum(), rect.yMinimum(), 0, rect.xMaximum(), rect.yMaximum(), 0)
        extent.setSpatialExtents([spatial])
        metadata.setExtent(extent)
    return metadata


class FinishedLayer(NamedTuple):
    """A package layer's style (QML, SLD) and metadata, to be saved into its file by save_finished()."""

    source: str
    name: str
    title: str
    qml: str
    sld: str
    metadata: QgsLayerMetadata


def finish_layer(
    layer: QgsVectorLayer, role: str, language: str, osm: bool, illustrative: bool
) -> FinishedLayer:
    """Style the written layer by its role and describe it; save_finished() then writes both to the file."""
    if role in ("belt", "zones", "sites", "roads"):
        apply_default_style(layer, role, language)
    elif role == "evaluation_index":
        layer.setRenderer(grade_renderer())
    metadata = layer_metadata(layer, role, language, osm, illustrative)
    layer.setMetadata(metadata)
    qml = QDomDocument()
    message = layer.exportNamedStyle(qml)
    if message:
        raise WriteError("cannot save the style of {}: {}".format(layer.name(), message))
    title = layer_title(role, language, illustrative, osm)
    return FinishedLayer(layer.source(), layer.name(), title, qml.toString(), sld_style(layer), metadata)


def save_finished(done: FinishedLayer) -> None:
    """Save the style (default, in layer_styles) and the metadata of a finished layer into its file.

    Call once no layer is open on the file: QGIS 3.40 closes the datasets of open layers of a file it saves
    a style or metadata to, and GDAL prints "unable to open database file" when they are used or closed.
    """
    registry = QgsProviderRegistry.instance()
    if not registry.saveStyle("ogr", done.source, done.qml, done.sld, done.name, done.title, "", True, ""):
        raise WriteError("cannot save the style of {}".format(done.name))
    ok, error = registry.saveLayerMetadata("ogr", done.source, done.metadata)
    if not ok:
        raise WriteError("cannot save the metadata of {}: {}".format(done.name, error))


def zone_type_extents(zones: QgsVectorLayer) -> QgsVectorLayer:
    """A memory layer with one (multi)polygon per zone type present: zone_type, name, name_en."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry

    from ..base.zone_types import ZONE_TYPES

    geometries: Dict[str, list] = {}
    index = zones.fields().indexOf("zone_type")
    for feature in zones.getFeatures():
        key = feature.attribute(index) if index >= 0 else None
        if key and feature.hasGeometry():
            geometries.setdefault(key, []).append(feature.geometry())
    layer = QgsVectorLayer("MultiPolygon?crs={}".format(zones.crs().authid()), "zone_types", "memory")
    layer.dataProvider().addAttributes(
        [
            QgsField("zone_type", TEXT),
            QgsField("name", TEXT),
            QgsField("name_en", TEXT),
        ]
    )
    layer.updateFields()
    features = []
    for zone in ZONE_TYPES:
        if zone.key not in geometries:
            continue
        feature = QgsFeature(layer.fields())
        feature.setAttributes([zone.key, zone.name_zh, zone.name_en])
        geometry = QgsGeometry.unaryUnion(geometries[zone.key])
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def layer_info(layer: QgsVectorLayer, role: str, null_geometries: int = 0) -> Dict:
    """What the manifest says about a package layer: table, role, features, features without geometry
    (null_geometries, as write_layer counted them), geometry type, CRS, extent."""
    from qgis.core import QgsWkbTypes

    info = {
        "name": layer.name(),
        "role": role,
        "feature_count": layer.featureCount(),
        "null_geometry_count": null_geometries,
        "geometry": QgsWkbTypes.displayString(layer.wkbType()) if layer.isSpatial() else None,
        "crs": layer.crs().authid() if layer.isSpatial() else None,
        "fields": layer.fields().names(),
    }
    if layer.isSpatial():
        rect = layer.extent()
        info["extent"] = [rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()]
    return info


def settle(gpkg_path: str) -> None:
    """Leave the GeoPackage as one self-contained file: WAL checkpointed, no -wal/-shm beside it.

    Call when every layer on it is closed; fails rather than package a file still being written.
    """
    import os
    import sqlite3

    connection = sqlite3.connect(gpkg_path)
    try:
        mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    finally:
        connection.close()
    left = [gpkg_path + s for s in ("-wal", "-shm", "-journal") if os.path.exists(gpkg_path + s)]
    if str(mode).lower() != "delete" or left:
        raise WriteError("{} is still open elsewhere ({}): cannot finish it".format(gpkg_path, mode))
