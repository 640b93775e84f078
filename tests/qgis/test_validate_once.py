"""Issue 17: an export with TAG validates its inputs once (the tagging of the sites does not check again)."""

import re

import pytest


@pytest.fixture
def counted_checks(monkeypatch):
    """Count every run of the error-level checks, whichever gate calls them."""
    from beltmap.core.validation import gate

    calls = []

    def counting(original):
        def run(**options):
            calls.append(sorted(key for key, value in options.items() if value is not None))
            return original(**options)

        return run

    monkeypatch.setattr(gate, "run_error_checks", counting(gate.run_error_checks))
    return calls


def _layers(gpkg):
    gpkg = str(gpkg)
    return {
        "BELT": gpkg + "|layername=belt",
        "ZONES": gpkg + "|layername=zones",
        "SITES": [gpkg + "|layername=sites", gpkg + "|layername=sites"],
        "ROADS": gpkg + "|layername=roads",
        "TAG": True,
    }


def test_web_map_with_tag_validates_once(provider, demo_gpkg, tmp_path, counted_checks):
    from qgis import processing

    result = processing.run(
        "beltmap:exportwebmap", dict(_layers(demo_gpkg), OUTPUT_FOLDER=str(tmp_path / "web"))
    )
    assert result["SITE_COUNT"] == 2 * 268  # two SITES layers merged, then tagged
    assert len(counted_checks) == 1, counted_checks
    assert {"belt", "zones", "sites", "roads"} <= set(counted_checks[0])
    data = (tmp_path / "web" / "data.js").read_text(encoding="utf-8")
    assert re.search(r'"tagged":\s*true', data), data[:300]  # the sites the page shows were tagged


@pytest.mark.slow
def test_package_with_tag_validates_once(provider, demo_gpkg, tmp_path, counted_checks):
    import sqlite3

    from qgis import processing

    parameters = dict(
        _layers(demo_gpkg), FORMATS=["PNG"], DPI=36, WEBMAP=False, OUTPUT_FOLDER=str(tmp_path / "out")
    )
    result = processing.run("beltmap:exportpackage", parameters)
    assert len(counted_checks) == 1, counted_checks
    assert result["FEATURE_COUNTS"]["sites"] == 2 * 268
    with sqlite3.connect(result["GPKG"]) as db:
        tagged = db.execute("SELECT count(*) FROM sites WHERE zone_type IS NOT NULL").fetchone()[0]
        layers = {row[0] for row in db.execute("SELECT DISTINCT layer FROM sites")}
    assert tagged > 0 and len(layers) == 1 and None not in layers  # merged, each site names its layer
