"""Writers that wait their turn (issue 17): three qgis_process.bin runs adding layers to one GeoPackage at
the same time all succeed, every other layer intact; a new layer in an existing GeoPackage is tagged by
the vectorised path."""

import random
import sqlite3
import subprocess
import threading
import time

import qgis_profile
from belt_fixtures import small_belt
from osgeo import ogr, osr

SITES = 20000


def many_sites(path, n=SITES):
    """A GeoPackage layer `many` of n points around the small belt's zones (EPSG:4490)."""
    rng = random.Random(17)
    dataset = ogr.Open(str(path), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    layer = dataset.CreateLayer("many", srs, ogr.wkbPoint, ["GEOMETRY_NAME=geom"])
    for name in ("name", "category"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    layer.StartTransaction()
    for i in range(n):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("name", "site {}".format(i))
        feature.SetField("category", "enterprise")
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(121.165 + rng.random() * 0.015, 31.275 + rng.random() * 0.01)
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    dataset = None


def layer_counts(path) -> dict:
    dataset = ogr.Open(str(path))
    counts = {}
    for i in range(dataset.GetLayerCount()):
        layer = dataset.GetLayerByIndex(i)
        counts[layer.GetName()] = layer.GetFeatureCount()
    dataset = None
    return counts


def _turn_taken(path) -> bool:
    """True while a Belt Map writer holds its turn to write into the GeoPackage at path."""
    from beltmap.core.base import gpkg_sqlite

    try:
        with gpkg_sqlite.writer_turn(path, timeout=0):
            return False
    except TimeoutError:
        return True


def test_three_concurrent_writers_into_one_geopackage_all_succeed(qgis_config_dir, tmp_path):
    inputs = small_belt(tmp_path / "inputs.gpkg")
    many_sites(inputs)
    target = small_belt(tmp_path / "target.gpkg")
    before = layer_counts(target)
    env = qgis_profile.qgis_env(qgis_config_dir)
    # another program (QGIS editing the file, say) holds a write lock on the GeoPackage at first
    other = sqlite3.connect(str(target), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    runs = []
    for table in ("t1", "t2", "t3"):
        arguments = [
            qgis_profile.qgis_process_binary(),
            "run",
            "beltmap:tagzones",
            "--",
            "INPUT={}|layername=many".format(inputs),
            "ZONES={}|layername=zones".format(inputs),
            "OUTPUT=ogr:dbname='{}' table=\"{}\" (geom)".format(target, table),
        ]
        runs.append(
            subprocess.Popen(arguments, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        )
    lines = [[] for _run in runs]
    readers = [
        threading.Thread(target=lambda r=r, out=out: out.extend(r.stdout)) for r, out in zip(runs, lines)
    ]
    for reader in readers:
        reader.start()
    # release it once a run has its turn among Belt Map's writers and waits for that other program
    deadline = time.monotonic() + 300
    while not _turn_taken(target) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    other.execute("ROLLBACK")
    other.close()
    for run, reader in zip(runs, readers):
        run.wait(timeout=600)
        reader.join()
    outputs = ["".join(out) for out in lines]
    assert any("Waiting for {}, another program is writing it".format(target) in o for o in outputs), outputs[
        0
    ]
    for run, output in zip(runs, outputs):
        assert run.returncode == 0, output[-3000:]
        assert "database is locked" not in output
    after = layer_counts(target)
    assert {name: after[name] for name in before} == before
    assert after["t1"] == after["t2"] == after["t3"] == SITES
    # every run tagged the whole layer the vectorised way, straight into the existing GeoPackage
    for output in outputs:
        assert "Vectorised tagging" in output, output[-3000:]
        assert "not a GeoPackage file" not in output
    dataset = ogr.Open(str(target))
    tags = {tuple(f.GetField(n) for n in ("name", "zone_type")) for f in dataset.GetLayerByName("t2")}
    reference = {tuple(f.GetField(n) for n in ("name", "zone_type")) for f in dataset.GetLayerByName("t1")}
    dataset = None
    assert tags == reference and {t for _n, t in tags} > {None}
    assert not [p.name for p in tmp_path.iterdir() if ".partial-" in p.name or ".part." in p.name]
