"""`beltmap:zonesummary`: counts per zone and per zone type, by category, as a table (and a CSV)."""

from qgis.core import (
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
from ..core.tagging import PROGRESS_EVERY
from ..core.zone_set import ZoneError, all_features, no_check_request, read_zones
from ..core.zone_summary import LEVEL_ZONE, NO_CATEGORY, ZoneInfo, category_columns, summarise
from ..core.zone_types import DEFAULT_PRIORITY, ZONE_KEYS, normalise, parse_priority, zone_type
from . import in_database
from .base import BeltMapAlgorithm
from .child_runs import tagged_sites
from .field_specs import INT, REAL, TEXT, make_fields
from .outputs import apply_aliases
from .tables import write_excel_csv
from .tag_zones import zone_error_message


class ZoneSummaryAlgorithm(BeltMapAlgorithm):
    """One row per zone, per zone type, untagged and total: area, counts per category, density."""

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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            priority = parse_priority(self.parameterAsString(parameters, self.PRIORITY, context))
        except ValueError as error:
            raise QgsProcessingException(str(error)) from error
        features = in_database.untagged_summary(self, parameters, context, feedback)
        if features is None:
            # without ZONES this is INPUT itself, which must then carry the tags
            source = tagged_sites(self, parameters, context, feedback, self.INPUT, self.ZONES)
            if source.fields().indexOf("zone_type") < 0:
                raise QgsProcessingException(
                    self.tr("INPUT has no zone_type field: tag it with beltmap:tagzones or give ZONES")
                )
            features = in_database.summary_features(self, parameters, context, feedback, source)
        zones, type_areas = self._zones(parameters, context, feedback, priority)
        if features is None:
            features = self._features(parameters, context, feedback, source)
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
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
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
        apply_aliases(dest, context, {f.name(): f.alias() for f in fields if f.alias()})
        results = {
            self.OUTPUT: dest,
            self.ZONE_ROWS: sum(1 for r in rows if r.level == LEVEL_ZONE),
            self.TAGGED_COUNT: rows[-1].total - rows[-2].total,
            self.UNTAGGED_COUNT: rows[-2].total,
        }
        csv_path = self.parameterAsFileOutput(parameters, self.OUTPUT_CSV, context)
        if csv_path:
            self._write_csv(csv_path, fields, table)
            results[self.OUTPUT_CSV] = csv_path
        return results

    def _category_label(self, category: str) -> str:
        if category == NO_CATEGORY:
            return self.tr("(no category)")
        return site_category(category).name_zh

    def _zones(self, parameters, context, feedback, priority):
        """ZoneInfo of every zone and the union area per type; ([], None) without ZONES."""
        zone_source = self.parameterAsSource(parameters, self.ZONES, context)
        if zone_source is None:
            return [], None
        try:
            zones = read_zones(zone_source, zone_source.sourceCrs(), context.transformContext(), priority)
        except ZoneError as error:
            raise QgsProcessingException(zone_error_message(self, error)) from error
        infos = [ZoneInfo(i, n, k, a) for i, n, k, a in zip(zones.ids, zones.names, zones.keys, zones.areas)]
        type_areas = {}
        for key in priority:
            parts = [g for g, k in zip(zones.metric, zones.keys) if k == key]
            if parts:
                type_areas[key] = QgsGeometry.unaryUnion(parts).area()
        return infos, type_areas

    def _features(self, parameters, context, feedback, source):
        """(zone_id, zone_type key, category) of every feature."""
        fields = source.fields()
        category_field = self.parameterAsString(parameters, self.CATEGORY_FIELD, context) or "category"
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
