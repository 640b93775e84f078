"""The web map's layers from a package's optional steps: 进展 / Progress (HISTORY + TARGETS, issue 26) and
产业链 / Chains (LINKS, issue 27). Real package export, headless Chromium with the network blocked."""

import shutil
from pathlib import Path

import pytest
import webmap_browser
from webmap_browser import DESKTOP, Browser

pytestmark = pytest.mark.slow

STATUS_COLOURS = {
    "achieved": "#1a9641",
    "on_track": "#a6d96a",
    "acceleration_needed": "#fdae61",
    "limited": "#f46d43",
    "deterioration": "#d7191c",
    "unable_to_assess": "#bdbdbd",
}


def _export(demo_gpkg, out, **extra):
    from qgis import processing
    from qgis.core import QgsProcessingContext
    from tag_fixtures import Feedback

    params = {
        "BELT": "{}|layername=belt".format(demo_gpkg),
        "ZONES": "{}|layername=zones".format(demo_gpkg),
        "SITES": ["{}|layername=sites".format(demo_gpkg)],
        "TAG": True,
        "FORMATS": ["PNG"],
        "DPI": 36,
        "WEBMAP": True,
        "OUTPUT_FOLDER": str(out),
    }
    params.update(extra)
    result = processing.run(
        "beltmap:exportpackage", params, context=QgsProcessingContext(), feedback=Feedback()
    )
    return Path(result["OUTPUT_FOLDER"])


@pytest.fixture(scope="module")
def desktop():
    if not webmap_browser.available():
        pytest.fail("needs chromium, chromium-driver and selenium: run `make test`, which installs them")
    browser = Browser(DESKTOP)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def progress_package(provider, demo_gpkg, tmp_path):
    """The demo belt in 2024, 2025 (HISTORY, the same data) and 2026, with targets: Z01's sites (one site
    is enough: achieved), the parks' enterprises (60 by 2030, no growth: limited), the belt's sites."""
    for year in (2024, 2025):
        shutil.copy(demo_gpkg, tmp_path / "demo_{}.gpkg".format(year))
    targets = tmp_path / "t.csv"
    targets.write_text(
        "指标,范围,目标年份,目标值,方向\nsites,全带,2030,400,\nsites:enterprise,园区,2030,60,\n"
        "sites,Z01,2030,1,提高\n",
        encoding="utf-8",
    )
    history = "{};{}".format(tmp_path / "demo_2024.gpkg", tmp_path / "demo_2025.gpkg")
    return _export(
        demo_gpkg, tmp_path / "out", LABEL="2026", NAME="belt", HISTORY=history, TARGETS=str(targets)
    )


# the pixel of the progress layer's own canvas at a zone's centre: its colour, not blended with the zones
# below
PIXEL = """
var id = arguments[0], out = null, map = window.BELTMAP_MAP;
map.eachLayer(function (l) {
  if (l.progressZone !== id || out) return;
  var r = l._renderer, pt = map.latLngToLayerPoint(l.getCenter()), ratio = window.devicePixelRatio || 1;
  var ctx = r._container.getContext('2d');
  var x = Math.round((pt.x - r._bounds.min.x) * ratio), y = Math.round((pt.y - r._bounds.min.y) * ratio);
  var d = ctx.getImageData(x, y, 1, 1).data;
  out = {fill: l.options.fillColor, rgba: [d[0], d[1], d[2], d[3]]};
});
return out;
"""


def _rgb(colour: str):
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


