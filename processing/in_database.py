"""The dispatch to the in-database path: when INPUT, ZONES (and BELT) are tables of one PostGIS
database, tagging runs there (core/postgis); otherwise the reason is logged and the other paths run."""

import datetime
import importlib.util
from functools import partial
from typing import Optional, Tuple

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..core import tagging_fast
from ..core.postgis import summary
from ..core.postgis.connection import PgTable, layer_table, output_table
from ..core.postgis.session import CancelledError, DatabaseError, psycopg2_module
from ..core.postgis.tagging import TagRequest
from ..core.tag_rule import RULES
from ..core.tagging import Tagger
from ..core.zone_set import ZoneError, read_zones
from ..core.zone_types import DEFAULT_PRIORITY, normalise
from .validation_gate import validate_or_stop


def _whole_table(alg, parameters, name, context) -> Tuple[Optional[PgTable], str]:
    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly or value.featureLimit not in (-1, None)
    ):
        return None, "{}: only part of the layer is used".format(name)
    table, reason = layer_table(alg.parameterAsVectorLayer(parameters, name, context))
    return table, "{}: {}".format(name, reason) if table is None else ""


def _output_target(alg, parameters, context) -> Tuple[Optional[PgTable], Optional[str]]:
    """(a PostGIS table, None) or (None, a GeoPackage path) for OUTPUT; (None, None) for neither."""
    table = output_table(alg.parameterAsOutputLayer(parameters, alg.OUTPUT, context) or "")
    if table is not None:
        return table, None
    return None, tagging_fast.output_gpkg_path(alg, parameters, context)


def is_postgis(alg, parameters, context) -> bool:
    """True when INPUT is a PostGIS layer (then the log says why the database path did not run)."""
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    return layer is not None and layer.providerType() == "postgres"


def tag_request(alg, parameters, context, source, kept, tagger) -> Tuple[Optional[TagRequest], str]:
    """The in-database request, or (None, why tagging cannot run in the database)."""
    if psycopg2_module() is None:
        return None, "psycopg2 is not installed"
    tables = {}
    for name in (alg.INPUT, alg.ZONES) + ((alg.BELT,) if parameters.get(alg.BELT) else ()):
        table, reason = _whole_table(alg, parameters, name, context)
        if table is None:
            return None, reason
        tables[name] = table
    databases = {t.database_key() for t in tables.values()}
    if len(databases) != 1:
        return None, "the inputs are in different databases"
    target, path = _output_target(alg, parameters, context)
    if target is not None:
        if target.database_key() not in databases:
            return None, "the output table is in another database"
        for name, table in tables.items():
            if (table.schema, table.table) == (target.schema, target.table):
                return None, "the output table {} is the {} table".format(target.describe(), name)
    elif path is None:
        return None, "the output is neither a table of that database nor a GeoPackage file"
    elif importlib.util.find_spec("osgeo") is None:
        return None, "GDAL's Python bindings are missing"
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    input_table = tables[alg.INPUT]
    comment = "beltmap:tagzones {}: INPUT {}, ZONES {}, BELT {}, RULE {}, PRIORITY {}".format(
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        input_table.describe(),
        tables[alg.ZONES].describe(),
        tables[alg.BELT].describe() if alg.BELT in tables else "-",
        tagger.rule,
        ",".join(tagger.zones.ranking.priority),
    )
    request = _request(
        input_table,
        layer,
        tagger,
        kept_columns=[source.fields().at(i).name() for i in kept],
        output_table=target,
        output_file=path,
        overwrite=alg.parameterAsBoolean(parameters, alg.OVERWRITE, context),
        comment=comment,
    )
    return request, "INPUT, ZONES{} in one PostGIS database".format(", BELT" if alg.BELT in tables else "")


def _request(table: PgTable, layer, tagger, **options) -> TagRequest:
    """A TagRequest for the input table behind a layer."""
    srid = layer.crs().postgisSrid() or int(QgsDataSourceUri(layer.source()).srid() or 0)
    return TagRequest(table, srid, layer.wkbType(), layer.crs().toWkt(), tagger=tagger, **options)


def public_uri(table: PgTable) -> str:
    """The output table's URI without a password (results and logs never hold one)."""
    uri = QgsDataSourceUri(table.uri)
    uri.setPassword("")
    return uri.uri(False)


