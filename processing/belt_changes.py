"""`beltmap:beltchanges`: what changed between two years of the belt — sites, zones, per-zone deltas."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.change_report.report import compare_and_report
from ..core.changes.request import DEFAULT_TOLERANCE, ChangeRequest, YearInput
from ..core.errors import BeltMapError
from ..core.reach.rates import parse_radii
from .base import BeltMapAlgorithm
from .change_sinks import write_change_layers
from .guard import plain_gpkg_destination
from .inputs import source_input, utf8_outputs
from .year_widget import year_picker

LANGUAGES = ("zh", "en")
REPORT_FILES = (
    "SITE_CHANGES_CSV",
    "SITE_MOVES_CSV",
    "ZONE_CHANGES_CSV",
    "ZONE_DELTAS_CSV",
    "SUMMARY",
    "CHANGE_MAP_PDF",
    "CHANGE_MAP_PNG",
)


class BeltChangesAlgorithm(BeltMapAlgorithm):
    """Compare two years of the belt: packages, GeoPackages or layers."""

    ID = "beltmap:beltchanges"

    BEFORE = "BEFORE"
    AFTER = "AFTER"
    BEFORE_SITES = "BEFORE_SITES"
    AFTER_SITES = "AFTER_SITES"
    BEFORE_ZONES = "BEFORE_ZONES"
    AFTER_ZONES = "AFTER_ZONES"
    BEFORE_BELT = "BEFORE_BELT"
    AFTER_BELT = "AFTER_BELT"
    BEFORE_STATIONS = "BEFORE_STATIONS"
    AFTER_STATIONS = "AFTER_STATIONS"
    BEFORE_LABEL = "BEFORE_LABEL"
    AFTER_LABEL = "AFTER_LABEL"
    KEY_FIELD = "KEY_FIELD"
    TOLERANCE = "TOLERANCE"
    RADII = "RADII"
    LANGUAGE = "LANGUAGE"
    SITE_CHANGES = "SITE_CHANGES"
    SITE_MOVES = "SITE_MOVES"
    ZONE_CHANGES = "ZONE_CHANGES"
    ZONE_DELTAS = "ZONE_DELTAS"
    REPORT_FOLDER = "REPORT_FOLDER"
    COUNTS = (
        ("ADDED_COUNT", "added"),
        ("REMOVED_COUNT", "removed"),
        ("MOVED_COUNT", "moved"),
        ("CHANGED_COUNT", "changed"),
        ("RETAGGED_COUNT", "retagged"),
        ("UNCHANGED_COUNT", "unchanged"),
    )

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Changes between years")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "What changed between two years of the belt: sites added, removed, moved, changed or retagged; "
            "zones added, removed, reshaped, retyped, renamed, split or merged; per zone, the figures of "
            "both years and their difference, with the evaluation index on one scale for both years."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:beltchanges --json -- BEFORE=belt_2025.zip AFTER=belt_2026 "
            "SITE_CHANGES=changes.gpkg REPORT_FOLDER=changes_report"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        for name, label in (
            (self.BEFORE, self.tr("Before (package or GeoPackage)")),
            (self.AFTER, self.tr("After (package or GeoPackage)")),
        ):
            self.addHelpedParameter(
                year_picker(QgsProcessingParameterString(name, label, optional=True)),
                self.tr(
                    "Path of a belt map package (its folder or its ZIP) or of a GeoPackage with the tables "
                    "sites and zones. Leave empty to give the layers one by one."
                ),
            )
        point, polygon = [QgsProcessing.TypeVectorPoint], [QgsProcessing.TypeVectorPolygon]
        layers = (
            (self.BEFORE_SITES, self.tr("Before: sites"), [QgsProcessing.TypeVectorAnyGeometry]),
            (self.AFTER_SITES, self.tr("After: sites"), [QgsProcessing.TypeVectorAnyGeometry]),
            (self.BEFORE_ZONES, self.tr("Before: zones"), polygon),
            (self.AFTER_ZONES, self.tr("After: zones"), polygon),
            (self.BEFORE_BELT, self.tr("Before: belt"), polygon),
            (self.AFTER_BELT, self.tr("After: belt"), polygon),
            (self.BEFORE_STATIONS, self.tr("Before: service stations"), point),
            (self.AFTER_STATIONS, self.tr("After: service stations"), point),
        )
        for name, label, types in layers:
            self.addHelpedParameter(
                QgsProcessingParameterFeatureSource(name, label, types, optional=True),
                self.tr("Used when the year is not given as a package or GeoPackage."),
                advanced="BELT" in name or "STATIONS" in name,
            )
        for name, label in (
            (self.BEFORE_LABEL, self.tr("Before: label")),
            (self.AFTER_LABEL, self.tr("After: label")),
        ):
            self.addHelpedParameter(
                QgsProcessingParameterString(name, label, optional=True),
                self.tr(
                    "How the year is named in the tables and the map, e.g. 2025; default from the "
                    "package's manifest, else 之前 / 之后."
                ),
            )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.KEY_FIELD, self.tr("Key field"), defaultValue="site_id", optional=True
            ),
            self.tr(
                "Field identifying a site in both years. site_id (the default) falls back to the id "
                "fields the loader knows (id, 编号, code); empty: every site is matched by position. "
                "Sites without a key or with a duplicated key are matched by position."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.TOLERANCE,
                self.tr("Tolerance (m)"),
                QgsProcessingParameterNumber.Double,
                DEFAULT_TOLERANCE,
                minValue=0,
            ),
            self.tr(
                "A site further than this from its place last year has moved; sites matched by position "
                "(same category) must be at most this far apart."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.RADII, self.tr("Walking radii (m)"), defaultValue="300,500,1000"
            ),
            self.tr(
                "Radii of the coverage shares per zone: the walk to the nearest service station along the "
                "roads when the year is a package or GeoPackage with a roads table, else straight line x 1.3."
            ),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Report language"), ["中文", "English"], defaultValue=0
            ),
            self.tr("Language of grades, the change map and the summary's first half."),
            advanced=True,
        )
        sinks = (
            (self.SITE_CHANGES, self.tr("Site changes"), QgsProcessing.TypeVectorPoint),
            (self.SITE_MOVES, self.tr("Site moves"), QgsProcessing.TypeVectorLine),
            (self.ZONE_CHANGES, self.tr("Zone changes"), QgsProcessing.TypeVectorPolygon),
            (self.ZONE_DELTAS, self.tr("Zone deltas"), QgsProcessing.TypeVector),
        )
        for name, label, kind in sinks:
            self.addParameter(
                QgsProcessingParameterFeatureSink(name, label, kind, optional=True, createByDefault=True)
            )
        self.addHelpedParameter(
            QgsProcessingParameterFolderDestination(
                self.REPORT_FOLDER, self.tr("Report folder"), optional=True, createByDefault=False
            ),
            self.tr("Optional: the change tables as CSV, the change map (PDF and PNG) and a summary."),
        )
        labels = (self.tr("Sites added"), self.tr("Sites removed"), self.tr("Sites moved"))
        labels += (self.tr("Sites changed"), self.tr("Sites retagged"), self.tr("Sites unchanged"))
        for (key, _kind), label in zip(self.COUNTS, labels):
            self.addOutput(QgsProcessingOutputNumber(key, label))
        self.addOutput(QgsProcessingOutputNumber("ZONES_CHANGED_COUNT", self.tr("Zones changed")))
        self.addOutput(
            QgsProcessingOutputString("INDEX_SCALE", self.tr("How the index scores were computed"))
        )

    def output_folders(self, parameters, context) -> dict:
        """The report folder: it must not hold an input."""
        folder = self._report_folder(parameters, context)
        return {self.REPORT_FOLDER: folder} if folder else {}

    def _report_folder(self, parameters, context) -> str:
        if not parameters.get(self.REPORT_FOLDER):
            return ""
        return self.parameterAsFileOutput(parameters, self.REPORT_FOLDER, context) or ""

    def _year(self, parameters, context, feedback, prefix) -> YearInput:
        """One year's input: a path, or its layers."""
        path = self.parameterAsString(parameters, prefix, context) if parameters.get(prefix) else ""
        layers = {
            role: source_input(
                self, parameters, prefix + "_" + role.upper(), context, feedback, role == "sites"
            )
            for role in ("sites", "zones", "belt", "stations")
        }
        label = self.parameterAsString(parameters, prefix + "_LABEL", context) or ""
        return YearInput(path=path or "", label=label.strip(), **layers)

    def request(self, parameters, context, feedback) -> ChangeRequest:
        """The comparison asked for, read once from the parameters."""
        utf8_outputs(context)
        key = parameters.get(self.KEY_FIELD)
        key = None if key is None else self.parameterAsString(parameters, self.KEY_FIELD, context).strip()
        try:
            radii = tuple(parse_radii(self.parameterAsString(parameters, self.RADII, context)))
        except ValueError as error:
            raise BeltMapError("RADII: {}".format(error)) from error
        gpkg, load = plain_gpkg_destination(self, parameters, self.SITE_CHANGES)
        return ChangeRequest(
            before=self._year(parameters, context, feedback, self.BEFORE),
            after=self._year(parameters, context, feedback, self.AFTER),
            key_field=None if key == "site_id" else key,
            tolerance=self.parameterAsDouble(parameters, self.TOLERANCE, context),
            radii=radii,
            report_folder=self._report_folder(parameters, context),
            language=LANGUAGES[self.parameterAsEnum(parameters, self.LANGUAGE, context)],
            site_changes_gpkg=gpkg or "",
            site_changes_load=load,
            transform_context=context.transformContext(),
            zone_deltas=bool(parameters.get(self.ZONE_DELTAS)),  # deltas, coverage and index: only if asked
        )

    def execute(self, request: ChangeRequest, guard, context, feedback) -> dict:
        """Compare the two years (one engine call), then write the four outputs."""
        result = compare_and_report(request, feedback)
        results = {key: result.counts[kind] for key, kind in self.COUNTS}
        results["ZONES_CHANGED_COUNT"] = result.zones_changed
        results["INDEX_SCALE"] = result.index_note
        results.update(write_change_layers(request, result, guard, context))
        for name, path in result.files.items():
            results[self.file_output(name, path)] = path
        if result.files:
            results[self.REPORT_FOLDER] = request.report_folder
        return results

    @staticmethod
    def file_output(name: str, path: str) -> str:
        """The result key of a report file: SITE_CHANGES_CSV, SUMMARY, CHANGE_MAP_PDF …"""
        return name.upper() + ("_CSV" if path.endswith(".csv") else "")
