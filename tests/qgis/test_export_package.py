"""`beltmap:exportpackage` end to end through qgis_process.bin on the demo belt, and its building blocks."""

import hashlib
import json
import shutil
import sqlite3
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import qgis_profile

pytestmark = pytest.mark.slow

ZONE_TYPE_NAMES_ZH = ("园区", "社区", "街区", "展区", "景区")
TITLE = "安驰路产城融合实践带"
DPI = 60


def _layer_args(gpkg: Path, roads=True):
    args = [
        "BELT={}|layername=belt".format(gpkg),
        "ZONES={}|layername=zones".format(gpkg),
        "SITES={}|layername=sites".format(gpkg),
    ]
    if roads:
        args.append("ROADS={}|layername=roads".format(gpkg))
    return args


def _export(qgis_process, gpkg, out, *extra, check=True):
    args = [
        "run",
        "beltmap:exportpackage",
        "--json",
        "--",
        *_layer_args(gpkg),
        "OUTPUT_FOLDER={}".format(out),
    ]
    result = qgis_process(args + list(extra), check=False)
    if check and result.returncode != 0:
        pytest.fail("exportpackage failed:\n{}\n{}".format(result.stdout[-3000:], result.stderr[-3000:]))
    return result


def _json(result):
    return qgis_profile.json_output(result)


def _algorithms(qgis_process):
    listing = qgis_process(["list"]).stdout
    return {word for word in listing.split() if word.startswith("beltmap:")}


def _tag_argument(qgis_process) -> str:
    """TAG=true when beltmap:tagzones is registered in this checkout, else TAG=false."""
    return "TAG={}".format("true" if "beltmap:tagzones" in _algorithms(qgis_process) else "false")


def _no_partial(folder: Path):
    return [p.name for p in folder.iterdir() if ".partial-" in p.name]


@pytest.fixture(scope="module")
def package(qgis_process, demo_gpkg, tmp_path_factory):
    """One package of the demo belt: PDF, PNG and SVG at a low dpi, zipped, tagged when tagzones exists."""
    out = tmp_path_factory.mktemp("export")
    tag = _tag_argument(qgis_process)
    result = _export(
        qgis_process,
        demo_gpkg,
        out,
        "FORMATS=PDF",
        "FORMATS=PNG",
        "FORMATS=SVG",
        "DPI={}".format(DPI),
        "ZIP=true",
        tag,
    )
    data = _json(result)
    return {
        "out": out,
        "results": data["results"],
        "folder": Path(data["results"]["OUTPUT_FOLDER"]),
        "tag": tag == "TAG=true",
        "log": result.stdout + result.stderr,
    }


def test_results_and_layout_of_the_package(package):
    folder, results = package["folder"], package["results"]
    assert folder == package["out"] / "anchi_belt_map"
    for name in ("belt.gpkg", "belt.qgz", "manifest.json", "README.txt"):
        assert (folder / name).is_file(), name
    maps = [Path(p) for p in results["MAPS"]]
    assert {p.name for p in maps} == {
        "anchi_belt_map_A3.pdf",
        "anchi_belt_map_A3.png",
        "anchi_belt_map_A3.svg",
    }
    assert all(p.parent == folder / "maps" and p.is_file() for p in maps)
    assert Path(results["ZIP_FILE"]) == package["out"] / "anchi_belt_map.zip"
    assert results["GPKG"] == str(folder / "belt.gpkg") and results["PROJECT"] == str(folder / "belt.qgz")
    assert _no_partial(package["out"]) == []
    assert "Map formats: PDF, PNG, SVG" in package["log"]  # what QGIS 3.22 logs as 'FORMATS' : ''
    summary = (folder / "tables" / "zone_summary.csv").read_bytes()
    assert summary.startswith(b"\xef\xbb\xbf") and "园区".encode() in summary
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "【中文】" in readme and "[English]" in readme and "OpenStreetMap" in readme and "示意" in readme


