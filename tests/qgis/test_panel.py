"""The Belt Map panel: layer choices, live summary, zone-type selection, background runs with cancel."""

import time

import pytest
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

DEMO_ZONES = {"park": 3, "community": 12, "street": 12, "exhibition": 3, "scenic": 2}
DEMO_SITES = {
    "enterprise": 86,
    "facility": 78,
    "residential": 49,
    "service_station": 30,
    "institute": 13,
    "school": 12,
}


def wait_until(predicate, timeout=120.0):
    """Process Qt events until predicate() is true; fail after timeout seconds."""
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        QCoreApplication.processEvents()
        time.sleep(0.01)


@pytest.fixture
def panel(plugin, qgis_iface, demo_gpkg):
    QgsProject.instance().clear()
    plugin.load_demo()
    wait_until(lambda: not plugin.panel.counting)
    yield plugin.panel
    QgsProject.instance().clear()


def test_panel_opens_with_demo_layers(panel):
    assert not panel.isHidden()
    assert panel.layer("zones").name().startswith("区域") or "Zones" in panel.layer("zones").name()
    assert panel.layer("sites").featureCount() == 268
    assert panel.layer("belt") is not None and panel.layer("roads") is not None


def test_combos_list_only_suitable_layers(panel):
    def names(combo):
        return {combo.layer(i).name() for i in range(combo.count()) if combo.layer(i) is not None}

    zones, sites, roads = panel.layer("zones"), panel.layer("sites"), panel.layer("roads")
    belt = panel.layer("belt")
    assert names(panel.combos["zones"]) == {zones.name(), belt.name()}
    assert names(panel.combos["roads"]) == {roads.name()}
    assert sites.name() in names(panel.combos["sites"]) and zones.name() not in names(panel.combos["sites"])


def test_summary_matches_demo_counts(panel):
    summary = panel.summary
    assert summary.zones_by_type == DEMO_ZONES
    assert summary.sites_by_category == DEMO_SITES
    assert summary.site_count == 268
    assert 9.5 < summary.belt_area_km2 < 10.5
    assert summary.tagged is None  # the demo sites are not tagged yet
    top = [
        panel.form.summaryTree.topLevelItem(i).text(0)
        for i in range(panel.form.summaryTree.topLevelItemCount())
    ]
    assert top[:3] == ["Belt area", "Zones", "Sites"]


def test_choices_are_remembered_in_the_project(panel):
    value, found = QgsProject.instance().readEntry("beltmap", "zones_layer", "")
    assert found and value == panel.layer("zones").id()


def test_clicking_a_zone_type_selects_its_zones(panel):
    assert panel.select_zone_type("park") == 3
    zones = panel.layer("zones")
    assert zones.selectedFeatureCount() == 3


def test_tag_run_through_panel_updates_summary(panel):
    if QgsApplication.processingRegistry().algorithmById("beltmap:tagzones") is None:
        pytest.fail("beltmap:tagzones is not registered")
    assert panel.tag_zones()
    wait_until(lambda: panel.runner is None and not panel.counting)
    tagged = panel.layer("sites")
    assert "zone_type" in tagged.fields().names()
    assert panel.summary.tagged is not None
    assert panel.summary.tagged + panel.summary.untagged == 268
    assert panel.summary.outside_belt == 7
    assert panel.form.progressBar.value() == 100


def test_cancel_stops_a_long_run_and_adds_nothing(panel):
    sites = QgsVectorLayer("Point?crs=EPSG:4490&field=name:string&field=category:string", "many", "memory")
    features = []
    for i in range(400000):
        feature = QgsFeature(sites.fields())
        feature.setGeometry(
            QgsGeometry.fromPointXY(QgsPointXY(121.165 + (i % 997) * 5e-5, 31.266 + (i % 661) * 4e-5))
        )
        feature.setAttributes(["s{}".format(i), "enterprise"])
        features.append(feature)
    sites.dataProvider().addFeatures(features)
    QgsProject.instance().addMapLayer(sites)
    panel.set_layer("sites", sites)
    before = set(QgsProject.instance().mapLayers())
    assert panel.tag_zones()
    wait_until(lambda: panel.form.progressBar.value() > 0 or panel.runner is None, timeout=60)
    started = time.monotonic()
    panel.cancel()
    wait_until(lambda: panel.runner is None, timeout=30)
    assert time.monotonic() - started < 5
    assert set(QgsProject.instance().mapLayers()) == before
    assert "Cancelled" in panel.form.statusLabel.text()


def test_algorithm_error_is_a_readable_message(panel, tmp_path):
    from belt_fixtures import small_belt
    from beltmap.layers.loader import list_layers

    infos = {
        i.name: i for i in list_layers(str(small_belt(tmp_path / "bad.gpkg", zone_types=("园区", "工厂"))))
    }
    zones = QgsVectorLayer(infos["zones"].uri, "bad zones", "ogr")
    QgsProject.instance().addMapLayer(zones)
    panel.set_layer("zones", zones)
    before = set(QgsProject.instance().mapLayers())
    assert panel.tag_zones()
    wait_until(lambda: panel.runner is None)
    message = panel.form.statusLabel.text()
    assert "工厂" in message and "Traceback" not in message
    assert set(QgsProject.instance().mapLayers()) == before


