"""The web map of a package made with a BASELINE: the zones that changed are outlined by kind, counted in the
legend, and a zone's info says before → after (issue 28). Real package export, headless Chromium offline."""

from pathlib import Path

import pytest
import webmap_browser
from test_package_baseline import package, years  # noqa: F401 (module fixtures: last year's package, this one)
from webmap_browser import DESKTOP, Browser

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def desktop():
    if not webmap_browser.available():
        pytest.fail("needs chromium, chromium-driver and selenium: run `make test`, which installs them")
    browser = Browser(DESKTOP)
    try:
        yield browser
    finally:
        browser.quit()


def _outlines(browser) -> int:
    """The zone outlines of the change layer on the map now."""
    return browser.js(
        "var n = 0; window.BELTMAP_MAP.eachLayer(function (l) {"
        "  if (l.feature && l.options.pane === 'zoneChangesPane') n++;"
        "}); return n;"
    )


def test_a_retyped_zone_is_outlined_and_its_info_says_before_and_after(package, desktop):  # noqa: F811
    index = package / "web" / "index.html"
    desktop.requests()
    desktop.open(index.as_uri())
    zones = desktop.js("return window.BELTMAP_DATA.changes.zones")
    by_id = {z["id"]: z for z in zones if z["year"] == "after"}
    # scripts/demo_next_year.py: Z06 retyped community → street, Z12 split into Z12A and Z12B
    assert "retyped" in by_id["Z06"]["kinds"] and by_id["Z06"]["kind"] == "retyped"
    assert (by_id["Z06"]["typeB"], by_id["Z06"]["typeA"]) == ("community", "street")
    assert {"Z12A", "Z12B"} <= {z["id"] for z in zones if "split" in z["kinds"]}
    # the legend counts them by kind, as the change map does
    legend = desktop.js(
        "return Array.from(document.querySelectorAll('input[data-zone-change]')).map(function (b) {"
        "  var e = b.closest('.bm-entry'); return [b.dataset.zoneChange, "
        "  e.querySelector('.bm-count').textContent]; })"
    )
    counts = dict(legend)
    assert counts["retyped"] == str(sum(1 for z in zones if z["kind"] == "retyped"))
    assert int(counts["split"]) >= 2
    drawn = _outlines(desktop)
    assert drawn == len(zones)
    # a kind can be hidden from the legend, and the whole change layer with its one box
    desktop.js("document.querySelector('input[data-zone-change=retyped]').click()")
    assert _outlines(desktop) == drawn - int(counts["retyped"])
    desktop.js("document.querySelector('input[data-zone-change=retyped]').click()")
    desktop.js("document.querySelector('input[data-changes=all]').click()")
    assert _outlines(desktop) == 0
    desktop.js("document.querySelector('input[data-changes=all]').click()")
    assert _outlines(desktop) == drawn
    # the zone's info: what changed, its type before → after
    desktop.driver.get("about:blank")
    desktop.open(index.as_uri() + "#zone=Z06")
    info = desktop.js(
        "var i = document.querySelector('.bm-info'); return {kind: i.dataset.kind, id: i.dataset.id, "
        "text: i.textContent, rows: Array.from(i.querySelectorAll('dd')).map(function (d) {"
        " return d.textContent; })}"
    )
    assert info["kind"] == "zone" and info["id"] == "Z06"
    assert any("类型变更" in row for row in info["rows"]) and "社区 → 街区" in info["rows"]
    assert "变化（2025 → 2026）" in info["text"]
    Path("/tmp/beltmap_webmap_zone_changes.png").write_bytes(desktop.driver.get_screenshot_as_png())
    assert all(url.startswith(("file://", "data:")) for url in desktop.requests())
    assert desktop.errors() == []