def test_progress_layer_colours_zones_by_status_and_the_info_shows_the_series(progress_package, desktop):
    index = progress_package / "web" / "index.html"
    desktop.requests()
    desktop.open(index.as_uri())
    data = desktop.js("return window.BELTMAP_DATA.progress")
    assert data["years"] == [2024, 2025, 2026]
    zones = {z["id"]: z for z in data["zones"]}
    assert zones["Z01"]["status"] == "achieved"
    assert zones["Z02"]["status"] == "limited" and zones["Z20"]["status"] == "limited"  # parks
    assert zones["Z03"]["status"] == "none"  # a street: no target
    # the legend counts the zones by status, in the report's colours
    legend = desktop.js(
        "return Array.from(document.querySelectorAll('input[data-status]')).map(function (b) {"
        "  var e = b.closest('.bm-entry');"
        "  return [b.dataset.status, e.querySelector('.bm-count').textContent, e.textContent]; })"
    )
    counts = {key: int(count) for key, count, _text in legend}
    assert counts["achieved"] == 1 and counts["limited"] == sum(
        1 for z in data["zones"] if z["status"] == "limited"
    )
    assert counts["none"] == sum(1 for z in data["zones"] if z["status"] == "none") > 0
    assert any("已达成" in text for _k, _c, text in legend) and any(
        "进展有限" in text for _k, _c, text in legend
    )
    # a zone coloured by its status: the layer's own pixels at its centre
    for zone_id, status in (("Z01", "achieved"), ("Z02", "limited")):
        pixel = desktop.js(PIXEL, zone_id)
        assert pixel["fill"] == STATUS_COLOURS[status]
        assert pixel["rgba"][3] > 100, pixel
        assert all(abs(a - b) <= 6 for a, b in zip(pixel["rgba"][:3], _rgb(STATUS_COLOURS[status]))), pixel
    # a status hidden from the legend takes its zones off the map, the layer's box all of them
    desktop.js("document.querySelector('input[data-status=limited]').click()")
    assert desktop.js(PIXEL, "Z02") is None
    desktop.js("document.querySelector('input[data-status=limited]').click()")
    desktop.js("document.querySelector('input[data-progress=all]').click()")
    assert desktop.js(PIXEL, "Z01") is None
    desktop.js("document.querySelector('input[data-progress=all]').click()")
    # a click on the zone (through the progress layer; no sites in the way) shows its targets: the series per
    # year, the target, the status and the chart
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    desktop.js("document.querySelectorAll('input[data-category]').forEach(function (b) { b.click(); })")
    size = desktop.js("var s = window.BELTMAP_MAP.getSize(); return [s.x, s.y];")
    point = desktop.js(
        "var map = window.BELTMAP_MAP, p = null; map.eachLayer(function (l) {"
        "  if (l.progressZone === 'Z02' && !p) p = map.latLngToContainerPoint(l.getCenter()); });"
        "return [p.x, p.y];"
    )
    ActionChains(desktop.driver).move_to_element_with_offset(
        desktop.driver.find_element(By.ID, "map"), int(point[0] - size[0] / 2), int(point[1] - size[1] / 2)
    ).click().perform()
    desktop.wait_for("var i = document.querySelector('.bm-info'); return !i.hidden && i.dataset.id === 'Z02'")
    info = desktop.js(
        "var i = document.querySelector('.bm-info'); return {text: i.textContent,"
        " targets: Array.from(i.querySelectorAll('.bm-progress-target')).map(function (t) {"
        "  return {indicator: t.dataset.indicator, status: t.dataset.status, text: t.textContent,"
        "   points: Array.from(t.querySelectorAll('svg .bm-progress-point')).map(function (c) {"
        "    return [Number(c.dataset.year), Number(c.dataset.value)]; }),"
        "   path: t.querySelectorAll('svg .bm-progress-path').length}; })}"
    )
    assert "进展（2024 → 2025 → 2026）" in info["text"]
    [target] = info["targets"]
    assert target["indicator"] == "sites:enterprise" and target["status"] == "limited"
    series = zones["Z02"]["targets"][0]["series"]
    assert len(series) == 3 and series[0] == series[1] == series[2] is not None  # the same data each year
    assert target["points"] == [[2024, series[0]], [2025, series[1]], [2026, series[2]]]
    assert target["path"] == 1
    assert "2024: {}".format(int(series[0])) in target["text"] and "目标：2030 年 60" in target["text"]
    assert "进展有限" in target["text"]
    Path("/tmp/beltmap_webmap_progress.png").write_bytes(desktop.driver.get_screenshot_as_png())
    assert all(url.startswith(("file://", "data:")) for url in desktop.requests())
    assert desktop.errors() == []


@pytest.fixture
def chains_package(provider, demo_gpkg, tmp_path):
    """The demo belt with LINKS: S004 leads three partners on two chains, S010 one partner; one row
    unmatched."""
    links = tmp_path / "links.csv"
    rows = [
        ["起点", "终点", "关系", "产业链"],
        ["S004", "S001", "供应", "整车"],
        ["S004", "S002", "客户", "整车"],
        ["S004", "S003", "合作", "文旅"],
        ["S010", "S011", "研发", "整车"],
        ["S004", "S999", "供应", "整车"],
    ]
    links.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return _export(demo_gpkg, tmp_path / "out", NAME="belt", LINKS=str(links))


def _chain_state(browser):
    """The lines drawn now ({link number: weight}) and the firm markers' classes."""
    return browser.js(
        "var lines = {}; window.BELTMAP_MAP.eachLayer(function (l) {"
        "  if (l.chainLink !== undefined) lines[l.chainLink] = l.options.weight; });"
        "var firms = {}; document.querySelectorAll('[data-firm]').forEach(function (n) {"
        "  firms[n.dataset.firm] = n.className; });"
        "return {lines: lines, firms: firms};"
    )


