"""The Belt Map plugin: menu, toolbar and Processing provider, added on load and removed on unload."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from . import log
from .i18n import install_translator, remove_translator
from .meta import icon_path, version
from .processing.provider import BeltMapProvider


def tr(text: str) -> str:
    """Translate text in the plugin's context."""
    return QCoreApplication.translate("BeltMapPlugin", text)


class BeltMapPlugin:
    """What QGIS gets from classFactory: it owns every action, menu, toolbar and the provider."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.translator = install_translator()

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
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("Belt Map"), main_window)
        self.menu.setObjectName("beltmapMenu")
        self.menu.setIcon(QIcon(icon_path()))
        self.toolbar = self.iface.addToolBar(tr("Belt Map"))
        self.toolbar.setObjectName("beltmapToolbar")

        self._add_action("load_demo.svg", tr("Load demo belt"), self.load_demo, toolbar=True)
        self._add_action("load_data.svg", tr("Load belt data…"), self.load_data, toolbar=True)

        menu_bar = main_window.menuBar()
        before = self.iface.firstRightStandardMenu()  # the Help menu in QGIS: our menu goes before it
        if isinstance(before, QMenu):
            menu_bar.insertMenu(before.menuAction(), self.menu)
        else:
            menu_bar.addMenu(self.menu)
        log.info(tr("Belt Map {} loaded").format(version()))

    def _add_action(self, icon, text, slot, toolbar=False):
        action = QAction(QIcon(icon_path(icon)), text, self.iface.mainWindow())
        action.setObjectName("beltmap_" + slot.__name__)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def unload(self):
        """Remove everything initGui and initProcessing added."""
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
        remove_translator(self.translator)
        self.translator = None

    # Actions ---------------------------------------------------------------------------------------
    def load_demo(self):
        """Add the demo belt to the project, styled and grouped."""
        from .ui.actions import load_demo_belt

        load_demo_belt(self.iface)

    def load_data(self):
        """Let the user pick belt data and map its layers to belt / zones / sites / roads."""
        from .ui.load_dialog import LoadBeltDialog

        dialog = LoadBeltDialog(self.iface, self.iface.mainWindow())
        dialog.exec()
