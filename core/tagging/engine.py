"""The one way to tag: `tag(request, output, progress)` reads the zones and the belt, runs the validation
gate, then picks the engine and says why (a log line, and `engine` / `reason` in the result):

- `postgis`: INPUT, ZONES (and BELT) are whole tables of one PostGIS database and the output is a table
  there or a GeoPackage file (core/tagging/dispatch.py decides, core/tagging/in_database.py runs the SQL);
- `vectorised`: a whole GeoPackage layer of many features into a GeoPackage file (core/tagging/vectorised.py);
- `qgis`: feature by feature through a QGIS sink, for everything else (core/tagging/tagger.py).

BELTMAP_TAGGING_ENGINE (read into request.engine) forces one: "qgis", "vectorised" or "postgis" (an
error when that one is impossible). No Processing here: the caller hands a TagOutput of plain callables.
"""

import dataclasses
import os
import tempfile
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from qgis.core import QgsCoordinateTransformContext, QgsFeatureRequest, QgsVectorLayer, QgsWkbTypes

from ...i18n import tr
from ..base.progress import Progress
from ..base.zone_types import DEFAULT_PRIORITY
from ..errors import BeltMapError
from ..postgis.session import CancelledError, DatabaseError
from ..validation.gate import checked_layer, validate_or_stop
from . import dispatch, vectorised
from . import in_database as in_database
from .by_feature import tag_features
from .request import TagRequest
from .rule import RULES, TAG_FIELDS
from .tagger import Stats, Tagger, output_fields
from .zone_set import ZoneError, ZoneSet, read_belt, read_zones

ENGINE_ENV = "BELTMAP_TAGGING_ENGINE"
# problems tagging handles itself, with its own messages (issue 3): unknown or missing zone types stop
# it with the list and nearest keys unless UNKNOWN_AS; invalid zones and belt parts are repaired with
# makeValid and logged; zones without geometry are logged; sites' geometry problems are only warnings
HANDLED_BY_TAGGING = (
    "zone_type_field",
    "zone_type_missing",
    "zone_type_unknown",
    "geometry_null",
    "geometry_empty",
    "geometry_invalid",
)
# the validation reads at most this many sites (the first ones): the GCJ-02/BD-09 shift shows in a sample
VALIDATION_MAX_SITES = 5000
ALIASES = {spec.name: spec.alias for spec in TAG_FIELDS}
GEOMETRY_TYPES = (QgsWkbTypes.PointGeometry, QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry)


def engine_from_env() -> str:
    """The tagging engine asked for by BELTMAP_TAGGING_ENGINE ("auto" when not set)."""
    return os.environ.get(ENGINE_ENV, "auto").strip().lower()


@dataclass(frozen=True)
class TagOutput:
    """Where the tagged features go, as the caller (an algorithm's output guard, a script) provides it.

    sink(fields, wkb_type, crs) -> (sink, destination): the feature-by-feature engine's sink;
    stage(path, layer=None) -> the path to write a GeoPackage file to (moved into place by the caller;
    with layer, that one layer is copied into the existing GeoPackage path as a new layer), or None to
    write path itself; written(path): a GeoPackage file was written without a sink (load it if asked);
    table(pg_table) -> the destination (a URI without password) of a PostGIS output table.
    """

    sink: Callable
    stage: Optional[Callable] = None
    written: Optional[Callable] = None
    table: Optional[Callable] = None


@dataclass
class TagResult:
    """What a tagging run did: counts, destination, the engine that ran and why, zones repaired."""

    stats: Optional[Stats]
    destination: Optional[str]
    engine: str
    reason: str
    repaired_zones: int = 0
    cancelled: bool = False


class EngineError(BeltMapError):
    """The engine forced by BELTMAP_TAGGING_ENGINE cannot tag this request (the message says why)."""


def zone_error_message(error: ZoneError) -> str:
    """The user's message for a ZoneError: each unknown zone type with its count and nearest key."""
    if not error.unknown:
        return str(error)
    lines = [
        tr("'{}': {} zones (nearest known type: {})").format(value, count, nearest)
        for value, count, nearest in error.unknown
    ]
    return tr("Unknown zone types in the zones layer; fix them or set UNKNOWN_AS:\n{}").format(
        "\n".join(lines)
    )


def zones_for(request, input_crs, progress, priority=None, **options) -> ZoneSet:
    """The zones of a request read and prepared in input_crs (ranked by priority, by default the
    request's); ZoneError with the user's message when they cannot be used."""
    try:
        zones = read_zones(
            request.zones,
            input_crs,
            request.transform_context,
            list(priority or request.priority),
            is_canceled=progress.isCanceled,
            **options,
        )
    except ZoneError as error:
        raise ZoneError(zone_error_message(error), error.unknown) from error
    return zones