def test_chains_layer_a_click_on_a_leader_highlights_its_partners(chains_package, desktop):
    from selenium.webdriver.common.by import By

    index = chains_package / "web" / "index.html"
    desktop.requests()
    desktop.open(index.as_uri())
    data = desktop.js("return window.BELTMAP_DATA.chains")
    firms = [f["key"] for f in data["firms"]]
    assert sorted(firms) == ["S001", "S002", "S003", "S004", "S010", "S011"]  # S999: unmatched, not drawn
    assert len(data["links"]) == 4
    assert {f["key"] for f in data["firms"] if f["leader"]} == {"S004", "S010"}
    # the legend counts the links by relation; the chains are in the filter
    legend = desktop.js(
        "return Array.from(document.querySelectorAll('input[data-relation]')).map(function (b) {"
        "  return [b.dataset.relation, b.closest('.bm-entry').querySelector('.bm-count').textContent]; })"
    )
    assert dict(legend) == {"supplier": "1", "customer": "1", "partner": "1", "research": "1"}
    options = desktop.js(
        "return Array.from(document.querySelectorAll('.bm-chain-select option')).map(function (o) {"
        " return o.textContent; })"
    )
    assert options == ["全部产业链（4）", "整车 (3)", "文旅 (1)"]
    state = _chain_state(desktop)
    assert len(state["lines"]) == 4 and set(state["firms"]) == set(firms)
    # a click on the leader: its three partners highlighted, its lines thick, the others faint
    desktop.driver.find_element(By.CSS_SELECTOR, "[data-firm=S004]").click()
    desktop.wait_for("return document.querySelector('.bm-info').dataset.id === 'S004'")
    state = _chain_state(desktop)
    numbers = {
        (data["firms"][link["f"]]["key"], data["firms"][link["t"]]["key"]): n
        for n, link in enumerate(data["links"])
    }
    mine = [numbers[("S004", key)] for key in ("S001", "S002", "S003")]
    assert all(state["lines"][str(n)] == 4 for n in mine)
    assert state["lines"][str(numbers[("S010", "S011")])] == 1.5
    assert all("bm-firm-partner" in state["firms"][key] for key in ("S001", "S002", "S003"))
    assert "bm-firm-selected" in state["firms"]["S004"]
    assert "bm-firm-dim" in state["firms"]["S010"] and "bm-firm-partner" not in state["firms"]["S011"]
    info = desktop.js(
        "var i = document.querySelector('.bm-info'); return {kind: i.dataset.kind, text: i.textContent,"
        " partners: Array.from(i.querySelectorAll('[data-partner]')).map(function (p) {"
        "  return p.dataset.partner; })}"
    )
    assert info["kind"] == "firm" and sorted(info["partners"]) == ["S001", "S002", "S003"]
    assert "3 家，联系 3 条" in info["text"] and "链长企业" in info["text"]
    # filter by chain: 文旅 leaves S004 one partner, S003; by relation: 供应 off hides S004 → S001
    desktop.js(
        "var s = document.querySelector('.bm-chain-select'); s.value = '1';"
        "s.dispatchEvent(new Event('change'));"
    )
    state = _chain_state(desktop)
    assert list(state["lines"]) == [str(numbers[("S004", "S003")])]
    assert "bm-firm-partner" in state["firms"]["S003"] and "S001" not in state["firms"]
    desktop.js(
        "var s = document.querySelector('.bm-chain-select'); s.value = '';"
        "s.dispatchEvent(new Event('change'));"
    )
    desktop.js("document.querySelector('input[data-relation=supplier]').click()")
    state = _chain_state(desktop)
    assert str(numbers[("S004", "S001")]) not in state["lines"] and len(state["lines"]) == 3
    desktop.js("document.querySelector('input[data-relation=supplier]').click()")
    Path("/tmp/beltmap_webmap_chains.png").write_bytes(desktop.driver.get_screenshot_as_png())
    # the close button clears the highlight; the layer's box hides it all
    desktop.js("document.querySelector('.bm-close').click()")
    state = _chain_state(desktop)
    assert set(state["lines"].values()) == {1.5} and not any(
        "bm-firm-dim" in c for c in state["firms"].values()
    )
    desktop.js("document.querySelector('input[data-chains=all]').click()")
    assert _chain_state(desktop) == {"lines": {}, "firms": {}}
    assert all(url.startswith(("file://", "data:")) for url in desktop.requests())
    assert desktop.errors() == []
