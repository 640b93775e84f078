"""Benchmark `beltmap:beltchanges` against `native:detectvectorchanges` through qgis_process.bin.

    .venv/bin/python bench/changes_bench.py [--sites 1000000] [--repeats 1]

Generates two seeded years into bench/data: `--sites` sites over the demo belt's extent (EPSG:4549), a
fifth of them service stations, and `--zones` zones (a grid of rectangles over the same extent, the five
zone types in turn); the second year with 1 % of the sites edited (a quarter each removed, added, moved
20-100 m, renamed). Runs both algorithms alternately (GeoPackage in, the site table out to a GeoPackage;
native compares every attribute, exact geometry; beltchanges asked for SITE_CHANGES only, unless
`--all-outputs`) and prints wall times, their ratio and peak resident memory.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))
import qgis_profile  # noqa: E402
from run import measured_run  # noqa: E402  (bench/run.py: wall time and sampled peak memory)


def cpu_seconds() -> float:
    """User + system CPU seconds of this process's finished children (the machine is shared: CPU time
    compares the algorithms where wall time depends on the load)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


DATA = REPO / "bench" / "data"
OUT = REPO / "bench" / "out"
DEMO = REPO / "data" / "demo_belt.gpkg"
SEED = 20261205
CATEGORIES = np.array(["enterprise", "facility", "residential", "school", "service_station"], dtype=object)
WEIGHTS = (0.3, 0.25, 0.15, 0.1, 0.2)  # a fifth of the sites service stations
ZONE_TYPES = ("park", "community", "street", "exhibition", "scenic")
FIELDS = ("site_id", "name", "category", "staff")