def tag(request: TagRequest, output: TagOutput, progress=None) -> TagResult:
    """Tag request.source into output with the engine that fits (or the one forced); the result says
    which engine ran and why. Raises a BeltMapError (validation, zones, database, writing)."""
    progress = progress if progress is not None else Progress()
    source = request.source
    zones = zones_for(
        request,
        source.sourceCrs(),
        progress,
        type_field=request.type_field,
        id_field=request.id_field,
        name_field=request.name_field,
        unknown_as=request.unknown_as,
    )
    _log_zones(zones, progress)
    belt = None
    if request.belt is not None:
        belt, repairs = read_belt(request.belt, source.sourceCrs(), request.transform_context)
        for feature_id, reason in repairs:
            progress.pushWarning(
                tr("Belt feature {} was invalid and repaired: {}").format(feature_id, reason)
            )
    _validate(request, zones, progress)
    if progress.isCanceled():
        return TagResult(None, None, "", "", len(zones.repaired), cancelled=True)
    tagger = Tagger(zones, request.rule, belt)
    fields, kept = output_fields(source.fields())
    result, reason = None, "{}={}".format(ENGINE_ENV, request.engine)
    if request.engine in ("auto", "postgis"):
        result, reason = _in_database(request, output, progress, kept, tagger)
    if result is None and request.engine not in ("qgis", "postgis"):
        result, reason = _vectorised(request, output, progress, fields, tagger)
    elif result is None:
        progress.pushInfo(tr("Tagging feature by feature ({})").format(reason))
    if result is None:
        sink, dest = output.sink(fields, source.wkbType(), source.sourceCrs())
        stats = tag_features(source, sink, tagger, kept, fields, progress)
        result = TagResult(stats, dest, "qgis", reason)
    result.repaired_zones = len(zones.repaired)
    result.cancelled = result.cancelled or progress.isCanceled()
    if not result.cancelled:
        progress.pushInfo(
            tr("{} features tagged, {} in no zone, {} on more than one zone").format(
                result.stats.tagged, result.stats.untagged, result.stats.edge
            )
        )
    return result


def tag_into_memory(request: TagRequest, progress=None) -> Optional[QgsVectorLayer]:
    """request.source tagged feature by feature into a memory layer (tag fields with their aliases); None
    when cancelled. For engines that tag on the way (zone summary, evaluation index, exports)."""
    layers = []

    def memory_sink(fields, wkb_type, crs):
        # a layer Python owns on every QGIS (createMemoryLayer's was deleted under a task on QGIS 3.40)
        has_geometry = QgsWkbTypes.geometryType(wkb_type) in GEOMETRY_TYPES
        kind = QgsWkbTypes.displayString(wkb_type) if has_geometry else "None"
        layer = QgsVectorLayer("{}?crs={}".format(kind, crs.authid()), "tagged", "memory")
        if not crs.authid():
            layer.setCrs(crs)
        layer.dataProvider().addAttributes(fields.toList())
        layer.updateFields()
        layers.append(layer)
        return layer.dataProvider(), layer

    if request.engine != "auto":  # a forced engine is for the caller's output, not for this memory layer
        request = dataclasses.replace(request, engine="qgis")
    with tempfile.TemporaryDirectory(prefix="beltmap_tagged_") as folder:
        whole = request.input_layer or (
            request.source if isinstance(request.source, QgsVectorLayer) else None
        )
        if request.engine == "auto" and whole is not None and request.output_path is None:
            # a whole GeoPackage layer of many features: the vectorised engine into a file, then copied into
            # memory, is several times faster than the feature-by-feature sink (else that sink runs)
            path = os.path.join(folder, "tagged.gpkg")
            request = dataclasses.replace(request, input_layer=whole, output_path=path)
        result = tag(request, TagOutput(sink=memory_sink), progress)
        if not result.cancelled and result.engine == "vectorised":
            written = QgsVectorLayer(
                "{}|layername=tagged".format(result.destination or path), "tagged", "ogr"
            )
            copy = written.materialize(QgsFeatureRequest()) if written.isValid() else None
            del written  # the file is released before its folder goes
            if copy is None:
                raise BeltMapError(tr("The tagged sites could not be read back from {}").format(path))
            copy.setName("tagged")
            layers[:] = [copy]
    if result.cancelled or not layers:
        return None
    layer = layers[0]
    layer.updateExtents()
    for index, field in enumerate(layer.fields()):
        if field.name() in ALIASES:
            layer.setFieldAlias(index, ALIASES[field.name()])
    return layer


def tag_with_defaults(sites, zones, progress, belt=None, transform_context=None, **options):
    """sites tagged by zone with the default rule and priority into a memory layer (tag_into_memory);
    options are further TagRequest fields (validated=True: the caller already checked the inputs)."""
    request = TagRequest(
        source=sites,
        zones=zones,
        belt=belt,
        rule=RULES[0],
        priority=tuple(DEFAULT_PRIORITY),
        transform_context=transform_context or QgsCoordinateTransformContext(),
        **options,
    )
    return tag_into_memory(request, progress)


