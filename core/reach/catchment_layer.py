"""The catchments of the sites' service stations as a memory layer (for the web map)."""

from typing import Optional

from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from ..base.model import WORK_CRS
from ..errors import BeltMapError, Cancelled
from .engine import ReachRequest, measure_reach


def catchment_layer(sites, roads, transform_context, progress) -> Optional[QgsVectorLayer]:
    """station_id and radius_m of every catchment (stations: the sites of category service_station);
    None when there is no station or the walks cannot be measured."""
    try:
        found = measure_reach(
            ReachRequest(sites=sites, roads=roads, transform_context=transform_context), progress
        )
    except Cancelled:
        raise
    except BeltMapError:
        return None
    layer = QgsVectorLayer(
        "MultiPolygon?crs={}&field=station_id:string&field=radius_m:double".format(WORK_CRS),
        "catchments",
        "memory",
    )
    rows = []
    for k, radius, _how, geometry in found.catchments(progress):
        feature = QgsFeature(layer.fields())
        geometry = QgsGeometry(geometry)
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes([found.station_ids[k], float(radius)])
        rows.append(feature)
    layer.dataProvider().addFeatures(rows)
    return layer