def output_result(alg, parameters, context, request: TagRequest) -> str:
    """The OUTPUT value: the GeoPackage path, or the table's URI without password; loaded if asked."""
    if request.output_table is None:
        dest = request.output_file
        layer = None
    else:
        dest = public_uri(request.output_table)
        layer = QgsVectorLayer(request.output_table.uri, request.output_table.table, "postgres")
    value = parameters.get(alg.OUTPUT)
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationProject is not None:
        name = value.destinationName or alg.parameterDefinition(alg.OUTPUT).description()
        if layer is not None:
            context.temporaryLayerStore().addMapLayer(layer)
            dest_id = layer.id()
        else:
            dest_id = dest
        context.addLayerToLoadOnCompletion(
            dest_id, QgsProcessingContext.LayerDetails(name, value.destinationProject, alg.OUTPUT)
        )
    return dest


def summary_features(alg, parameters, context, feedback, source):
    """(zone_id, zone_type key, category, count) counted in the database when INPUT is a whole tagged
    PostGIS table; None (after logging why, for a PostGIS INPUT) when the features must be read."""
    if not is_postgis(alg, parameters, context):
        return None
    table, reason = _whole_table(alg, parameters, alg.INPUT, context)
    if table is not None and source.fields().indexOf("zone_type") < 0:
        table, reason = None, "INPUT is tagged on the way"
    if table is not None and psycopg2_module() is None:
        table, reason = None, "psycopg2 is not installed"
    if table is None:
        feedback.pushInfo(alg.tr("Not counting in the database: {}").format(reason))
        return None
    feedback.pushInfo(alg.tr("Counting in PostGIS: INPUT is a tagged table ({})").format(table.describe()))
    rows = _counted(alg, parameters, context, feedback, source, partial(summary.category_counts, table))
    return [(zone_id, normalise(key) if key is not None else None, cat, n) for zone_id, key, cat, n in rows]


def _counted(alg, parameters, context, feedback, source, count) -> list:
    """count(category field or None, is_canceled) with the category field resolved; [] when cancelled."""
    category = alg.parameterAsString(parameters, alg.CATEGORY_FIELD, context) or "category"
    if source.fields().indexOf(category) < 0:
        feedback.pushWarning(alg.tr("No field {}: only totals are counted").format(category))
        category = None
    try:
        return count(category, feedback.isCanceled)
    except CancelledError:
        return []
    except DatabaseError as error:
        raise QgsProcessingException(alg.tr("In-database summary failed: {}").format(error)) from None


def untagged_summary(alg, parameters, context, feedback):
    """(zone_id, zone_type, category, count) of an untagged INPUT tagged and counted in the database
    (as beltmap:tagzones with its defaults would tag it), or None when INPUT and ZONES are not tables
    of one PostGIS database or INPUT is already tagged."""
    if not is_postgis(alg, parameters, context) or not parameters.get(alg.ZONES):
        return None
    source = alg.parameterAsSource(parameters, alg.INPUT, context)
    if source is None or source.fields().indexOf("zone_type") >= 0:
        return None
    tables, reason = {}, ""
    for name in (alg.INPUT, alg.ZONES):
        tables[name], why = _whole_table(alg, parameters, name, context)
        reason = reason or why
    if not reason and len({t.database_key() for t in tables.values()}) != 1:
        reason = "INPUT and ZONES are in different databases"
    if not reason and psycopg2_module() is None:
        reason = "psycopg2 is not installed"
    if reason:
        feedback.pushInfo(alg.tr("Not tagging and counting in the database: {}").format(reason))
        return None
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    zone_source = alg.parameterAsSource(parameters, alg.ZONES, context)
    try:
        zones = read_zones(
            zone_source, source.sourceCrs(), context.transformContext(), list(DEFAULT_PRIORITY)
        )
    except ZoneError as error:
        from .tag_zones import zone_error_message

        raise QgsProcessingException(zone_error_message(alg, error)) from error
    points = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PointGeometry
    from .tag_zones import HANDLED_BY_TAGGING, VALIDATION_MAX_SITES

    validate_or_stop(
        alg,
        parameters,
        context,
        feedback,
        zones=alg.parameterAsVectorLayer(parameters, alg.ZONES, context),
        sites=[layer] if points else None,
        skip=HANDLED_BY_TAGGING,
        max_sites=VALIDATION_MAX_SITES,
        zone_id_field=zones.id_field,
    )
    request = _request(tables[alg.INPUT], layer, Tagger(zones, RULES[0]), kept_columns=[])
    feedback.pushInfo(alg.tr("Tagging and counting in PostGIS: INPUT and ZONES in one PostGIS database"))
    rows = _counted(alg, parameters, context, feedback, source, partial(summary.untagged_counts, request))
    return [(zone_id, key, cat, int(n)) for zone_id, key, cat, n in rows]