def test_validation_through_panel_links_the_html_report(panel):
    assert panel.validate()
    wait_until(lambda: panel.runner is None)
    text = panel.form.statusLabel.text()
    assert "Validation: 0 errors" in text
    assert 'href="file://' in text and "validation_report.html" in text
    names = [layer.name() for layer in QgsProject.instance().mapLayers().values()]
    assert "Validation report" in names


def test_algorithm_parameters_come_from_the_panel_layers(panel):
    tag = panel.algorithm_parameters("beltmap:tagzones")
    assert tag == {"INPUT": panel.layer("sites"), "ZONES": panel.layer("zones"), "BELT": panel.layer("belt")}
    export = panel.algorithm_parameters("beltmap:exportpackage")
    assert export["SITES"] == [panel.layer("sites")] and export["ROADS"] is panel.layer("roads")
    panel.set_layer("belt", None)
    assert "BELT" not in panel.algorithm_parameters("beltmap:tagzones")


def _tree_texts(panel):
    tree = panel.form.summaryTree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_summary_counts_in_the_background_once_per_burst(panel):
    started = []
    QgsApplication.taskManager().taskAdded.connect(lambda task_id: started.append(task_id))
    sites = panel.layer("sites")
    for _ in range(20):  # a burst of changes, as an edit session emits them
        sites.dataChanged.emit()
    assert panel.counting and "Counting…" in _tree_texts(panel)
    wait_until(lambda: not panel.counting)
    assert len(started) == 1
    assert "Counting…" not in _tree_texts(panel) and panel.summary.site_count == 268


def test_summary_counts_unsaved_edits(panel):
    from qgis.core import QgsFeatureRequest

    sites = panel.layer("sites").materialize(QgsFeatureRequest())  # never edit the shipped demo file
    QgsProject.instance().addMapLayer(sites)
    panel.set_layer("sites", sites)
    assert sites.startEditing()
    feature = next(sites.getFeatures())
    sites.changeAttributeValue(feature.id(), sites.fields().indexOf("category"), "school")
    sites.deleteFeature(next(f.id() for f in sites.getFeatures() if f.id() != feature.id()))
    wait_until(lambda: not panel.counting)
    assert panel.summary.site_count == 267
    counts = panel.summary.sites_by_category
    assert sum(counts.values()) == 267 and counts["school"] >= DEMO_SITES["school"]
    sites.rollBack()
    wait_until(lambda: not panel.counting)
    assert panel.summary.sites_by_category == DEMO_SITES


def _by_sql(snapshot) -> int:
    """How many sites the GeoPackage's own SQL counts (raises if GDAL cannot)."""
    from beltmap.layers.site_counts import grouped_counts

    counted = []
    grouped_counts(snapshot, lambda category, zone, in_belt, n: counted.append(n))
    return sum(counted)


def test_geopackage_sites_counted_by_sql_agree_with_feature_counting(qgis_app, demo_copy):
    from beltmap.layers.belt_summary import sites_snapshot, snapshot, summarise
    from beltmap.layers.site_counts import GpkgSites
    from qgis.core import QgsFeature

    sites = QgsVectorLayer("{}|layername=sites".format(demo_copy), "sites", "ogr")
    assert isinstance(sites_snapshot(sites), GpkgSites)
    assert _by_sql(sites_snapshot(sites)) == 268  # no fallback to feature by feature
    assert summarise(None, None, sites) == summarise(None, None, snapshot(sites))
    assert sites.startEditing()
    ids = [f.id() for f in sites.getFeatures()]
    category = sites.fields().indexOf("category")
    sites.changeAttributeValue(ids[0], category, "school")
    sites.changeAttributeValue(ids[1], category, "brand_new")
    sites.deleteFeature(ids[2])
    sites.deleteFeature(ids[3])
    added = QgsFeature(sites.fields())
    added.setAttribute("category", "enterprise")
    sites.addFeature(added)
    by_sql = summarise(None, None, sites)
    assert _by_sql(sites_snapshot(sites)) == 267
    assert by_sql == summarise(None, None, snapshot(sites))
    assert by_sql.site_count == 267 and by_sql.sites_by_category["brand_new"] == 1
    sites.rollBack()


def test_tagged_geopackage_sites_counted_by_sql_agree(provider, demo_gpkg, tmp_path):
    from beltmap.layers.belt_summary import sites_snapshot, snapshot, summarise

    import processing

    target = str(tmp_path / "tagged.gpkg")
    processing.run(
        "beltmap:tagzones",
        {
            "INPUT": "{}|layername=sites".format(demo_gpkg),
            "ZONES": "{}|layername=zones".format(demo_gpkg),
            "BELT": "{}|layername=belt".format(demo_gpkg),
            "OUTPUT": target,
        },
    )
    sites = QgsVectorLayer(target, "tagged", "ogr")
    assert _by_sql(sites_snapshot(sites)) == 268
    by_sql = summarise(None, None, sites)
    assert by_sql == summarise(None, None, snapshot(sites))
    assert by_sql.tagged + by_sql.untagged == 268 and by_sql.outside_belt == 7
