"""`beltmap:exportpackage`: the belt map package (GeoPackage, project, print maps, tables, manifest)."""

import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.base.staged_folder import PackageError, check_name
from ..core.cartography.layout import ATLAS_MODES, PAPER_SIZES_MM
from ..core.cartography.render import FORMATS
from ..core.change_report.in_package import check_baseline
from ..core.package.builder import PackageRequest, build_package
from .base import BeltMapAlgorithm
from .export_inputs import add_layer_parameters, layer_inputs
from .export_webmap import BASEMAP, add_basemap_parameter
from .package_options import add_option_parameters, option_values
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter
from .year_widget import year_picker

DEFAULT_TITLE = "安驰路产城融合实践带"
DEFAULT_NAME = "anchi_belt_map"
PAPERS = tuple(PAPER_SIZES_MM)
ORIENTATIONS = ("auto", "portrait", "landscape")
LANGUAGES = ("zh", "en")


class ExportPackageAlgorithm(BeltMapAlgorithm):
    """Writes <OUTPUT_FOLDER>/<NAME>/: belt.gpkg, belt.qgz, maps/, tables/, manifest.json, README.txt."""

    ID = "beltmap:exportpackage"  # the algorithm's id, written only here
    BELT = "BELT"
    ZONES = "ZONES"
    SITES = "SITES"
    ROADS = "ROADS"
    TAG = "TAG"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    PAPER = "PAPER"
    ORIENTATION = "ORIENTATION"
    DPI = "DPI"
    FORMATS = "FORMATS"
    ATLAS = "ATLAS"
    LANGUAGE = "LANGUAGE"
    INDEX = "INDEX"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    NAME = "NAME"
    ZIP = "ZIP"
    OVERWRITE = "OVERWRITE"
    WEBMAP = "WEBMAP"
    BASELINE = "BASELINE"
    STATION_ID_FIELD = "STATION_ID_FIELD"

    GPKG = "GPKG"
    PROJECT = "PROJECT"
    MANIFEST = "MANIFEST"
    MAPS = "MAPS"
    FILES = "FILES"
    ZIP_FILE = "ZIP_FILE"
    FEATURE_COUNTS = "FEATURE_COUNTS"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export belt map package")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Writes the belt map package: a GeoPackage with styles and metadata, a project with print "
            "layouts, print-ready maps (PDF, PNG, SVG) with Chinese text checked against the font, the zone "
            "summary table, a manifest with checksums and a README in Chinese and English."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:exportpackage -- BELT=demo_belt.gpkg|layername=belt "
            "ZONES=demo_belt.gpkg|layername=zones SITES=demo_belt.gpkg|layername=sites "
            "ROADS=demo_belt.gpkg|layername=roads PAPER=A3 FORMATS=PDF FORMATS=PNG OUTPUT_FOLDER=/tmp/out"
        )

    def flags(self):
        # layouts, fonts and a private project are built and rendered: run in the main thread
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        add_layer_parameters(self)
        self.addHelpedParameter(
            QgsProcessingParameterString(self.TITLE, self.tr("Map title"), defaultValue=DEFAULT_TITLE),
            self.tr("The title printed on top of every map."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), defaultValue="", optional=True),
            self.tr("A line under the title (atlas pages add the zone name)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.PAPER, self.tr("Paper"), PAPERS, defaultValue="A3", usesStaticStrings=True
            ),
            self.tr("Paper size: A4, A3, A2, A1 or A0."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.ORIENTATION,
                self.tr("Orientation"),
                ORIENTATIONS,
                defaultValue="auto",
                usesStaticStrings=True,
            ),
            self.tr("auto picks landscape for a wide belt and portrait for a tall one."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterNumber(
                self.DPI,
                self.tr("Resolution (dpi)"),
                QgsProcessingParameterNumber.Integer,
                300,
                False,
                36,
                1200,
            ),
            self.tr("Resolution of PNG maps (and of any raster part of PDF/SVG); 300 for print."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.FORMATS,
                self.tr("Map formats"),
                FORMATS,
                allowMultiple=True,
                defaultValue=["PDF", "PNG"],
                usesStaticStrings=True,
            ),
            self.tr("PDF (vector, text searchable), PNG and/or SVG."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.ATLAS, self.tr("Atlas"), ATLAS_MODES, defaultValue="none", usesStaticStrings=True
            ),
            self.tr(
                "none; zone: one page per zone; zone_type: one page per zone type. The page's zones are "
                "highlighted, the rest dimmed; files are named by zone id or zone type key. station: one "
                "page per service station (maps/stations/<station id>.pdf: its catchments, the sites it "
                "serves by walk band, their table) and maps/stations/overview.pdf."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.STATION_ID_FIELD, self.tr("Station key field"), defaultValue="site_id", optional=True
            ),
            self.tr(
                "ATLAS=station: the sites' field naming each station's page, kept as written (site_id, the "
                "default, also finds id, 编号 or code); a station without a key gets 'S' and its feature id."
            ),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Map language"), LANGUAGES, defaultValue="zh", usesStaticStrings=True
            ),
            self.tr("zh: Chinese legend and notes; en: English legend, notes and (where present) names."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.INDEX, self.tr("Add the comprehensive evaluation index per zone"), defaultValue=False
            ),
            self.tr(
                "Run beltmap:evaluationindex on the zones with its built-in indicators and add the index "
                "(tables in belt.gpkg and CSV, a graded layer in the project, a bar chart of the scores as "
                "PNG and SVG). Indicative only: the official index's indicators are not public; the "
                "built-in set is a documented starting point (15-minute life circle guideline)."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(self.WEBMAP, self.tr("Include the web map"), defaultValue=True),
            self.tr(
                "Also write the electronic map (beltmap:exportwebmap) as web/ in the package: web/index.html "
                "opens offline with a double-click, and the folder can be published on any static web server."
            ),
        )
        add_basemap_parameter(self)
        self.addHelpedParameter(
            year_picker(
                QgsProcessingParameterString(
                    self.BASELINE, self.tr("Baseline: an earlier package (folder or ZIP)"), optional=True
                )
            ),
            self.tr(
                "Optional path of an earlier belt map package, its folder or its ZIP (last year's). The "
                "package then also holds changes/ (the change map as PDF and PNG, the change tables as CSV "
                "and a summary, as beltmap:beltchanges writes them), the web map gets a Changes layer, "
                "README.txt describes changes/ and manifest.json records the baseline's name, date and the "
                "sha256 of its manifest."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder")),
            self.tr("The folder that receives the package folder named by NAME (and NAME.zip)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.NAME, self.tr("Package name"), defaultValue=DEFAULT_NAME),
            self.tr("Name of the package folder and of the map files: ASCII letters, digits, '_', '-', '.'."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.ZIP, self.tr("Also write a zip of the package"), defaultValue=False
            ),
            self.tr("Also write the whole package as OUTPUT_FOLDER/NAME.zip."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.OVERWRITE, self.tr("Replace an existing package"), defaultValue=False
            ),
            self.tr(
                "Without it an existing package (or zip) of that name is an error and is left untouched."
            ),
        )
        add_ignore_validation_parameter(self)
        add_option_parameters(self)  # LINKS, LABEL, HISTORY, TARGETS
        for name, description in (
            (self.GPKG, self.tr("The package's GeoPackage (belt.gpkg)")),
            (self.PROJECT, self.tr("QGIS project")),
            (self.MANIFEST, self.tr("Manifest")),
            (self.ZIP_FILE, self.tr("Zip file")),
        ):
            self.addOutput(QgsProcessingOutputFile(name, description))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        name = self.parameterAsString(parameters, self.NAME, context)
        reason = check_name(name)
        if reason:
            return False, self.tr("Package name: {}").format(reason)
        if not self.parameterAsLayerList(parameters, self.SITES, context):
            return False, self.tr("Give at least one sites layer")
        return super().checkParameterValues(parameters, context)

    # ---------------------------------------------------------------------------------------------

    def output_folders(self, parameters, context) -> dict:
        """The package folder, <OUTPUT_FOLDER>/<NAME>: it must not hold an input (see guard.refusal)."""
        parent = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        name = self.parameterAsString(parameters, self.NAME, context) or DEFAULT_NAME
        return {self.OUTPUT_FOLDER: os.path.join(parent, name)} if parent else {}

    def request(self, parameters, context, feedback=None) -> PackageRequest:
        """The export asked for, read once: the inputs (opened once) and every option."""
        formats = self.parameterAsEnumStrings(parameters, self.FORMATS, context) or ["PDF", "PNG"]
        parent = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        name = self.parameterAsString(parameters, self.NAME, context) or DEFAULT_NAME
        if not parent:
            raise PackageError(self.tr("Choose an output folder"))
        reason = check_name(name)
        if reason:
            raise PackageError(self.tr("Package name: {}").format(reason))
        baseline = self.parameterAsString(parameters, self.BASELINE, context) or ""
        if baseline:  # an earlier package, never the one being written
            baseline = check_baseline(baseline, os.path.join(parent, name))
        return PackageRequest(
            layers=layer_inputs(self, parameters, context, feedback),
            tag=self.parameterAsBoolean(parameters, self.TAG, context),
            title=self.parameterAsString(parameters, self.TITLE, context) or DEFAULT_TITLE,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context) or "",
            paper=self.parameterAsEnumString(parameters, self.PAPER, context) or "A3",
            orientation=self.parameterAsEnumString(parameters, self.ORIENTATION, context) or "auto",
            dpi=self.parameterAsInt(parameters, self.DPI, context),
            formats=tuple(f for f in FORMATS if f in formats),
            atlas=self.parameterAsEnumString(parameters, self.ATLAS, context) or "none",
            language=self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "zh",
            index=self.parameterAsBoolean(parameters, self.INDEX, context),
            ignore_validation=IGNORE_VALIDATION in parameters
            and self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
            parent=parent,
            name=name,
            zip=self.parameterAsBoolean(parameters, self.ZIP, context),
            webmap=self.parameterAsBoolean(parameters, self.WEBMAP, context),
            basemap=self.parameterAsEnumString(parameters, BASEMAP, context) or "none",
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
            transform_context=context.transformContext(),
            baseline=baseline,
            station_key=None
            if parameters.get(self.STATION_ID_FIELD) is None
            else self.parameterAsString(parameters, self.STATION_ID_FIELD, context).strip(),
            **option_values(self, parameters, context),
        )

    def execute(self, request: PackageRequest, guard, context, feedback) -> dict:
        """Build the package (core/package/builder.py); its files as results."""
        result = build_package(request, feedback)
        return {
            self.OUTPUT_FOLDER: result.folder,
            self.GPKG: result.gpkg,
            self.PROJECT: result.project,
            self.MANIFEST: result.manifest,
            self.MAPS: list(result.maps),
            self.FILES: list(result.files),
            self.ZIP_FILE: result.zip_file,
            self.FEATURE_COUNTS: dict(result.feature_counts),
        }
