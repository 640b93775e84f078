"""Benchmark the web map (`beltmap:exportwebmap`) against a plain Leaflet.markercluster page of the same
points and against the PDF of the same data (`beltmap:exportpackage`).

    .venv/bin/python bench/webmap_bench.py [--repeats 3] [--sites 100000] [--no-pdf]

For the demo belt and for the demo belt with SITES random sites (bench/data/webmap_<n>.gpkg, made once):
1. exportwebmap through qgis_process.bin (tagging included): wall time, folder and data.js size (goal for
   100,000 sites: data.js under 3 MB, export under 5 s);
2. the page opened from file:// in headless Chromium with the network blocked: time from navigation start
   to the first view (zones drawn, sites clustered or drawn, status line counting them), loads alternating
   with a plain page made from Debian's Leaflet + Leaflet.markercluster (libjs-leaflet.markercluster,
   installed when missing) with the same zones and points (goal: at most half its time, medians of REPEATS
   loads each); then the time to redraw after unticking a site category, the longest task while a planner
   types a search (goal: no frame over 100 ms) and a search by an exact id;
3. exportpackage of the same data with an A3 PDF at 300 dpi only (tagging included): wall time.
Wall times include starting qgis_process (about 2 s).
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests")]
import qgis_profile  # noqa: E402  (scripts/: temporary QGIS profiles, qgis_process runs)
import webmap_browser  # noqa: E402  (tests/: headless Chromium with the network blocked)
import webmap_data  # noqa: E402  (tests/: the demo belt with many sites)

DEMO = REPO / "data" / "demo_belt.gpkg"
DATA = REPO / "bench" / "data"
GOAL_PAINT_S = 1.0
GOAL_DATA_BYTES = 3_000_000
GOAL_EXPORT_S = 5.0
GOAL_TYPING_MS = 100
DEBIAN_JS = Path("/usr/share/javascript/leaflet")
MARKERCLUSTER = "libjs-leaflet.markercluster"
REFERENCE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Leaflet.markercluster reference</title>
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css">
<link rel="stylesheet" href="MarkerCluster.Default.css">
<style>html, body, #map {{ margin: 0; height: 100%; }}</style></head>
<body><div id="map"></div>
<script src="leaflet.js"></script><script src="leaflet.markercluster.js"></script>
<script src="points.js"></script>
<script>
var map = L.map("map", {{preferCanvas: true, maxZoom: 19}});
var zones = L.geoJSON(REFERENCE.zones, {{style: {{weight: 1.2, fillOpacity: 0.55}}}}).addTo(map);
map.fitBounds(zones.getBounds());
var group = L.markerClusterGroup();
group.addLayers(REFERENCE.points.map(function (p) {{ return L.marker(p); }}));
map.addLayer(group);
var line = document.createElement("p");
line.textContent = REFERENCE.points.length + " sites";
document.body.appendChild(line);
requestAnimationFrame(function () {{
  window.BELTMAP_READY = performance.now();
  document.body.dataset.ready = "1";
}});
</script></body></html>
"""


def many_sites(count: int) -> Path:
    """The demo belt with `count` random sites in the belt's extent (made once, kept in bench/data)."""
    path = DATA / "webmap_{}.gpkg".format(count)
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        webmap_data.demo_with_sites(DEMO, path, count)
    return path


def run(config, algorithm: str, gpkg: Path, out: Path, *extra):
    """Run an algorithm on the belt's four layers; returns (wall seconds, results)."""
    args = ["run", algorithm, "--json", "--"]
    args += [
        "{}={}|layername={}".format(key, gpkg, key.lower()) for key in ("BELT", "ZONES", "SITES", "ROADS")
    ]
    args += ["OUTPUT_FOLDER={}".format(out), "OVERWRITE=true", *extra]
    start = time.perf_counter()
    result = qgis_profile.run_qgis_process(args, config, check=False, timeout=1800)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("{} failed:\n{}\n{}".format(algorithm, result.stdout[-3000:], result.stderr[-3000:]))
    return wall, qgis_profile.json_output(result)["results"]


