"""`beltmap:tagzones`: tag every feature of a layer with the zone it belongs to (core/tagging/engine.py)."""

from functools import partial

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ..core.base.zone_types import DEFAULT_PRIORITY, normalise, parse_priority
from ..core.errors import BeltMapError
from ..core.postgis.connection import output_table
from ..core.tagging.engine import ALIASES, TagOutput, engine_from_env, tag
from ..core.tagging.request import TagRequest
from ..core.tagging.rule import RULES
from .base import BeltMapAlgorithm
from .guard import destination_load, gpkg_layer_destination, plain_gpkg_destination
from .inputs import part_reason, source_input, vector_input
from .outputs import apply_aliases, load_on_completion, table_result
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter


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

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Tag features by zone")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Tags every feature of a layer (points, lines, polygons) with the park, community, street, "
            "exhibition or scenic zone it lies in, and whether it is inside the practice belt."
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

    def request(self, parameters, context, feedback) -> TagRequest:
        """The run asked for, read once from parameters: every input opened once (processing/inputs.py)."""
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise BeltMapError(str(error)) from error
        unknown_as = self.parameterAsString(parameters, self.UNKNOWN_AS, context) or None
        if unknown_as and normalise(unknown_as) is None:
            raise BeltMapError(self.tr("UNKNOWN_AS '{}' is not a zone type").format(unknown_as))
        belt = source_input(self, parameters, self.BELT, context, feedback)
        output_path, output_load = plain_gpkg_destination(self, parameters, self.OUTPUT)
        gpkg_layer = None
        if output_path is None:
            gpkg_layer, output_load = gpkg_layer_destination(self, parameters, self.OUTPUT)
        table = output_table(self.parameterAsOutputLayer(parameters, self.OUTPUT, context) or "")
        return TagRequest(
            source=source_input(self, parameters, self.INPUT, context, feedback),
            zones=source_input(self, parameters, self.ZONES, context, feedback),
            belt=belt,
            rule=self.parameterAsEnumString(parameters, self.RULE, context) or RULES[0],
            priority=tuple(priority),
            type_field=self.parameterAsString(parameters, self.ZONE_TYPE_FIELD, context),
            id_field=self.parameterAsString(parameters, self.ZONE_ID_FIELD, context),
            name_field=self.parameterAsString(parameters, self.ZONE_NAME_FIELD, context),
            unknown_as=unknown_as,
            ignore_validation=self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
            input_layer=self._whole_layer(parameters, self.INPUT, context),
            part_reason=part_reason(parameters.get(self.INPUT)),
            zones_layer=self._whole_layer(parameters, self.ZONES, context),
            belt_layer=self._whole_layer(parameters, self.BELT, context) if belt is not None else None,
            output_path=output_path,
            output_gpkg_layer=gpkg_layer,
            output_load=destination_load(self, parameters, self.OUTPUT) if table is not None else output_load,
            output_table=table,
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
            engine=engine_from_env(),
            transform_context=context.transformContext(),
        )

    def _whole_layer(self, parameters, name, context):
        """The whole layer of parameter name, None when only part of it is used (a selection, a limit)."""
        return None if part_reason(parameters.get(name)) else vector_input(self, parameters, name, context)

    def execute(self, request: TagRequest, guard, context, feedback) -> dict:
        """Tag with the engine that fits (core/tagging/engine.py) into OUTPUT; results ({} if cancelled)."""
        load = request.output_load
        output = TagOutput(
            sink=partial(guard.sink, self.OUTPUT),
            stage=lambda path, layer=None: guard.stage(self.OUTPUT, path, load, layer),
            written=lambda path: load_on_completion(context, self.OUTPUT, path, load),
            table=lambda pg_table: table_result(pg_table, context, self.OUTPUT, load),
        )
        result = tag(request, output, feedback)
        if result.cancelled:
            return {}
        guard.after_commit(result.destination, lambda final: apply_aliases(final, context, ALIASES))
        stats = result.stats
        return {
            self.OUTPUT: result.destination,
            self.TAGGED_COUNT: stats.tagged,
            self.UNTAGGED_COUNT: stats.untagged,
            self.EDGE_COUNT: stats.edge,
            self.OUTSIDE_BELT_COUNT: stats.outside_belt,
            self.NULL_GEOMETRY_COUNT: stats.null_geometry,
            self.REPAIRED_ZONES: result.repaired_zones,
            self.COUNTS_BY_TYPE: stats.counts_json(),
        }
