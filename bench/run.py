"""Benchmark `beltmap:tagzones` against `native:joinattributesbylocation` through qgis_process.bin.

    .venv/bin/python bench/run.py [--sizes 10000,100000,1000000] [--repeats 3] [--zones 500]

Generates deterministic data (seeded) into bench/data, installs the plugin into a temporary QGIS profile
(scripts/qgis_profile.py), runs both algorithms alternately (GeoPackage in, GeoPackage out) and prints the
median wall times, their ratio and the peak resident memory of each run.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Tuple

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import qgis_profile  # noqa: E402  (scripts/: temporary QGIS profiles, qgis_process runs)

DATA = REPO / "bench" / "data"
OUT = REPO / "bench" / "out"
CRS = "EPSG:4549"
# the practice belt's neighbourhood in CGCS2000 / 3-degree GK CM 120E (metres)
X0, Y0, WIDTH, HEIGHT = 600000.0, 3460000.0, 20000.0, 12000.0
SEED = 20240603
ZONE_TYPE_SPELLINGS = ("park", "community", "street", "exhibition", "scenic", "园区", "社区", "景区", "expo")
CATEGORIES = ("enterprise", "service_station", "facility", "institute", "shop")


def zones_data(count: int, seed: int = SEED):
    """`count` star-shaped polygons (12 to 40 vertices) of 150 m to 1.5 km, many overlapping."""
    import shapely

    rng = np.random.default_rng(seed)
    polygons = []
    for _ in range(count):
        cx = X0 + rng.uniform(0, WIDTH)
        cy = Y0 + rng.uniform(0, HEIGHT)
        n = int(rng.integers(12, 41))
        radius = rng.uniform(150, 1500)
        angles = np.sort(rng.uniform(0, 2 * np.pi, n))
        radii = radius * rng.uniform(0.6, 1.0, n)
        ring = np.column_stack([cx + radii * np.cos(angles), cy + radii * np.sin(angles)])
        polygons.append(shapely.make_valid(shapely.Polygon(ring)))
    polygons = [p if p.geom_type == "Polygon" else max(p.geoms, key=lambda g: g.area) for p in polygons]
    fields = {
        "zone_id": np.array(["Z{:04d}".format(i + 1) for i in range(count)], dtype=object),
        "name": np.array(["Zone {}".format(i + 1) for i in range(count)], dtype=object),
        "zone_type": np.array(
            [ZONE_TYPE_SPELLINGS[int(i)] for i in rng.integers(0, len(ZONE_TYPE_SPELLINGS), count)],
            dtype=object,
        ),
    }
    return polygons, fields


def sites_data(count: int, seed: int = SEED):
    """`count` random points over the zones' extent and a little beyond, with name and category."""
    import shapely

    rng = np.random.default_rng(seed + count)
    xs = X0 - 500 + rng.uniform(0, WIDTH + 1000, count)
    ys = Y0 - 500 + rng.uniform(0, HEIGHT + 1000, count)
    points = shapely.points(xs, ys)
    fields = {
        "name": np.array(["site {}".format(i + 1) for i in range(count)], dtype=object),
        "category": np.array(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), count)],
    }
    return points, fields


def write_layer(path: Path, layer: str, geometries, fields, geometry_type: str) -> None:
    """Write one layer of a GeoPackage with pyogrio."""
    import pyogrio.raw
    import shapely

    pyogrio.raw.write(
        str(path),
        shapely.to_wkb(np.asarray(geometries, dtype=object)),
        list(fields.values()),
        list(fields),
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        crs=CRS,
        append=path.exists(),
        dataset_options=None if path.exists() else {"VERSION": "1.2"},
    )