def test_manifest_checksums_match_the_files(package):
    folder = package["folder"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert set(listed) == on_disk
    for path, entry in listed.items():
        data = (folder / path).read_bytes()
        assert entry["size"] == len(data), path
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), path
    counts = {layer["name"]: layer["feature_count"] for layer in manifest["layers"]}
    assert counts["belt"] == 1 and counts["zones"] == 32 and counts["sites"] == 268 and counts["roads"] == 69
    assert all(layer["crs"] == "EPSG:4490" for layer in manifest["layers"] if layer["geometry"])
    assert set(manifest["software"]) >= {"beltmap", "qgis", "gdal", "proj"}
    assert manifest["parameters"]["PAPER"] == "A3" and manifest["parameters"]["DPI"] == DPI
    assert manifest["created"][:4].isdigit()


def test_zip_holds_the_package(package):
    import zipfile

    with zipfile.ZipFile(package["results"]["ZIP_FILE"]) as archive:
        names = set(archive.namelist())
    assert "anchi_belt_map/belt.gpkg" in names and "anchi_belt_map/manifest.json" in names
    assert "anchi_belt_map/maps/anchi_belt_map_A3.pdf" in names


def test_geopackage_has_styles_and_metadata_for_every_layer(package):
    gpkg = package["folder"] / "belt.gpkg"
    with sqlite3.connect(str(gpkg)) as db:
        tables = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}
        styled = {
            row[0]: row[1]
            for row in db.execute("SELECT f_table_name, useAsDefault FROM layer_styles WHERE useAsDefault")
        }
        metadata = " ".join(row[0] for row in db.execute("SELECT metadata FROM gpkg_metadata"))
    assert {"belt", "zones", "sites", "roads", "zone_summary"} <= tables
    assert tables - {"layer_styles"} <= set(styled), tables - set(styled)
    assert "OpenStreetMap" in metadata and "实践带边界" in metadata
    assert not list(gpkg.parent.glob("belt.gpkg-*")), "SQLite side files left in the package"


def test_tagged_sites_carry_zone_fields(package):
    assert package["tag"], "beltmap:tagzones is not registered: the package's sites were not tagged"
    with sqlite3.connect(str(package["folder"] / "belt.gpkg")) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(sites)")}
    assert {"zone_type", "zone_id", "zone_name", "zone_types", "zone_count", "in_belt"} <= columns


def test_an_export_with_tag_validates_once(package):
    """Issue 17: the export validates belt, zones and sites once; tagging the sites does not check again."""
    assert package["tag"]
    log = package["log"]
    assert log.count("Checking the belt data before running") == 1, log[-3000:]
    assert "features tagged" in log  # the sites were tagged, after that one check


def _layers_by_table(project):
    """The project's layers by GeoPackage table (layer names are titles, tables stay ASCII)."""
    layers = [layer for layer in project.mapLayers().values() if not layer.name().startswith("atlas_mask")]
    return {layer.source().split("layername=")[-1]: layer for layer in layers}


def _belt_extent_4549(gpkg: Path):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsVectorLayer,
    )

    belt = QgsVectorLayer("{}|layername=belt".format(gpkg), "belt", "ogr")
    transform = QgsCoordinateTransform(belt.crs(), QgsCoordinateReferenceSystem("EPSG:4549"), QgsProject())
    return transform.transformBoundingBox(belt.extent())


def _canvas_extent(qgz: Path):
    """The <mapcanvas name="theMapCanvas"> extent and CRS saved in a .qgz, as the desktop reads them."""
    with zipfile.ZipFile(qgz) as archive:
        name = [n for n in archive.namelist() if n.endswith(".qgs")][0]
        root = ET.fromstring(archive.read(name))
    canvas = [c for c in root.iter("mapcanvas") if c.get("name") == "theMapCanvas"]
    assert len(canvas) == 1, "no main map canvas saved in the project"
    extent = canvas[0].find("extent")
    values = [float(extent.find(k).text) for k in ("xmin", "ymin", "xmax", "ymax")]
    return values, canvas[0].find("destinationsrs/spatialrefsys/authid").text


