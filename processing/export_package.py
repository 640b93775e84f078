"""`beltmap:exportpackage`: the belt map package (GeoPackage, project, print maps, tables, manifest)."""

import os
from dataclasses import dataclass
from typing import Dict, List

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import BeltMapError
from .base import BeltMapAlgorithm
from .child_runs import child_layer, prepared_sites, run_child
from ..core.evaluation.package import write_index_files
from ..core.package import gpkg as package_gpkg
from ..core.package import preflight
from ..core.package.layout import (
    ATLAS_MODES,
    PAPER_SIZES_MM,
    build_layout,
    choose_orientation,
    map_texts,
    work_extent,
)
from ..core.package.manifest import build_manifest, now_iso, write_manifest
from ..core.package.project import PROJECT_NAME, PackageProject
from ..core.package.readme import package_entries, readme_text
from ..core.package.render import EXTENSIONS, FORMATS, CancelledError, render, render_atlas
from ..core.package.sources import is_illustrative, is_osm, source_names
from ..core.package.writer import PackageError, PackageWriter, check_name, slug
from .export_inputs import add_layer_parameters, layer_inputs, validate_layer_inputs
from .guard import refusal
from .outputs import set_aliases
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter
from ..core.webmap.assets import AssetError
from ..core.webmap.payload import write_web_map

DEFAULT_TITLE = "安驰路产城融合实践带"
DEFAULT_NAME = "anchi_belt_map"
PAPERS = tuple(PAPER_SIZES_MM)
ORIENTATIONS = ("auto", "portrait", "landscape")
LANGUAGES = ("zh", "en")
INDEX_ALGORITHM = "beltmap:evaluationindex"
INDEX_TABLE = "evaluation_index"
WEIGHTS_KEY = "WEIGHTS"
WEIGHTS_TABLE = "evaluation_weights"
WEB_FOLDER = "web"
ROLES = ("belt", "zones", "sites", "roads")


