"""Test and benchmark data for the web map: the demo belt with many random sites."""

import random
from pathlib import Path

CATEGORIES = ("enterprise", "facility", "residential", "service_station", "institute", "school")


def demo_with_sites(demo: Path, target: Path, count: int, seed: int = 11) -> Path:
    """Write target: the demo's belt, zones and roads and `count` random sites in the belt's extent."""
    from osgeo import gdal, ogr, osr

    partial = target.with_name(target.stem + ".partial.gpkg")
    partial.unlink(missing_ok=True)
    gdal.VectorTranslate(str(partial), str(demo), layers=["belt", "zones", "roads"])
    data = ogr.Open(str(partial), 1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    layer = data.CreateLayer("sites", srs, ogr.wkbPoint)
    for name in ("site_id", "name", "category"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    west, east, south, north = data.GetLayerByName("belt").GetExtent()
    rng = random.Random(seed)
    layer.StartTransaction()
    for i in range(count):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature["site_id"] = "B{:05d}".format(i)
        feature["name"] = "测试点位{}".format(i)
        feature["category"] = CATEGORIES[i % len(CATEGORIES)]
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(rng.uniform(west, east), rng.uniform(south, north))
        feature.SetGeometry(point)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    data = None
    partial.rename(target)
    return target
