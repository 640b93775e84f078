"""The web map's catchments (a legend toggle per radius) and the reach in a site's and a station's info."""

import pytest
from test_webmap import _browser_installed, _info, _open, belt, desktop, web  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _catchment_paths(browser) -> int:
    return browser.js(
        "var n = 0; window.BELTMAP_MAP.eachLayer(function (l) {"
        "  if (l.feature && l.feature.properties && l.feature.properties.radius !== undefined) n++;"
        "}); return n;"
    )


def test_catchments_are_drawn_and_toggled_by_radius(web, desktop):  # noqa: F811
    _open(desktop, web)
    radii = desktop.js(
        "var f = window.BELTMAP_DATA.catchments.features, r = {};"
        "f.forEach(function (x) { r[x.properties.radius] = 1; });"
        "return Object.keys(r).map(Number).sort(function (a, b) { return a - b; });"
    )
    assert radii == [300, 500, 1000]
    toggles = desktop.js(
        "return Array.from(document.querySelectorAll('input[data-radius]'))"
        "  .map(function (b) { return +b.dataset.radius; });"
    )
    assert toggles == [300, 500, 1000]
    before = _catchment_paths(desktop)
    assert before > 0
    desktop.js("document.querySelector('input[data-radius=\"1000\"]').click()")
    after = _catchment_paths(desktop)
    assert 0 < after < before
    desktop.js("document.querySelector('input[data-radius=\"1000\"]').click()")
    assert _catchment_paths(desktop) == before


def test_site_info_names_its_station_and_minutes_and_a_station_counts_its_sites(web, desktop):  # noqa: F811
    _open(desktop, web)
    site, station, minutes, own_site, own, served = desktop.js(
        "var s = window.BELTMAP_DATA.sites, i = -1, k = -1;"
        "for (var j = 0; j < s.id.length; j++) {"
        "  if (i < 0 && s.walk[j] > 0 && !s.own[j]) i = j;"
        "  if (k < 0 && s.own[j]) k = j;"
        "}"
        "var n = 0; for (var j = 0; j < s.id.length; j++)"
        "  if (s.station[j] === s.own[k] && s.walk[j] <= 1000) n++;"
        "return [s.id[i], s.station[i], s.minutes[i], s.id[k], s.own[k], n];"
    )
    _open(desktop, web, "#site={}".format(site))
    info = _info(desktop)
    assert info["kind"] == "site" and info["id"] == site
    assert station in info["text"] and "最近党群服务站" in info["text"]
    assert "{} 分钟".format(minutes) in info["text"]
    _open(desktop, web, "#site={}".format(own_site))
    info = _info(desktop)
    assert (
        "服务点位（1000 米内）" in info["text"]
        and info["text"].endswith(str(served))
        or str(served) in info["text"]
    )
    assert served >= 1 and own
