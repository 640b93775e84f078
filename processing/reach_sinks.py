"""The sinks of beltmap:servicecoverage, written through the output guard from a measured Reach."""

import sqlite3

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core.base.field_specs import BIGINT, REAL, TEXT, make_fields
from ..core.base.model import WORK_CRS
from ..core.cartography.reach_styles import style_catchments, style_spokes, style_walks
from ..core.errors import WriteError
from ..core.reach.engine import Reach
from ..core.reach.gpkg_output import NotCopyable, fill_sites
from ..core.reach.site_columns import site_features, site_fields, walk_columns
from ..i18n import tr
from .outputs import keep_alive

STYLERS = {"OUTPUT": style_walks, "SPOKES": style_spokes, "CATCHMENTS": style_catchments}


class ReachStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles a servicecoverage output once QGIS has loaded it: sites and spokes by walk band, catchments
    by radius (kept alive: keep_alive)."""

    def __init__(self, output: str):
        super().__init__()
        self.output = output

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.isValid():
            STYLERS[self.output](layer)


def style_on_load(output: str, dest: str, context) -> None:
    """The reach style on an output when QGIS loads it into the project."""
    if dest and context.willLoadLayerOnCompletion(dest):
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(keep_alive(ReachStyler(output)))


def write_sites(guard, key, sites, found: Reach, feedback):
    """OUTPUT: the sites with station_id, walk_m, walk_min, method and one cov_<r> flag per radius."""
    fields, kept = site_fields(sites.fields(), found.radii)
    sink, dest = guard.sink(key, fields, sites.wkbType(), sites.sourceCrs())
    if found.features.bulk is not None and dest.partition("|")[0].lower().endswith(".gpkg"):
        guard.finish(sink)
        _write_in_bulk(dest, fields, kept, sites, found, feedback)
        return dest
    for feature in site_features(fields, kept, sites, found, feedback, fill_keys=True):
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            raise WriteError(_not_written(dest, sink.lastError() if hasattr(sink, "lastError") else ""))
    return dest


def _not_written(dest: str, error: str) -> str:
    """The message for a site the writer refused: the output would not be whole."""
    return tr("Cannot write a site into {}: {}").format(dest.partition("|")[0], error or tr("unknown error"))


def _write_in_bulk(dest: str, fields, kept, sites, found: Reach, feedback) -> None:
    """Fill the empty GeoPackage layer at dest inside SQLite (sites read in bulk); feature by feature into
    it when the input's columns or spatial reference do not allow it."""
    path, _, layer = dest.partition("|layername=")
    added = walk_columns(found)
    try:
        fill_sites(
            path, layer or None, found.features.bulk, [fields.at(i).name() for i in range(len(kept))], added
        )
        feedback.pushInfo(tr("{} sites written in bulk into the GeoPackage").format(len(found.features)))
        return
    except NotCopyable as reason:
        feedback.pushInfo(tr("Sites written feature by feature ({})").format(reason))
    except sqlite3.Error as error:
        raise WriteError(tr("Cannot write {}: {}").format(path, error)) from error
    staged = QgsVectorLayer(dest, "sites", "ogr")
    provider = staged.dataProvider()
    batch = []
    for feature in site_features(fields, kept, sites, found, feedback, fill_keys=True):
        batch.append(feature)
        if len(batch) == 5000:
            if not provider.addFeatures(batch, QgsFeatureSink.FastInsert)[0]:
                raise WriteError(_not_written(dest, provider.lastError()))
            batch = []
    if not provider.addFeatures(batch, QgsFeatureSink.FastInsert)[0]:
        raise WriteError(_not_written(dest, provider.lastError()))
    del provider, staged


def write_rates(guard, key, found: Reach, feedback):
    """COVERAGE_TABLE: the rate per radius, overall ('all') and per zone type."""
    fields = make_fields([("zone_type", TEXT), ("radius_m", REAL), ("rate", REAL)])
    sink, dest = guard.sink(
        key, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem(), optional=True
    )
    if sink is None:
        return None
    for group, rates in [("all", found.coverage)] + sorted(found.coverage_by_zone_type.items()):
        for radius, rate in rates.items():
            row = QgsFeature(fields)
            row.setAttributes([group, float(radius), rate])
            sink.addFeature(row, QgsFeatureSink.FastInsert)
    return dest


def write_spokes(guard, key, found: Reach, feedback):
    """SPOKES: a line from each station to every site it serves within the largest radius."""
    fields = make_fields([("station_id", TEXT), ("site_fid", BIGINT), ("walk_m", REAL)])
    sink, dest = guard.sink(
        key, fields, QgsWkbTypes.LineString, QgsCoordinateReferenceSystem(WORK_CRS), optional=True
    )
    if sink is None:
        return None
    for count, i in enumerate(found.served(max(found.radii))):
        if count % 1000 == 0 and feedback.isCanceled():
            break
        k = found.station[i]
        line = QgsFeature(fields)
        line.setGeometry(
            QgsGeometry.fromPolylineXY([QgsPointXY(*found.station_xy[k]), QgsPointXY(*found.site_xy[i])])
        )
        line.setAttributes([found.station_ids[k], int(i), round(float(found.walk_m[i]), 1)])
        sink.addFeature(line, QgsFeatureSink.FastInsert)
    return dest


def write_catchments(guard, key, found: Reach, feedback):
    """CATCHMENTS: one polygon per station and radius."""
    fields = make_fields([("station_id", TEXT), ("radius_m", REAL), ("method", TEXT), ("area_m2", REAL)])
    sink, dest = guard.sink(
        key,
        fields,
        QgsWkbTypes.MultiPolygon,
        QgsCoordinateReferenceSystem(WORK_CRS),
        optional=True,
    )
    if sink is None:
        return None
    for k, radius, how, geometry in found.catchments(feedback):
        polygon = QgsFeature(fields)
        geometry.convertToMultiType()
        polygon.setGeometry(geometry)
        polygon.setAttributes([found.station_ids[k], float(radius), how, round(geometry.area(), 1)])
        sink.addFeature(polygon, QgsFeatureSink.FastInsert)
    return dest
