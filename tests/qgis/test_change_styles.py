"""beltchanges' results styled as the change map (issue 25): the layers QGIS loads carry the change
renderers, and the change map shows zone names, the belt outline, the roads and the changed sites' keys."""

import subprocess

import pytest
from qgis.core import QgsProject
from test_belt_changes import run_changes


@pytest.fixture(scope="module")
def demo_years(tmp_path_factory, demo_gpkg):
    import demo_next_year

    after = tmp_path_factory.mktemp("years") / "demo_2026.gpkg"
    demo_next_year.build(after)
    return str(demo_gpkg), str(after)


def test_loaded_results_are_styled_like_the_change_map(provider, demo_years, layer_tree_view):
    from qgis import processing
    from qgis.core import QgsArrowSymbolLayer, QgsCategorizedSymbolRenderer

    QgsProject.instance().clear()
    before, after = demo_years
    results = processing.runAndLoadResults(
        "beltmap:beltchanges",
        {
            "BEFORE": before,
            "AFTER": after,
            "SITE_CHANGES": "TEMPORARY_OUTPUT",
            "SITE_MOVES": "TEMPORARY_OUTPUT",
            "ZONE_CHANGES": "TEMPORARY_OUTPUT",
        },
    )
    try:
        sites = QgsProject.instance().mapLayer(results["SITE_CHANGES"])
        moves = QgsProject.instance().mapLayer(results["SITE_MOVES"])
        zones = QgsProject.instance().mapLayer(results["ZONE_CHANGES"])
        renderer = sites.renderer()
        assert isinstance(renderer, QgsCategorizedSymbolRenderer)
        categories = renderer.categories()  # kept: a category's symbol lives as long as the category
        values = [c.value() for c in categories]
        assert values == ["added", "removed", "moved", "retagged", "changed", "unchanged"]
        colours = {c.value(): c.symbol().color().name() for c in categories}
        assert colours["added"] == "#1a9641" and colours["removed"] == "#d7191c"
        unchanged = next(c.symbol() for c in categories if c.value() == "unchanged")
        assert unchanged.opacity() < 1 and unchanged.size() < 2  # dimmed
        labeling = sites.labeling()
        assert sites.labelsEnabled() and labeling is not None
        assert '"key"' in labeling.settings().fieldName
        # each site falls in its kind's category (the expression picks the main kind of a ';'-list)
        from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

        expression = QgsExpression(renderer.classAttribute())
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(sites))
        for feature in sites.getFeatures():
            context.setFeature(feature)
            kind = expression.evaluate(context)
            assert kind in values, (feature["change"], kind)
            assert kind in feature["change"].split(";")
        arrows = moves.renderer().categories()
        assert isinstance(arrows[0].symbol().symbolLayer(0), QgsArrowSymbolLayer)
        zone_categories = zones.renderer().categories()
        assert {"split", "retyped", "unchanged"} <= {c.value() for c in zone_categories}
        unchanged_zone = next(c.symbol() for c in zone_categories if c.value() == "unchanged")
        assert unchanged_zone.symbolLayer(0).strokeColor().name() == "#c8c8c8"
        assert unchanged_zone.symbolLayer(0).brushStyle() == 0  # outline only: no flat pink fill
    finally:
        QgsProject.instance().clear()


def test_change_map_shows_zone_names_belt_roads_and_changed_keys(provider, demo_years, tmp_path):
    before, after = demo_years
    report = tmp_path / "report"
    results, tables, _ = run_changes(
        {
            "BEFORE": before,
            "AFTER": after,
            "AFTER_LABEL": "2026",
            "BEFORE_LABEL": "2025",
            "REPORT_FOLDER": str(report),
        }
    )
    text = subprocess.run(
        ["pdftotext", str(report / "change_map.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "实践带范围" in text and "道路" in text  # belt outline and roads in the legend
    zone_names = {r["name"] for r in tables["ZONE_CHANGES"] if r["year"] == "after" and r["name"]}
    shown = [name for name in zone_names if name in text]
    assert len(shown) >= len(zone_names) // 2, (len(shown), len(zone_names))
    changed = [r["key"] for r in tables["SITE_CHANGES"] if r["change"] != "unchanged" and r["key"]]
    labelled = [key for key in changed if key in text]
    assert len(labelled) >= len(changed) // 2, (len(labelled), len(changed))
    unchanged = [r["key"] for r in tables["SITE_CHANGES"] if r["change"] == "unchanged" and r["key"]]
    assert not [key for key in unchanged if " {} ".format(key) in " {} ".format(text)]