def _log_zones(zones: ZoneSet, progress) -> None:
    for zone_id, reason in zones.repaired:
        progress.pushWarning(
            tr("Zone {} was invalid and repaired with makeValid: {}").format(zone_id, reason)
        )
    for zone_id in zones.empty:
        progress.pushWarning(tr("Zone {} has no usable polygon and tags nothing").format(zone_id))
    progress.pushInfo(
        tr("{} zones read; areas measured in {}").format(len(zones), zones.working_crs.authid())
    )


def _validate(request: TagRequest, zones: ZoneSet, progress) -> None:
    """The error-level checks of a tagging request (not again when the caller already ran them)."""
    if not request.validated:
        validate_before_tagging(
            zones, request, progress, request.input_layer, request.source, request.ignore_validation
        )


def validate_before_tagging(zones: ZoneSet, request, progress, sites_layer, sites, ignore=False) -> None:
    """The error-level checks tagging needs, on the zones, the belt (when the request has one) and the
    first sites of a point layer, skipping the problems tagging handles itself; ValidationError unless
    ignore. request: any request with zones, zones_layer, transform_context (and belt, belt_layer)."""
    first_sites = None
    if QgsWkbTypes.geometryType(sites.wkbType()) == QgsWkbTypes.PointGeometry:
        first_sites = [checked_layer(sites_layer, sites, "input", VALIDATION_MAX_SITES)]
    belt = None
    if getattr(request, "belt", None) is not None:
        belt = checked_layer(request.belt_layer, request.belt, "belt")
    validate_or_stop(
        ignore,
        progress,
        request.transform_context,
        zones=checked_layer(request.zones_layer, request.zones, "zones"),
        belt=belt,
        sites=first_sites,
        skip=HANDLED_BY_TAGGING,
        max_sites=VALIDATION_MAX_SITES,
        zone_id_field=zones.id_field,
    )


def _in_database(
    request: TagRequest, output: TagOutput, progress, kept, tagger
) -> Tuple[Optional[TagResult], str]:
    """(the result of the in-database engine, why it ran), or (None, why not) when it does not apply (the
    log says why for a PostGIS input). A GeoPackage output is staged by the caller."""
    run, reason = dispatch.tag_run(request, [request.source.fields().at(i).name() for i in kept], tagger)
    if run is None:
        if request.engine == "postgis":
            raise EngineError(tr("In-database tagging impossible: {}").format(reason))
        if dispatch.is_postgis(request.input_layer or request.source):
            progress.pushInfo(tr("Not tagging in the database: {}").format(reason))
        return None, reason
    target = run.output_table.describe() if run.output_table else request.output_path
    progress.pushInfo(tr("In-database tagging in PostGIS ({}), output {}").format(reason, target))
    if run.output_table is None:
        run.output_file = output.stage(request.output_path) if output.stage else request.output_path
        run.output_layer = _layer_name(request.output_path)
    write = in_database.tag_into_table if run.output_table else in_database.tag_into_file
    try:
        stats = write(run, progress.isCanceled, lambda step: progress.setProgress(100.0 * step / 4))
    except CancelledError:
        progress.pushInfo(tr("Cancelled: the transaction was rolled back, nothing was written"))
        return TagResult(None, None, "postgis", reason, cancelled=True), reason
    except in_database.OutputExistsError as error:
        raise in_database.OutputExistsError(
            tr("The output table {} exists; set OVERWRITE to replace it").format(error)
        ) from None
    except DatabaseError as error:
        raise DatabaseError(tr("In-database tagging failed: {}").format(error)) from None
    dest = run.output_file if run.output_table is None else output.table(run.output_table)
    return TagResult(stats, dest, "postgis", reason), reason


def _vectorised(
    request: TagRequest, output: TagOutput, progress, fields, tagger
) -> Tuple[Optional[TagResult], str]:
    """(the result of the vectorised engine, why it ran), or (None, why not) when it does not apply or
    fails: then the feature-by-feature engine runs, and the log says why."""
    forced = request.engine == "vectorised"
    plan, reason = vectorised.plan(request, fields, tagger, force=forced)
    if plan is None:
        if forced:
            raise EngineError(tr("Vectorised tagging impossible: {}").format(reason))
        progress.pushInfo(tr("Tagging feature by feature ({})").format(reason))
        return None, reason
    progress.pushInfo(tr("Vectorised tagging (shapely {}, pyogrio {})").format(*plan.versions))
    if plan.out_layer is not None:  # a new layer in an existing GeoPackage: written staged, then added
        if output.stage is None:
            return None, tr("the output is neither a GeoPackage file nor a new layer in one")
        plan = dataclasses.replace(plan, out_path=output.stage(plan.out_path, plan.out_layer))
    try:
        stats, dest = vectorised.run(plan, tagger, progress)
    except BeltMapError as error:
        if forced:
            raise
        progress.pushWarning(tr("Vectorised tagging failed, tagging feature by feature: {}").format(error))
        return None, str(error)
    if output.written is not None and plan.out_layer is None:
        output.written(plan.out_path)
    reason = "a whole GeoPackage layer of {} features into a GeoPackage file".format(
        request.input_layer.featureCount()
    )
    return TagResult(stats, dest, "vectorised", reason), reason


def _layer_name(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]
