"""`beltmap:zonesummary`: counts per zone and per zone type, by category, as a table (and a CSV)."""

from dataclasses import dataclass
from typing import Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.site_categories import site_category
from ..core.tag_rule import RULES
from ..core.tagging import PROGRESS_EVERY, Tagger
from ..core.zone_set import ZoneError, all_features, no_check_request, read_zones
from ..core.zone_summary import LEVEL_ZONE, NO_CATEGORY, ZoneInfo, category_columns, summarise
from ..core.zone_types import DEFAULT_PRIORITY, ZONE_KEYS, normalise, parse_priority, zone_type
from . import in_database
from .base import BeltMapAlgorithm
from .child_runs import tagged_sites
from .field_specs import INT, REAL, TEXT, make_fields
from .guard import OutputGuard
from .inputs import checked_layer, part_reason, source_input, vector_input
from .outputs import apply_aliases
from .tables import write_excel_csv
from .tag_zones import HANDLED_BY_TAGGING, VALIDATION_MAX_SITES, zone_error_message
from .validation_gate import validate_or_stop


@dataclass
class SummaryRequest:
    """A zone summary run: the tagged sites, the zones (or None), the priority, the category field."""

    sites: object  # QgsFeatureSource with zone_id and zone_type
    zones: Optional[object]
    priority: List[str]
    category_field: str
    transform_context: QgsCoordinateTransformContext
    # counted in PostGIS (processing/in_database.py): {INPUT} of a tagged table, {INPUT, ZONES} to tag
    # and count an untagged one (sites then untagged); else None and why (logged for a PostGIS INPUT)
    tables: Optional[Dict[str, object]] = None
    database_reason: str = ""
    input_layer: Optional[object] = None
    zones_checked: Optional[object] = None
    sites_checked: Optional[object] = None


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

    def name(self) -> str:
        return "zonesummary"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Zone summary")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Counts the features of a tagged layer per zone and per zone type, by category, with zone "
            "areas and densities; as a table and optionally a CSV that opens in Excel."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<p>Rows: one per zone (zones without features included when ZONES is given), one per zone "
            "type with an empty zone_id, one for untagged features and a total. Each feature counts once, "
            "in the zone and type chosen by tagging (zone_id, zone_type). Columns: level, zone_id, "
            "zone_name, zone_type, zone_type_zh, area_m2, area_km2, one n_&lt;category&gt; column per "
            "category (its value as alias), total and density (features per km²).</p>"
            "<p>Areas are measured in metres (EPSG:4549 near the belt); a zone type's area is the union "
            "of its zones, so overlapping zones count once. Without ZONES areas and densities are "
            "empty.</p><p>An INPUT without zone_type is tagged on the fly by beltmap:tagzones with "
            "ZONES and the default rule. The CSV is UTF-8 with BOM.</p>"
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

    def request(self, parameters, context, feedback) -> "SummaryRequest":
        """The run asked for, read once from parameters (INPUT tagged first when ZONES is given)."""
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        sites = source_input(self, parameters, self.INPUT, context, feedback)
        if sites is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        tagged = sites.fields().indexOf("zone_type") >= 0
        input_part = part_reason(parameters.get(self.INPUT))
        input_layer = None if input_part else vector_input(self, parameters, self.INPUT, context)
        zones_given = bool(parameters.get(self.ZONES))
        zones_part = part_reason(parameters.get(self.ZONES)) if zones_given else ""
        zones_layer = (
            vector_input(self, parameters, self.ZONES, context) if zones_given and not zones_part else None
        )
        tables, reason = (None, "")
        if in_database.is_postgis(input_layer):
            tables, reason = in_database.summary_tables(
                input_layer, input_part, tagged, zones_layer, zones_part, zones_given
            )
        if tables is None or tagged:
            # without ZONES this is INPUT itself, which must then carry the tags
            sites = tagged_sites(
                self, parameters, context, feedback, sites_key=self.INPUT, zones_key=self.ZONES
            )
            if sites.fields().indexOf("zone_type") < 0:
                raise QgsProcessingException(
                    self.tr("INPUT has no zone_type field: tag it with beltmap:tagzones or give ZONES")
                )
        request = SummaryRequest(
            sites=sites,
            zones=source_input(self, parameters, self.ZONES, context, feedback),
            priority=priority,
            category_field=self.parameterAsString(parameters, self.CATEGORY_FIELD, context) or "category",
            transform_context=context.transformContext(),
            tables=tables,
            database_reason=reason,
            input_layer=input_layer,
        )
        if tables is not None and "ZONES" in tables:
            request.zones_checked = checked_layer(zones_layer, request.zones, "zones", context)
            if QgsWkbTypes.geometryType(sites.wkbType()) == QgsWkbTypes.PointGeometry:
                request.sites_checked = input_layer
        return request

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        with OutputGuard(self, parameters, context, feedback) as guard:
            request = self.request(parameters, context, feedback)
            return guard.commit(self.summarise(request, context, feedback, guard))

    def summarise(self, request: "SummaryRequest", context, feedback, guard) -> dict:
        """Count the features per zone and zone type into OUTPUT (and OUTPUT_CSV); the results."""
        priority = request.priority
        features = self._counted(request, feedback)
        zones, type_areas = self._zones(request, feedback)
        if features is None:
            features = self._features(request, feedback)
        if feedback.isCanceled():
            return {}
        rows, categories = summarise(features, zones, priority, type_areas)
        columns = category_columns(categories)
        fields = make_fields(
            [
                ("level", TEXT, "层级"),
                ("zone_id", TEXT, "区域编号"),
                ("zone_name", TEXT, "区域名称"),
                ("zone_type", TEXT, "区域类型"),
                ("zone_type_zh", TEXT, "区域类型（中文）"),
                ("area_m2", REAL, "面积（平方米）"),
                ("area_km2", REAL, "面积（平方公里）"),
            ]
            + [(name, INT, self._category_label(category)) for name, category in columns]
            + [("total", INT, "合计"), ("density", REAL, "密度（个/平方公里）")]
        )
        sink, dest = guard.sink(self.OUTPUT, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem())
        table = []
        for row in rows:
            values = [
                row.level,
                row.zone_id,
                row.zone_name,
                row.zone_type,
                zone_type(row.zone_type).name_zh if row.zone_type in ZONE_KEYS else None,
                row.area_m2,
                row.area_km2,
            ]
            values += [row.counts.get(category, 0) for _name, category in columns]
            values += [row.total, row.density]
            table.append(values)
            feature = QgsFeature(fields)
            feature.setAttributes(values)
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        aliases = {f.name(): f.alias() for f in fields if f.alias()}
        guard.after_commit(dest, lambda final: apply_aliases(final, context, aliases))
        results = {
            self.OUTPUT: dest,
            self.ZONE_ROWS: sum(1 for r in rows if r.level == LEVEL_ZONE),
            self.TAGGED_COUNT: rows[-1].total - rows[-2].total,
            self.UNTAGGED_COUNT: rows[-2].total,
        }
        csv_path = guard.file(self.OUTPUT_CSV)
        if csv_path:
            self._write_csv(csv_path, fields, table)
            results[self.OUTPUT_CSV] = csv_path
        return results

    def _counted(self, request: "SummaryRequest", feedback):
        """(zone_id, zone_type, category, count) counted in PostGIS, or None when the features must be
        read (the log says why for a PostGIS INPUT)."""
        if request.tables is None:
            if request.database_reason:
                feedback.pushInfo(self.tr("Not counting in the database: {}").format(request.database_reason))
            return None
        fields = request.sites.fields()
        if "ZONES" not in request.tables:
            return in_database.tagged_counts(
                request.tables["INPUT"], request.category_field, fields, feedback
            )
        try:
            zones = read_zones(
                request.zones, request.sites.sourceCrs(), request.transform_context, list(DEFAULT_PRIORITY)
            )
        except ZoneError as error:
            raise QgsProcessingException(zone_error_message(self, error)) from error
        validate_or_stop(
            False,
            feedback,
            request.transform_context,
            zones=request.zones_checked,
            sites=[request.sites_checked] if request.sites_checked is not None else None,
            skip=HANDLED_BY_TAGGING,
            max_sites=VALIDATION_MAX_SITES,
            zone_id_field=zones.id_field,
        )
        run = in_database.database_run(
            request.tables["INPUT"], request.input_layer, Tagger(zones, RULES[0]), kept_columns=[]
        )
        return in_database.untagged_counts(run, request.category_field, fields, feedback)

    def _category_label(self, category: str) -> str:
        if category == NO_CATEGORY:
            return self.tr("(no category)")
        return site_category(category).name_zh

    def _zones(self, request: "SummaryRequest", feedback):
        """ZoneInfo of every zone and the union area per type; ([], None) without ZONES."""
        zone_source = request.zones
        if zone_source is None:
            return [], None
        priority = request.priority
        try:
            zones = read_zones(zone_source, zone_source.sourceCrs(), request.transform_context, priority)
        except ZoneError as error:
            raise QgsProcessingException(zone_error_message(self, error)) from error
        infos = [ZoneInfo(i, n, k, a) for i, n, k, a in zip(zones.ids, zones.names, zones.keys, zones.areas)]
        type_areas = {}
        for key in priority:
            parts = [g for g, k in zip(zones.metric, zones.keys) if k == key]
            if parts:
                type_areas[key] = QgsGeometry.unaryUnion(parts).area()
        return infos, type_areas

    def _features(self, request: "SummaryRequest", feedback):
        """(zone_id, zone_type key, category) of every feature."""
        source = request.sites
        fields = source.fields()
        category_field = request.category_field
        index = {name: fields.lookupField(name) for name in ("zone_id", "zone_type", category_field)}
        if index[category_field] < 0:
            feedback.pushWarning(self.tr("No field {}: only totals are counted").format(category_field))
        wanted = [i for i in index.values() if i >= 0]
        total = source.featureCount()
        step = 100.0 / total if total and total > 0 else 0
        features = []
        request = no_check_request(wanted)
        request.setFlags(request.flags() | QgsFeatureRequest.NoGeometry)

        def value(attrs, name):
            i = index[name]
            v = attrs[i] if i >= 0 else None
            return None if v is None or (hasattr(v, "isNull") and v.isNull()) or v == "" else v

        for n, feature in enumerate(all_features(source, request)):
            if feedback.isCanceled():
                break
            attrs = feature.attributes()
            zone_id = value(attrs, "zone_id")
            key = value(attrs, "zone_type")
            features.append(
                (
                    None if zone_id is None else str(zone_id),
                    normalise(key) if key is not None else None,
                    value(attrs, category_field),
                )
            )
            if n % PROGRESS_EVERY == 0:
                feedback.setProgress(n * step)
        return features

    @staticmethod
    def _write_csv(path, fields, table) -> None:
        rounded = ([round(v, 6) if isinstance(v, float) else v for v in values] for values in table)
        write_excel_csv(path, fields.names(), rounded)