def ensure_data(size: int, zone_count: int) -> Path:
    """bench/data/sites_<size>.gpkg with layers `zones` and `sites`, generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / "sites_{}_{}.gpkg".format(size, zone_count)
    if path.exists():
        return path
    tmp = path.with_suffix(".part.gpkg")
    if tmp.exists():
        tmp.unlink()
    polygons, zone_fields = zones_data(zone_count)
    write_layer(tmp, "zones", polygons, zone_fields, "Polygon")
    points, site_fields = sites_data(size)
    write_layer(tmp, "sites", points, site_fields, "Point")
    os.replace(tmp, path)
    return path


def measured_run(command, env) -> Tuple[float, float, str]:
    """Run a command; wall seconds, peak resident MB of it and its children (sampled), and stdout."""
    import psutil

    start = time.perf_counter()
    process = psutil.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample():
        while process.poll() is None:
            try:
                rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(True))
                peak[0] = max(peak[0], rss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    if process.returncode != 0:
        raise RuntimeError("{} failed:\n{}\n{}".format(command[:3], out[-2000:], err[-2000:]))
    return wall, peak[0] / 1e6, out


def commands(qgis_process: str, data: Path, out_dir: Path):
    """The two qgis_process command lines, GeoPackage in and out."""
    sites, zones = "{}|layername=sites".format(data), "{}|layername=zones".format(data)
    native = [
        qgis_process,
        "run",
        "native:joinattributesbylocation",
        "--",
        "INPUT={}".format(sites),
        "JOIN={}".format(zones),
        "PREDICATE=0",
        "METHOD=1",
        "DISCARD_NONMATCHING=false",
        "OUTPUT={}".format(out_dir / "native.gpkg"),
    ]
    beltmap = [
        qgis_process,
        "run",
        "beltmap:tagzones",
        "--json",
        "--",
        "INPUT={}".format(sites),
        "ZONES={}".format(zones),
        "OUTPUT={}".format(out_dir / "beltmap.gpkg"),
    ]
    return {"native:joinattributesbylocation": native, "beltmap:tagzones": beltmap}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="numbers of points, comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each algorithm per size")
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--skip-native", action="store_true", help="time beltmap:tagzones only")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    qgis_process = qgis_profile.qgis_process_binary()
    OUT.mkdir(parents=True, exist_ok=True)
    summary = []
    with tempfile.TemporaryDirectory(prefix="beltmap-bench-") as config:
        print("Installing the plugin into a temporary QGIS profile…", flush=True)
        constraints = REPO / "build" / "constraints.txt"
        qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
        env = qgis_profile.qgis_env(config)
        for size in sizes:
            data = ensure_data(size, args.zones)
            runs = commands(qgis_process, data, OUT)
            if args.skip_native:
                runs.pop("native:joinattributesbylocation")
            times = {name: [] for name in runs}
            peaks = {name: 0.0 for name in runs}
            for repeat in range(args.repeats):
                for name, command in runs.items():  # alternately, so both see the same machine state
                    wall, peak, out = measured_run(command, env)
                    times[name].append(wall)
                    peaks[name] = max(peaks[name], peak)
                    print(
                        "  {:>9,} points  {:<34} run {}: {:6.2f} s  {:6.0f} MB".format(
                            size, name, repeat + 1, wall, peak
                        ),
                        flush=True,
                    )
                    if name == "beltmap:tagzones" and repeat == 0:
                        results = json.loads(out[out.index("{") :])["results"]
                        print(
                            "    TAGGED_COUNT {} EDGE_COUNT {}".format(
                                results["TAGGED_COUNT"], results["EDGE_COUNT"]
                            ),
                            flush=True,
                        )
            medians = {name: statistics.median(values) for name, values in times.items()}
            summary.append((size, medians, peaks))
    print()
    print(
        "{:>10}  {:>12}  {:>12}  {:>7}  {:>10}  {:>10}".format(
            "points", "native s", "beltmap s", "ratio", "native MB", "beltmap MB"
        )
    )
    for size, medians, peaks in summary:
        native = medians.get("native:joinattributesbylocation")
        ours = medians["beltmap:tagzones"]
        print(
            "{:>10,}  {:>12}  {:>12.2f}  {:>7}  {:>10}  {:>10.0f}".format(
                size,
                "{:.2f}".format(native) if native else "-",
                ours,
                "{:.3f}".format(ours / native) if native else "-",
                "{:.0f}".format(peaks["native:joinattributesbylocation"]) if native else "-",
                peaks["beltmap:tagzones"],
            )
        )
    print("medians of {} runs; {} CPU cores; QGIS via {}".format(args.repeats, os.cpu_count(), qgis_process))
    return 0


if __name__ == "__main__":
    sys.exit(main())
