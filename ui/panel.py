"""The dockable Belt Map panel: which layers play which role, a live summary, and the main actions."""

import os
from typing import Dict, Optional

from qgis.core import Qgis, QgsApplication, QgsProject, QgsVectorLayer
from qgis.gui import QgsDockWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QTreeWidgetItem, QWidget

from .. import log
from ..compat import layer_filters
from ..core.base.site_categories import site_category
from ..core.base.zone_types import loaded_type_field, normalise, zone_type
from ..core.cartography.styles import apply_default_style
from ..core.errors import BeltMapError
from ..layers import roles
from ..layers.roles import role_names
from ..processing.export_package import ExportPackageAlgorithm
from ..processing.export_webmap import ExportWebMapAlgorithm
from ..processing.tag_zones import TagZonesAlgorithm
from ..processing.validate import ValidateAlgorithm
from ..processing.zone_summary import ZoneSummaryAlgorithm
from .actions import load_demo_belt, tr, ui_language
from .message_actions import push_result
from .summary_task import SummaryCounter
from .task_runner import AlgorithmRunner

FORM_CLASS, _ = uic.loadUiType(os.path.join(os.path.dirname(__file__), "panel.ui"))
ROLE_FILTERS = {
    "belt": layer_filters("PolygonLayer"),
    "zones": layer_filters("PolygonLayer"),
    "sites": layer_filters("PointLayer", "LineLayer"),
    "roads": layer_filters("LineLayer"),
}
ZONE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class BeltPanel(QgsDockWidget):
    """Dock widget of the plugin; its layer choices are saved in the project."""

    def __init__(self, iface, parent=None):
        super().__init__(tr("Belt Map"), parent)
        self.setObjectName("beltmapPanel")
        self.iface = iface
        self.contents = QWidget(self)
        self.form = FORM_CLASS()
        self.form.setupUi(self.contents)
        self.setWidget(self.contents)
        self.setMinimumWidth(340)
        self.runner: Optional[AlgorithmRunner] = None
        self._watched = []
        self._restoring = False
        self.summary = None
        self._counting_item = None
        self.counter = SummaryCounter(
            lambda: (self.layer("belt"), self.layer("zones"), self.layer("sites")), self
        )
        self.counter.counting.connect(self._show_counting)
        self.counter.counted.connect(self._show_summary)
        self.combos = {
            "belt": self.form.beltCombo,
            "zones": self.form.zonesCombo,
            "sites": self.form.sitesCombo,
            "roads": self.form.roadsCombo,
        }
        for role, combo in self.combos.items():
            combo.setFilters(ROLE_FILTERS[role])
            combo.setAllowEmptyLayer(role != "zones")
            combo.layerChanged.connect(self._layer_chosen)
        self.form.summaryTree.itemClicked.connect(self._summary_clicked)
        self.form.loadDemoButton.clicked.connect(self.load_demo)
        self.form.tagButton.clicked.connect(self.tag_zones)
        self.form.summaryButton.clicked.connect(self.zone_summary)
        self.form.validateButton.clicked.connect(self.validate)
        self.form.exportButton.clicked.connect(self.export_package)
        self.form.exportWebButton.clicked.connect(self.export_webmap)
        self.form.changesButton.clicked.connect(self.belt_changes)
        self.form.chainsButton.clicked.connect(self.chain_links)
        self.form.programmeButton.clicked.connect(self.belt_progress)
        self.form.cancelButton.clicked.connect(self.cancel)
        self.form.coverageButton.clicked.connect(self.service_coverage)
        self.form.indexButton.clicked.connect(self.evaluation_index)
        self.form.importSitesButton.clicked.connect(self.import_sites)
        project = QgsProject.instance()
        project.readProject.connect(self.restore_roles)
        project.layersAdded.connect(self._layers_added)
        self.restore_roles()
        self.refresh_summary()

    # layers ----------------------------------------------------------------------------------------
    def layer(self, role: str) -> Optional[QgsVectorLayer]:
        """The layer chosen for a role, or None."""
        layer = self.combos[role].currentLayer()
        return layer if isinstance(layer, QgsVectorLayer) else None

    def set_layer(self, role: str, layer) -> None:
        """Choose the layer for a role (also remembered in the project)."""
        self.combos[role].setLayer(layer)

    def restore_roles(self, *_args) -> None:
        """Take the layer choices saved in the project; else layers the plugin marked with their role."""
        project = QgsProject.instance()
        self._restoring = True  # a half-restored choice must not overwrite the saved ones
        try:
            for role, combo in self.combos.items():
                layer = roles.role_layer(role, project)
                if layer is not None:
                    combo.setLayer(layer)
                elif role != "zones":
                    combo.setLayer(None)
        finally:
            self._restoring = False
        self._layer_chosen()

    def _layers_added(self, layers) -> None:
        for layer in layers:
            role = roles.layer_role(layer)
            if role in self.combos:
                self.combos[role].setLayer(layer)

    def _layer_chosen(self, _layer=None) -> None:
        if self._restoring:
            return
        project = QgsProject.instance()
        for role, combo in self.combos.items():
            roles.save_layer(project, role, combo.currentLayer())
        for layer in self._watched:
            for signal in ("dataChanged", "layerModified"):
                try:
                    getattr(layer, signal).disconnect(self.refresh_summary)
                except (TypeError, RuntimeError):
                    pass
        self._watched = [layer for layer in (self.layer(r) for r in self.combos) if layer is not None]
        for layer in self._watched:
            layer.dataChanged.connect(self.refresh_summary)  # saved data, reloads, commits
            layer.layerModified.connect(self.refresh_summary)  # every edit in the edit buffer
        self.refresh_summary()

    # summary ---------------------------------------------------------------------------------------
    def refresh_summary(self) -> None:
        """Recount belt area, zones per type, sites per category and tag state, in the background."""
        self.counter.request()

    @property
    def counting(self) -> bool:
        """True while the summary is being (or about to be) recounted."""
        return self.counter.busy

    def _show_counting(self) -> None:
        tree = self.form.summaryTree
        if self._counting_item is None:
            self._counting_item = QTreeWidgetItem(tree, [tr("Counting…"), ""])
            self._counting_item.setDisabled(True)

    def _show_summary(self, summary) -> None:
        """Show the counted summary (None: counting failed, keep what was shown)."""
        tree = self.form.summaryTree
        if summary is None:
            if self._counting_item is not None:
                tree.takeTopLevelItem(tree.indexOfTopLevelItem(self._counting_item))
            self._counting_item = None
            return
        language = ui_language()
        tree.clear()
        self._counting_item = None
        if summary.belt_area_km2 is not None:
            QTreeWidgetItem(
                tree, [tr("Belt area"), tr("{} km²").format("{:.2f}".format(summary.belt_area_km2))]
            )
        zones_item = QTreeWidgetItem(tree, [tr("Zones"), str(sum(summary.zones_by_type.values()))])
        for key, count in summary.zones_by_type.items():
            item = QTreeWidgetItem(zones_item, [zone_type(key).label(language), str(count)])
            item.setData(0, ZONE_KEY_ROLE, key)
            item.setToolTip(0, tr("Click to select and zoom to these zones"))
        if summary.unknown_zones:
            QTreeWidgetItem(zones_item, [tr("Unknown type"), str(summary.unknown_zones)])
        sites_item = QTreeWidgetItem(tree, [tr("Sites"), str(summary.site_count)])
        for key, count in sorted(summary.sites_by_category.items()):
            QTreeWidgetItem(
                sites_item, [site_category(key).label(language) if key else tr("(none)"), str(count)]
            )
        if summary.tagged is None:
            QTreeWidgetItem(tree, [tr("Tagged"), tr("not tagged yet")])
        else:
            QTreeWidgetItem(tree, [tr("Tagged"), str(summary.tagged)])
            QTreeWidgetItem(tree, [tr("Untagged"), str(summary.untagged)])
            QTreeWidgetItem(tree, [tr("Outside the belt"), str(summary.outside_belt)])
        tree.expandAll()
        tree.resizeColumnToContents(0)
        tree.resizeColumnToContents(1)
        self.summary = summary

    def _summary_clicked(self, item, _column) -> None:
        key = item.data(0, ZONE_KEY_ROLE)
        if key:
            self.select_zone_type(key)

    def select_zone_type(self, key: str) -> int:
        """Select the zones of one type and zoom to them; returns how many were selected."""
        zones = self.layer("zones")
        if zones is None:
            return 0
        type_field = loaded_type_field(zones.fields().names())
        if type_field is None:
            return 0
        index = zones.fields().indexOf(type_field)
        ids = [f.id() for f in zones.getFeatures() if normalise(f.attribute(index)) == key]
        zones.selectByIds(ids)
        canvas = self.iface.mapCanvas()
        if ids and canvas is not None:
            canvas.zoomToSelected(zones)
            canvas.refresh()
        return len(ids)

    # actions ---------------------------------------------------------------------------------------
    def load_demo(self) -> None:
        """Load the demo belt; the panel picks its layers up by their role as they are added."""
        load_demo_belt(self.iface)

    def algorithm_parameters(self, algorithm_id: str) -> Dict[str, object]:
        """The inputs of a Belt Map algorithm taken from the panel's layers (roles left empty are absent)."""
        algorithm = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        parameters = {}
        for name, role in roles.role_parameters(algorithm).items():
            layer = self.layer(role)
            if layer is not None:
                multiple = algorithm.parameterDefinition(name).type() == "multilayer"
                parameters[name] = [layer] if multiple else layer
        return parameters

    def _require(self, *roles) -> bool:
        missing = [role for role in roles if self.layer(role) is None]
        if missing:
            self._tell(
                tr("Choose the {} layer in the Belt Map panel first.").format(role_names(missing)),
                Qgis.Warning,
            )
            return False
        return True

    def tag_zones(self) -> bool:
        """Tag the sites by zone in the background; the tagged layer replaces the sites in the panel."""
        if not self._require("zones", "sites"):
            return False
        parameters = dict(self.algorithm_parameters(TagZonesAlgorithm.ID), OUTPUT="TEMPORARY_OUTPUT")
        return self._run(TagZonesAlgorithm.ID, parameters, self._tagged)

    def _tagged(self, runner, results) -> None:
        layer = runner.take_layer(results.get("OUTPUT"))
        if layer is None:
            self._tell(tr("Tagging finished but gave no layer."), Qgis.Warning)
            return
        source = self.layer("sites")
        layer.setName(tr("{} (tagged)").format(source.name()))
        apply_default_style(layer, "sites", ui_language())
        layer.setCustomProperty(roles.ROLE_PROPERTY, "sites")
        self._add_beside(layer, source)
        self.set_layer("sites", layer)
        self._tell(
            tr("Tagged {} sites: {} in a zone, {} in none, {} on zone edges, {} outside the belt.").format(
                layer.featureCount(),
                results.get("TAGGED_COUNT"),
                results.get("UNTAGGED_COUNT"),
                results.get("EDGE_COUNT"),
                results.get("OUTSIDE_BELT_COUNT"),
            ),
            Qgis.Success,
            layers=[layer],
        )

    def zone_summary(self) -> bool:
        """Count sites per zone and zone type in the background and add the table to the project."""
        if not self._require("zones", "sites"):
            return False
        parameters = dict(self.algorithm_parameters(ZoneSummaryAlgorithm.ID), OUTPUT="TEMPORARY_OUTPUT")
        return self._run(ZoneSummaryAlgorithm.ID, parameters, self._summarised)

    def _summarised(self, runner, results) -> None:
        table = self._add_result(runner, results.get("OUTPUT"), tr("Zone summary"))
        self._tell(
            tr("Zone summary ready: {} rows.").format(table.featureCount() if table else 0), Qgis.Success
        )

    def validate(self) -> bool:
        """Check the belt data in the background and add the report table."""
        if not self._require("zones"):
            return False
        from qgis.core import QgsProcessingUtils

        parameters = dict(
            self.algorithm_parameters(ValidateAlgorithm.ID),
            REPORT="TEMPORARY_OUTPUT",
            REPORT_HTML=QgsProcessingUtils.generateTempFilename("validation_report.html"),
        )
        return self._run(ValidateAlgorithm.ID, parameters, self._validated)

    def _validated(self, runner, results) -> None:
        table = self._add_result(runner, results.get("REPORT"), tr("Validation report"))
        errors, warnings = results.get("ERRORS", 0), results.get("WARNINGS", 0)
        level = Qgis.Critical if errors else (Qgis.Warning if warnings else Qgis.Success)
        message = tr("Validation: {} errors, {} warnings.").format(errors, warnings)
        report = results.get("REPORT_HTML")
        if report and os.path.exists(report):
            from qgis.PyQt.QtCore import QUrl

            message += ' <a href="{}">{}</a>'.format(
                QUrl.fromLocalFile(report).toString(), tr("Open the report")
            )
        folder = report if report and os.path.exists(report) else None
        self._tell(message, level, folder=folder, layers=[table] if table is not None else [])

    def export_package(self) -> None:
        """Open the export dialog pre-filled with the panel's layers and the last choices."""
        from .dialogs import open_algorithm_dialog

        open_algorithm_dialog(
            ExportPackageAlgorithm.ID, self.algorithm_parameters(ExportPackageAlgorithm.ID), self.iface
        )

    def export_webmap(self) -> None:
        """Open the web map dialog pre-filled; when it has run, the message bar offers to open the page."""
        from .dialogs import open_algorithm_dialog

        open_algorithm_dialog(
            ExportWebMapAlgorithm.ID, self.algorithm_parameters(ExportWebMapAlgorithm.ID), self.iface
        )

    def service_coverage(self) -> bool:
        """Walk from every site to its nearest service station (ui/reach_panel.py)."""
        from .reach_panel import run_coverage

        return run_coverage(self)

    def evaluation_index(self) -> bool:
        """The comprehensive evaluation index per zone (ui/reach_panel.py)."""
        from .reach_panel import run_index

        return run_index(self)

    def import_sites(self):
        """The site import dialog (ui/reach_panel.py)."""
        from .reach_panel import open_import_sites

        return open_import_sites(self.iface)

    # running ---------------------------------------------------------------------------------------
    def belt_changes(self) -> None:
        """The dialog comparing two years, the panel's layers as the after year."""
        from ..processing.belt_changes import BeltChangesAlgorithm
        from .dialogs import open_algorithm_dialog

        algorithm_id = BeltChangesAlgorithm.ID
        open_algorithm_dialog(algorithm_id, self.algorithm_parameters(algorithm_id), self.iface)

    def chain_links(self) -> None:
        """The chain links dialog (产业链联系), the panel's sites, belt and zones proposed."""
        from ..processing.chain_links import ChainLinksAlgorithm
        from .dialogs import open_algorithm_dialog

        open_algorithm_dialog(
            ChainLinksAlgorithm.ID, self.algorithm_parameters(ChainLinksAlgorithm.ID), self.iface
        )

    def belt_progress(self) -> None:
        """The programme progress dialog (beltmap:beltprogress)."""
        from ..processing.belt_progress import BeltProgressAlgorithm
        from .dialogs import open_algorithm_dialog

        open_algorithm_dialog(BeltProgressAlgorithm.ID, {}, self.iface)

    def _run(self, algorithm_id: str, parameters: dict, on_success) -> bool:
        if self.runner is not None:
            self._tell(tr("Belt Map is still working; wait or cancel first."), Qgis.Warning)
            return False
        runner = AlgorithmRunner(algorithm_id, parameters, self)
        runner.progressChanged.connect(lambda value: self.form.progressBar.setValue(int(value)))
        runner.finished.connect(
            lambda ok, results, error: self._finished(runner, ok, results, error, on_success)
        )
        self.runner = runner
        self.form.progressBar.setValue(0)
        self.form.cancelButton.setEnabled(True)
        self._set_busy(True)
        return runner.start()

    def _finished(self, runner, ok, results, error, on_success) -> None:
        self.runner = None
        self.form.cancelButton.setEnabled(False)
        self._set_busy(False)
        if ok:
            self.form.progressBar.setValue(100)
            try:
                on_success(runner, results)
            except BeltMapError as exc:
                log.warning(str(exc))
                self._tell(str(exc), Qgis.Critical)
            except Exception as exc:  # noqa: BLE001 - show, log, never a traceback dialog
                log.critical(repr(exc))
                self._tell(str(exc), Qgis.Critical)
        elif error == "canceled":
            self.form.progressBar.setValue(0)
            self._tell(tr("Cancelled: nothing was added."), Qgis.Info)
        else:
            self._tell(error or tr("The algorithm failed; see the Belt Map log."), Qgis.Critical)
        self.refresh_summary()

    def cancel(self) -> None:
        """Stop the running algorithm."""
        if self.runner is not None:
            self.runner.cancel()

    def _set_busy(self, busy: bool) -> None:
        for button in (
            self.form.tagButton,
            self.form.summaryButton,
            self.form.validateButton,
            self.form.exportButton,
            self.form.exportWebButton,
            self.form.loadDemoButton,
            self.form.coverageButton,
            self.form.indexButton,
        ):
            button.setEnabled(not busy)

    def _add_result(self, runner, layer_ref, name):
        """Take an output table from a finished run, name it and add it beside the zones; None if none."""
        layer = runner.take_layer(layer_ref)
        if layer is not None:
            layer.setName(name)
            self._add_beside(layer, self.layer("zones"))
        return layer

    def _add_beside(self, layer, reference) -> None:
        project = QgsProject.instance()
        project.addMapLayer(layer, False)
        root = project.layerTreeRoot()
        node = root.findLayer(reference.id()) if reference is not None else None
        parent = node.parent() if node is not None else root
        parent.insertLayer(0, layer)

    def _tell(self, message: str, level, folder: Optional[str] = None, layers=()) -> None:
        """Say what happened in the panel and on the message bar, with "Open folder" / "Zoom to" buttons."""
        self.form.statusLabel.setText(message)
        self.last_message = push_result(self.iface, message, level, folder, layers, 8)
        if level == Qgis.Critical:
            log.critical(message)