@dataclass
class ExportRequest:
    """An export run, read once from the parameters: the opened inputs and every option."""

    inputs: Dict  # belt, zones, sites (a list), roads: layers opened once (shapefiles with their encoding)
    tag: bool
    title: str
    subtitle: str
    paper: str
    orientation: str
    dpi: int
    formats: List[str]
    atlas: str
    language: str
    index: bool
    ignore_validation: bool
    parent: str
    name: str
    zip: bool
    webmap: bool
    overwrite: bool


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

    GPKG = "GPKG"
    PROJECT = "PROJECT"
    MANIFEST = "MANIFEST"
    MAPS = "MAPS"
    FILES = "FILES"
    ZIP_FILE = "ZIP_FILE"
    FEATURE_COUNTS = "FEATURE_COUNTS"

    def name(self) -> str:
        return "exportpackage"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export belt map package")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Writes the belt map package: a GeoPackage with styles and metadata, a project with print "
            "layouts, print-ready maps (PDF, PNG, SVG) with Chinese text checked against the font, the zone "
            "summary table, a manifest with checksums and a README in Chinese and English."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<p>The package is written into a hidden temporary folder next to the target and moved into "
            "place only when complete: cancelling or failing leaves nothing behind, and an existing "
            "package is replaced only with OVERWRITE.</p>"
            "<p>Before any map is drawn every character of every text (title, legend, labels, notes) is "
            "checked against the map font; a missing character stops the export with the font, the "
            "characters and the fix. The font is the first CJK font the system has; the environment "
            "variable BELTMAP_FONT or the setting beltmap/font_family forces another.</p>"
            "<p>Before anything is written the belt data are validated (the error-level checks of "
            "beltmap:validate); errors stop the export with the list of problems and their fixes unless "
            "IGNORE_VALIDATION is set.</p>"
            "<p>INDEX adds the comprehensive evaluation index per zone (beltmap:evaluationindex with its "
            "built-in indicators): the evaluation_index and evaluation_weights tables in belt.gpkg, a hidden "
            "graded layer in belt.qgz, tables/evaluation_index.csv, tables/evaluation_index_weights.csv and "
            "the score chart maps/evaluation_index_chart.png and .svg. The index is indicative: the "
            "official index's indicators are not public.</p>"
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
                "highlighted, the rest dimmed; files are named by zone id or zone type key."
            ),
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
        for name, description in (
            (self.GPKG, self.tr("GeoPackage")),
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

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        reason = refusal(self, parameters, context, self.output_folders(parameters, context))
        if reason:
            raise QgsProcessingException(reason)
        options = self.request(parameters, context, feedback)
        self.feedback = feedback
        self.context = context
        inputs = options.inputs
        # data errors stop the export before anything is staged (unless IGNORE_VALIDATION)
        validate_layer_inputs(inputs, options.ignore_validation, feedback, context)
        # a cancel from here on is seen by the first step of the writing, which maps it to a clean message
        illustrative = is_illustrative([inputs["belt"], inputs["zones"]])
        osm = is_osm(inputs["roads"])
        sources = "、".join(
            source_names([inputs["belt"], inputs["zones"], *inputs["sites"], inputs["roads"]])
        )
        created = now_iso()
        texts = map_texts(
            options.title,
            options.subtitle,
            options.language,
            created[:10],
            sources,
            osm,
            illustrative,
            {role: package_gpkg.layer_title(role, options.language) for role in ROLES},
        )
        name_field = "name_en" if options.language == "en" else "name"
        self._preflight(
            {
                self.tr("map texts"): texts.all(),
                self.tr("zone labels"): preflight.field_values(inputs["zones"], name_field, "name"),
                self.tr("road labels"): preflight.field_values(inputs["roads"], name_field, "name"),
            }
        )
        feedback.pushInfo(self.tr("Font preflight passed: every map text can be drawn"))

        writer = PackageWriter(options.parent, options.name, options.overwrite, options.zip)
        try:
            with writer:
                results = self._write_package(writer, options, texts, illustrative, osm, created)
                self._check_canceled()
                if options.zip:
                    feedback.pushInfo(self.tr("Writing the zip file"))
                    writer.write_zip(feedback.isCanceled)
                self._check_canceled()
                writer.commit()
        except PackageError as error:
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: no package was written")) from error
            raise QgsProcessingException(str(error)) from error
        except CancelledError as error:
            raise QgsProcessingException(self.tr("Cancelled: no package was written")) from error
        except BeltMapError as error:  # a writer's own failure names the file, not the folder
            raise QgsProcessingException(str(error)) from error

        target = writer.target
        results.update(
            {
                self.OUTPUT_FOLDER: target,
                self.GPKG: os.path.join(target, package_gpkg.GPKG_NAME),
                self.PROJECT: os.path.join(target, PROJECT_NAME),
                self.MANIFEST: os.path.join(target, "manifest.json"),
                self.MAPS: [os.path.join(target, p) for p in results[self.MAPS]],
                self.ZIP_FILE: writer.zip_target if options.zip else None,
            }
        )
        feedback.pushInfo(self.tr("Package written to {}").format(target))
        return results

    def request(self, parameters, context, feedback=None) -> ExportRequest:
        formats = self.parameterAsEnumStrings(parameters, self.FORMATS, context) or ["PDF", "PNG"]
        options = ExportRequest(
            inputs=layer_inputs(self, parameters, context, feedback),
            tag=self.parameterAsBoolean(parameters, self.TAG, context),
            title=self.parameterAsString(parameters, self.TITLE, context) or DEFAULT_TITLE,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context) or "",
            paper=self.parameterAsEnumString(parameters, self.PAPER, context) or "A3",
            orientation=self.parameterAsEnumString(parameters, self.ORIENTATION, context) or "auto",
            dpi=self.parameterAsInt(parameters, self.DPI, context),
            formats=[f for f in FORMATS if f in formats],
            atlas=self.parameterAsEnumString(parameters, self.ATLAS, context) or "none",
            language=self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "zh",
            index=self.parameterAsBoolean(parameters, self.INDEX, context),
            ignore_validation=IGNORE_VALIDATION in parameters
            and self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
            parent=self.parameterAsString(parameters, self.OUTPUT_FOLDER, context),
            name=self.parameterAsString(parameters, self.NAME, context) or DEFAULT_NAME,
            zip=self.parameterAsBoolean(parameters, self.ZIP, context),
            webmap=self.parameterAsBoolean(parameters, self.WEBMAP, context),
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
        )
        if not options.parent:
            raise QgsProcessingException(self.tr("Choose an output folder"))
        reason = check_name(options.name)
        if reason:
            raise QgsProcessingException(self.tr("Package name: {}").format(reason))
        return options

    def _check_canceled(self) -> None:
        if self.feedback.isCanceled():
            raise CancelledError()

    def _preflight(self, texts) -> None:
        try:
            preflight.check(texts)
        except preflight.PreflightError as error:
            raise QgsProcessingException(str(error)) from error

    def _step(self, percent: float, message: str) -> None:
        self._check_canceled()
        self.feedback.setProgress(percent)
        self.feedback.pushInfo(message)

    def _child(self, algorithm_id: str, parameters: Dict) -> Dict:
        """Run a Belt Map algorithm as a child (same context and feedback)."""
        self._check_canceled()
        results = run_child(algorithm_id, parameters, self.context, self.feedback)
        self._check_canceled()
        return results

    def _layer(self, value):
        return child_layer(self, value, self.context)

    def _sites_layer(self, options):
        """The sites to package: the inputs merged when several, tagged by zone when TAG."""
        return prepared_sites(self, self._child, options.inputs, options.tag, options.ignore_validation)

    def _write_package(
        self, writer: PackageWriter, options, texts, illustrative: bool, osm: bool, created: str
    ):
        inputs = options.inputs
        language = options.language
        self._step(2, self.tr("Preparing the sites"))
        sites = self._sites_layer(options)

        self._step(15, self.tr("Writing belt.gpkg"))
        gpkg_path = writer.path(package_gpkg.GPKG_NAME)
        # zone types as canonical keys in a zone_type field, on a copy: the input is never modified
        zones = inputs["zones"].materialize(QgsFeatureRequest())
        package_gpkg.normalise_zone_types(zones)
        plan = [("belt", inputs["belt"]), ("zones", zones), ("sites", sites)]
        if inputs["roads"] is not None:
            plan.append(("roads", inputs["roads"]))
        if options.atlas == "zone_type":
            plan.append(("zone_types", package_gpkg.zone_type_extents(zones)))
        null_geometries = {}
        for index, (table, layer) in enumerate(plan):
            self._check_canceled()
            null_geometries[table] = package_gpkg.write_layer(
                layer, gpkg_path, table, self.context, first=index == 0
            )
            if null_geometries[table]:
                self.feedback.pushWarning(
                    self.tr("{}: {} features without a usable geometry, written with a NULL geometry").format(
                        table, null_geometries[table]
                    )
                )
        tables = [table for table, _ in plan]
        if self._summary(writer, gpkg_path):
            tables.append("zone_summary")
        aliases = {}
        if options.index:
            aliases[INDEX_TABLE] = self._index(writer, gpkg_path, "roads" in tables)
            tables += [INDEX_TABLE, WEIGHTS_TABLE]
        layer_info = []
        for table in tables:
            self._check_canceled()
            layer = package_gpkg.open_layer(gpkg_path, table)
            set_aliases(layer, aliases.get(table, {}))
            roads_osm = osm and table == "roads"
            finished = package_gpkg.finish_layer(layer, table, language, roads_osm, illustrative)
            layer_info.append(package_gpkg.layer_info(layer, table, null_geometries.get(table, 0)))
            del layer  # closed before its style and metadata are saved (save_finished says why)
            package_gpkg.save_finished(finished)

        self._step(35, self.tr("Building the project and its print layouts"))
        package = PackageProject(gpkg_path, options.title, language, illustrative, osm)
        try:
            maps = self._project_and_maps(writer, package, options, texts, tables)
        finally:
            package.close()
        package_gpkg.settle(gpkg_path)
        if options.webmap:
            self._step(90, self.tr("Writing the web map"))
            self._web_map(writer, gpkg_path, options, tables, illustrative, osm, created)

        self._step(92, self.tr("Writing README.txt and manifest.json"))
        entries = package_entries(writer.staging)
        with open(writer.path("README.txt"), "w", encoding="utf-8") as handle:
            handle.write(readme_text(options.title, created, illustrative, osm, entries + ["manifest.json"]))
        manifest = build_manifest(
            writer.staging, options.name, layer_info, self._parameters_used(options), created
        )
        write_manifest(writer.staging, manifest)
        files = [entry["path"] for entry in manifest["files"]] + ["manifest.json"]
        return {
            self.MAPS: maps,
            self.FILES: sorted(files),
            self.FEATURE_COUNTS: {info["name"]: info["feature_count"] for info in layer_info},
        }

    def _web_map(self, writer, gpkg_path, options, tables, illustrative: bool, osm: bool, created: str):
        """web/: the electronic map of the package's own layers (tagged sites, canonical zone types)."""
        layers = {
            role: package_gpkg.open_layer(gpkg_path, role) if role in tables else None for role in ROLES
        }
        index = package_gpkg.open_layer(gpkg_path, INDEX_TABLE) if INDEX_TABLE in tables else None
        texts = {"title": options.title, "subtitle": options.subtitle, "language": options.language}
        texts.update(created=created, illustrative=illustrative, osm=osm)
        try:
            write_web_map(
                os.path.join(writer.staging, WEB_FOLDER),
                layers,
                texts,
                self.context.transformContext(),
                index,
                self.feedback.isCanceled,
            )
        except AssetError as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            del layers, index  # release belt.gpkg

    def _summary(self, writer: PackageWriter, gpkg_path) -> bool:
        """tables/zone_summary.csv and the zone_summary table, from beltmap:zonesummary."""
        if QgsApplication.processingRegistry().algorithmById("beltmap:zonesummary") is None:
            raise QgsProcessingException(self.tr("beltmap:zonesummary is not available: reinstall Belt Map"))
        self._step(25, self.tr("Summarising sites per zone"))
        csv_path = writer.path("tables", "zone_summary.csv")
        # layer objects, not sources: the context would keep layers it opened (and the GeoPackage) open
        sites = package_gpkg.open_layer(gpkg_path, "sites")
        zones = package_gpkg.open_layer(gpkg_path, "zones")
        parameters = {
            "INPUT": sites,
            "ZONES": zones,
            "CATEGORY_FIELD": "category",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_CSV": csv_path,
        }
        result = self._child("beltmap:zonesummary", parameters)
        del sites, zones, parameters
        package_gpkg.write_layer(self._layer(result["OUTPUT"]), gpkg_path, "zone_summary", self.context)
        return True

    def _index(self, writer: PackageWriter, gpkg_path, has_roads: bool) -> Dict[str, str]:
        """The evaluation index per zone (beltmap:evaluationindex): two tables, two CSV files, the chart.

        Returns the indicator labels by field name (aliases of the index table's indicator columns).
        """
        if QgsApplication.processingRegistry().algorithmById(INDEX_ALGORITHM) is None:
            raise QgsProcessingException(
                self.tr("{} is not available: set INDEX to false").format(INDEX_ALGORITHM)
            )
        self._step(28, self.tr("Computing the evaluation index per zone"))
        # the package's own layers (zones with canonical types, tagged sites), as _summary does
        parameters = {
            "UNITS": "zones",
            "ZONES": package_gpkg.open_layer(gpkg_path, "zones"),
            "SITES": package_gpkg.open_layer(gpkg_path, "sites"),
            "OUTPUT": "TEMPORARY_OUTPUT",
            WEIGHTS_KEY: "TEMPORARY_OUTPUT",
        }
        if has_roads:
            parameters["ROADS"] = package_gpkg.open_layer(gpkg_path, "roads")
        try:
            result = self._child(INDEX_ALGORITHM, parameters)
        except QgsProcessingException as error:
            raise QgsProcessingException(
                self.tr(
                    "The evaluation index could not be computed (set INDEX to false to export without it): {}"
                ).format(error)
            ) from error
        del parameters
        index = self._layer(result["OUTPUT"])
        weights = self._layer(result.get(WEIGHTS_KEY))
        package_gpkg.write_layer(index, gpkg_path, INDEX_TABLE, self.context)
        package_gpkg.write_layer(weights, gpkg_path, WEIGHTS_TABLE, self.context)
        # the indicator titles (weights' label column) as aliases: CSV weight labels, attribute table titles
        aliases = {}
        for row in weights.getFeatures():
            key, label = row["key"], row["label"]
            if index.fields().indexOf(key) >= 0 and label and label != key:
                aliases[key] = str(label)
                index.setFieldAlias(index.fields().indexOf(key), str(label))
        write_index_files(index, writer.staging)
        return aliases

    def _project_and_maps(self, writer, package: PackageProject, options, texts, tables) -> List[str]:
        has_roads = "roads" in tables
        # the first layer of the tree draws on top: belt, sites, zones, roads
        for table in ("belt", "sites", "zones", "roads"):
            if table in tables:
                package.add_layer(table, table)
        if "zone_types" in tables:
            package.add_layer("zone_types", "zone_types", visible=False)
        if "zone_summary" in tables:
            package.add_layer("zone_summary", "zone_summary")
        if INDEX_TABLE in tables:
            package.add_layer(INDEX_TABLE, INDEX_TABLE, visible=False)
        if WEIGHTS_TABLE in tables:
            package.add_layer(WEIGHTS_TABLE, WEIGHTS_TABLE)

        extent = work_extent(package.layers["belt"], self.context.transformContext())
        package.set_view(extent)  # the project opens on the whole belt
        orientation = choose_orientation(extent, options.orientation)
        paper = options.paper
        main = build_layout(
            package.project,
            "{} {}".format(options.name, paper),
            package.layout_layers(["sites"], has_roads),
            texts,
            paper,
            orientation,
            extent,
        )
        package.add_layout(main)
        atlas = None
        if options.atlas != "none":
            atlas = build_layout(
                package.project,
                "{} atlas {}".format(options.name, options.atlas),
                package.layout_layers(["sites"], has_roads, options.atlas),
                texts,
                paper,
                orientation,
                extent,
                options.atlas,
            )
            package.add_layout(atlas)

        self._step(40, self.tr("Checking every map text against the font"))
        checks = {self.tr("layout"): preflight.layout_texts(main)}
        for layer_name, layer in package.layers.items():
            checks[self.tr("labels of {}").format(layer_name)] = preflight.label_values(layer)
            checks[self.tr("legend of {}").format(layer_name)] = preflight.legend_labels(layer)
        if atlas is not None:
            checks[self.tr("atlas pages")] = preflight.field_values(atlas.atlas().coverageLayer(), "name")
        self._preflight(checks)

        self._step(45, self.tr("Saving belt.qgz"))
        package.save(writer.path(PROJECT_NAME))

        maps: List[str] = []
        base = "{}_{}".format(options.name, paper)
        per_layout = len(options.formats)
        total = per_layout * (2 if atlas is not None else 1)
        done = 0
        for fmt in options.formats:
            self._step(50 + 40.0 * done / total, self.tr("Drawing the {} map").format(fmt))
            path = writer.path("maps", "{}.{}".format(base, EXTENSIONS[fmt]))
            maps.append(render(main, path, fmt, options.dpi))
            done += 1
        if atlas is not None:
            self._step(50 + 40.0 * done / total, self.tr("Drawing the atlas"))
            key_field = "zone_id" if options.atlas == "zone" else "zone_type"
            maps += render_atlas(
                atlas,
                os.path.dirname(writer.path("maps", "x")),
                "{}_{}".format(base, options.atlas),
                options.formats,
                options.dpi,
                lambda feature, index: slug(feature.attribute(key_field), "page{}".format(index + 1)),
                self.feedback.isCanceled,
                lambda fraction: self.feedback.setProgress(
                    50 + 40.0 * (done + fraction * per_layout) / total
                ),
            )
        return [os.path.relpath(p, writer.staging) for p in maps]

    def _parameters_used(self, options) -> Dict:
        def describe(layer):
            if layer is None:
                return None
            return {
                "name": layer.name(),
                "source": source_names([layer])[0],
                "features": layer.featureCount(),
            }

        inputs = options.inputs
        used = {key.upper(): value for key, value in vars(options).items() if key not in ("inputs", "parent")}
        used.update(
            {
                self.BELT: describe(inputs["belt"]),
                self.ZONES: describe(inputs["zones"]),
                self.SITES: [describe(s) for s in inputs["sites"]],
                self.ROADS: describe(inputs["roads"]),
            }
        )
        return used
