"""The Belt Map plugin: menu, toolbar and Processing provider, added on load and removed on unload."""

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QMenu

from . import log, qt_resources
from .compat import QAction
from .i18n import install_translator, remove_translator, tr
from .meta import version
from .processing.belt_changes import BeltChangesAlgorithm
from .processing.belt_progress import BeltProgressAlgorithm
from .processing.chain_links import ChainLinksAlgorithm
from .processing.export_package import ExportPackageAlgorithm
from .processing.export_webmap import ExportWebMapAlgorithm
from .processing.provider import BeltMapProvider
from .processing.tag_zones import TagZonesAlgorithm
from .processing.validate import ValidateAlgorithm
from .processing.zone_summary import ZoneSummaryAlgorithm


class BeltMapPlugin:
    """What QGIS gets from classFactory: it owns every action, menu, toolbar and the provider."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.panel = None
        self.panel_action = None
        self.translator = install_translator()
        qt_resources.register()  # the icons of resources.qrc, until unload

    # Processing ------------------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 (QGIS's name)
        """Register the provider; QGIS calls this also in qgis_process, where there is no GUI."""
        if self.provider is None:
            self.provider = BeltMapProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    # GUI -------------------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802
        """Add the Belt Map menu and toolbar."""
        self.initProcessing()
        from qgis.core import QgsProject

        from .layers import roles

        roles.use_project(QgsProject.instance())  # toolbox dialogs propose the layers by role
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("Belt Map"), main_window)
        self.menu.setObjectName("beltmapMenu")
        self.toolbar = self.iface.addToolBar(tr("Belt Map"))
        self.toolbar.setObjectName("beltmapToolbar")

        self._add_action("load_demo.svg", tr("Load demo belt"), self.load_demo, toolbar=True)
        self._add_action("load_data.svg", tr("Load belt data…"), self.load_data, toolbar=True)
        self.menu.addSeparator()
        self._add_action("validate.svg", tr("Validate…"), self.validate, toolbar=True)
        self._add_action("tag.svg", tr("Tag zones…"), self.tag_zones, toolbar=True)
        self._add_action("summary.svg", tr("Zone summary…"), self.zone_summary)
        self._add_action("export.svg", tr("Export map package…"), self.export_package, toolbar=True)
        self._add_action("export.svg", tr("Export web map…"), self.export_webmap)
        self.menu.addSeparator()
        self._add_action("load_data.svg", tr("Import sites…"), self.import_sites)
        self._add_action("summary.svg", tr("Service coverage…"), self.service_coverage)
        self._add_action("summary.svg", tr("Evaluation index…"), self.evaluation_index)
        self._add_action("summary.svg", tr("Changes between years…"), self.belt_changes)
        self._add_action("summary.svg", tr("Chain links…"), self.chain_links)
        self._add_action("summary.svg", tr("Programme progress…"), self.belt_progress)
        self.menu.addSeparator()
        self.panel_action = self._add_action(
            "panel.svg", tr("Belt Map panel"), self.toggle_panel, toolbar=True
        )
        self.panel_action.setCheckable(True)
        self._add_action("help.svg", tr("Help"), self.show_help)

        menu_bar = main_window.menuBar()
        before = self.iface.firstRightStandardMenu()  # the Help menu in QGIS: our menu goes before it
        if isinstance(before, QMenu):
            menu_bar.insertMenu(before.menuAction(), self.menu)
        else:
            menu_bar.addMenu(self.menu)
        log.info(tr("Belt Map {} loaded").format(version()))

    def _add_action(self, icon, text, slot, toolbar=False):
        action = QAction(qt_resources.icon(icon), text, self.iface.mainWindow())
        action.setObjectName("beltmap_" + slot.__name__)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def unload(self):
        """Remove everything initGui and initProcessing added."""
        if self.panel is not None:
            self.panel.counter.stop()
            self.iface.removeDockWidget(self.panel)
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None
        for action in self.actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        from .layers import roles

        roles.use_project(None)
        remove_translator(self.translator)
        qt_resources.unregister()
        self.translator = None

    # Actions ---------------------------------------------------------------------------------------
    def load_demo(self):
        """Add the demo belt to the project, styled and grouped."""
        from .ui.actions import load_demo_belt

        if load_demo_belt(self.iface):
            self.toggle_panel(True)  # the panel takes the demo layers by their role

    def load_data(self):
        """Let the user pick belt data and map its layers to belt / zones / sites / roads."""
        from .ui.load_dialog import LoadBeltDialog

        dialog = LoadBeltDialog(self.iface, self.iface.mainWindow())
        dialog.exec()

    def ensure_panel(self):
        """The Belt Map panel, created and docked on first use."""
        if self.panel is None:
            from qgis.PyQt.QtCore import Qt

            from .ui.panel import BeltPanel

            self.panel = BeltPanel(self.iface, self.iface.mainWindow())
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
            self.panel.visibilityChanged.connect(self.panel_action.setChecked)
        return self.panel

    def toggle_panel(self, checked=None):
        """Show or hide the Belt Map panel."""
        panel = self.ensure_panel()
        visible = panel.isHidden() if checked is None else bool(checked)
        panel.setVisible(visible)
        if visible:
            panel.raise_()

    def _open(self, algorithm_id):
        """The Processing dialog of an algorithm, pre-filled with the panel's layers."""
        from .ui.dialogs import open_algorithm_dialog

        parameters = self.ensure_panel().algorithm_parameters(algorithm_id)
        return open_algorithm_dialog(algorithm_id, parameters, self.iface)

    def validate(self):
        """The validation dialog, pre-filled with the panel's layers."""
        self._open(ValidateAlgorithm.ID)

    def tag_zones(self):
        """The tagging dialog, pre-filled with the panel's sites, zones and belt."""
        self._open(TagZonesAlgorithm.ID)

    def zone_summary(self):
        """The zone summary dialog, pre-filled with the panel's sites and zones."""
        self._open(ZoneSummaryAlgorithm.ID)

    def export_package(self):
        """The export dialog, pre-filled with the panel's layers and the last choices."""
        self._open(ExportPackageAlgorithm.ID)

    def export_webmap(self):
        """The web map dialog, pre-filled from the panel; the message bar then offers to open the page."""
        self._open(ExportWebMapAlgorithm.ID)

    def belt_changes(self):
        """The dialog comparing two years; the panel's layers are proposed as the after year."""
        self._open(BeltChangesAlgorithm.ID)

    def chain_links(self):
        """The chain links dialog (产业链联系); the panel's sites, belt and zones are proposed."""
        self._open(ChainLinksAlgorithm.ID)

    def belt_progress(self):
        """The programme progress dialog (beltmap:beltprogress)."""
        self._open(BeltProgressAlgorithm.ID)

    def import_sites(self):
        """The site import dialog; the message bar then offers Zoom to / Open folder."""
        return self.ensure_panel().import_sites()

    def service_coverage(self):
        """Service coverage in the background from the panel's layers; results styled and added."""
        self.toggle_panel(True)
        return self.panel.service_coverage()

    def evaluation_index(self):
        """The evaluation index in the background from the panel's layers; the units styled by grade."""
        self.toggle_panel(True)
        return self.panel.evaluation_index()

    def show_help(self):
        """Open the plugin's help page (README shipped with the plugin, else the homepage)."""
        import os

        from qgis.PyQt.QtCore import QUrl
        from qgis.PyQt.QtGui import QDesktopServices

        from .meta import PLUGIN_DIR, metadata

        readme = os.path.join(PLUGIN_DIR, "README.md")
        url = QUrl.fromLocalFile(readme) if os.path.exists(readme) else QUrl(metadata()["homepage"])
        QDesktopServices.openUrl(url)
