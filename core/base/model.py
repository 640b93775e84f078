"""The belt data model shared by the engine and the loader: work CRS, role geometries, zone ids."""

from typing import Optional

from qgis.core import QgsVectorLayer, QgsWkbTypes

from .zone_types import ZONE_ID_FIELD_NAMES, find_field

WORK_CRS = "EPSG:4549"  # CGCS2000 / 3-degree Gauss-Kruger CM 120E: metres in Anting

# which geometry each role accepts
ROLE_GEOMETRY = {
    "belt": (QgsWkbTypes.PolygonGeometry,),
    "zones": (QgsWkbTypes.PolygonGeometry,),
    "sites": (QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry),
    "roads": (QgsWkbTypes.LineGeometry,),
}


def zone_id_field(layer: QgsVectorLayer) -> Optional[str]:
    """The zone id field of a zones layer, if it has one."""
    return find_field(layer.fields().names(), ZONE_ID_FIELD_NAMES)