def test_project_opens_from_a_moved_copy_on_the_belt(package, tmp_path, qgis_app):
    from qgis.core import QgsProject

    first = tmp_path / "first" / "copied"
    shutil.copytree(package["folder"], first)
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    shutil.move(str(first), str(moved))
    project = QgsProject()
    assert project.read(str(moved / "belt.qgz"))
    layers = _layers_by_table(project)
    assert {"belt", "zones", "sites", "roads"} <= set(layers)
    for layer in layers.values():
        assert layer.isValid(), layer.name()
        assert layer.source().startswith(str(moved)), layer.source()
        assert layer.featureCount() > 0
    layouts = project.layoutManager().printLayouts()
    assert layouts and layouts[0].itemById("map") is not None
    # it opens on the whole belt, in EPSG:4549: project default view and the saved canvas extent
    belt = _belt_extent_4549(moved / "belt.gpkg")
    view = project.viewSettings().defaultViewExtent()
    assert view.crs().authid() == "EPSG:4549" and project.crs().authid() == "EPSG:4549"
    assert view.contains(belt) and view.width() < 1.3 * belt.width() and view.height() < 1.3 * belt.height()
    (xmin, ymin, xmax, ymax), authid = _canvas_extent(moved / "belt.qgz")
    assert authid == "EPSG:4549"
    assert xmin <= belt.xMinimum() and ymin <= belt.yMinimum()
    assert xmax >= belt.xMaximum() and ymax >= belt.yMaximum()
    assert xmax - xmin < 2 * max(belt.width(), belt.height())  # the belt, not the whole world
    project.clear()


def test_layer_titles_follow_the_language_in_chinese(package, qgis_app):
    from qgis.core import QgsProject

    project = QgsProject()
    assert project.read(str(package["folder"] / "belt.qgz"))
    layers = _layers_by_table(project)
    names = {table: layers[table].name() for table in ("belt", "zones", "sites", "roads")}
    assert names == {
        "belt": "实践带边界(示意)",
        "zones": "区域(示意)",
        "sites": "点位(示意)",
        "roads": "道路(OSM)",
    }
    assert layers["zone_summary"].name() == "区域统计"
    assert all(layer.title() == layer.name() for layer in layers.values())
    project.clear()
    with sqlite3.connect(str(package["folder"] / "belt.gpkg")) as db:
        metadata = " ".join(row[0] for row in db.execute("SELECT metadata FROM gpkg_metadata"))
        tables = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}
    for title in names.values():
        assert "<title>{}</title>".format(title) in metadata, title
    assert all(table.isascii() for table in tables), tables


def test_pdf_embeds_a_cjk_font_and_holds_the_chinese_text(package, demo_gpkg):
    pdf = package["folder"] / "maps" / "anchi_belt_map_A3.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk), fonts  # the 'emb' column
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert TITLE in flat
    for name in ZONE_TYPE_NAMES_ZH + (
        "图例",
        "示意",
        "点位",
        "区域",
        "实践带边界",
        "OpenStreetMap",
        "Gauss-Kruger",
    ):
        assert name in flat, name
    with sqlite3.connect(str(demo_gpkg)) as db:
        zone_names = [row[0] for row in db.execute("SELECT name FROM zones")]
    drawn = [name for name in zone_names if "".join(name.split()) in flat]
    # labels are placed without overlaps, so a crowded label may be left out, but most are drawn
    assert len(drawn) >= 0.75 * len(zone_names), set(zone_names) - set(drawn)


def test_png_has_the_pixel_size_of_paper_and_dpi(package):
    png = package["folder"] / "maps" / "anchi_belt_map_A3.png"
    with open(png, "rb") as handle:
        header = handle.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    long_side, short_side = (round(420 / 25.4 * DPI), round(297 / 25.4 * DPI))
    assert sorted((width, height)) == sorted((short_side, long_side)) or (
        abs(max(width, height) - long_side) <= 1 and abs(min(width, height) - short_side) <= 1
    ), (width, height)
    assert width > height  # the demo belt is wide: landscape


def test_svg_parses(package):
    root = ET.parse(str(package["folder"] / "maps" / "anchi_belt_map_A3.svg")).getroot()
    assert root.tag.endswith("svg")