def reference_page(web: Path, folder: Path) -> Path:
    """A plain Leaflet + Leaflet.markercluster page (Debian's files) with the web map's zones and points."""
    if not (DEBIAN_JS / "leaflet.markercluster.js").exists():
        subprocess.run(["bash", str(REPO / "scripts" / "ensure_system.sh"), MARKERCLUSTER], check=True)
    browser = webmap_browser.Browser()
    try:  # the points as the page decoded them: the same sites, in the same order
        browser.open((web / "index.html").as_uri(), timeout=120)
        points = browser.js(
            "var s = window.BELTMAP_DATA.sites, out = new Array(s.count);"
            "for (var i = 0; i < s.count; i++) out[i] = [s.y[i], s.x[i]]; return out;"
        )
        zones = browser.js("return window.BELTMAP_DATA.zones")
    finally:
        browser.quit()
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css"):
        shutil.copyfile(DEBIAN_JS / name, folder / name)
    shutil.copyfile(DEBIAN_JS / "MarkerCluster.Default.css", folder / "MarkerCluster.Default.css")
    shutil.copytree(DEBIAN_JS / "images", folder / "images", dirs_exist_ok=True)
    data = json.dumps({"zones": zones, "points": points}, separators=(",", ":"))
    (folder / "points.js").write_text("window.REFERENCE = {};\n".format(data), encoding="utf-8")
    (folder / "index.html").write_text(REFERENCE_HTML.format(), encoding="utf-8")
    return folder / "index.html"


def first_views(pages, repeats: int):
    """Seconds from navigation start to the first view of each page, loads alternating; {page: [s, ...]}."""
    times = {page: [] for page in pages}
    browser = webmap_browser.Browser()
    try:
        for _ in range(repeats):
            for page in pages:
                browser.driver.get("about:blank")
                browser.open(page.as_uri(), timeout=300)
                times[page].append(browser.js("return window.BELTMAP_READY") / 1000.0)
    finally:
        browser.quit()
    return times


def typing(index: Path, text: str, exact_id: str):
    """(longest task in ms while typing text key by key into the search box, ms of a search by exact_id)."""
    from selenium.webdriver.common.by import By

    browser = webmap_browser.Browser()
    try:
        browser.open(index.as_uri(), timeout=120)
        time.sleep(2.0)  # the page makes its search texts when idle
        browser.js(
            "window.LONGEST = 0; new PerformanceObserver(function (list) {"
            "  list.getEntries().forEach(function (e) {"
            "    window.LONGEST = Math.max(window.LONGEST, e.duration);"
            "  });"
            "}).observe({entryTypes: ['longtask']});"
        )
        box = browser.driver.find_element(By.CSS_SELECTOR, "input[type=search]")
        for char in text:
            box.send_keys(char)
            time.sleep(0.15)
        time.sleep(0.6)
        longest = browser.js("return window.LONGEST")
        exact_ms = browser.js(
            "var s = document.querySelector('input[type=search]'); s.value = arguments[0];"
            "var t = performance.now(); s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));"
            "return performance.now() - t;",
            exact_id,
        )
        found = browser.js("var i = document.querySelector('.bm-info'); return i.hidden ? '' : i.dataset.id")
        if found != exact_id:
            sys.exit("the search for {} opened {!r}".format(exact_id, found))
    finally:
        browser.quit()
    return longest, exact_ms


