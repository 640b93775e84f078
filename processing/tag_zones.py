"""`beltmap:tagzones`: tag every feature of a layer with the zone it belongs to."""

import os

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
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
from ..core.postgis import tagging as in_database_tagging
from ..core.postgis.session import CancelledError, DatabaseError
from ..core.tag_rule import RULES, TAG_FIELDS
from ..core.tagging import Tagger, output_fields, tag_features
from ..core.zone_set import ZoneError, read_belt, read_zones
from ..core.zone_types import DEFAULT_PRIORITY, normalise, parse_priority
from . import in_database
from .base import BeltMapAlgorithm
from .outputs import apply_aliases
from .validation_gate import add_ignore_validation_parameter, validate_or_stop


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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        zone_source = self.parameterAsSource(parameters, self.ZONES, context)
        if zone_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ZONES))
        belt_source = self.parameterAsSource(parameters, self.BELT, context)
        rule = self.parameterAsEnumString(parameters, self.RULE, context) or RULES[0]
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error

        zones = self._read_zones(parameters, context, feedback, source, zone_source, priority)
        belt = None
        if belt_source is not None:
            belt, belt_repairs = read_belt(belt_source, source.sourceCrs(), context.transformContext())
            for feature_id, reason in belt_repairs:
                feedback.pushWarning(
                    self.tr("Belt feature {} was invalid and repaired: {}").format(feature_id, reason)
                )
        self._validate(parameters, context, feedback, source, zone_source, belt_source, zones)
        if feedback.isCanceled():
            return {}
        tagger = Tagger(zones, rule, belt)
        fields, kept = output_fields(source.fields())

        result = None
        engine = os.environ.get(ENGINE_ENV, "auto").strip().lower()
        if engine in ("auto", "postgis"):
            result = self._in_database(parameters, context, feedback, source, kept, tagger, engine)
            if result is not None and not result[1]:
                return {}
        if engine not in ("qgis", "postgis") and result is None:
            plan, reason = tagging_fast.plan(
                self, parameters, context, fields, tagger, force=engine == "vectorised"
            )
            if plan is None:
                if engine == "vectorised":
                    raise QgsProcessingException(self.tr("Vectorised tagging impossible: {}").format(reason))
                feedback.pushInfo(self.tr("Tagging feature by feature ({})").format(reason))
            else:
                feedback.pushInfo(
                    self.tr("Vectorised tagging (shapely {}, pyogrio {})").format(*plan.versions)
                )
                try:
                    result = tagging_fast.run(plan, tagger, feedback)
                except OSError as error:
                    if engine == "vectorised":
                        raise QgsProcessingException(str(error)) from error
                    feedback.pushWarning(
                        self.tr("Vectorised tagging failed, tagging feature by feature: {}").format(error)
                    )
        if result is None:
            sink, dest = self.parameterAsSink(
                parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
            )
            if sink is None:
                raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
            try:
                stats = tag_features(source, sink, tagger, kept, fields, feedback)
            except OSError as error:
                raise QgsProcessingException(str(error)) from error
            result = (stats, dest)
        stats, dest = result
        if feedback.isCanceled():
            return {}
        apply_aliases(dest, context, {spec.name: spec.alias for spec in TAG_FIELDS})
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

    def _in_database(self, parameters, context, feedback, source, kept, tagger, engine):
        """(stats, OUTPUT) of the in-database path ((None, None) when cancelled), or None when it does
        not apply; the log says which path ran and why."""
        request, reason = in_database.tag_request(self, parameters, context, source, kept, tagger)
        if request is None:
            if engine == "postgis":
                raise QgsProcessingException(self.tr("In-database tagging impossible: {}").format(reason))
            if in_database.is_postgis(self, parameters, context):
                feedback.pushInfo(self.tr("Not tagging in the database: {}").format(reason))
            return None
        target = request.output_table.describe() if request.output_table else request.output_file
        feedback.pushInfo(self.tr("In-database tagging in PostGIS ({}), output {}").format(reason, target))
        run = (
            in_database_tagging.tag_into_table if request.output_table else in_database_tagging.tag_into_file
        )
        try:
            stats = run(request, feedback.isCanceled, lambda step: feedback.setProgress(100.0 * step / 4))
        except CancelledError:
            feedback.pushInfo(self.tr("CancelledError: the transaction was rolled back, nothing was written"))
            return (None, None)
        except in_database_tagging.OutputExistsError as error:
            raise QgsProcessingException(
                self.tr("The output table {} exists; set OVERWRITE to replace it").format(error)
            ) from None
        except DatabaseError as error:
            raise QgsProcessingException(self.tr("In-database tagging failed: {}").format(error)) from None
        return stats, in_database.output_result(self, parameters, context, request)

    def _validate(self, parameters, context, feedback, source, zone_source, belt_source, zones) -> None:
        """The error-level checks of beltmap:validate that tagging does not handle itself (see
        HANDLED_BY_TAGGING); stops with the report's message unless IGNORE_VALIDATION."""
        points = QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PointGeometry
        sites = None
        if points:
            sites = [self._checked_layer(parameters, self.INPUT, context, source, VALIDATION_MAX_SITES)]
        validate_or_stop(
            self,
            parameters,
            context,
            feedback,
            zones=self._checked_layer(parameters, self.ZONES, context, zone_source),
            belt=self._checked_layer(parameters, self.BELT, context, belt_source) if belt_source else None,
            sites=sites,
            skip=HANDLED_BY_TAGGING,
            max_sites=VALIDATION_MAX_SITES,
            zone_id_field=zones.id_field,
        )

    def _checked_layer(self, parameters, name, context, source, limit=None):
        """The layer of a source parameter for validation: the layer itself, or its selected (or
        limited) features copied into a memory layer (at most `limit` of them)."""
        value = parameters.get(name)
        part = isinstance(value, QgsProcessingFeatureSourceDefinition) and (
            value.selectedFeaturesOnly or value.featureLimit not in (-1, None)
        )
        layer = None if part else self.parameterAsVectorLayer(parameters, name, context)
        if layer is not None:
            return layer
        request = QgsFeatureRequest()
        if limit is not None:
            request.setLimit(limit)
        layer = source.materialize(request)
        layer.setName(name.lower())
        context.temporaryLayerStore().addMapLayer(layer)
        return layer

    def _read_zones(self, parameters, context, feedback, source, zone_source, priority):
        try:
            zones = read_zones(
                zone_source,
                source.sourceCrs(),
                context.transformContext(),
                priority,
                type_field=self.parameterAsString(parameters, self.ZONE_TYPE_FIELD, context),
                id_field=self.parameterAsString(parameters, self.ZONE_ID_FIELD, context),
                name_field=self.parameterAsString(parameters, self.ZONE_NAME_FIELD, context),
                unknown_as=self.parameterAsString(parameters, self.UNKNOWN_AS, context) or None,
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
