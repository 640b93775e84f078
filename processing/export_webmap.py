"""`beltmap:exportwebmap`: the belt's electronic map, an offline web page written into OUTPUT_FOLDER."""

import os
from dataclasses import dataclass
from typing import Dict

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from .base import BeltMapAlgorithm
from .child_runs import child_layer, prepared_sites, run_child
from ..core.package.manifest import now_iso
from ..core.package.render import CancelledError
from ..core.package.sources import is_illustrative, is_osm
from ..core.package.writer import PackageError
from .export_inputs import add_layer_parameters, layer_inputs, validate_layer_inputs
from .guard import refusal
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter
from ..core.webmap.assets import AssetError
from ..core.webmap.folder import WebMapFolder
from ..core.webmap.page import INDEX_HTML
from ..core.webmap.payload import write_web_map

DEFAULT_TITLE = "安驰路产城融合实践带电子地图"
LANGUAGES = ("zh", "en")
COVERAGE_ALGORITHM = "beltmap:servicecoverage"
INDEX_ALGORITHM = "beltmap:evaluationindex"


@dataclass
class WebMapRequest:
    """A web map run, read once from the parameters: the opened inputs and every option."""

    inputs: Dict  # belt, zones, sites (a list), roads: layers opened once (shapefiles with their encoding)
    tag: bool
    index: bool
    coverage: bool
    title: str
    subtitle: str
    language: str
    folder: str
    overwrite: bool
    ignore_validation: bool


