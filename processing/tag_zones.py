"""`beltmap:tagzones`: tag every feature of a layer with the zone it belongs to."""

import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import tagging_fast
from ..core.errors import BeltMapError
from ..core.postgis import tagging as in_database_tagging
from ..core.postgis.connection import output_table
from ..core.postgis.session import CancelledError, DatabaseError
from ..core.tag_request import TagRequest
from ..core.tag_rule import RULES, TAG_FIELDS
from ..core.tagging import Tagger, output_fields, tag_features
from ..core.zone_set import ZoneError, read_belt, read_zones
from ..core.zone_types import DEFAULT_PRIORITY, normalise, parse_priority
from . import in_database
from .base import BeltMapAlgorithm
from .guard import OutputGuard, destination_load, gpkg_layer_destination, plain_gpkg_destination
from .inputs import checked_layer, part_reason, source_input, vector_input
from .outputs import apply_aliases, load_on_completion
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter, validate_or_stop


def zone_error_message(algorithm, error) -> str:
    """The user's message for a ZoneError: each unknown zone type with its count and nearest key."""
    if not error.unknown:
        return str(error)
    lines = [
        algorithm.tr("'{}': {} zones (nearest known type: {})").format(value, count, nearest)
        for value, count, nearest in error.unknown
    ]
    return algorithm.tr("Unknown zone types in the zones layer; fix them or set UNKNOWN_AS:\n{}").format(
        "\n".join(lines)
    )


# "qgis" forces the feature-by-feature path, "vectorised" insists on the fast one, "postgis" on the
# in-database one (error if impossible)
ENGINE_ENV = "BELTMAP_TAGGING_ENGINE"

# problems tagzones handles itself, with its own messages (issue 3): unknown or missing zone types stop
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


