"""Which QGIS layers the sites can be read from in bulk (gpkg_sites): a whole, unfiltered GeoPackage
point layer with one FID column."""

import os
from typing import Optional

from qgis.core import QgsProviderRegistry, QgsWkbTypes

from .gpkg_sites import GpkgLayer, geometry_column, table_name


def whole_gpkg_layer(layer) -> Optional[GpkgLayer]:
    """The GeoPackage layer behind a QGIS vector layer when it is a whole, unfiltered point layer of a
    .gpkg file with a single FID column and no unsaved edits (the file does not hold them); else None."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString() or layer.isModified():
        return None
    if QgsWkbTypes.flatType(layer.wkbType()) != QgsWkbTypes.Point or QgsWkbTypes.hasM(layer.wkbType()):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path) or parts.get("subset"):
        return None
    keys = layer.dataProvider().pkAttributeIndexes()
    if len(keys) != 1:
        return None
    table = table_name(path, parts.get("layerName"))
    geometry = geometry_column(path, table) if table else None
    if geometry is None:
        return None
    return GpkgLayer(path, table, layer.fields().at(keys[0]).name(), geometry)
