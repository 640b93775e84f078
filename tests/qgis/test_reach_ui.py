"""Service coverage, the evaluation index and site import from the Belt Map menu and panel: role layers
proposed, background runs, results added and styled, message bar Zoom to."""

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer, QgsProject
from test_panel import wait_until


@pytest.fixture
def panel(plugin, qgis_iface, demo_gpkg):
    QgsProject.instance().clear()
    plugin.load_demo()
    wait_until(lambda: not plugin.panel.counting)
    yield plugin.panel
    QgsProject.instance().clear()


def _menu_texts(plugin):
    return [action.text() for action in plugin.menu.actions() if action.text()]


def test_menu_offers_import_coverage_and_index(plugin):
    texts = _menu_texts(plugin)
    for text in ("Import sites…", "Service coverage…", "Evaluation index…"):
        assert text in texts


def test_role_layers_are_proposed(panel):
    from beltmap.ui.reach_panel import COVERAGE, INDEX, panel_layers, role_parameters

    layers = panel_layers(panel)
    coverage = role_parameters(COVERAGE, layers)
    assert coverage["SITES"] is panel.layer("sites") and coverage["ROADS"] is panel.layer("roads")
    assert coverage["ZONES"] is panel.layer("zones")
    index = role_parameters(INDEX, layers)
    assert index["ZONES"] is panel.layer("zones")


def test_service_coverage_opens_its_dialog_and_places_walks_spokes_and_catchments(
    plugin, panel, monkeypatch, layer_tree_view
):
    from qgis import processing

    opened = []
    monkeypatch.setattr(
        "beltmap.ui.dialogs.open_algorithm_dialog",
        lambda alg, params, iface, on_finished=None: opened.append((alg, params, on_finished)) or object(),
    )
    assert plugin.service_coverage()
    ((algorithm_id, params, on_finished),) = opened
    assert algorithm_id == "beltmap:servicecoverage"
    assert params["SITES"] is panel.layer("sites") and params["ROADS"] is panel.layer("roads")
    assert params["ZONES"] is panel.layer("zones")
    assert params["RADII"] == "300,500,1000" and params["STATION_ID_FIELD"] == "site_id"
    assert params["OUTPUT"] == params["SPOKES"] == params["CATCHMENTS"] == "TEMPORARY_OUTPUT"
    # what the dialog does when run: QGIS adds the outputs (styled on load), then the panel places them
    results = processing.runAndLoadResults("beltmap:servicecoverage", params)
    on_finished(results)
    project = QgsProject.instance()
    names = {layer.name(): layer for layer in project.mapLayers().values()}
    sites = names["Walk to the nearest service station"]
    spokes = names["Spokes (station to served site)"]
    catchments = names["Catchments"]
    assert sites.featureCount() == 268
    assert isinstance(sites.renderer(), QgsGraduatedSymbolRenderer)
    assert sites.renderer().classAttribute() == "walk_min"
    assert [r.label() for r in sites.renderer().ranges()] == [
        "≤ 5 min walk",
        "≤ 10 min walk",
        "≤ 15 min walk",
        "> 15 min walk",
    ]
    assert isinstance(spokes.renderer(), QgsGraduatedSymbolRenderer)
    assert spokes.renderer().classAttribute() == "walk_m" and spokes.featureCount() > 100
    assert {f["station_id"] for f in spokes.getFeatures()} >= {"S011", "S058"}
    assert isinstance(catchments.renderer(), QgsCategorizedSymbolRenderer)
    assert [c.value() for c in catchments.renderer().categories()] == [300.0, 500.0, 1000.0]
    # beside the sites (walks, then spokes, just above them) and the zones (catchments)
    root = project.layerTreeRoot()
    group = root.findLayer(panel.layer("sites").id()).parent()
    order = [child.layerId() for child in group.children() if hasattr(child, "layerId")]
    at = order.index(panel.layer("sites").id())
    assert order[at - 2 : at] == [sites.id(), spokes.id()]
    zones_at = order.index(panel.layer("zones").id())
    assert order[zones_at - 1] == catchments.id()
    assert "Service coverage: 30 stations" in panel.form.statusLabel.text()
    buttons = {b.objectName() for b in panel.last_message.findChildren(type(panel.form.coverageButton))}
    assert "beltmapZoomTo" in buttons


def test_service_coverage_dialog_takes_the_sites_own_key_field(plugin, panel):
    from beltmap.ui.reach_panel import coverage_parameters
    from qgis.core import QgsVectorLayer

    sites = QgsVectorLayer("Point?crs=EPSG:4549&field=编号:string&field=name:string", "sites", "memory")
    QgsProject.instance().addMapLayer(sites)
    panel.set_layer("sites", sites)
    assert coverage_parameters(panel)["STATION_ID_FIELD"] == "编号"


def test_evaluation_index_from_the_panel_is_styled_by_grade(panel):
    assert panel.evaluation_index()
    wait_until(lambda: panel.runner is None, timeout=300)
    names = {layer.name(): layer for layer in QgsProject.instance().mapLayers().values()}
    assert "Evaluation index" in names, panel.form.statusLabel.text()
    index = names["Evaluation index"]
    assert index.featureCount() > 0
    assert isinstance(index.renderer(), QgsGraduatedSymbolRenderer)
    assert len(index.renderer().ranges()) == 5


def test_import_sites_opens_its_dialog(panel, monkeypatch):
    import beltmap.ui.dialogs as dialogs

    opened = []
    monkeypatch.setattr(dialogs, "open_algorithm_dialog", lambda alg, params, iface: opened.append(alg))
    panel.form.importSitesButton.click()
    assert opened == ["beltmap:importsites"]