def test_second_run_without_overwrite_fails_and_keeps_the_package(package, qgis_process, demo_gpkg):
    folder = package["folder"]
    before = {p: p.read_bytes() for p in (folder / "manifest.json", folder / "belt.gpkg")}
    result = _export(qgis_process, demo_gpkg, package["out"], "TAG=false", "FORMATS=PDF", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "already exists" in output and "OVERWRITE" in output
    assert "Traceback" not in output
    assert {p: p.read_bytes() for p in before} == before
    assert _no_partial(package["out"]) == []


def test_overwrite_replaces_the_package(qgis_process, demo_gpkg, tmp_path):
    old = tmp_path / "anchi_belt_map"
    old.mkdir()
    (old / "stale.txt").write_text("from an older export")
    result = _export(
        qgis_process, demo_gpkg, tmp_path, "TAG=false", "FORMATS=PNG", "DPI=36", "OVERWRITE=true"
    )
    folder = Path(_json(result)["results"]["OUTPUT_FOLDER"])
    assert not (folder / "stale.txt").exists() and (folder / "maps" / "anchi_belt_map_A3.png").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anchi_belt_map"]


def test_atlas_per_zone_type_in_english(qgis_process, demo_gpkg, tmp_path):
    result = _export(
        qgis_process,
        demo_gpkg,
        tmp_path,
        "TAG=false",
        "FORMATS=PDF",
        "ATLAS=zone_type",
        "LANGUAGE=en",
        "PAPER=A4",
        "NAME=belt_en",
    )
    maps = sorted(Path(p).name for p in _json(result)["results"]["MAPS"])
    assert "belt_en_A4.pdf" in maps
    pages = [m for m in maps if m.startswith("belt_en_A4_zone_type_")]
    assert sorted(pages) == sorted(
        "belt_en_A4_zone_type_{}.pdf".format(k)
        for k in ("park", "community", "street", "exhibition", "scenic")
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "belt_en" / "maps" / "belt_en_A4_zone_type_park.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Legend" in text and "Park" in text and "Illustrative" in text
    from qgis.core import QgsProject

    project = QgsProject()
    assert project.read(str(tmp_path / "belt_en" / "belt.qgz"))
    names = {table: layer.name() for table, layer in _layers_by_table(project).items()}
    assert names["belt"] == "Belt boundary (illustrative)" and names["zones"] == "Zones (illustrative)"
    assert names["sites"] == "Sites (illustrative)" and names["roads"] == "Roads (OSM)"
    assert names["zone_summary"] == "Zone summary"
    project.clear()
    with sqlite3.connect(str(tmp_path / "belt_en" / "belt.gpkg")) as db:
        metadata = " ".join(row[0] for row in db.execute("SELECT metadata FROM gpkg_metadata"))
    assert "<title>Belt boundary (illustrative)</title>" in metadata


def test_font_without_cjk_fails_the_preflight(qgis_process, demo_gpkg, tmp_path, monkeypatch):
    monkeypatch.setenv("BELTMAP_FONT", "DejaVu Sans")
    result = _export(qgis_process, demo_gpkg, tmp_path, "TAG=false", "FORMATS=PDF", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "DejaVu Sans" in output and "fonts-noto-cjk" in output
    assert "安" in output and "驰" in output  # the characters of the title it cannot draw
    assert list(tmp_path.iterdir()) == []


def test_unusable_output_folder_is_a_clean_error(qgis_process, demo_gpkg, tmp_path):
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    result = _export(qgis_process, demo_gpkg, blocker / "out", "TAG=false", "FORMATS=PDF", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "cannot be created" in output and "Traceback" not in output


def test_cancel_half_way_leaves_nothing(provider, demo_gpkg, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    class CancelAtMaps(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            if progress >= 50:
                self.cancel()

    existing = tmp_path / "anchi_belt_map"
    existing.mkdir()
    (existing / "keep.txt").write_text("an earlier package")
    gpkg = str(demo_gpkg)
    parameters = {
        "BELT": gpkg + "|layername=belt",
        "ZONES": gpkg + "|layername=zones",
        "SITES": [gpkg + "|layername=sites"],
        "ROADS": gpkg + "|layername=roads",
        "TAG": False,
        "FORMATS": ["PDF", "PNG"],
        "DPI": 36,
        "ZIP": True,
        "OVERWRITE": True,
        "OUTPUT_FOLDER": str(tmp_path),
    }
    feedback = CancelAtMaps()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run("beltmap:exportpackage", parameters, feedback=feedback)
    assert feedback.isCanceled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anchi_belt_map"]
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]


# ---------------------------------------------------------------------------------------------
# validation gate (issue 6)


def _demo_with_duplicate_zone_id(demo_gpkg: Path, folder: Path) -> Path:
    """A copy of the demo belt whose zone 2 has zone 1's id: an error-level validation finding."""
    from osgeo import ogr

    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "duplicate_ids.gpkg"
    shutil.copy(demo_gpkg, copy)
    dataset = ogr.Open(str(copy), 1)
    layer = dataset.GetLayerByName("zones")
    first, second = layer.GetFeature(1), layer.GetFeature(2)
    second.SetField("zone_id", first.GetField("zone_id"))
    assert layer.SetFeature(second) == 0
    dataset = None
    return copy


def test_validation_errors_stop_the_export_before_anything_is_written(qgis_process, demo_gpkg, tmp_path):
    gpkg = _demo_with_duplicate_zone_id(demo_gpkg, tmp_path / "input")
    before = gpkg.read_bytes()
    out = tmp_path / "out"
    result = _export(qgis_process, gpkg, out, "TAG=false", "FORMATS=PNG", "DPI=36", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Validation found 1 error(s)" in output and "'Z01'" in output, output[-3000:]
    assert "IGNORE_VALIDATION" in output and "Traceback" not in output
    assert not out.exists() or list(out.iterdir()) == []
    assert gpkg.read_bytes() == before


def test_ignore_validation_exports_despite_errors(qgis_process, demo_gpkg, tmp_path):
    gpkg = _demo_with_duplicate_zone_id(demo_gpkg, tmp_path / "input")
    result = _export(
        qgis_process,
        gpkg,
        tmp_path / "out",
        _tag_argument(qgis_process),
        "FORMATS=PNG",
        "DPI=36",
        "IGNORE_VALIDATION=true",
    )
    assert "IGNORE_VALIDATION is set" in result.stdout + result.stderr
    folder = Path(_json(result)["results"]["OUTPUT_FOLDER"])
    assert (folder / "maps" / "anchi_belt_map_A3.png").is_file()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["IGNORE_VALIDATION"] is True


# ---------------------------------------------------------------------------------------------
# the evaluation index in the package (issue 7)

INDEX_FILES = (
    "tables/evaluation_index.csv",
    "tables/evaluation_index_weights.csv",
    "maps/evaluation_index_chart.png",
    "maps/evaluation_index_chart.svg",
)


@pytest.fixture(scope="module")
def index_package(qgis_process, demo_gpkg, tmp_path_factory):
    """A package of the demo belt with INDEX=true (PNG at a low dpi)."""
    assert "beltmap:evaluationindex" in _algorithms(qgis_process), "beltmap:evaluationindex not registered"
    out = tmp_path_factory.mktemp("export_index")
    result = _export(
        qgis_process, demo_gpkg, out, "FORMATS=PNG", "DPI=36", "INDEX=true", _tag_argument(qgis_process)
    )
    data = _json(result)
    return {"folder": Path(data["results"]["OUTPUT_FOLDER"]), "results": data["results"]}


def test_index_files_are_in_the_package_and_the_manifest(index_package):
    folder = index_package["folder"]
    for path in INDEX_FILES:
        assert (folder / path).is_file() and (folder / path).stat().st_size > 0, path
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for path in INDEX_FILES:
        assert listed[path]["sha256"] == hashlib.sha256((folder / path).read_bytes()).hexdigest(), path
    assert set(INDEX_FILES) <= set(index_package["results"]["FILES"])
    assert manifest["parameters"]["INDEX"] is True
    counts = {layer["name"]: layer["feature_count"] for layer in manifest["layers"]}
    assert counts["evaluation_index"] == 32 and counts["evaluation_weights"] >= 2
    assert all(layer["crs"] == "EPSG:4490" for layer in manifest["layers"] if layer["geometry"])
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    for path in INDEX_FILES:
        assert readme.count(path) == 2, path  # once in Chinese, once in English
    assert "not public" in readme and "未公开" in readme


def test_index_tables_in_the_geopackage_have_styles(index_package):
    gpkg = index_package["folder"] / "belt.gpkg"
    with sqlite3.connect(str(gpkg)) as db:
        tables = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}
        styles = dict(
            db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault").fetchall()
        )
        rows = db.execute("SELECT count(*), min(rank), max(rank) FROM evaluation_index").fetchone()
        metadata = " ".join(row[0] for row in db.execute("SELECT metadata FROM gpkg_metadata"))
    assert {"evaluation_index", "evaluation_weights"} <= tables
    assert {"evaluation_index", "evaluation_weights"} <= set(styles)
    assert (
        'type="graduatedSymbol"' in styles["evaluation_index"]
        and 'attr="score"' in styles["evaluation_index"]
    )
    assert rows == (32, 1, 32)
    assert "党群服务站密度" in styles["evaluation_index"]  # indicator titles kept as field aliases
    assert "综合性建设评价指数" in metadata


def test_index_csv_has_a_row_per_zone_and_the_chart_is_a_picture(index_package):
    import csv

    folder = index_package["folder"]
    raw = (folder / "tables" / "evaluation_index.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 32
    assert {"unit_name", "score", "topsis", "rank", "grade"} <= set(rows[0])
    assert sorted(int(row["rank"]) for row in rows) == list(range(1, 33))
    weights = list(
        csv.DictReader(
            (folder / "tables" / "evaluation_index_weights.csv").read_text("utf-8-sig").splitlines()
        )
    )
    assert abs(sum(float(w["weight"]) for w in weights) - 1.0) < 1e-3
    assert any("密度" in w["label"] for w in weights)  # the indicator titles, not just their keys
    assert (folder / "maps" / "evaluation_index_chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ET.parse(str(folder / "maps" / "evaluation_index_chart.svg"))
    maps = {Path(p).name for p in index_package["results"]["MAPS"]}
    assert maps == {"anchi_belt_map_A3.png"}  # the chart is a file of the package, not a print map


def test_index_layer_is_in_the_project_hidden(index_package, qgis_app):
    from qgis.core import QgsProject

    project = QgsProject()
    assert project.read(str(index_package["folder"] / "belt.qgz"))
    layers = _layers_by_table(project)
    assert layers["evaluation_index"].isValid() and layers["evaluation_index"].featureCount() == 32
    assert layers["evaluation_index"].renderer().type() == "graduatedSymbol"
    node = project.layerTreeRoot().findLayer(layers["evaluation_index"].id())
    assert node is not None and not node.itemVisibilityChecked()
    assert (
        layers["zones"].id()
        and project.layerTreeRoot().findLayer(layers["zones"].id()).itemVisibilityChecked()
    )
    project.clear()


# ---------------------------------------------------------------------------------------------
# the web map in the package (issue 11)


def test_package_holds_the_web_map_in_manifest_readme_and_zip(package):
    import zipfile

    from webmap_browser import WEB_FILES

    folder = package["folder"]
    for name in WEB_FILES:
        assert (folder / "web" / name).is_file(), name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert "web/index.html" in {entry["path"] for entry in manifest["files"]}
    assert manifest["parameters"]["WEBMAP"] is True
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert readme.count("web/index.html") == 2 and "电子地图" in readme
    with zipfile.ZipFile(package["results"]["ZIP_FILE"]) as archive:
        assert "anchi_belt_map/web/index.html" in archive.namelist()


def test_package_web_map_shows_the_index_of_a_zone(index_package):
    import webmap_browser

    assert webmap_browser.available(), "needs chromium, chromium-driver and selenium: run `make test`"
    browser = webmap_browser.Browser()
    try:
        browser.open((index_package["folder"] / "web" / "index.html").as_uri() + "#zone=Z01")
        text = browser.js("return document.querySelector('.bm-info').textContent")
        assert "综合评价得分" in text and "评价等级" in text
        assert browser.console() == []
    finally:
        browser.quit()


def test_package_without_web_map(qgis_process, demo_gpkg, tmp_path):
    result = _export(qgis_process, demo_gpkg, tmp_path, "FORMATS=PNG", "DPI=36", "TAG=false", "WEBMAP=false")
    folder = Path(_json(result)["results"]["OUTPUT_FOLDER"])
    assert (folder / "belt.gpkg").is_file() and not (folder / "web").exists()
