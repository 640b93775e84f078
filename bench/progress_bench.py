"""Benchmark `beltmap:beltprogress` (five years) against `native:joinattributesbylocation` on ONE year,
through qgis_process.bin.

    .venv/bin/python bench/progress_bench.py [--sites 1000000] [--years 5] [--zones 500] [--repeats 1]

Generates seeded years into bench/data: `--sites` sites a year over the demo belt's extent (EPSG:4549,
categories as the site table has them, one service station in 2,000 sites) and `--zones` zones (a grid of
rectangles with zone_id, name and zone_type) in every year's GeoPackage; a targets table with a `sites`
target for every zone and three belt-wide targets (sites:enterprise, cov500, index). Runs the progress of
all the years and the native join of the first year's sites to its zones alternately and prints wall
times, CPU times, their ratio and peak resident memory (goal: the progress of five years faster than the
native join of one, under 2 GB).
"""

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))
import qgis_profile  # noqa: E402
from changes_bench import cpu_seconds, demo_extent_4549  # noqa: E402
from run import measured_run  # noqa: E402  (bench/run.py: wall time and sampled peak memory)

DATA = REPO / "bench" / "data"
OUT = REPO / "bench" / "out"
SEED = 20261207
CATEGORIES = np.array(["enterprise", "facility", "residential", "school", "service_station"], dtype=object)
WEIGHTS = (0.4, 0.3, 0.2, 0.0995, 0.0005)
TYPES = ("park", "community", "street", "exhibition", "scenic")


def grid_zones(count: int):
    """count rectangles tiling the demo extent: (WKB list, ids, names, types)."""
    import shapely

    x0, y0, x1, y1 = demo_extent_4549()
    columns = int(math.ceil(math.sqrt(count * (x1 - x0) / (y1 - y0))))
    rows = int(math.ceil(count / columns))
    w, h = (x1 - x0) / columns, (y1 - y0) / rows
    boxes, ids = [], []
    for k in range(count):
        i, j = k % columns, k // columns
        boxes.append(shapely.box(x0 + i * w, y0 + j * h, x0 + (i + 1) * w, y0 + (j + 1) * h))
        ids.append("G{:04d}".format(k + 1))
    names = np.array(["zone {}".format(k + 1) for k in range(count)], dtype=object)
    types = np.array([TYPES[k % len(TYPES)] for k in range(count)], dtype=object)
    return (
        shapely.to_wkb(shapely.multipolygons([[b] for b in boxes])),
        np.array(ids, dtype=object),
        names,
        types,
    )


def write_year(path: Path, xy, category, zones) -> None:
    """A GeoPackage with the tables sites and zones (EPSG:4549)."""
    import pyogrio.raw
    import shapely

    tmp = path.with_suffix(".part.gpkg")
    if tmp.exists():
        tmp.unlink()
    ids = np.array(["S{:07d}".format(i) for i in range(len(xy))], dtype=object)
    pyogrio.raw.write(
        str(tmp),
        shapely.to_wkb(shapely.points(xy)),
        [ids, category],
        ["site_id", "category"],
        layer="sites",
        driver="GPKG",
        geometry_type="Point",
        crs="EPSG:4549",
    )
    geometry, zone_ids, names, types = zones
    pyogrio.raw.write(
        str(tmp),
        geometry,
        [zone_ids, names, types],
        ["zone_id", "name", "zone_type"],
        layer="zones",
        driver="GPKG",
        geometry_type="MultiPolygon",
        crs="EPSG:4549",
        append=True,
    )
    os.replace(tmp, path)


def ensure_data(sites: int, years: int, zones: int):
    """bench/data/progress_<sites>_<zones>_<year>.gpkg for each year and the targets CSV, generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    paths = [DATA / "progress_{}_{}_{}.gpkg".format(sites, zones, 2021 + k) for k in range(years)]
    targets = DATA / "progress_{}_targets.csv".format(zones)
    grid = None
    rng = np.random.default_rng(SEED)
    x0, y0, x1, y1 = demo_extent_4549()
    for k, path in enumerate(paths):
        if path.exists():
            continue
        grid = grid or grid_zones(zones)
        n = int(sites * (1 + 0.01 * k))
        xy = np.column_stack([rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)])
        category = CATEGORIES[rng.choice(len(CATEGORIES), n, p=WEIGHTS)]
        write_year(path, xy, category, grid)
    if not targets.exists():
        lines = ["indicator,scope,target_year,target"]
        per_zone = sites / zones
        lines += ["sites,G{:04d},2030,{}".format(k + 1, int(per_zone * 1.2)) for k in range(zones)]
        lines += [
            "sites:enterprise,belt,2030,{}".format(int(sites * 0.5)),
            "cov500,belt,2030,90",
            "index,park,2030,80",
        ]
        targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return paths, targets


def commands(qgis_process: str, paths, targets: Path, out: Path):
    """The two qgis_process command lines."""
    native = [
        qgis_process,
        "run",
        "native:joinattributesbylocation",
        "--",
        "INPUT={}|layername=sites".format(paths[0]),
        "JOIN={}|layername=zones".format(paths[0]),
        "PREDICATE=0",
        "METHOD=0",
        "OUTPUT={}".format(out / "native_joined.gpkg"),
    ]
    beltmap = [qgis_process, "run", "beltmap:beltprogress", "--json"]
    beltmap += ["--YEARS={}".format(p) for p in paths]
    beltmap += [
        "--TARGETS={}".format(targets),
        "--INDICATORS={}".format(out / "beltmap_indicators.gpkg"),
        "--PROGRESS={}".format(out / "beltmap_progress.gpkg"),
        "--ZONE_PROGRESS={}".format(out / "beltmap_zone_progress.gpkg"),
    ]
    return {"native:joinattributesbylocation (1 year)": native, "beltmap:beltprogress": beltmap}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=1_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    paths, targets = ensure_data(args.sites, args.years, args.zones)
    OUT.mkdir(parents=True, exist_ok=True)
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="beltmap-bench-") as config:
        constraints = REPO / "build" / "constraints.txt"
        qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
        env = qgis_profile.qgis_env(config)
        runs = commands(qgis_profile.qgis_process_binary(), paths, targets, OUT)
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
                    "{} sites x {} years, {} zones, {}, run {}: {:.1f} s wall, {:.1f} s CPU, "
                    "peak {:.0f} MB".format(
                        args.sites, args.years, args.zones, name, repeat + 1, wall, cpu, peak
                    ),
                    flush=True,
                )
    names = list(runs)
    ratio = best[names[1]][0] / best[names[0]][0]
    print(
        "ratio beltprogress ({} years) / native join (1 year), best wall: {:.2f} (goal < 1)".format(
            args.years, ratio
        )
    )
    print("ratio, best CPU time: {:.2f}".format(min(cpus[names[1]]) / min(cpus[names[0]])))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