def measure_page(index: Path, repeats: int):
    """(median first paint s, every load, filter redraw ms, search ms, status) in headless Chromium."""
    browser = webmap_browser.Browser()
    try:
        paints = []
        for _ in range(repeats):
            browser.driver.get("about:blank")
            browser.open(index.as_uri(), timeout=120)
            paints.append(browser.js("return window.BELTMAP_READY") / 1000.0)
        filter_ms = browser.js(
            "var t = performance.now(); document.querySelector('input[data-category]').click();"
            "return performance.now() - t;"
        )
        search_ms = browser.js(
            "var s = document.querySelector('input[type=search]'); s.value = '1';"
            "var t = performance.now(); s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}));"
            "return performance.now() - t;"
        )
        status = browser.js("return document.querySelector('.bm-status').textContent")
        requests = [u for u in browser.requests() if not u.startswith(("file:", "data:", "about:"))]
        if requests:
            sys.exit("the page requested {}".format(requests))
    finally:
        browser.quit()
    return statistics.median(paints), paints, filter_ms, search_ms, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sites", type=int, default=100000)
    parser.add_argument("--no-pdf", action="store_true", help="skip the A3 PDF export of the same data")
    args = parser.parse_args()
    if not webmap_browser.available():
        sys.exit("needs chromium, chromium-driver and selenium (make venv installs them)")
    cases = [("demo belt (268 sites)", DEMO), ("{} sites".format(args.sites), many_sites(args.sites))]
    with tempfile.TemporaryDirectory(prefix="beltmap_webmap_bench_") as temp:
        config = Path(temp) / "qgis"
        qgis_profile.make_profile(config)
        for label, gpkg in cases:
            web = Path(temp) / "web"
            export_s, results = run(config, "beltmap:exportwebmap", gpkg, web)
            size = sum(p.stat().st_size for p in web.rglob("*") if p.is_file())
            data_size = (web / "data.js").stat().st_size
            index = Path(results["INDEX_FILE"])
            paint, paints, filter_ms, search_ms, status = measure_page(index, args.repeats)
            reference = reference_page(web, Path(temp) / "reference")
            views = first_views([index, reference], args.repeats)
            demo = gpkg == DEMO
            ours, theirs = statistics.median(views[index]), statistics.median(views[reference])
            longest, exact_ms = typing(
                index, "测试点位1234" if gpkg != DEMO else "安亭", "B01234" if gpkg != DEMO else "S003"
            )
            print("{}: {}".format(label, status))
            print(
                "  web map export {:.1f} s{}, folder {:.2f} MB, data.js {:.2f} MB{}".format(
                    export_s,
                    ""
                    if gpkg == DEMO
                    else " (goal < {:.0f} s: {})".format(
                        GOAL_EXPORT_S, "met" if export_s < GOAL_EXPORT_S else "NOT met"
                    ),
                    size / 1e6,
                    data_size / 1e6,
                    ""
                    if gpkg == DEMO
                    else " (goal < 3 MB: {})".format("met" if data_size < GOAL_DATA_BYTES else "NOT met"),
                )
            )
            print(
                "  first view: median {:.2f} s of {} loads ({}); goal < {:.0f} s: {}".format(
                    paint,
                    len(paints),
                    ", ".join("{:.2f}".format(p) for p in paints),
                    GOAL_PAINT_S,
                    "met" if paint < GOAL_PAINT_S else "NOT met",
                )
            )
            print(
                "  side by side (alternating loads): ours {} vs Leaflet.markercluster {}: {:.2f} x its "
                "time{}".format(
                    ", ".join("{:.2f}".format(p) for p in views[index]),
                    ", ".join("{:.2f}".format(p) for p in views[reference]),
                    ours / theirs,
                    "" if demo else "; goal <= 0.5: {}".format("met" if ours <= 0.5 * theirs else "NOT met"),
                )
            )
            print(
                "  untick a category: {:.0f} ms; search '1' and open the first hit: {:.0f} ms; "
                "longest task while typing: {} (goal < {} ms: {}); exact id: {:.0f} ms".format(
                    filter_ms,
                    search_ms,
                    "{:.0f} ms".format(longest) if longest else "none over 50 ms",
                    GOAL_TYPING_MS,
                    "met" if longest < GOAL_TYPING_MS else "NOT met",
                    exact_ms,
                )
            )
            if not args.no_pdf:
                pdf_s, _ = run(
                    config,
                    "beltmap:exportpackage",
                    gpkg,
                    Path(temp) / "pdf",
                    "FORMATS=PDF",
                    "PAPER=A3",
                    "DPI=300",
                    "WEBMAP=false",
                )
                print("  same data as an A3 PDF at 300 dpi (exportpackage, PDF only): {:.1f} s".format(pdf_s))
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
