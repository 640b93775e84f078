"""The one way in and out (issue 10), through qgis_process.bin on real files where the issue asks for it:
inputs never written over, new GeoPackage layers beside the others, formula-safe tables, GBK shapefiles
read right by every algorithm, names users know, no partial files, "no space left on device"."""

import csv
import errno
import hashlib
import os

import pytest
from belt_fixtures import small_belt, square
from osgeo import gdal, ogr, osr

FORMULA = '=HYPERLINK("http://x","点击")'


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def layer_counts(path) -> dict:
    """{layer name: feature count} of a GeoPackage, read with GDAL."""
    dataset = ogr.Open(str(path))
    counts = {}
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayerByIndex(i)
        counts[layer.GetName()] = layer.GetFeatureCount()
    dataset = None
    return counts


def uri(gpkg, name) -> str:
    return "{}|layername={}".format(gpkg, name)


def tag_cli(qgis_process, sites, zones, output):
    """beltmap:tagzones through qgis_process.bin (not checked: the caller looks at the return code)."""
    arguments = ["run", "beltmap:tagzones", "--", "INPUT={}".format(sites), "ZONES={}".format(zones)]
    return qgis_process(arguments + ["OUTPUT={}".format(output)], check=False)


def failure(algorithm, parameters) -> str:
    """The message of the QgsProcessingException a run raises (the test fails when it succeeds)."""
    from qgis import processing
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        processing.run(algorithm, parameters)
    return str(info.value)


def partial_files(folder) -> list:
    return [p.name for p in folder.iterdir() if ".partial-" in p.name or p.name.endswith(".part.gpkg")]


def formula_belt(path):
    """A belt GeoPackage with four layers whose second zone is named like a spreadsheet formula."""
    zones = [
        (square(121.17, 31.28), ("Z01", "汽车博览公园", "展区")),
        (square(121.173, 31.28), ("Z02", FORMULA, "园区")),
    ]
    sites = [("POINT(121.171 31.281)", ("-5 企业", "enterprise")), ("POINT(121.174 31.281)", ("@站", "x"))]
    return small_belt(path, zones=zones, sites=sites)


# ---------------------------------------------------------------------------------------------
# item 1: OUTPUT=belt.gpkg would have replaced the whole GeoPackage


