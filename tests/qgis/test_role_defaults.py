"""Toolbox dialogs propose the project's layers by role; processing.run and qgis_process are unchanged."""

import pytest
from beltmap.layers import roles
from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

# every Belt Map algorithm with layer parameters, and the role each of them should propose
EXPECTED = {
    "beltmap:tagzones": {"INPUT": "sites", "ZONES": "zones", "BELT": "belt"},
    "beltmap:zonesummary": {"INPUT": "sites", "ZONES": "zones"},
    "beltmap:validate": {"BELT": "belt", "ZONES": "zones", "SITES": "sites", "ROADS": "roads"},
    "beltmap:exportpackage": {"BELT": "belt", "ZONES": "zones", "SITES": "sites", "ROADS": "roads"},
    "beltmap:servicecoverage": {"SITES": "sites", "ROADS": "roads", "ZONES": "zones"},
    "beltmap:evaluationindex": {"ZONES": "zones", "BELT": "belt", "SITES": "sites", "ROADS": "roads"},
    "beltmap:exportwebmap": {"BELT": "belt", "ZONES": "zones", "SITES": "sites", "ROADS": "roads"},
    "beltmap:beltchanges": {"AFTER_SITES": "sites", "AFTER_ZONES": "zones", "AFTER_BELT": "belt"},
    "beltmap:chainlinks": {"SITES": "sites", "BELT": "belt", "ZONES": "zones"},
}
LAYER_TYPES = ("source", "vector", "layer", "multilayer")


@pytest.fixture
def demo_project(plugin, qgis_iface, monkeypatch):
    """The demo belt loaded into the project, with a decoy polygon layer added first (QGIS's old pick)."""
    from qgis.gui import QgsBrowserGuiModel

    # pytest-qgis's interface has no browser model; the Processing dialog asks for one: give a real one
    browser = QgsBrowserGuiModel()
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: browser, raising=False)
    QgsProject.instance().clear()
    decoy = QgsVectorLayer("Polygon?crs=EPSG:4490&field=name:string", "aaa_decoy_polygons", "memory")
    QgsProject.instance().addMapLayer(decoy)
    plugin.load_demo()
    yield plugin
    QgsProject.instance().clear()


def _dialog_values(algorithm_id):
    import processing

    dialog = processing.createAlgorithmDialog(algorithm_id, {})
    try:
        wrappers = dialog.mainWidget().wrappers
        return {name: wrapper.parameterValue() for name, wrapper in wrappers.items()}
    finally:
        dialog.close()
        dialog.deleteLater()


def _proposes(value, layer) -> bool:
    """A widget value names exactly this layer (by id, or by source for the multiple-layer widget)."""
    values = value if isinstance(value, list) else [value]
    names = [v.id() if hasattr(v, "id") else str(v) for v in values]
    return len(names) == 1 and names[0] in (layer.id(), layer.source())


def test_every_algorithm_with_layer_parameters_is_covered(demo_project):
    provider = QgsApplication.processingRegistry().providerById("beltmap")
    with_layers = {
        alg.id()
        for alg in provider.algorithms()
        if any(
            p.type() in LAYER_TYPES and p.name() in roles.PARAMETER_ROLES for p in alg.parameterDefinitions()
        )
    }
    assert with_layers <= set(EXPECTED), with_layers - set(EXPECTED)


@pytest.mark.parametrize("algorithm_id", sorted(EXPECTED))
def test_toolbox_dialog_proposes_the_role_layers(demo_project, algorithm_id):
    if QgsApplication.processingRegistry().algorithmById(algorithm_id) is None:
        pytest.fail("{} is not registered".format(algorithm_id))
    layers = roles.role_layers()
    assert set(layers) == {"belt", "zones", "sites", "roads"}
    values = _dialog_values(algorithm_id)
    for name, role in EXPECTED[algorithm_id].items():
        assert _proposes(values[name], layers[role]), (name, values[name], layers[role].name())


def test_panel_choice_is_what_the_toolbox_proposes(demo_project):
    panel = demo_project.panel
    other = QgsVectorLayer("Polygon?crs=EPSG:4490&field=name:string", "other belt", "memory")
    QgsProject.instance().addMapLayer(other)
    panel.set_layer("belt", other)
    values = _dialog_values("beltmap:exportpackage")
    assert _proposes(values["BELT"], other)


def test_run_without_an_optional_layer_does_not_take_the_role_layer(demo_project):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("beltmap:tagzones")
    belt = algorithm.parameterDefinition("BELT")
    assert belt.defaultValue() is None  # processing.run leaves an omitted BELT out
    assert belt.defaultValueForGui() == roles.role_layer("belt").id()


def test_no_project_no_proposal(provider):
    roles.use_project(None)
    algorithm = QgsApplication.processingRegistry().createAlgorithmById("beltmap:exportpackage")
    assert algorithm.parameterDefinition("BELT").defaultValueForGui() is None