def demo_extent_4549():
    """The demo zones' extent in EPSG:4549 (metres)."""
    from osgeo import ogr, osr

    dataset = ogr.Open(str(DEMO))
    x0, x1, y0, y1 = dataset.GetLayerByName("zones").GetExtent()
    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(4490)
    target.ImportFromEPSG(4549)
    for srs in (source, target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = osr.CoordinateTransformation(source, target)
    (ax, ay, _), (bx, by, _) = transform.TransformPoints([(x0, y0), (x1, y1)])
    return ax, ay, bx, by


def zone_grid(count: int):
    """(WKB polygons, fields) of count rectangles tiling the demo extent (EPSG:4549), types in turn."""
    import shapely

    x0, y0, x1, y1 = demo_extent_4549()
    columns = max(int(np.ceil(np.sqrt(count * (x1 - x0) / (y1 - y0)))), 1)
    rows = int(np.ceil(count / columns))
    width, height = (x1 - x0) / columns, (y1 - y0) / rows
    boxes = [
        shapely.box(x0 + c * width, y0 + r * height, x0 + (c + 1) * width, y0 + (r + 1) * height)
        for r in range(rows)
        for c in range(columns)
    ][:count]
    fields = [
        np.array(["Z{:04d}".format(i) for i in range(count)], dtype=object),
        np.array(["区域 {}".format(i) for i in range(count)], dtype=object),
        np.array([ZONE_TYPES[i % len(ZONE_TYPES)] for i in range(count)], dtype=object),
    ]
    return shapely.to_wkb(shapely.multipolygons([[b] for b in boxes])), fields


def write_year(path: Path, xy, fields, zones: int) -> None:
    """A GeoPackage with the sites and `zones` zones (EPSG:4549)."""
    import pyogrio
    import pyogrio.raw
    import shapely

    tmp = path.with_suffix(".part.gpkg")
    if tmp.exists():
        tmp.unlink()
    pyogrio.raw.write(
        str(tmp),
        shapely.to_wkb(shapely.points(xy)),
        [fields[name] for name in FIELDS],
        list(FIELDS),
        layer="sites",
        driver="GPKG",
        geometry_type="Point",
        crs="EPSG:4549",
    )
    geometry, field_data = zone_grid(zones)
    pyogrio.raw.write(
        str(tmp),
        geometry,
        field_data,
        ["zone_id", "name", "zone_type"],
        layer="zones",
        driver="GPKG",
        geometry_type="MultiPolygon",
        crs="EPSG:4549",
        append=True,
    )
    os.replace(tmp, path)


def ensure_years(count: int, zones: int = 500):
    """bench/data/changes_<count>_<zones>z_{before,after}.gpkg, generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    before_path = DATA / "changes_{}_{}z_before.gpkg".format(count, zones)
    after_path = DATA / "changes_{}_{}z_after.gpkg".format(count, zones)
    if before_path.exists() and after_path.exists():
        return before_path, after_path
    rng = np.random.default_rng(SEED)
    x0, y0, x1, y1 = demo_extent_4549()
    xy = np.column_stack([rng.uniform(x0, x1, count), rng.uniform(y0, y1, count)])
    ids = np.array(["S{:07d}".format(i) for i in range(count)], dtype=object)
    fields = {
        "site_id": ids,
        "name": np.array(["site {}".format(i) for i in range(count)], dtype=object),
        "category": CATEGORIES[rng.choice(len(CATEGORIES), count, p=WEIGHTS)],
        "staff": rng.integers(0, 500, count).astype(np.int32),
    }
    write_year(before_path, xy, fields, zones)
    quarter = max(count // 400, 1)  # 1 % edited: a quarter each removed, added, moved, renamed
    chosen = rng.permutation(count)[: 3 * quarter]
    removed, moved, renamed = chosen[:quarter], chosen[quarter : 2 * quarter], chosen[2 * quarter :]
    xy_after = xy.copy()
    angle = rng.uniform(0, 2 * np.pi, quarter)
    distance = rng.uniform(20, 100, quarter)
    xy_after[moved] += np.column_stack([np.cos(angle) * distance, np.sin(angle) * distance])
    after_fields = {k: v.copy() for k, v in fields.items()}
    after_fields["name"][renamed] = ["renamed {}".format(i) for i in renamed]
    keep = np.ones(count, bool)
    keep[removed] = False
    new_xy = np.column_stack([rng.uniform(x0, x1, quarter), rng.uniform(y0, y1, quarter)])
    new_fields = {
        "site_id": np.array(["N{:07d}".format(i) for i in range(quarter)], dtype=object),
        "name": np.array(["new {}".format(i) for i in range(quarter)], dtype=object),
        "category": CATEGORIES[rng.choice(len(CATEGORIES), quarter, p=WEIGHTS)],
        "staff": rng.integers(0, 500, quarter).astype(np.int32),
    }
    xy_after = np.concatenate([xy_after[keep], new_xy])
    after_fields = {k: np.concatenate([after_fields[k][keep], new_fields[k]]) for k in FIELDS}
    write_year(after_path, xy_after, after_fields, zones)
    return before_path, after_path


def commands(qgis_process: str, before: Path, after: Path, out: Path, all_outputs: bool = False):
    """The two qgis_process command lines."""
    native = [
        qgis_process,
        "run",
        "native:detectvectorchanges",
        "--",
        "ORIGINAL={}|layername=sites".format(before),
        "REVISED={}|layername=sites".format(after),
        *("COMPARE_ATTRIBUTES={}".format(name) for name in FIELDS),
        "MATCH_TYPE=0",
        "UNCHANGED={}".format(out / "native_unchanged.gpkg"),
        "ADDED={}".format(out / "native_added.gpkg"),
        "DELETED={}".format(out / "native_deleted.gpkg"),
    ]
    beltmap = [
        qgis_process,
        "run",
        "beltmap:beltchanges",
        "--json",
        "--",
        "BEFORE={}".format(before),
        "AFTER={}".format(after),
        "SITE_CHANGES={}".format(out / "beltmap_site_changes.gpkg"),
    ]
    if all_outputs:
        beltmap += [
            "SITE_MOVES={}".format(out / "beltmap_site_moves.gpkg"),
            "ZONE_CHANGES={}".format(out / "beltmap_zone_changes.gpkg"),
            "ZONE_DELTAS={}".format(out / "beltmap_zone_deltas.gpkg"),
        ]
    return {"native:detectvectorchanges": native, "beltmap:beltchanges": beltmap}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=1_000_000)
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--all-outputs", action="store_true", help="beltchanges writes every output")
    parser.add_argument("--only", choices=("native", "beltmap"), help="time one algorithm only")
    args = parser.parse_args()
    before, after = ensure_years(args.sites, args.zones)
    OUT.mkdir(parents=True, exist_ok=True)
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="beltmap-bench-") as config:
        constraints = REPO / "build" / "constraints.txt"
        qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
        env = qgis_profile.qgis_env(config)
        runs = commands(qgis_profile.qgis_process_binary(), before, after, OUT, args.all_outputs)
        if args.only:
            runs = {
                k: v
                for k, v in runs.items()
                if k.startswith("native" if args.only == "native" else "beltmap")
            }
        best, cpus = {}, {}
        for repeat in range(args.repeats):
            for name, command in runs.items():
                for target in OUT.glob("*.gpkg"):
                    target.unlink()
                cpu_before = cpu_seconds()
                wall, peak, _out = measured_run(command, env)
                cpu = cpu_seconds() - cpu_before
                best[name] = min(best.get(name, (wall, peak, cpu)), (wall, peak, cpu))
                cpus.setdefault(name, []).append(cpu)
                print(
                    "{} sites, {}, run {}: {:.1f} s wall, {:.1f} s CPU, peak {:.0f} MB".format(
                        args.sites, name, repeat + 1, wall, cpu, peak
                    ),
                    flush=True,
                )
    if len(best) == 2:
        ratio = best["beltmap:beltchanges"][0] / best["native:detectvectorchanges"][0]
        print("ratio beltmap / native, best wall: {:.2f} (goal <= 0.5)".format(ratio))
        cpu_ratio = min(cpus["beltmap:beltchanges"]) / min(cpus["native:detectvectorchanges"])
        print("ratio beltmap / native, best CPU time: {:.2f}".format(cpu_ratio))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