class TagZonesAlgorithm(BeltMapAlgorithm):
    """Adds zone_type, zone_id, zone_name, zone_types, zone_count and in_belt to every feature."""

    ID = "beltmap:tagzones"  # the algorithm's id, written only here
    INPUT = "INPUT"
    ZONES = "ZONES"
    ZONE_TYPE_FIELD = "ZONE_TYPE_FIELD"
    ZONE_ID_FIELD = "ZONE_ID_FIELD"
    ZONE_NAME_FIELD = "ZONE_NAME_FIELD"
    BELT = "BELT"
    RULE = "RULE"
    PRIORITY = "PRIORITY"
    UNKNOWN_AS = "UNKNOWN_AS"
    OUTPUT = "OUTPUT"
    OVERWRITE = "OVERWRITE"

    TAGGED_COUNT = "TAGGED_COUNT"
    UNTAGGED_COUNT = "UNTAGGED_COUNT"
    EDGE_COUNT = "EDGE_COUNT"
    OUTSIDE_BELT_COUNT = "OUTSIDE_BELT_COUNT"
    NULL_GEOMETRY_COUNT = "NULL_GEOMETRY_COUNT"
    REPAIRED_ZONES = "REPAIRED_ZONES"
    COUNTS_BY_TYPE = "COUNTS_BY_TYPE"

    def name(self) -> str:
        return "tagzones"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Tag features by zone")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Tags every feature of a layer (points, lines, polygons) with the park, community, street, "
            "exhibition or scenic zone it lies in, and whether it is inside the practice belt."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<h3>Rules</h3><ul>"
            "<li>A feature belongs to every zone it <i>intersects</i>: a point on a zone boundary belongs "
            "to that zone; a point on the shared edge of two zones gets both in <code>zone_types</code> "
            "and one <code>zone_type</code> chosen by the rule. No feature is ever dropped or duplicated: "
            "the output has every input feature exactly once, with all its attributes.</li>"
            "<li><b>priority</b>: the zone whose type comes first in PRIORITY; <b>smallest</b>: the "
            "smallest zone (the most specific); <b>largest_overlap</b>: the zone holding the longest part "
            "of a line or the largest part of a polygon (points fall back to priority). Overlaps equal "
            "to the millimetre (mm²) are ties.</li>"
            "<li>Ties are broken by PRIORITY, then the smaller area, then zone_id (numbers by value): "
            "the same input gives the same output whatever the feature order.</li>"
            "<li>Zones in another CRS than the input are transformed to the input's CRS for matching; "
            "areas and overlaps are measured in metres in EPSG:4549 (CGCS2000 / 3-degree GK CM 120E) "
            "near the belt, else in the WGS 84 UTM zone of the zones.</li>"
            "<li>Invalid zone polygons (self-intersections, bowties) are repaired with makeValid, each "
            "repair is logged with the zone id, whatever the invalid-geometry setting; zones without a "
            "geometry are logged too. No zone is skipped silently.</li>"
            "<li>Features with NULL or empty geometry are kept with NULL tags and counted "
            "(NULL_GEOMETRY_COUNT, also in UNTAGGED_COUNT).</li>"
            "<li>Existing fields named like the tag fields are replaced, not duplicated. Z, M and "
            "multi-part geometries are kept as they are.</li>"
            "<li>Zone types may be keys, Chinese names or aliases (园区, 社区, expo…). Unknown values stop "
            "the algorithm with a list of each value, how many zones carry it and the nearest key, unless "
            "UNKNOWN_AS names the type to use for them.</li>"
            "<li>Validation first: before tagging, the error-level checks of beltmap:validate run on "
            "ZONES, BELT and, when INPUT holds points, the first 5,000 sites: layer geometry types, missing "
            "CRS, empty zones or belt layer, duplicate zone ids, and sites that look like GCJ-02/BD-09 "
            "coordinates (needs BELT). The algorithm stops with the report's message when any is found, "
            "unless IGNORE_VALIDATION is set. Zone types and invalid geometries are handled by the rules "
            "above.</li>"
            "<li>Speed: a whole GeoPackage layer (no filter, no selection) of 2,000 features or more, "
            "written to a GeoPackage file, is tagged by a vectorised path (shapely 2 and pyogrio, when "
            "QGIS's Python has them, run in a separate Python process) giving the same result as the "
            "feature-by-feature path; the log says which path ran and why. Cancel stops either path "
            "within a second.</li>"
            "<li>In the database: when INPUT, ZONES (and BELT) are whole tables of one PostGIS database "
            "and OUTPUT is a table of that database or a GeoPackage file, the tagging runs there as SQL "
            "in one transaction, with the same tags; a PostGIS output table is created with a primary "
            "key, a spatial index and a comment naming the run, and an existing one is replaced only "
            "with OVERWRITE. Cancel cancels the query in the server: nothing is left behind.</li></ul>"
            "<h3>Fields added</h3><p>zone_type (区域类型), zone_id (区域编号), zone_name (区域名称), "
            "zone_types (所属区域类型: keys joined by ';' in priority order), zone_count (区域数), "
            "in_belt (位于实践带内: 1 inside or on the belt boundary, 0 outside, NULL without BELT).</p>"
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:tagzones --json -- "
            "INPUT='belt.gpkg|layername=sites' ZONES='belt.gpkg|layername=zones' "
            "BELT='belt.gpkg|layername=belt' RULE=priority OUTPUT=sites_tagged.gpkg"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Features to tag"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("Any vector layer: points, lines or polygons, single or multi-part, with Z/M."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorPolygon]
            ),
            self.tr("Polygon layer of the zones, with a zone type field."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterField(
                self.ZONE_TYPE_FIELD,
                self.tr("Zone type field"),
                parentLayerParameterName=self.ZONES,
                optional=True,
            ),
            self.tr("Field holding the zone type; empty: zone_type, type, 类型 or 区域类型."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterField(
                self.ZONE_ID_FIELD,
                self.tr("Zone id field"),
                parentLayerParameterName=self.ZONES,
                optional=True,
            ),
            self.tr("Field holding the zone id; empty: zone_id, id, 编号 or 区域编号 (else the feature id)."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterField(
                self.ZONE_NAME_FIELD,
                self.tr("Zone name field"),
                parentLayerParameterName=self.ZONES,
                optional=True,
            ),
            self.tr("Field holding the zone name; empty: name, zone_name, 名称 or 区域名称."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.BELT, self.tr("Belt boundary"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            self.tr("Optional belt boundary; in_belt is 1 inside or on it, 0 outside (NULL without it)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.RULE,
                self.tr("Rule for the one zone_type"),
                options=list(RULES),
                defaultValue=RULES[0],
                usesStaticStrings=True,
            ),
            self.tr(
                "priority: first type in PRIORITY; smallest: smallest zone; largest_overlap: longest "
                "part of a line / largest part of a polygon inside."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.PRIORITY,
                self.tr("Priority of zone types"),
                defaultValue=",".join(DEFAULT_PRIORITY),
                optional=True,
            ),
            self.tr(
                "Comma-separated zone types, first wins; keys, Chinese names or aliases. Missing types "
                "follow in the default order. Used by the priority rule and to break every tie."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.UNKNOWN_AS, self.tr("Zone type for unknown values"), optional=True
            ),
            self.tr("Empty: unknown zone types stop the algorithm. A type here is used for them instead."),
            advanced=True,
        )
        add_ignore_validation_parameter(self)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Tagged features")))
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.OVERWRITE, self.tr("Replace an existing output table"), defaultValue=False, optional=True
            ),
            self.tr(
                "PostGIS output table only: an existing table of that name is replaced when this is set; "
                "otherwise the algorithm stops and names the table."
            ),
        )
        for key, label in (
            (self.TAGGED_COUNT, self.tr("Features in a zone")),
            (self.UNTAGGED_COUNT, self.tr("Features in no zone")),
            (self.EDGE_COUNT, self.tr("Features touching more than one zone")),
            (self.OUTSIDE_BELT_COUNT, self.tr("Features outside the belt")),
            (self.NULL_GEOMETRY_COUNT, self.tr("Features without geometry")),
            (self.REPAIRED_ZONES, self.tr("Zones repaired")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(
            QgsProcessingOutputString(self.COUNTS_BY_TYPE, self.tr("Features per zone type (JSON)"))
        )

    def checkParameterValues(self, parameters, context):  # noqa: N802
        try:
            parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            return False, str(error)
        unknown_as = self.parameterAsString(parameters, self.UNKNOWN_AS, context)
        if unknown_as and normalise(unknown_as) is None:
            return False, self.tr("UNKNOWN_AS '{}' is not a zone type").format(unknown_as)
        return super().checkParameterValues(parameters, context)

    def request(self, parameters, context, feedback) -> TagRequest:
        """The run asked for, read once from parameters: every input opened once (processing/inputs.py)."""
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        request = TagRequest(
            source=source_input(self, parameters, self.INPUT, context, feedback),
            zones=source_input(self, parameters, self.ZONES, context, feedback),
            belt=source_input(self, parameters, self.BELT, context, feedback),
            rule=self.parameterAsEnumString(parameters, self.RULE, context) or RULES[0],
            priority=priority,
            type_field=self.parameterAsString(parameters, self.ZONE_TYPE_FIELD, context),
            id_field=self.parameterAsString(parameters, self.ZONE_ID_FIELD, context),
            name_field=self.parameterAsString(parameters, self.ZONE_NAME_FIELD, context),
            unknown_as=self.parameterAsString(parameters, self.UNKNOWN_AS, context) or None,
            ignore_validation=self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
            project=context.project(),
            transform_context=context.transformContext(),
        )
        request.part_reason = part_reason(parameters.get(self.INPUT))
        if not request.part_reason:
            request.input_layer = vector_input(self, parameters, self.INPUT, context)
        points = QgsWkbTypes.geometryType(request.source.wkbType()) == QgsWkbTypes.PointGeometry
        if points:
            request.input_checked = checked_layer(
                request.input_layer, request.source, "input", context, VALIDATION_MAX_SITES
            )
        request.zones_layer = (
            None
            if part_reason(parameters.get(self.ZONES))
            else vector_input(self, parameters, self.ZONES, context)
        )
        request.zones_checked = checked_layer(request.zones_layer, request.zones, "zones", context)
        if request.belt is not None:
            request.belt_layer = (
                None
                if part_reason(parameters.get(self.BELT))
                else vector_input(self, parameters, self.BELT, context)
            )
            request.belt_checked = checked_layer(request.belt_layer, request.belt, "belt", context)
        request.output_path, request.output_load = plain_gpkg_destination(self, parameters, self.OUTPUT)
        if request.output_path is None:
            request.output_gpkg_layer, request.output_load = gpkg_layer_destination(
                self, parameters, self.OUTPUT
            )
        request.output_table = output_table(
            self.parameterAsOutputLayer(parameters, self.OUTPUT, context) or ""
        )
        if request.output_table is not None:
            request.output_load = destination_load(self, parameters, self.OUTPUT)
        request.overwrite = self.parameterAsBoolean(parameters, self.OVERWRITE, context)
        request.engine = os.environ.get(ENGINE_ENV, "auto").strip().lower()
        return request

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with OutputGuard(self, parameters, context, feedback) as guard:
            request = self.request(parameters, context, feedback)
            result = self.tag(request, guard, context, feedback)
            return guard.commit(result)

    def tag(self, request: TagRequest, guard, context, feedback) -> dict:
        """Tag request.source into the OUTPUT; the results (empty when cancelled)."""
        source = request.source
        zones = self._read_zones(request, feedback)
        belt = None
        if request.belt is not None:
            belt, belt_repairs = read_belt(request.belt, source.sourceCrs(), request.transform_context)
            for feature_id, reason in belt_repairs:
                feedback.pushWarning(
                    self.tr("Belt feature {} was invalid and repaired: {}").format(feature_id, reason)
                )
        validate_or_stop(
            request.ignore_validation,
            feedback,
            request.transform_context,
            zones=request.zones_checked,
            belt=request.belt_checked,
            sites=[request.input_checked] if request.input_checked is not None else None,
            skip=HANDLED_BY_TAGGING,
            max_sites=VALIDATION_MAX_SITES,
            zone_id_field=zones.id_field,
        )
        if feedback.isCanceled():
            return {}
        tagger = Tagger(zones, request.rule, belt)
        fields, kept = output_fields(source.fields())

        result = None
        engine = request.engine
        if engine in ("auto", "postgis"):
            result = self._in_database(request, guard, context, feedback, kept, tagger)
            if result is not None and not result[1]:
                return {}
        if engine not in ("qgis", "postgis") and result is None:
            plan, reason = tagging_fast.plan(request, fields, tagger, force=engine == "vectorised")
            if plan is None:
                if engine == "vectorised":
                    raise QgsProcessingException(self.tr("Vectorised tagging impossible: {}").format(reason))
                feedback.pushInfo(self.tr("Tagging feature by feature ({})").format(reason))
            else:
                feedback.pushInfo(
                    self.tr("Vectorised tagging (shapely {}, pyogrio {})").format(*plan.versions)
                )
                if plan.out_layer is not None:  # a new layer in an existing GeoPackage: the guard adds it
                    plan.out_path = guard.stage(
                        self.OUTPUT, plan.out_path, request.output_load, plan.out_layer
                    )
                try:
                    result = tagging_fast.run(plan, tagger, feedback)
                except BeltMapError as error:
                    if engine == "vectorised":
                        raise QgsProcessingException(str(error)) from error
                    feedback.pushWarning(
                        self.tr("Vectorised tagging failed, tagging feature by feature: {}").format(error)
                    )
                else:
                    if plan.out_layer is None:
                        load_on_completion(context, self.OUTPUT, plan.out_path, request.output_load)
        if result is None:
            sink, dest = guard.sink(self.OUTPUT, fields, source.wkbType(), source.sourceCrs())
            try:
                stats = tag_features(source, sink, tagger, kept, fields, feedback)
            except BeltMapError as error:
                raise QgsProcessingException(str(error)) from error
            result = (stats, dest)
        stats, dest = result
        if feedback.isCanceled():
            return {}
        aliases = {spec.name: spec.alias for spec in TAG_FIELDS}
        guard.after_commit(dest, lambda final: apply_aliases(final, context, aliases))
        feedback.pushInfo(
            self.tr("{} features tagged, {} in no zone, {} on more than one zone").format(
                stats.tagged, stats.untagged, stats.edge
            )
        )
        return {
            self.OUTPUT: dest,
            self.TAGGED_COUNT: stats.tagged,
            self.UNTAGGED_COUNT: stats.untagged,
            self.EDGE_COUNT: stats.edge,
            self.OUTSIDE_BELT_COUNT: stats.outside_belt,
            self.NULL_GEOMETRY_COUNT: stats.null_geometry,
            self.REPAIRED_ZONES: len(zones.repaired),
            self.COUNTS_BY_TYPE: stats.counts_json(),
        }

    def _in_database(self, request: TagRequest, guard, context, feedback, kept, tagger):
        """(stats, OUTPUT) of the in-database path ((None, None) when cancelled), or None when it does
        not apply; the log says which path ran and why. A GeoPackage output is staged by the guard."""
        run, reason = in_database.tag_run(
            request, [request.source.fields().at(i).name() for i in kept], tagger
        )
        if run is None:
            if request.engine == "postgis":
                raise QgsProcessingException(self.tr("In-database tagging impossible: {}").format(reason))
            if in_database.is_postgis(request.input_layer or request.source):
                feedback.pushInfo(self.tr("Not tagging in the database: {}").format(reason))
            return None
        target = run.output_table.describe() if run.output_table else request.output_path
        feedback.pushInfo(self.tr("In-database tagging in PostGIS ({}), output {}").format(reason, target))
        if run.output_table is None:
            run.output_file = guard.stage(self.OUTPUT, request.output_path, request.output_load)
            run.output_layer = os.path.splitext(os.path.basename(request.output_path))[0]
        tag = in_database_tagging.tag_into_table if run.output_table else in_database_tagging.tag_into_file
        try:
            stats = tag(run, feedback.isCanceled, lambda step: feedback.setProgress(100.0 * step / 4))
        except CancelledError:
            feedback.pushInfo(self.tr("CancelledError: the transaction was rolled back, nothing was written"))
            return (None, None)
        except in_database_tagging.OutputExistsError as error:
            raise QgsProcessingException(
                self.tr("The output table {} exists; set OVERWRITE to replace it").format(error)
            ) from None
        except DatabaseError as error:
            raise QgsProcessingException(self.tr("In-database tagging failed: {}").format(error)) from None
        if run.output_table is None:
            return stats, run.output_file
        return stats, in_database.table_result(run.output_table, context, self.OUTPUT, request.output_load)

    def _read_zones(self, request: TagRequest, feedback):
        try:
            zones = read_zones(
                request.zones,
                request.source.sourceCrs(),
                request.transform_context,
                request.priority,
                type_field=request.type_field,
                id_field=request.id_field,
                name_field=request.name_field,
                unknown_as=request.unknown_as,
                is_canceled=feedback.isCanceled,
            )
        except ZoneError as error:
            raise QgsProcessingException(zone_error_message(self, error)) from error
        for zone_id, reason in zones.repaired:
            feedback.pushWarning(
                self.tr("Zone {} was invalid and repaired with makeValid: {}").format(zone_id, reason)
            )
        for zone_id in zones.empty:
            feedback.pushWarning(self.tr("Zone {} has no usable polygon and tags nothing").format(zone_id))
        feedback.pushInfo(
            self.tr("{} zones read; areas measured in {}").format(len(zones), zones.working_crs.authid())
        )
        return zones