class ExportWebMapAlgorithm(BeltMapAlgorithm):
    """Writes <OUTPUT_FOLDER>/index.html with data.js, app.js, app.css and Leaflet: opens offline."""

    ID = "beltmap:exportwebmap"  # the algorithm's id, written only here
    BELT = "BELT"
    ZONES = "ZONES"
    SITES = "SITES"
    ROADS = "ROADS"
    TAG = "TAG"
    INDEX = "INDEX"
    COVERAGE = "COVERAGE"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    LANGUAGE = "LANGUAGE"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OVERWRITE = "OVERWRITE"
    INDEX_FILE = "INDEX_FILE"
    ZONE_COUNT = "ZONE_COUNT"
    SITE_COUNT = "SITE_COUNT"

    def name(self) -> str:
        return "exportwebmap"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Export web map")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Writes the belt's electronic map: an offline web page (index.html and its files) with the belt, "
            "the zones by type, the sites by category, the roads, a legend with filters, search, an info "
            "panel and shareable links. It opens with a double-click, without any network."
        )

    def helpDetails(self) -> str:  # noqa: N802
        return self.tr(
            "<p>The folder holds index.html, data.js (the data), app.js, app.css and lib/leaflet (the map "
            "library with its licence). Copy the whole folder to a USB stick, a shared drive or any static "
            "web server. index.html#zone=&lt;zone id&gt; and #site=&lt;site id&gt; open zoomed to a zone or "
            "a site.</p><p>The web map is written into a hidden temporary folder beside OUTPUT_FOLDER and "
            "moved "
            "into place only when complete. An existing web map is replaced only with OVERWRITE; a folder "
            "holding other files, or holding an input, is never written into.</p>"
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:exportwebmap -- BELT=demo_belt.gpkg|layername=belt "
            "ZONES=demo_belt.gpkg|layername=zones SITES=demo_belt.gpkg|layername=sites "
            "ROADS=demo_belt.gpkg|layername=roads OUTPUT_FOLDER=/tmp/belt_web"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        add_layer_parameters(self)
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.INDEX, self.tr("Add the evaluation score and grade per zone"), defaultValue=False
            ),
            self.tr(
                "Run beltmap:evaluationindex on the zones; a zone's info panel shows its score and grade."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.COVERAGE, self.tr("Add the walk to the nearest service station"), defaultValue=False
            ),
            self.tr(
                "Run beltmap:servicecoverage on the sites (stations: the sites of category service_station); "
                "a site's info panel shows the walk in metres and minutes."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.TITLE, self.tr("Title"), defaultValue=DEFAULT_TITLE),
            self.tr("The page's title."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), defaultValue="", optional=True),
            self.tr("A line under the title."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterEnum(
                self.LANGUAGE, self.tr("Page language"), LANGUAGES, defaultValue="zh", usesStaticStrings=True
            ),
            self.tr("zh: the page in Chinese; en: in English (English names where the data has name_en)."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder")),
            self.tr(
                "The folder that receives index.html and its files: a new or empty folder, or a web map."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterBoolean(
                self.OVERWRITE, self.tr("Replace an existing web map"), defaultValue=False
            ),
            self.tr("Without it a folder that already holds a web map is an error and is left untouched."),
        )
        add_ignore_validation_parameter(self)
        self.addOutput(QgsProcessingOutputFile(self.INDEX_FILE, self.tr("Web page")))
        self.addOutput(QgsProcessingOutputNumber(self.ZONE_COUNT, self.tr("Zones on the map")))
        self.addOutput(QgsProcessingOutputNumber(self.SITE_COUNT, self.tr("Sites on the map")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        if not self.parameterAsLayerList(parameters, self.SITES, context):
            return False, self.tr("Give at least one sites layer")
        return super().checkParameterValues(parameters, context)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # the output folder must not be, or hold, an input file (the one output guard's rule)
        reason = refusal(self, parameters, context)
        if reason:
            raise QgsProcessingException(reason)
        self.context, self.feedback = context, feedback
        options = self.request(parameters, context, feedback)
        inputs = options.inputs
        validate_layer_inputs(inputs, options.ignore_validation, feedback, context)
        feedback.setProgress(10)
        sites = prepared_sites(self, self._child, inputs, options.tag, options.ignore_validation)
        index_layer = self._index(inputs, sites) if options.index else None
        if options.coverage:
            sites = self._coverage(inputs, sites)
        feedback.setProgress(60)
        feedback.pushInfo(self.tr("Writing the web map"))
        layers = dict(inputs, sites=sites)
        try:
            with WebMapFolder(options.folder, options.overwrite) as writer:
                texts = {
                    "title": options.title,
                    "subtitle": options.subtitle,
                    "language": options.language,
                    "created": now_iso(),
                    "illustrative": is_illustrative([inputs["belt"], inputs["zones"]]),
                    "osm": is_osm(inputs["roads"]),
                }
                payload = write_web_map(
                    writer.staging,
                    layers,
                    texts,
                    context.transformContext(),
                    index_layer,
                    feedback.isCanceled,
                )
                if feedback.isCanceled():
                    raise CancelledError()
                writer.commit()
        except CancelledError as error:
            raise QgsProcessingException(self.tr("Cancelled: no web map was written")) from error
        except (PackageError, AssetError) as error:
            raise QgsProcessingException(str(error)) from error
        feedback.setProgress(100)
        target = writer.target
        feedback.pushInfo(self.tr("Web map written to {}").format(os.path.join(target, INDEX_HTML)))
        return {
            self.OUTPUT_FOLDER: target,
            self.INDEX_FILE: os.path.join(target, INDEX_HTML),
            self.ZONE_COUNT: len(payload["zones"]["features"]),
            self.SITE_COUNT: len(payload["sites"]["id"]),
        }

    def request(self, parameters, context, feedback=None) -> WebMapRequest:
        """The run's inputs (opened once, through processing/inputs.py) and options, read once."""
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        if not folder:
            raise QgsProcessingException(self.tr("Choose an output folder"))
        return WebMapRequest(
            inputs=layer_inputs(self, parameters, context, feedback),
            tag=self.parameterAsBoolean(parameters, self.TAG, context),
            index=self.parameterAsBoolean(parameters, self.INDEX, context),
            coverage=self.parameterAsBoolean(parameters, self.COVERAGE, context),
            title=self.parameterAsString(parameters, self.TITLE, context) or DEFAULT_TITLE,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context) or "",
            language=self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "zh",
            folder=os.path.abspath(folder),
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
            ignore_validation=IGNORE_VALIDATION in parameters
            and self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
        )

    def _child(self, algorithm_id: str, parameters: Dict) -> Dict:
        """Run a step as a child algorithm; a cancel stops the export."""
        if self.feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no web map was written"))
        return run_child(algorithm_id, parameters, self.context, self.feedback)

    def _index(self, inputs, sites):
        """beltmap:evaluationindex per zone: the layer with unit_id, score and grade."""
        parameters = {
            "UNITS": "zones",
            "ZONES": inputs["zones"],
            "SITES": sites,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "WEIGHTS": "TEMPORARY_OUTPUT",
        }
        if inputs["roads"] is not None:
            parameters["ROADS"] = inputs["roads"]
        result = self._step(INDEX_ALGORITHM, parameters, self.tr("set INDEX to false"))
        return child_layer(self, result["OUTPUT"], self.context)

    def _coverage(self, inputs, sites):
        """beltmap:servicecoverage on the sites: the sites with walk_m to the nearest service station."""
        parameters = {"SITES": sites, "OUTPUT": "TEMPORARY_OUTPUT"}
        if inputs["roads"] is not None:
            parameters["ROADS"] = inputs["roads"]
        result = self._step(COVERAGE_ALGORITHM, parameters, self.tr("set COVERAGE to false"))
        return child_layer(self, result["OUTPUT"], self.context)

    def _step(self, algorithm_id: str, parameters: Dict, hint: str) -> Dict:
        try:
            return self._child(algorithm_id, parameters)
        except QgsProcessingException as error:
            raise QgsProcessingException(
                self.tr("{} failed ({} to export without it): {}").format(algorithm_id, hint, error)
            ) from error
