"""The "Load belt data…" dialog: pick files, map their layers to belt / zones / sites / roads."""

import os
from typing import Dict, List

from qgis.core import Qgis, QgsProject
from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox

from ..core.errors import BeltMapError
from ..layers.loader import (
    LayerInfo,
    guess_roles,
    list_layers,
    list_postgis_layers,
    load_belt,
    postgis_connections,
)
from .actions import keep_work_crs_after_first_layers, tr, ui_language

FORM_CLASS, _ = uic.loadUiType(os.path.join(os.path.dirname(__file__), "load_dialog.ui"))
FILE_FILTER = ";;".join(
    (
        "GIS files (*.gpkg *.shp *.geojson *.json)",
        "GeoPackage (*.gpkg)",
        "Shapefile (*.shp)",
        "GeoJSON (*.geojson *.json)",
    )
)


class LoadBeltDialog(QDialog, FORM_CLASS):
    """Choose belt data files and the layer for each role, then load them styled into one group."""

    def __init__(self, iface, parent=None):
        super().__init__(parent)
        self.setupUi(self)
        self.iface = iface
        self.infos: List[LayerInfo] = []
        self.combos = {
            "belt": self.beltCombo,
            "zones": self.zonesCombo,
            "sites": self.sitesCombo,
            "roads": self.roadsCombo,
        }
        self.fileWidget.setStorageMode(QgsFileWidget.GetMultipleFiles)
        self.fileWidget.setFilter(FILE_FILTER)
        self.fileWidget.fileChanged.connect(self.set_files)
        self.connectionCombo.addItems(postgis_connections())
        self.listTablesButton.setEnabled(self.connectionCombo.count() > 0)
        self.listTablesButton.clicked.connect(self.list_postgis)
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttonBox.accepted.connect(self.load)
        self.buttonBox.rejected.connect(self.reject)

    def set_files(self, text: str) -> None:
        """List the layers of the chosen files and guess their roles."""
        paths = QgsFileWidget.splitFilePaths(text) if text else []
        self.infos, errors = [], []
        for path in paths:
            try:
                self.infos.extend(list_layers(path))
            except BeltMapError as error:
                errors.append(str(error))
        self.show_layers(errors)

    def list_postgis(self) -> None:
        """List the tables of the chosen PostGIS connection and schema, and guess their roles."""
        self.infos, errors = [], []
        try:
            self.infos = list_postgis_layers(
                self.connectionCombo.currentText(), self.schemaEdit.text().strip()
            )
        except BeltMapError as error:
            errors.append(str(error))
        self.show_layers(errors)

    def show_layers(self, errors: List[str]) -> None:
        """Fill the role choices with the listed layers, guessed roles first."""
        guessed = guess_roles(self.infos)
        for role, combo in self.combos.items():
            combo.clear()
            combo.addItem(tr("(none)"), None)
            for index, info in enumerate(self.infos):
                combo.addItem("{} — {}".format(info.name, os.path.basename(info.path)), index)
            if role in guessed:
                combo.setCurrentIndex(self.infos.index(guessed[role]) + 1)
        self.messageLabel.setText("\n".join(errors))
        self.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.infos))

    def chosen_roles(self) -> Dict[str, LayerInfo]:
        """The layer chosen for each role (roles left at '(none)' are absent)."""
        roles = {}
        for role, combo in self.combos.items():
            index = combo.currentData()
            if index is not None:
                roles[role] = self.infos[index]
        return roles

    def load(self) -> None:
        """Load the chosen layers; on a problem, say what to fix and keep the dialog open."""
        was_empty = not QgsProject.instance().mapLayers()
        try:
            loaded = load_belt(self.chosen_roles(), group_name=tr("Belt Map"), language=ui_language())
        except BeltMapError as error:
            self.messageLabel.setText(str(error))
            return
        keep_work_crs_after_first_layers(was_empty)
        count = sum(len(layers) for layers in loaded.layers.values())
        self.iface.messageBar().pushMessage(
            tr("Belt Map"), tr("{} belt layers loaded.").format(count), Qgis.Success, 5
        )
        self.accept()