def test_output_over_an_input_geopackage_is_refused_and_nothing_changes(qgis_process, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    before, counts = digest(gpkg), layer_counts(gpkg)
    assert sorted(counts) == ["belt", "roads", "sites", "zones"]
    result = tag_cli(qgis_process, uri(gpkg, "sites"), uri(gpkg, "zones"), gpkg)
    text = result.stdout + result.stderr
    assert result.returncode != 0, text[-2000:]
    assert "would write over the input" in text and "OUTPUT" in text and "INPUT" in text, text[-2000:]
    assert digest(gpkg) == before and layer_counts(gpkg) == counts
    assert not partial_files(tmp_path)


def test_a_new_layer_in_an_input_geopackage_keeps_every_other_layer(qgis_process, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    counts = layer_counts(gpkg)
    new_layer = "ogr:dbname='{}' table=\"tagged\" (geom)".format(gpkg)
    result = tag_cli(qgis_process, uri(gpkg, "sites"), uri(gpkg, "zones"), new_layer)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    after = layer_counts(gpkg)
    assert {name: after[name] for name in counts} == counts
    assert after["tagged"] == counts["sites"]
    dataset = ogr.Open(str(gpkg))
    tags = [f.GetField("zone_type") for f in dataset.GetLayerByName("tagged")]
    dataset = None
    assert tags == ["park", "community"], tags
    assert not partial_files(tmp_path)


def test_an_existing_input_layer_named_as_output_is_refused(provider, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    before = digest(gpkg)
    parameters = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones")}
    parameters["OUTPUT"] = "ogr:dbname='{}' table=\"sites\" (geom)".format(gpkg)
    assert "would write over the input" in failure("beltmap:tagzones", parameters)
    assert digest(gpkg) == before


def test_csv_and_html_outputs_over_inputs_are_refused(provider, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    before = digest(gpkg)
    summary = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones"), "OUTPUT": "TEMPORARY_OUTPUT"}
    summary["OUTPUT_CSV"] = str(gpkg)
    assert "OUTPUT_CSV" in failure("beltmap:zonesummary", summary)
    report = {"ZONES": uri(gpkg, "zones"), "REPORT": "TEMPORARY_OUTPUT", "REPORT_HTML": str(gpkg)}
    assert "REPORT_HTML" in failure("beltmap:validate", report)
    assert digest(gpkg) == before


def test_a_package_folder_holding_an_input_is_refused(provider, tmp_path):
    folder = tmp_path / "out" / "anchi_belt_map"
    folder.mkdir(parents=True)
    gpkg = small_belt(folder / "belt.gpkg")
    before = digest(gpkg)
    parameters = {"BELT": uri(gpkg, "belt"), "ZONES": uri(gpkg, "zones"), "SITES": [uri(gpkg, "sites")]}
    parameters.update(OUTPUT_FOLDER=str(tmp_path / "out"), NAME="anchi_belt_map", OVERWRITE=True)
    assert "would write over the input" in failure("beltmap:exportpackage", parameters)
    assert digest(gpkg) == before and sorted(os.listdir(folder)) == ["belt.gpkg"]


# ---------------------------------------------------------------------------------------------
# item 4: formula-like names reach CSV files as text; numbers stay numbers


def test_formula_names_are_written_as_text_in_the_zone_summary_csv(qgis_process, tmp_path):
    gpkg = formula_belt(tmp_path / "belt.gpkg")
    table = tmp_path / "zone_summary.csv"
    result = qgis_process(
        [
            "run",
            "beltmap:zonesummary",
            "--",
            "INPUT={}|layername=sites".format(gpkg),
            "ZONES={}|layername=zones".format(gpkg),
            "OUTPUT={}".format(tmp_path / "summary.gpkg"),
            "OUTPUT_CSV={}".format(table),
        ],
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    with open(table, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = [row["zone_name"] for row in rows]
    assert "'" + FORMULA in names and FORMULA not in names
    assert "汽车博览公园" in names
    for row in rows:
        for key in ("area_m2", "total"):
            if row[key]:
                float(row[key])  # a number, no apostrophe
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values() if cell)
    assert not partial_files(tmp_path)


def test_formula_cells_in_a_csv_sink_are_text(provider, tmp_path):
    from qgis import processing

    gpkg = formula_belt(tmp_path / "belt.gpkg")
    report = tmp_path / "report.csv"
    processing.run(
        "beltmap:importsites",
        {"INPUT": str(_site_list(tmp_path)), "OUTPUT": "TEMPORARY_OUTPUT", "ERRORS": str(report)},
    )
    with open(report, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and rows[0]["name"] == "'" + FORMULA, rows
    assert rows[0]["row"] == "3"  # a number stays a number
    assert gpkg.exists()


def _site_list(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(
        'name,lon,lat\n上汽大众,121.171,31.281\n"{}",not a number,31.28\n'.format(FORMULA.replace('"', '""')),
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------------------------------------
# item 2: a GBK shapefile without .cpg and LDID 0, as ZONES of tagzones


def gbk_zones(path):
    """A GBK zones shapefile as design institutes send it: no .cpg, DBF language driver byte 0."""
    ogr.UseExceptions()
    saved = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)  # QGIS sets "" (no recoding) once it runs
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    dataset = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = dataset.CreateLayer(path.stem, srs, ogr.wkbPolygon, options=["ENCODING=CP936"])
    for name in ("zone_id", "name", "zone_type"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    for x, values in ((121.17, ("Z05", "汽车博览公园", "园区")), (121.173, ("Z06", "安亭社区", "社区"))):
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(("zone_id", "name", "zone_type"), values):
            feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(square(x, 31.28)))
        layer.CreateFeature(feature)
    dataset = None
    gdal.SetConfigOption("SHAPE_ENCODING", saved)
    if path.with_suffix(".cpg").exists():
        path.with_suffix(".cpg").unlink()
    data = bytearray(path.with_suffix(".dbf").read_bytes())
    assert bytes(data).find("汽车博览公园".encode("gbk")) > 0
    data[29] = 0
    path.with_suffix(".dbf").write_bytes(bytes(data))
    return path


def test_gbk_zones_shapefile_is_read_right_by_tagzones(qgis_process, tmp_path):
    zones = gbk_zones(tmp_path / "zones.shp")
    before = digest(zones.with_suffix(".dbf"))
    gpkg = small_belt(tmp_path / "belt.gpkg")
    out = tmp_path / "tagged.gpkg"
    result = tag_cli(qgis_process, uri(gpkg, "sites"), zones, out)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    dataset = ogr.Open(str(out))
    tags = {
        (f.GetField("zone_id"), f.GetField("zone_name"), f.GetField("zone_type")) for f in dataset.GetLayer(0)
    }
    dataset = None
    assert ("Z05", "汽车博览公园", "park") in tags, tags
    assert not zones.with_suffix(".cpg").exists() and digest(zones.with_suffix(".dbf")) == before


def test_an_unreadable_input_names_the_parameter_and_the_file(provider, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    broken = tmp_path / "zones.shp"
    broken.write_bytes(b"not a shapefile")
    message = failure(
        "beltmap:zonesummary",
        {"INPUT": uri(gpkg, "sites"), "ZONES": str(broken), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "ZONES" in message and str(broken) in message


def test_a_wrong_geometry_type_names_the_parameter(provider, tmp_path):
    gpkg = small_belt(tmp_path / "belt.gpkg")
    message = failure(
        "beltmap:zonesummary",
        {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "roads"), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert "ZONES" in message and "Polygon" in message


# ---------------------------------------------------------------------------------------------
# no space left on device: named, with the folder; nothing left behind


def test_no_space_left_is_named_with_the_folder(provider, tmp_path, monkeypatch):
    from beltmap.processing import guard

    gpkg = small_belt(tmp_path / "belt.gpkg")
    out = tmp_path / "tables"
    out.mkdir()

    def full(source, target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)

    monkeypatch.setattr(guard.os, "replace", full)
    parameters = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones"), "OUTPUT": "TEMPORARY_OUTPUT"}
    parameters["OUTPUT_CSV"] = str(out / "zone_summary.csv")
    message = failure("beltmap:zonesummary", parameters)
    assert "No space left on device" in message and str(out) in message
    assert os.listdir(out) == []


def test_a_shapefile_output_appears_whole_and_replaces_the_old_one(provider, tmp_path):
    from qgis import processing

    gpkg = small_belt(tmp_path / "belt.gpkg")
    out = tmp_path / "tagged.shp"
    (tmp_path / "tagged.qix").write_bytes(b"stale index of an older file")
    parameters = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones"), "OUTPUT": str(out)}
    results = processing.run("beltmap:tagzones", parameters)
    assert results["OUTPUT"] == str(out)
    parts = {p.suffix for p in tmp_path.glob("tagged.*")}
    assert {".shp", ".shx", ".dbf", ".prj"} <= parts and ".qix" not in parts, parts
    dataset = ogr.Open(str(out))
    assert dataset.GetLayer(0).GetFeatureCount() == 2
    dataset = None
    assert not partial_files(tmp_path)


def test_an_output_to_load_is_loaded_from_its_final_file(provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject

    gpkg = small_belt(tmp_path / "belt.gpkg")
    project = QgsProject()
    context = QgsProcessingContext()
    context.setProject(project)
    out = QgsProcessingOutputLayerDefinition(str(tmp_path / "tagged.gpkg"), project)
    out.destinationName = "tagged"
    parameters = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones"), "OUTPUT": out}
    processing.run("beltmap:tagzones", parameters, context=context)
    to_load = context.layersToLoadOnCompletion()
    assert list(to_load) == [str(tmp_path / "tagged.gpkg")]
    assert to_load[str(tmp_path / "tagged.gpkg")].name == "tagged"


def test_a_staged_file_is_moved_in_and_loaded_on_commit_and_removed_without_it(provider, tmp_path):
    from beltmap.processing.guard import OutputGuard
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsProject

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("beltmap:tagzones")
    project = QgsProject()
    context = QgsProcessingContext()
    context.setProject(project)
    final = tmp_path / "tagged.gpkg"
    parameters = {"OUTPUT": str(final)}
    with OutputGuard(algorithm, parameters, context, QgsProcessingFeedback()) as guard:
        staged = guard.stage("OUTPUT", str(final), ("tagged", project))
        with open(staged, "wb") as handle:
            handle.write(b"whole")
        assert not final.exists()
        results = guard.commit({"OUTPUT": staged})
    assert results == {"OUTPUT": str(final)} and final.read_bytes() == b"whole"
    assert list(context.layersToLoadOnCompletion()) == [str(final)]
    with OutputGuard(algorithm, parameters, context, QgsProcessingFeedback()) as guard:
        with open(guard.stage("OUTPUT", str(final)), "wb") as handle:
            handle.write(b"half")
    assert final.read_bytes() == b"whole"
    assert not partial_files(tmp_path)


# ---------------------------------------------------------------------------------------------
# issue 25: the staging a crashed run left is removed by the next run there, never a live run's

HOLD_LOCK = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(120)
"""


def _staging_of_a_run(folder):
    """A staging folder with 2 MB in it, its lock held by another process (the run writing it)."""
    import subprocess
    import sys

    from beltmap.core.base.staging import LOCK_NAME

    folder.mkdir()
    (folder / "sites_tagged.gpkg").write_bytes(b"\0" * 2_000_000)
    run = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder / LOCK_NAME)], stdout=subprocess.PIPE, text=True
    )
    assert run.stdout.readline().strip() == "locked"
    return run


def test_a_crashed_runs_staging_goes_with_the_next_run_and_a_live_runs_stays(provider, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    gpkg = small_belt(tmp_path / "belt.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    crashed = _staging_of_a_run(out / ".sites_tagged.partial-killed9")
    live = _staging_of_a_run(out / ".sites_tagged.partial-running")
    try:
        crashed.kill()  # kill -9 while writing
        crashed.wait()

        class Log(QgsProcessingFeedback):
            lines = []

            def pushInfo(self, text):  # noqa: N802
                self.lines.append(text)
                super().pushInfo(text)

        feedback = Log()
        parameters = {"INPUT": uri(gpkg, "sites"), "ZONES": uri(gpkg, "zones")}
        processing.run(
            "beltmap:tagzones", dict(parameters, OUTPUT=str(out / "tagged.gpkg")), feedback=feedback
        )
        names = sorted(p.name for p in out.iterdir())
        assert names == [".sites_tagged.partial-running", "tagged.gpkg"], names
        said = [line for line in feedback.lines if "no longer running" in line]
        assert len(said) == 1 and ".sites_tagged.partial-killed9" in said[0] and "2.0 MB" in said[0], said
    finally:
        live.kill()
        live.wait()
