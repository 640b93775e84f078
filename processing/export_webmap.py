"""`beltmap:exportwebmap`: the belt's electronic map, an offline web page written into OUTPUT_FOLDER."""

import os

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.base.staged_folder import PackageError
from ..core.webmap.basemap import BASEMAPS
from ..core.webmap.builder import WebMapRequest, build_web_map
from .base import BeltMapAlgorithm
from .export_inputs import add_layer_parameters, layer_inputs
from .validation_gate import IGNORE_VALIDATION, add_ignore_validation_parameter

DEFAULT_TITLE = "安驰路产城融合实践带电子地图"
LANGUAGES = ("zh", "en")


BASEMAP = "BASEMAP"


def add_basemap_parameter(algorithm) -> None:
    """BASEMAP (none or tianditu): exportwebmap's, and exportpackage's for its web/."""
    algorithm.addHelpedParameter(
        QgsProcessingParameterEnum(
            BASEMAP, algorithm.tr("Online basemap"), BASEMAPS, defaultValue="none", usesStaticStrings=True
        ),
        algorithm.tr(
            "none (default): no basemap, the page needs no network. tianditu: the page offers "
            "Tianditu's vector and imagery tiles (天地图, Web Mercator) under the zones; each "
            "viewer types their own Tianditu key in the page (or opens index.html?tdt=KEY); "
            "the key stays in their browser and is never written into the web map. Without "
            "network or with a wrong key the page says so and shows the map without a "
            "basemap."
        ),
    )


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
    BASEMAP = BASEMAP
    INDEX_FILE = "INDEX_FILE"
    ZONE_COUNT = "ZONE_COUNT"
    SITE_COUNT = "SITE_COUNT"

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
        add_basemap_parameter(self)
        add_ignore_validation_parameter(self)
        self.addOutput(QgsProcessingOutputFile(self.INDEX_FILE, self.tr("Web page")))
        self.addOutput(QgsProcessingOutputNumber(self.ZONE_COUNT, self.tr("Zones on the map")))
        self.addOutput(QgsProcessingOutputNumber(self.SITE_COUNT, self.tr("Sites on the map")))

    def checkParameterValues(self, parameters, context):  # noqa: N802
        if not self.parameterAsLayerList(parameters, self.SITES, context):
            return False, self.tr("Give at least one sites layer")
        return super().checkParameterValues(parameters, context)

    def request(self, parameters, context, feedback=None) -> WebMapRequest:
        """The web map asked for, read once: the inputs (opened once) and every option."""
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        if not folder:
            raise PackageError(self.tr("Choose an output folder"))
        return WebMapRequest(
            layers=layer_inputs(self, parameters, context, feedback),
            tag=self.parameterAsBoolean(parameters, self.TAG, context),
            index=self.parameterAsBoolean(parameters, self.INDEX, context),
            coverage=self.parameterAsBoolean(parameters, self.COVERAGE, context),
            title=self.parameterAsString(parameters, self.TITLE, context) or DEFAULT_TITLE,
            subtitle=self.parameterAsString(parameters, self.SUBTITLE, context) or "",
            language=self.parameterAsEnumString(parameters, self.LANGUAGE, context) or "zh",
            folder=os.path.abspath(folder),
            overwrite=self.parameterAsBoolean(parameters, self.OVERWRITE, context),
            basemap=self.parameterAsEnumString(parameters, self.BASEMAP, context) or "none",
            ignore_validation=IGNORE_VALIDATION in parameters
            and self.parameterAsBoolean(parameters, IGNORE_VALIDATION, context),
            transform_context=context.transformContext(),
        )

    def execute(self, request: WebMapRequest, guard, context, feedback) -> dict:
        """Write the web map (core/webmap/builder.py); where it went and what it shows."""
        result = build_web_map(request, feedback)
        return {
            self.OUTPUT_FOLDER: result.folder,
            self.INDEX_FILE: result.index_file,
            self.ZONE_COUNT: result.zone_count,
            self.SITE_COUNT: result.site_count,
        }
