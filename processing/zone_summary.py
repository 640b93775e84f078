"""`beltmap:zonesummary`: counts per zone and per zone type, by category, as a table (and a CSV)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.base.field_specs import make_fields
from ..core.base.tables import write_excel_csv
from ..core.base.zone_types import DEFAULT_PRIORITY, parse_priority
from ..core.errors import BeltMapError
from ..core.tagging.engine import engine_from_env
from ..core.zone_summary.engine import SummaryRequest, summarise_zones
from .base import BeltMapAlgorithm
from .inputs import part_reason, source_input, vector_input
from .outputs import apply_aliases


class ZoneSummaryAlgorithm(BeltMapAlgorithm):
    """One row per zone, per zone type, untagged and total: area, counts per category, density."""

    ID = "beltmap:zonesummary"  # the algorithm's id, written only here
    INPUT = "INPUT"
    ZONES = "ZONES"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    PRIORITY = "PRIORITY"
    OUTPUT = "OUTPUT"
    OUTPUT_CSV = "OUTPUT_CSV"
    ZONE_ROWS = "ZONE_ROWS"
    TAGGED_COUNT = "TAGGED_COUNT"
    UNTAGGED_COUNT = "UNTAGGED_COUNT"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Zone summary")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Counts the features of a tagged layer per zone and per zone type, by category, with zone "
            "areas and densities; as a table and optionally a CSV that opens in Excel."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:zonesummary -- INPUT=sites_tagged.gpkg "
            "ZONES='belt.gpkg|layername=zones' OUTPUT=summary.gpkg OUTPUT_CSV=zone_summary.csv"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Tagged features"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("Output of beltmap:tagzones, or any layer together with ZONES (tagged on the fly)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES, self.tr("Zones"), [QgsProcessing.TypeVectorPolygon], optional=True
            ),
            self.tr("Zones for areas, for rows of zones without features and for tagging on the fly."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterField(
                self.CATEGORY_FIELD,
                self.tr("Category field"),
                defaultValue="category",
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            self.tr("Field whose values become the count columns (default category)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.PRIORITY,
                self.tr("Priority of zone types"),
                defaultValue=",".join(DEFAULT_PRIORITY),
                optional=True,
            ),
            self.tr("Order of the zone type rows (and of zones in the table)."),
            advanced=True,
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Zone summary"), QgsProcessing.TypeVector)
        )
        self.addHelpedParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_CSV, self.tr("Zone summary CSV"), self.tr("CSV files (*.csv)"), optional=True
            ),
            self.tr("Optional CSV copy of the table, UTF-8 with BOM (Excel shows Chinese correctly)."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.ZONE_ROWS, self.tr("Zone rows")))
        self.addOutput(QgsProcessingOutputNumber(self.TAGGED_COUNT, self.tr("Features in a zone")))
        self.addOutput(QgsProcessingOutputNumber(self.UNTAGGED_COUNT, self.tr("Features in no zone")))

    def request(self, parameters, context, feedback) -> SummaryRequest:
        """The run asked for, read once from parameters (every input opened once, processing/inputs.py)."""
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise BeltMapError(str(error)) from error
        sites = source_input(self, parameters, self.INPUT, context, feedback)
        if sites is None:
            raise BeltMapError(self.invalidSourceError(parameters, self.INPUT))
        zones = source_input(self, parameters, self.ZONES, context, feedback)
        input_part = part_reason(parameters.get(self.INPUT))
        zones_part = part_reason(parameters.get(self.ZONES)) if zones is not None else ""
        return SummaryRequest(
            sites=sites,
            zones=zones,
            priority=tuple(priority),
            category_field=self.parameterAsString(parameters, self.CATEGORY_FIELD, context) or "category",
            transform_context=context.transformContext(),
            input_layer=None if input_part else vector_input(self, parameters, self.INPUT, context),
            input_part=input_part,
            zones_layer=(
                vector_input(self, parameters, self.ZONES, context) if zones and not zones_part else None
            ),
            zones_part=zones_part,
            tag_engine=engine_from_env(),
        )

    def execute(self, request: SummaryRequest, guard, context, feedback) -> dict:
        """Count with the summary engine (core/zone_summary/engine.py) into OUTPUT and OUTPUT_CSV."""
        table = summarise_zones(request, feedback)
        if table is None:
            return {}
        fields = make_fields(table.specs)
        sink, dest = guard.sink(self.OUTPUT, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem())
        for values in table.rows:
            feature = QgsFeature(fields)
            feature.setAttributes(values)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        aliases = {f.name(): f.alias() for f in fields if f.alias()}
        guard.after_commit(dest, lambda final: apply_aliases(final, context, aliases))
        results = {
            self.OUTPUT: dest,
            self.ZONE_ROWS: table.zone_rows,
            self.TAGGED_COUNT: table.tagged,
            self.UNTAGGED_COUNT: table.untagged,
        }
        csv_path = guard.file(self.OUTPUT_CSV)
        if csv_path:
            rounded = ([round(v, 6) if isinstance(v, float) else v for v in row] for row in table.rows)
            write_excel_csv(csv_path, fields.names(), rounded)
            results[self.OUTPUT_CSV] = csv_path
        return results
