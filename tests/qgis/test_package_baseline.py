"""`beltmap:exportpackage` with BASELINE (issue 18 f): changes/ in the package, the manifest's baseline entry,
README.txt, refused baselines, and the web map's Changes layer in headless Chromium (network blocked)."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import qgis_profile
import webmap_browser
from webmap_browser import DESKTOP, Browser

pytestmark = pytest.mark.slow

CHANGE_FILES = {
    "changes/change_map.pdf",
    "changes/change_map.png",
    "changes/site_changes.csv",
    "changes/site_moves.csv",
    "changes/zone_changes.csv",
    "changes/zone_deltas.csv",
    "changes/summary.txt",
}


def _layer_args(gpkg: Path):
    return ["{}={}|layername={}".format(k, gpkg, k.lower()) for k in ("BELT", "ZONES", "SITES", "ROADS")]


def _export(qgis_process, gpkg, out, name, *extra, check=True):
    args = ["run", "beltmap:exportpackage", "--json", "--", *_layer_args(gpkg)]
    args += ["OUTPUT_FOLDER={}".format(out), "NAME={}".format(name), "FORMATS=PNG", "DPI=50", *extra]
    result = qgis_process(args, check=False)
    if check and result.returncode != 0:
        pytest.fail("exportpackage failed:\n{}\n{}".format(result.stdout[-3000:], result.stderr[-3000:]))
    return result


@pytest.fixture(scope="module")
def years(qgis_process, demo_gpkg, tmp_path_factory):
    """Last year's package (the demo belt, zipped too, its manifest dated 2025) and this year's data."""
    import demo_next_year

    out = tmp_path_factory.mktemp("baseline")
    _export(qgis_process, demo_gpkg, out, "belt_2025", "ZIP=true", "WEBMAP=false", "LABEL=2025")
    folder = out / "belt_2025"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["created"] = "2025-06-30T10:00:00+00:00"  # last year's package, as the folder says
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    after = out / "demo_2026.gpkg"
    demo_next_year.build(after)
    return {"out": out, "folder": folder, "zip": out / "belt_2025.zip", "after": after}


@pytest.fixture(scope="module")
def package(qgis_process, years):
    """This year's package with BASELINE = last year's package folder (web map included)."""
    result = _export(
        qgis_process, years["after"], years["out"], "belt_2026", "BASELINE={}".format(years["folder"])
    )
    data = qgis_profile.json_output(result)
    return Path(data["results"]["OUTPUT_FOLDER"])


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_baseline_folder_gives_changes_manifest_entry_and_readme(package, years):
    assert {p.relative_to(package).as_posix() for p in (package / "changes").iterdir()} == CHANGE_FILES
    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    baseline = manifest["baseline"]
    assert baseline["name"] == "belt_2025" and baseline["date"] == "2025-06-30"
    assert baseline["manifest_sha256"] == _sha(years["folder"] / "manifest.json")
    assert baseline["labels"] == ["2025", "2026"]
    assert (baseline["counts"]["added"], baseline["counts"]["removed"], baseline["counts"]["moved"]) == (
        13,
        8,
        6,
    )
    assert set(baseline["files"]) == CHANGE_FILES
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for path in CHANGE_FILES:  # every file of changes/ checksummed
        assert listed[path]["sha256"] == _sha(package / path), path
        assert listed[path]["size"] == (package / path).stat().st_size
    assert manifest["parameters"]["BASELINE"] == str(years["folder"])
    readme = (package / "README.txt").read_text(encoding="utf-8")
    zh, en = readme.split("[English]")
    assert "- changes/：" in zh and "变化图" in zh and "基准成果包：belt_2025（2025-06-30）" in zh
    assert "- changes/: Changes since the baseline package" in en
    assert "Baseline package: belt_2025 (2025-06-30)." in en
    summary = (package / "changes" / "summary.txt").read_text(encoding="utf-8")
    assert "2025 → 2026" in summary and "Sites: 13 added, 8 removed, 6 moved" in summary
    # the package's roads: coverage shares walked along them (the reach engine), said in both languages
    assert "覆盖率的步行距离：之前：沿道路步行距离；之后：沿道路步行距离" in summary
    assert "walks were measured: before: along the roads; after: along the roads" in summary
    assert not list(package.glob("belt.gpkg-*"))  # belt.gpkg left as one file after the comparison


def test_baseline_zip_is_read_and_its_manifest_hashed(qgis_process, years):
    result = _export(
        qgis_process,
        years["after"],
        years["out"],
        "belt_2026_zip",
        "BASELINE={}".format(years["zip"]),
        "WEBMAP=false",
    )
    folder = Path(qgis_profile.json_output(result)["results"]["OUTPUT_FOLDER"])
    with zipfile.ZipFile(years["zip"]) as archive:
        inner = hashlib.sha256(archive.read("belt_2025/manifest.json")).hexdigest()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["baseline"]["manifest_sha256"] == inner
    assert manifest["baseline"]["name"] == "belt_2025"
    assert {e["path"] for e in manifest["files"]} >= CHANGE_FILES
    assert "changes/" in (folder / "README.txt").read_text(encoding="utf-8")
    assert not (folder / "web").exists()


@pytest.mark.parametrize(
    "kind, message",
    [
        ("folder", r"is not a belt map package: belt.gpkg is missing \(found: notes.txt\)"),
        ("file", r"is not a belt map package: give the folder or the ZIP of an earlier package"),
        ("missing", r"does not exist"),
        ("itself", r"is the package being written"),
    ],
)
def test_a_bad_baseline_is_refused_and_nothing_written(qgis_process, years, tmp_path, kind, message):
    import re

    baseline = {
        "folder": tmp_path / "not_a_package",
        "file": tmp_path / "notes.txt",
        "missing": tmp_path / "nowhere",
        "itself": tmp_path / "out" / "belt_bad",
    }[kind]
    if kind == "folder":
        baseline.mkdir()
        (baseline / "notes.txt").write_text("hello", encoding="utf-8")
    if kind == "file":
        baseline.write_text("hello", encoding="utf-8")
    if kind == "itself":  # an earlier package of that very name, to be replaced with OVERWRITE
        baseline.mkdir(parents=True)
        (baseline / "belt.gpkg").write_bytes((years["folder"] / "belt.gpkg").read_bytes())
    out = tmp_path / "out"
    result = _export(
        qgis_process,
        years["after"],
        out,
        "belt_bad",
        "BASELINE={}".format(baseline),
        "OVERWRITE=true",
        check=False,
    )
    assert result.returncode != 0
    assert re.search(message, result.stdout + result.stderr), (result.stdout + result.stderr)[-2000:]
    written = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert written == (["belt_bad"] if kind == "itself" else [])
    if kind == "itself":
        assert sorted(p.name for p in baseline.iterdir()) == ["belt.gpkg"]  # left untouched


# ---------------------------------------------------------------------------------------------
# the web map's Changes layer


@pytest.fixture(scope="module")
def desktop():
    if not webmap_browser.available():
        pytest.fail("needs chromium, chromium-driver and selenium: run `make test`, which installs them")
    browser = Browser(DESKTOP)
    try:
        yield browser
    finally:
        browser.quit()


def _icons(browser) -> int:
    return browser.js("return document.querySelectorAll('.bm-chg-icon').length")


def test_changes_layer_toggles_and_shows_before_and_after(package, desktop, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    desktop.requests()
    desktop.open((package / "web" / "index.html").as_uri())
    changes = desktop.js("return window.BELTMAP_DATA.changes")
    assert changes["before"] == "2025" and changes["after"] == "2026"
    assert changes["counts"]["added"] == 13 and changes["counts"]["moved"] == 6
    placed = len(changes["sites"])
    assert placed >= 13 + 8 + 6 and _icons(desktop) == placed
    head = desktop.js("return document.querySelector('.bm-changes-head').textContent")
    assert head == "变化（2025 → 2026）"
    # the legend toggle hides the whole layer, and shows it again
    desktop.js("document.querySelector('input[data-changes=all]').click()")
    assert _icons(desktop) == 0
    desktop.js("document.querySelector('input[data-changes=all]').click()")
    assert _icons(desktop) == placed
    # one kind off: only the sites of other kinds stay
    desktop.js("document.querySelector('input[data-change=added]').click()")
    only_added = sum(1 for s in changes["sites"] if s["kinds"] == ["added"])
    assert only_added == 13 and _icons(desktop) == placed - only_added
    desktop.js("document.querySelector('input[data-change=added]').click()")
    # a click on a moved (and retagged) site: its info says before → after
    moved = [s for s in changes["sites"] if "moved" in s["kinds"]]
    site = next((s for s in moved if "retagged" in s["kinds"]), moved[0])
    desktop.js(
        "window.BELTMAP_MAP.setView([arguments[0][1], arguments[0][0]], 17, {animate: false})", site["after"]
    )
    point = desktop.js(
        "var p = window.BELTMAP_MAP.latLngToContainerPoint([arguments[0][1], arguments[0][0]]);"
        "return [p.x, p.y];",
        site["after"],
    )
    container = desktop.driver.find_element(By.ID, "map")
    size = desktop.js("var s = window.BELTMAP_MAP.getSize(); return [s.x, s.y];")
    ActionChains(desktop.driver).move_to_element_with_offset(
        container, int(point[0] - size[0] / 2), int(point[1] - size[1] / 2)
    ).click().perform()
    info = desktop.js(
        "var i = document.querySelector('.bm-info'); return i.hidden ? null : "
        "{kind: i.dataset.kind, id: i.dataset.id, text: i.textContent, "
        "rows: Array.from(i.querySelectorAll('dd')).map(function (d) { return d.textContent; })}"
    )
    assert info and info["kind"] == "change" and info["id"] == site["key"], info
    zone_types = {t["key"]: t["label"] for t in desktop.js("return window.BELTMAP_DATA.zoneTypes")}
    zone_types[""] = "不在任何区域内"
    assert "{} → {}".format(zone_types[site["typeB"]], zone_types[site["typeA"]]) in info["rows"]
    assert "迁移" in info["text"] and "{} 米".format(round(site["moved"])) in info["text"]
    assert desktop.js("return document.querySelectorAll('.bm-chg-selected').length") == 1
    shot = desktop.screenshot(tmp_path / "changes.png")
    assert shot.stat().st_size > 20_000
    Path("/tmp/beltmap_changes_layer.png").write_bytes(shot.read_bytes())  # to look at
    # nothing left the machine, no script error, no CSP violation
    assert all(url.startswith(("file://", "data:")) for url in desktop.requests())
    assert desktop.errors() == []


def test_coverage_walks_say_straight_line_without_roads(qgis_app):
    from beltmap.core.changes.walks import ROADS, STRAIGHT, walk_note, walk_summary

    assert walk_summary((STRAIGHT, ROADS), 1.3, True).endswith(
        "before: straight line x 1.3 (no roads); after: along the roads"
    )
    assert "之前：直线距离 x 1.3（无道路）" in walk_summary((STRAIGHT, STRAIGHT), 1.3, False)
    assert walk_note((STRAIGHT, STRAIGHT), 1.3).startswith("Coverage shares: straight line x 1.3")
    assert walk_summary((), 1.3, True) == ""
