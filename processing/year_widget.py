"""A year's picker for the Processing dialogs: a path box with a browse button taking a package folder, a
package ZIP or a GeoPackage (BEFORE and AFTER of beltchanges, BASELINE of exportpackage, YEARS of
beltprogress), remembering the last folder.

The parameter stays a plain string: processing.run and qgis_process are unchanged. Only the dialogs (the
algorithm dialog, Run as Batch Process and the model designer) show the picker, through the parameter's
"widget_wrapper" metadata naming YearWidgetWrapper by its dotted path. The wrapper class is built on first
use (module __getattr__), so loading the algorithms never imports the Processing GUI (qgis_process).

    year_picker(QgsProcessingParameterString(...))            # one path
    year_picker(QgsProcessingParameterString(...), many=True)  # several paths, one a line (YEARS)
"""

import os

from qgis.core import QgsSettings

from ..i18n import tr

LAST_FOLDER_KEY = "beltmap/last_package_folder"
PACKAGE_FILTER = "*.zip *.gpkg"
WRAPPER_NAME = "YearWidgetWrapper"


def year_picker(parameter, many: bool = False):
    """The parameter, shown with the year picker in the dialogs; many: one path a line (YEARS)."""
    metadata = dict(parameter.metadata())
    metadata["widget_wrapper"] = {"class": "{}.{}".format(__name__, WRAPPER_NAME), "many": bool(many)}
    parameter.setMetadata(metadata)
    return parameter


def last_folder() -> str:
    """The folder the picker opened last (the user's home the first time)."""
    folder = QgsSettings().value(LAST_FOLDER_KEY, "", type=str)
    return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")


def remember_folder(path: str) -> None:
    """Remember where a year was picked: the package folder's parent, or the file's folder."""
    if path:
        QgsSettings().setValue(LAST_FOLDER_KEY, os.path.dirname(os.path.normpath(path)))


def _build_class():
    """YearWidgetWrapper, built on the Processing GUI's WidgetWrapper (imported only here)."""
    from processing.gui.wrappers import DIALOG_MODELER, WidgetWrapper
    from qgis.core import (
        QgsProcessingOutputFile,
        QgsProcessingOutputFolder,
        QgsProcessingOutputString,
        QgsProcessingParameterFile,
        QgsProcessingParameterString,
    )
    from qgis.PyQt.QtWidgets import (
        QComboBox,
        QFileDialog,
        QHBoxLayout,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QToolButton,
        QWidget,
    )

    class YearPicker(QWidget):
        """The path box (a line, a few lines for many, or the modeler's combo) and its browse button."""

        def __init__(self, box, many: bool, parent=None):
            super().__init__(parent)
            self.box = box
            self.many = many
            self.file_dialog = None  # the open browse dialog (kept to let a test answer it)
            layout = QHBoxLayout(self)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(6)
            layout.addWidget(box)
            self.button = QToolButton(self)
            self.button.setObjectName("beltmapYearBrowse")
            self.button.setText("…")
            self.button.setToolTip(tr("Choose a package folder, a package ZIP or a GeoPackage"))
            self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(self.button)
            self.folder_action = menu.addAction(tr("Package folder…"))
            self.file_action = menu.addAction(tr("Package ZIP or GeoPackage…"))
            self.folder_action.triggered.connect(lambda: self.browse(folder=True))
            self.file_action.triggered.connect(lambda: self.browse(folder=False))
            self.button.setMenu(menu)
            layout.addWidget(self.button)

        def browse(self, folder: bool) -> None:
            """Open the chooser (not blocking); the chosen path fills the box."""
            dialog = QFileDialog(self, tr("Choose a package folder") if folder else tr("Choose a package"))
            dialog.setDirectory(last_folder())
            if folder:
                dialog.setFileMode(QFileDialog.FileMode.Directory)
                dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
            else:
                dialog.setFileMode(
                    QFileDialog.FileMode.ExistingFiles if self.many else QFileDialog.FileMode.ExistingFile
                )
                dialog.setNameFilters(
                    [tr("Package ZIP or GeoPackage ({})").format(PACKAGE_FILTER), tr("All files (*)")]
                )
            dialog.filesSelected.connect(self.choose)
            self.file_dialog = dialog
            dialog.open()

        def choose(self, paths) -> None:
            """Put the chosen paths in the box and remember their folder."""
            paths = [
                os.path.normpath(p) for p in (paths if isinstance(paths, (list, tuple)) else [paths]) if p
            ]
            if not paths:
                return
            remember_folder(paths[-1])
            if self.many:
                current = [line for line in self.text().splitlines() if line.strip()]
                self.set_text("\n".join(current + [p for p in paths if p not in current]))
            else:
                self.set_text(paths[0])

        def text(self) -> str:
            if isinstance(self.box, QComboBox):
                return self.box.currentText()
            if isinstance(self.box, QPlainTextEdit):
                return self.box.toPlainText()
            return self.box.text()

        def set_text(self, text: str) -> None:
            if isinstance(self.box, QComboBox):
                self.box.setEditText(text)
            elif isinstance(self.box, QPlainTextEdit):
                self.box.setPlainText(text)
            else:
                self.box.setText(text)

    class YearWidgetWrapper(WidgetWrapper):
        """The year picker in the algorithm dialog, a batch row and the model designer."""

        def __init__(self, param, dialog, row=0, col=0, many=False, **kwargs):
            self.many = many
            self.picker = None
            super().__init__(param, dialog, row, col, **kwargs)

        def createWidget(self, **kwargs):  # noqa: N802
            if self.dialogType == DIALOG_MODELER:
                box = QComboBox()
                box.setEditable(True)
                sources = self.dialog.getAvailableValuesOfType(
                    [QgsProcessingParameterString, QgsProcessingParameterFile],
                    [QgsProcessingOutputString, QgsProcessingOutputFile, QgsProcessingOutputFolder],
                )
                for source in sources:
                    box.addItem(self.dialog.resolveValueDescription(source), source)
                box.setEditText("")
            elif self.many:
                box = QPlainTextEdit()
                box.setPlaceholderText(tr("One package folder, ZIP or GeoPackage a line"))
                box.setMaximumHeight(80)
            else:
                box = QLineEdit()
                box.setPlaceholderText(tr("Package folder, package ZIP or GeoPackage"))
            box.setToolTip(self.parameterDefinition().toolTip())
            self.picker = YearPicker(box, self.many)
            self.picker.setObjectName("beltmapYearPicker_" + self.parameterDefinition().name())
            return self.picker

        def setValue(self, value):  # noqa: N802
            if value is None or str(value) == "NULL":
                value = ""
            if isinstance(value, (list, tuple)):
                value = "\n".join(str(v) for v in value)
            if self.dialogType == DIALOG_MODELER and not isinstance(value, str):
                self.setComboValue(value, combobox=self.picker.box)
                return
            self.picker.set_text(str(value))

        def value(self):
            if self.dialogType == DIALOG_MODELER:
                return self.comboValue(combobox=self.picker.box)
            text = self.picker.text().strip()
            if self.many:
                return ";".join(line.strip() for line in text.splitlines() if line.strip())
            return text

    return YearWidgetWrapper


_CLASS = []


def __getattr__(name):
    """YearWidgetWrapper on first use (Processing's wrapper factory imports it by its dotted path)."""
    if name == WRAPPER_NAME:
        if not _CLASS:
            _CLASS.append(_build_class())
        return _CLASS[0]
    raise AttributeError(name)
