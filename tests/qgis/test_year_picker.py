"""The year picker (processing/year_widget.py): BEFORE, AFTER and BASELINE get a path box with a browse
button in the algorithm dialog, in Run as Batch Process and in the model designer; the chosen path is the
parameter's value and its folder is remembered; processing.run is unchanged."""

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProject


@pytest.fixture
def browser(plugin, qgis_iface, monkeypatch):
    from qgis.gui import QgsBrowserGuiModel

    model = QgsBrowserGuiModel()  # the Processing dialog asks the interface for one
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: model, raising=False)
    QgsProject.instance().clear()
    yield plugin
    QgsProject.instance().clear()


def _answer(picker, path, folder):
    """Open the picker's chooser as a user would (button menu) and accept path in it."""
    from qgis.PyQt.QtWidgets import QToolButton

    button = picker.findChild(QToolButton, "beltmapYearBrowse")
    assert button is not None and button.menu() is not None
    actions = button.menu().actions()
    assert len(actions) == 2
    (actions[0] if folder else actions[1]).trigger()
    dialog = picker.file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def _package(tmp_path, name):
    folder = tmp_path / "years" / name
    folder.mkdir(parents=True)
    (folder / "belt.gpkg").write_bytes(b"")
    return folder


@pytest.mark.parametrize(
    "algorithm_id, names",
    [("beltmap:beltchanges", ("BEFORE", "AFTER")), ("beltmap:exportpackage", ("BASELINE",))],
)
def test_dialog_shows_the_picker_and_takes_a_folder_or_a_zip(browser, tmp_path, algorithm_id, names):
    from beltmap.processing.year_widget import LAST_FOLDER_KEY
    from qgis.core import QgsSettings

    import processing

    folder = _package(tmp_path, "belt_2025")
    archive = tmp_path / "years" / "belt_2024.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    dialog = processing.createAlgorithmDialog(algorithm_id, {})
    try:
        wrappers = dialog.mainWidget().wrappers
        for name in names:
            wrapper = wrappers[name]
            assert type(wrapper).__name__ == "YearWidgetWrapper"
            picker = wrapper.widget
            assert picker.objectName() == "beltmapYearPicker_" + name
            _answer(picker, folder, folder=True)
            assert wrapper.parameterValue() == str(folder)
            assert QgsSettings().value(LAST_FOLDER_KEY) == str(folder.parent)
            _answer(picker, archive, folder=False)
            assert wrapper.parameterValue() == str(archive)
            wrapper.setParameterValue("", QgsProcessingContext())
            assert wrapper.parameterValue() == ""
        wrappers[names[0]].setParameterValue(str(archive), QgsProcessingContext())
        if algorithm_id == "beltmap:beltchanges":  # every other input optional: what a run would get
            values = dialog.mainWidget().createProcessingParameters()
            assert values[names[0]] == str(archive)
    finally:
        dialog.close()
        dialog.deleteLater()


def test_batch_rows_each_take_a_pair_of_years(browser, tmp_path):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog

    algorithm = QgsApplication.processingRegistry().algorithmById("beltmap:beltchanges")
    dialog = BatchAlgorithmDialog(algorithm.create())
    try:
        panel = dialog.mainWidget()
        panel.addRow()
        columns = {
            p.name(): c
            for c, p in enumerate(p for p in algorithm.parameterDefinitions() if not p.isDestination())
        }
        years = [_package(tmp_path, "belt_{}".format(y)) for y in (2024, 2025, 2026)]
        for row, (before, after) in enumerate(zip(years, years[1:])):
            for name, path in (("BEFORE", before), ("AFTER", after)):
                wrapper = panel.wrappers[row][columns[name]]
                assert type(wrapper).__name__ == "YearWidgetWrapper"
                _answer(wrapper.widget, path, folder=True)
        got = [
            (
                panel.wrappers[r][columns["BEFORE"]].parameterValue(),
                panel.wrappers[r][columns["AFTER"]].parameterValue(),
            )
            for r in range(2)
        ]
        assert got == [(str(years[0]), str(years[1])), (str(years[1]), str(years[2]))]
    finally:
        dialog.close()
        dialog.deleteLater()


def test_model_designer_offers_the_model_inputs_and_keeps_a_typed_path(browser, tmp_path):
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    from qgis.core import (
        Qgis,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelParameter,
        QgsProcessingParameterString,
    )

    model = QgsProcessingModelAlgorithm("years", "test")
    model.addModelParameter(
        QgsProcessingParameterString("last_year", "Last year's package"),
        QgsProcessingModelParameter("last_year"),
    )
    algorithm = QgsApplication.processingRegistry().algorithmById("beltmap:beltchanges")
    dialog = ModelerParametersDialog(algorithm.create(), model)
    try:
        wrappers = dialog.widget.widget.wrappers
        before, after = wrappers["BEFORE"], wrappers["AFTER"]
        assert type(before).__name__ == "YearWidgetWrapper"
        box = before.widget.box
        labels = [box.itemText(i) for i in range(box.count())]
        assert "Last year's package" in labels
        box.setCurrentIndex(labels.index("Last year's package"))
        _answer(after.widget, _package(tmp_path, "belt_2026"), folder=True)
        child = dialog.createAlgorithm()
        source = child.parameterSources()["BEFORE"][0]
        # the enum moved to Qgis.ProcessingModelChildParameterSource (QGIS 3.30 and later)
        kinds = getattr(Qgis, "ProcessingModelChildParameterSource", QgsProcessingModelChildParameterSource)
        assert source.source() == kinds.ModelParameter
        assert source.parameterName() == "last_year"
        static = child.parameterSources()["AFTER"][0]
        assert static.staticValue() == str(tmp_path / "years" / "belt_2026")
    finally:
        dialog.close()
        dialog.deleteLater()


def test_processing_run_is_unchanged(browser):
    from beltmap.processing.year_widget import year_picker
    from qgis.core import QgsProcessingParameterString

    algorithm = QgsApplication.processingRegistry().algorithmById("beltmap:beltchanges")
    before = algorithm.parameterDefinition("BEFORE")
    assert before.type() == "string"
    assert before.metadata()["widget_wrapper"]["class"].endswith("processing.year_widget.YearWidgetWrapper")
    many = year_picker(QgsProcessingParameterString("YEARS", "Years"), many=True)
    assert many.metadata()["widget_wrapper"]["many"] is True


def test_beltprogress_years_gather_one_path_a_line(browser, tmp_path):
    """YEARS (beltprogress): each folder or file chosen is added on a line of its own, none twice; the
    run gets them as separate years."""
    import processing

    first, second = _package(tmp_path, "belt_2024"), _package(tmp_path, "belt_2025")
    dialog = processing.createAlgorithmDialog("beltmap:beltprogress", {})
    try:
        wrapper = dialog.mainWidget().wrappers["YEARS"]
        assert type(wrapper).__name__ == "YearWidgetWrapper"
        for folder in (first, second, first):
            _answer(wrapper.widget, folder, folder=True)
        assert wrapper.widget.text().splitlines() == [str(first), str(second)]
        from beltmap.processing.belt_progress import years_value

        assert years_value(wrapper.parameterValue()) == (str(first), str(second))
    finally:
        dialog.close()
        dialog.deleteLater()
