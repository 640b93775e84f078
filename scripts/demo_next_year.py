"""A second, illustrative year of the demo belt (示意), scripted from data/demo_belt.gpkg for `make demo`.

Some firms close, open and move, a few sites are renamed, one zone is retyped (Z06 社区 → 街区), one is
split in two (Z12 → Z12A, Z12B) and a service station opens. Deterministic (seeded), plain GDAL.
"""

import argparse
import math
import random
import shutil
from pathlib import Path

from osgeo import ogr

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "demo_belt.gpkg"
SEED = 2026
METRE_LAT = 1 / 111320.0


def metre_lon(lat: float) -> float:
    """Degrees of longitude per metre at a latitude."""
    return 1 / (111320.0 * math.cos(math.radians(lat)))


def random_point_in(geometry, rng) -> ogr.Geometry:
    """A random point inside a polygon (rejection sampling in its envelope)."""
    x0, x1, y0, y1 = geometry.GetEnvelope()
    for _ in range(1000):
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(rng.uniform(x0, x1), rng.uniform(y0, y1))
        if geometry.Contains(point):
            return point
    return geometry.PointOnSurface()


def edit_sites(dataset, zones, rng, notes) -> None:
    """Close, open, move and rename sites; open one service station."""
    layer = dataset.GetLayerByName("sites")
    features = sorted(layer, key=lambda f: f.GetField("site_id"))
    enterprises = [f for f in features if f.GetField("category") == "enterprise"]
    closed = rng.sample(enterprises, 8)
    for feature in closed:
        layer.DeleteFeature(feature.GetFID())
    closed_ids = {f.GetField("site_id") for f in closed}
    rest = [f for f in features if f.GetField("site_id") not in closed_ids]
    for feature in rng.sample(rest, 6):
        point = feature.GetGeometryRef().Clone()
        distance, angle = rng.uniform(30, 180), rng.uniform(0, 2 * math.pi)
        lat = point.GetY()
        point.SetPoint_2D(
            0,
            point.GetX() + distance * math.cos(angle) * metre_lon(lat),
            lat + distance * math.sin(angle) * METRE_LAT,
        )
        feature.SetGeometry(point)
        layer.SetFeature(feature)
    for feature in rng.sample(rest, 4):
        feature.SetField("name", "{}（更名）".format(feature.GetField("name")))
        layer.SetFeature(feature)
    parks = [z for z in zones if z.GetField("zone_type") in ("park", "street")]
    for number in range(12):
        zone = rng.choice(parks)
        feature = ogr.Feature(layer.GetLayerDefn())
        category = "enterprise" if number < 9 else "facility"
        feature.SetField("site_id", "N{:03d}".format(number + 1))
        feature.SetField(
            "name",
            "新入驻企业{}（示意）".format(number + 1)
            if category == "enterprise"
            else "新建设施{}（示意）".format(number + 1),
        )
        feature.SetField(
            "name_en",
            "New firm {}".format(number + 1)
            if category == "enterprise"
            else "New facility {}".format(number + 1),
        )
        feature.SetField("category", category)
        feature.SetField("source", "illustrative 2026")
        feature.SetGeometry(random_point_in(zone.GetGeometryRef(), rng))
        layer.CreateFeature(feature)
    station = ogr.Feature(layer.GetLayerDefn())
    station.SetField("site_id", "N900")
    station.SetField("name", "嘉松北路新建党群服务站（示意）")
    station.SetField("name_en", "New service station")
    station.SetField("category", "service_station")
    station.SetField("source", "illustrative 2026")
    target = next(z for z in zones if z.GetField("zone_id") == "Z24")
    station.SetGeometry(target.GetGeometryRef().PointOnSurface())
    layer.CreateFeature(station)
    notes.append("sites: 8 closed, 12 opened, 6 moved, 4 renamed, 1 service station opened")


def edit_zones(dataset, notes) -> None:
    """Retype Z06 (community → street) and split Z12 in two halves (Z12A west, Z12B east)."""
    layer = dataset.GetLayerByName("zones")
    for feature in list(layer):
        zone_id = feature.GetField("zone_id")
        if zone_id == "Z06":
            feature.SetField("zone_type", "street")
            feature.SetField("name", "米泉南路一街区（示意）")
            layer.SetFeature(feature)
        elif zone_id == "Z12":
            geometry = feature.GetGeometryRef().Clone()
            x0, x1, y0, y1 = geometry.GetEnvelope()
            middle = (x0 + x1) / 2
            for suffix, (a, b) in (("A", (x0, middle)), ("B", (middle, x1))):
                ring = ogr.Geometry(ogr.wkbLinearRing)
                for x, y in ((a, y0), (b, y0), (b, y1), (a, y1), (a, y0)):
                    ring.AddPoint_2D(x, y)
                half = ogr.Geometry(ogr.wkbPolygon)
                half.AddGeometry(ring)
                part = ogr.Feature(layer.GetLayerDefn())
                for i in range(feature.GetFieldCount()):
                    part.SetField(i, feature.GetField(i))
                part.SetField("zone_id", "Z12" + suffix)
                part.SetField("name", "汽车·创新港园区{}区（示意）".format("西" if suffix == "A" else "东"))
                part.SetGeometry(ogr.ForceToMultiPolygon(geometry.Intersection(half)))
                layer.CreateFeature(part)
            layer.DeleteFeature(feature.GetFID())
    notes.append("zones: Z06 retyped community → street, Z12 split into Z12A and Z12B")


def build(out: Path) -> list:
    """Write the second year to out; what was changed, as short notes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SOURCE, out)
    rng = random.Random(SEED)
    dataset = ogr.Open(str(out), 1)
    zones = list(dataset.GetLayerByName("zones"))
    notes = []
    edit_sites(dataset, zones, rng, notes)
    edit_zones(dataset, notes)
    dataset = None
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "demo" / "demo_belt_2026.gpkg")
    args = parser.parse_args()
    for note in build(args.out):
        print(note)


if __name__ == "__main__":
    main()
