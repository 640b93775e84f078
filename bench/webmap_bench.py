"""Benchmark the web map (`beltmap:exportwebmap`) against the PDF of the same data (`beltmap:exportpackage`).

    .venv/bin/python bench/webmap_bench.py [--repeats 3] [--sites 50000]

For the demo belt and for the demo belt with SITES random sites (bench/data/webmap_<n>.gpkg, made once):
1. exportwebmap through qgis_process.bin (tagging included): wall time and folder size;
2. the page opened from file:// in headless Chromium with the network blocked: time from navigation start
   to the first frame with every feature drawn (median of REPEATS loads; goal for the demo: under 1 s),
   then the time to redraw after unticking a site category and to list the hits of a search;
3. exportpackage of the same data with an A3 PDF at 300 dpi only (tagging included): wall time.
Wall times include starting qgis_process (about 2 s).
"""

import argparse
import statistics
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
    parser.add_argument("--sites", type=int, default=50000)
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
            paint, paints, filter_ms, search_ms, status = measure_page(
                Path(results["INDEX_FILE"]), args.repeats
            )
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
            print("{}: {}".format(label, status))
            print("  web map export {:.1f} s, folder {:.2f} MB".format(export_s, size / 1e6))
            print(
                "  first paint with every feature: median {:.2f} s of {} loads ({}); "
                "goal < {:.0f} s: {}".format(
                    paint,
                    len(paints),
                    ", ".join("{:.2f}".format(p) for p in paints),
                    GOAL_PAINT_S,
                    "met" if paint < GOAL_PAINT_S else "NOT met",
                )
            )
            print("  untick a category: {:.0f} ms; search: {:.0f} ms".format(filter_ms, search_ms))
            print("  same data as an A3 PDF at 300 dpi (exportpackage, PDF only): {:.1f} s".format(pdf_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
