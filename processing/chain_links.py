"""`beltmap:chainlinks`: chain leaders and their partners — matched, measured, summed per leader and zone."""

import os
from functools import partial

from qgis.core import (
    QgsProcessing,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)

from ..core.cartography.chain_styles import style_links
from ..core.chain_report.report import run_and_report
from ..core.chains.engine import ChainOutput, ChainRequest
from ..core.errors import BeltMapError
from ..core.reach.gpkg_source import whole_gpkg_layer
from ..core.reach.rates import parse_radii
from .base import BeltMapAlgorithm
from .inputs import part_reason, source_input, utf8_outputs, vector_input
from .outputs import keep_alive

TABLE_FILES = (".csv", ".txt", ".tsv", ".xlsx")


class LinkStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles LINK_LINES by relation, with arrows, once QGIS has loaded it."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        style_links(layer)


class ChainLinksAlgorithm(BeltMapAlgorithm):
    """Links between chain leaders and partners: lengths, zones, shares in the belt and within radii."""

    ID = "beltmap:chainlinks"
    LINKS = "LINKS"
    SHEET = "SHEET"
    SITES = "SITES"
    KEY_FIELD = "KEY_FIELD"
    NAME_FIELD = "NAME_FIELD"
    PARTNERS = "PARTNERS"
    PARTNERS_SYSTEM = "PARTNERS_SYSTEM"
    BELT = "BELT"
    ZONES = "ZONES"
    RADII_KM = "RADII_KM"
    LEADERS = "LEADERS"
    LINK_LINES = "LINK_LINES"
    CHAIN_SUMMARY = "CHAIN_SUMMARY"
    ZONE_LINKS = "ZONE_LINKS"
    UNMATCHED = "UNMATCHED"
    REPORT_FOLDER = "REPORT_FOLDER"
    COUNTS = ("LINKS_COUNT", "MATCHED_COUNT", "UNMATCHED_COUNT", "EMPTY_ROWS", "INSIDE_SHARE")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Chain links")

    def shortDescription(self) -> str:  # noqa: N802
        return self.tr(
            "Links between chain leaders (链长) and their partners from a table: each end matched to a "
            "site or a partner by key, else by name; per leader and per chain the partners in the belt, "
            "within each radius and per year; per zone the links starting, ending, staying and leaving. "
            "Rows that cannot be matched go to UNMATCHED with their row number and reason."
        )

    def example(self) -> str:
        return (
            "qgis_process.bin run beltmap:chainlinks --json -- LINKS=links.xlsx "
            "SITES=belt.gpkg|layername=sites BELT=belt.gpkg|layername=belt "
            "ZONES=belt.gpkg|layername=zones LINK_LINES=links.gpkg REPORT_FOLDER=chains"
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.LINKS, self.tr("Links table"), [QgsProcessing.TypeVector]
            ),
            self.tr(
                "One row per link: from, to (a firm's key or name), relation (供应 supplier, 客户 customer, "
                "合作 partner, 研发 research, 服务 service), chain; optional since (year), signed (date), "
                "note. Chinese headers: 起点, 终点, 关系, 产业链, 起始年份, 签约日期, 备注. A CSV (UTF-8 "
                "or GBK) or XLSX file, or any table."
            ),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.SHEET, self.tr("Sheet (XLSX)"), optional=True),
            self.tr("The sheet of an XLSX links table; the first sheet when empty."),
            advanced=True,
        )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Sites"), [QgsProcessing.TypeVectorAnyGeometry]
            ),
            self.tr("The belt's sites (firms); lines and polygons count at a point on their surface."),
        )
        for name, label, default, text in (
            (
                self.KEY_FIELD,
                self.tr("Key field"),
                "site_id",
                self.tr("Field of the sites and partners a link's key names (falls back to id, 编号, code)."),
            ),
            (
                self.NAME_FIELD,
                self.tr("Name field"),
                "name",
                self.tr(
                    "Field of the sites and partners holding the firm's name (falls back to 名称); names are "
                    "compared after NFKC, spaces removed, case folded."
                ),
            ),
        ):
            self.addHelpedParameter(
                QgsProcessingParameterString(name, label, defaultValue=default, optional=True), text
            )
        self.addHelpedParameter(
            QgsProcessingParameterFeatureSource(
                self.PARTNERS,
                self.tr("Partners outside the belt"),
                [QgsProcessing.TypeVectorAnyGeometry],
                optional=True,
            ),
            self.tr("Optional: firms outside the belt, in any CRS, with the same key and name fields."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(
                self.PARTNERS_SYSTEM, self.tr("Partners' coordinates"), optional=True
            ),
            self.tr(
                "Empty: the layer's CRS. GCJ02 (AMap/高德, Tencent/腾讯) or BD09 (Baidu/百度) when the "
                "partners' lon/lat were taken from a Chinese web map: converted as the site import does."
            ),
            advanced=True,
        )
        for name, label in ((self.BELT, self.tr("Belt")), (self.ZONES, self.tr("Zones"))):
            self.addHelpedParameter(
                QgsProcessingParameterFeatureSource(
                    name, label, [QgsProcessing.TypeVectorPolygon], optional=True
                ),
                self.tr(
                    "Optional; the panel's layer for this role by default. Gives in_belt, the zones and "
                    "types."
                ),
            )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.RADII_KM, self.tr("Radii (km)"), defaultValue="5,30"),
            self.tr("Each leader's partners within these distances (straight line): columns within_<R>km."),
        )
        self.addHelpedParameter(
            QgsProcessingParameterString(self.LEADERS, self.tr("Leaders"), optional=True),
            self.tr("Keys or names of the chain leaders, comma separated; default: every from end."),
        )
        sinks = (
            (self.LINK_LINES, self.tr("Chain links"), QgsProcessing.TypeVectorLine),
            (self.CHAIN_SUMMARY, self.tr("Chain summary"), QgsProcessing.TypeVector),
            (self.ZONE_LINKS, self.tr("Links per zone"), QgsProcessing.TypeVectorPolygon),
            (self.UNMATCHED, self.tr("Unmatched links"), QgsProcessing.TypeVector),
        )
        for name, label, kind in sinks:
            self.addParameter(
                QgsProcessingParameterFeatureSink(name, label, kind, optional=True, createByDefault=True)
            )
        self.addHelpedParameter(
            QgsProcessingParameterFolderDestination(
                self.REPORT_FOLDER, self.tr("Report folder"), optional=True, createByDefault=False
            ),
            self.tr(
                "Optional: the tables as CSV, the overview map and a page per leader (PDF, PNG), a summary."
            ),
        )
        labels = (
            self.tr("Links read"),
            self.tr("Links matched"),
            self.tr("Links unmatched"),
            self.tr("Empty rows skipped"),
            self.tr("Share of the leaders' partners in the belt"),
        )
        for key, label in zip(self.COUNTS, labels):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def output_folders(self, parameters, context) -> dict:
        """The report folder: it must not hold an input."""
        folder = self._report_folder(parameters, context)
        return {self.REPORT_FOLDER: folder} if folder else {}

    def _report_folder(self, parameters, context) -> str:
        if not parameters.get(self.REPORT_FOLDER):
            return ""
        return self.parameterAsFileOutput(parameters, self.REPORT_FOLDER, context) or ""

    def _links_path(self, parameters, context) -> str:
        """The links table's file when LINKS is a CSV/XLSX path (read as the site import reads), else ''."""
        value = parameters.get(self.LINKS)
        text = value if isinstance(value, str) else ""
        path = text.split("|")[0]
        return path if path.lower().endswith(TABLE_FILES) and os.path.isfile(path) else ""

    def _source(self, parameters, context, feedback, name):
        return source_input(self, parameters, name, context, feedback)

    def request(self, parameters, context, feedback) -> ChainRequest:
        """The run asked for, read once from the parameters."""
        utf8_outputs(context)
        try:
            radii = tuple(parse_radii(self.parameterAsString(parameters, self.RADII_KM, context)))
        except ValueError as error:
            raise BeltMapError("RADII_KM: {}".format(error)) from error
        path = self._links_path(parameters, context)
        leaders = self.parameterAsString(parameters, self.LEADERS, context) or ""
        return ChainRequest(
            sites=self._source(parameters, context, feedback, self.SITES),
            sites_file=None
            if part_reason(parameters.get(self.SITES))
            else whole_gpkg_layer(vector_input(self, parameters, self.SITES, context)),
            links_path=path,
            links_source=None if path else self._source(parameters, context, feedback, self.LINKS),
            sheet=(self.parameterAsString(parameters, self.SHEET, context) or "").strip(),
            key_field=(self.parameterAsString(parameters, self.KEY_FIELD, context) or "site_id").strip(),
            name_field=(self.parameterAsString(parameters, self.NAME_FIELD, context) or "name").strip(),
            partners=self._source(parameters, context, feedback, self.PARTNERS),
            partners_system=(self.parameterAsString(parameters, self.PARTNERS_SYSTEM, context) or "").strip(),
            belt=self._source(parameters, context, feedback, self.BELT),
            zones=self._source(parameters, context, feedback, self.ZONES),
            radii_km=tuple(r for r in radii),
            leaders=tuple(t.strip() for t in leaders.replace("，", ",").split(",") if t.strip()),
            report_folder=self._report_folder(parameters, context),
            transform_context=context.transformContext(),
        )

    def execute(self, request: ChainRequest, guard, context, feedback) -> dict:
        """Match, measure and write (one engine call)."""
        output = ChainOutput(
            lines=partial(guard.sink, self.LINK_LINES, optional=True),
            summary=partial(guard.sink, self.CHAIN_SUMMARY, optional=True),
            zones=partial(guard.sink, self.ZONE_LINKS, optional=True),
            unmatched=partial(guard.sink, self.UNMATCHED, optional=True),
        )
        result = run_and_report(request, output, feedback)
        names = {
            "lines": self.LINK_LINES,
            "summary": self.CHAIN_SUMMARY,
            "zones": self.ZONE_LINKS,
            "unmatched": self.UNMATCHED,
        }
        results = {names[k]: dest for k, dest in result.destinations.items() if dest}
        dest = result.destinations.get("lines")
        if dest:
            guard.after_commit(dest, lambda final: self._style_on_load(final, context))
        values = (result.links, result.matched, result.unmatched, result.empty_rows, result.inside_share)
        results.update(dict(zip(self.COUNTS, values)))
        for name, path in result.files.items():
            results[name.upper()] = path
        if result.files:
            results[self.REPORT_FOLDER] = request.report_folder
        return results

    @staticmethod
    def _style_on_load(dest, context) -> None:
        layer = context.getMapLayer(dest)
        if layer is not None:
            style_links(layer)
        if context.willLoadLayerOnCompletion(dest):
            context.layerToLoadOnCompletionDetails(dest).setPostProcessor(keep_alive(LinkStyler()))
