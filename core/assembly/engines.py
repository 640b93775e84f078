"""The other engines the package and web map builders call: one adapter function each.

The builders reach every other engine only through the functions here, so changing an engine's entry point
is one edit: `tag_sites` (core/tagging/engine.py), `zone_summary` (core/zone_summary/engine.py),
`evaluation_index` (core/evaluation/engine.py), `service_reach`
(the reach engine, through core/evaluation/sites.py).
"""

from typing import Sequence, Tuple

from qgis.core import (
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsMemoryProviderUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import TEXT
from ...i18n import tr
from ..base.field_specs import make_fields
from ..base.progress import check_cancel
from ..base.zone_types import DEFAULT_PRIORITY
from ..errors import BeltMapError
from ..evaluation.engine import IndexRequest, evaluate_index
from ..evaluation.layers import index_layer, weights_layer
from ..evaluation.sites import walked_sites
from ..tagging.engine import tag_with_defaults
from ..zone_summary.engine import SummaryRequest, summarise_zones
from ..zone_summary.table import write_summary_csv


class StepError(BeltMapError):
    """A step of an export failed; the message says which and how to export without it."""


def tag_sites(sites: QgsVectorLayer, zones, belt, transform_context, progress) -> QgsVectorLayer:
    """ADAPTER (tagging): the sites tagged by zone (default rule and priority) into a memory layer, by the
    one tagging entry point. The inputs were validated by the caller: nothing is checked again here."""
    tagged = tag_with_defaults(
        sites, zones, progress, belt=belt, transform_context=transform_context, validated=True
    )
    check_cancel(progress)
    return tagged


def zone_summary(sites, zones, transform_context, progress, csv_path: str) -> QgsVectorLayer:
    """ADAPTER (zone summary): the zone summary table of the sites (tagged on the way when they are not,
    without checking the validated inputs again) as a memory table, and its CSV at csv_path."""
    request = SummaryRequest(
        sites=sites,
        zones=zones,
        priority=tuple(DEFAULT_PRIORITY),
        category_field="category",
        transform_context=transform_context,
        validated=True,
    )
    table = summarise_zones(request, progress)
    check_cancel(progress)
    fields = make_fields(table.specs)
    layer = QgsVectorLayer("None", "zone_summary", "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    features = []
    for values in table.rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    for index, field in enumerate(fields):
        if field.alias():
            layer.setFieldAlias(index, field.alias())
    if csv_path:
        write_summary_csv(csv_path, fields.names(), table.rows)
    return layer


def evaluation_index(
    zones, sites, roads, transform_context, progress
) -> Tuple[QgsVectorLayer, QgsVectorLayer]:
    """ADAPTER (evaluation index): (index, weights) per zone with the built-in indicators, as memory layers
    (core/evaluation/engine.py; the walks measured and the sites tagged there when an indicator needs it)."""
    check_cancel(progress)
    request = IndexRequest(
        sites=sites, zones=zones, roads=roads, units="zones", transform_context=transform_context
    )
    result = evaluate_index(request, progress)
    return index_layer(result), weights_layer(result)


def service_reach(sites, roads, transform_context, progress) -> QgsVectorLayer:
    """ADAPTER (service reach): the sites with station_id, walk_m, walk_min, method and cov_<r> to the
    nearest service station (the sites of category service_station), by the reach engine."""
    check_cancel(progress)
    walked = walked_sites(sites, roads, "service_station", transform_context, progress)
    if walked.fields().indexOf("walk_m") < 0:
        raise StepError(tr("No site of category service_station: no walk to measure"))
    return walked


def merged_sites(layers: Sequence[QgsVectorLayer], transform_context=None) -> QgsVectorLayer:
    """One sites layer: the layer itself, or several merged into a memory layer in the first one's CRS.

    As native:mergevectorlayers did: the union of the fields (first type seen; text when types differ), plus
    `layer` naming each feature's source layer; geometries reprojected to the first layer's CRS. Unlike it,
    the GeoPackages' `fid` columns are left out: they repeat across layers and broke writing belt.gpkg.
    """
    if len(layers) == 1:
        return layers[0]
    return _merge(layers, transform_context)


def _memory_layer(like: QgsVectorLayer, fields, name: str, wkb_type=None, crs=None) -> QgsVectorLayer:
    """An empty memory layer with fields, like's geometry type and CRS (or those given)."""
    return QgsMemoryProviderUtils.createMemoryLayer(
        name,
        fields,
        like.wkbType() if wkb_type is None else wkb_type,
        like.sourceCrs() if crs is None else crs,
    )


def _merged_type(layers):
    """The merged layers' geometry type: one type kept, multi and Z/M when any layer has them."""
    types = [layer.wkbType() for layer in layers]
    kinds = {QgsWkbTypes.geometryType(t) for t in types}
    if len(kinds) > 1:
        raise StepError(tr("The SITES layers have different geometry types: give layers of one type"))
    if len(set(types)) == 1:
        return types[0]
    merged = QgsWkbTypes.multiType(types[0])
    if any(QgsWkbTypes.hasZ(t) for t in types):
        merged = QgsWkbTypes.addZ(merged)
    if any(QgsWkbTypes.hasM(t) for t in types):
        merged = QgsWkbTypes.addM(merged)
    return merged


def _merge(layers, transform_context=None) -> QgsVectorLayer:
    union = {}  # lower-case name: field, in first-seen order; a type clash makes the field text
    for layer in layers:
        for field in layer.fields():
            key = field.name().lower()
            if key == "fid":
                continue  # each GeoPackage's feature ids: they repeat across layers (belt.gpkg numbers anew)
            if key not in union:
                union[key] = QgsField(field)
            elif union[key].type() != field.type():
                union[key] = QgsField(union[key].name(), TEXT, "string")
    if "layer" not in union:
        union["layer"] = QgsField("layer", TEXT, "string", 100)
    fields = QgsFields()
    for field in union.values():
        fields.append(field)
    crs = layers[0].crs()
    merged = _memory_layer(layers[0], fields, "sites", _merged_type(layers), crs)
    context = transform_context or QgsCoordinateTransformContext()
    out = []
    for layer in layers:
        transform = QgsCoordinateTransform(layer.crs(), crs, context) if layer.crs() != crs else None
        names = layer.fields().names()
        for feature in layer.getFeatures(QgsFeatureRequest()):
            copy = QgsFeature(merged.fields())
            geometry = feature.geometry()
            if transform is not None and not geometry.isNull():
                geometry.transform(transform)
            copy.setGeometry(geometry)
            values = [None] * fields.count()
            for name, value in zip(names, feature.attributes()):
                index = fields.lookupField(name)
                if index >= 0:
                    values[index] = value
            values[fields.lookupField("layer")] = layer.name()
            copy.setAttributes(values)
            out.append(copy)
    merged.dataProvider().addFeatures(out)
    merged.updateExtents()
    return merged
