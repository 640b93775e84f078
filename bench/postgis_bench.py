"""Benchmark tagging where the data live in PostGIS: QGIS's native join reading the PostGIS layers
against `beltmap:tagzones` running in the database, writing a GeoPackage and writing a PostGIS table,
and the same into a table with the zones as digitised (about 2,000 vertices each).

    .venv/bin/python bench/postgis_bench.py [--points 1000000] [--zones 500] [--repeats 1]
                                            [--vertices 2000] [--server-log]

Starts a throwaway cluster (scripts/pg_cluster.py, in a private temporary folder), loads the same
seeded data as bench/run.py with ogr2ogr (plus the digitised zones: the same polygons with their outline
traced through `--vertices` points, a metre of jitter each), runs the qgis_process.bin commands
alternately and prints median wall times, the ratios to the native join (goals: GeoPackage <= 0.55,
PostGIS table <= 0.4, digitised zones <= 1.5 x simple zones), the peak resident memory of each QGIS
process (goal <= 500 MB; the database server is not counted), the load average before each run and
QGIS's start-up alone (`qgis_process.bin list`, the same profile). With --server-log the server logs
every statement of 100 ms or more with its duration and the bench sums them per kind of statement. The
cluster is stopped and removed at the end, also on failure.
"""

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "bench")]
import pg_cluster  # noqa: E402
import qgis_profile  # noqa: E402
from run import DATA, OUT, ensure_data, measured_run, write_layer, zones_data  # noqa: E402

NATIVE = "native:joinattributesbylocation"
GPKG = "in-database, GeoPackage out"
TABLE = "in-database, PostGIS table out"
DIGITISED = "in-database, table, digitised zones"
GOALS = {GPKG: 0.55, TABLE: 0.4}
DIGITISED_GOAL = 1.5  # x the time with simple zones
MEMORY_GOAL_MB = 500
LOG_MS = 100


def digitised_zones(count: int, vertices: int) -> Path:
    """bench/data/zones_digitised_<count>_<vertices>.gpkg: the bench's zones traced through `vertices`
    points each with a metre of jitter (as digitised by hand), made valid; generated once."""
    import numpy as np
    import shapely

    path = DATA / "zones_digitised_{}_{}.gpkg".format(count, vertices)
    if path.exists():
        return path
    polygons, fields = zones_data(count)
    rng = np.random.default_rng(vertices)
    traced = []
    for polygon in polygons:
        ring = polygon.exterior
        points = shapely.line_interpolate_point(ring, np.linspace(0, ring.length, vertices, endpoint=False))
        coords = shapely.get_coordinates(points) + rng.normal(0, 1.0, (vertices, 2))
        fixed = shapely.make_valid(shapely.Polygon(coords))
        parts = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type == "Polygon"]
        traced.append(max(parts, key=lambda g: g.area))
    tmp = path.with_suffix(".part.gpkg")
    if tmp.exists():
        tmp.unlink()
    write_layer(tmp, "zones", traced, fields, "Polygon")
    os.replace(tmp, path)
    return path


def commands(qgis_process: str, cluster, out_dir: Path):
    """The command lines: native join, beltmap:tagzones to a GeoPackage and to a table, and to a table
    with the digitised zones."""
    sites, zones = "postgres://" + cluster.uri("sites"), "postgres://" + cluster.uri("zones")
    native = [
        qgis_process,
        "run",
        NATIVE,
        "--",
        "INPUT=" + sites,
        "JOIN=" + zones,
        "PREDICATE=0",
        "METHOD=1",
        "DISCARD_NONMATCHING=false",
        "OUTPUT={}".format(out_dir / "pg_native.gpkg"),
    ]
    tag = [qgis_process, "run", "beltmap:tagzones", "--json", "--", "INPUT=" + sites]
    return {
        NATIVE: native,
        GPKG: tag + ["ZONES=" + zones, "OUTPUT={}".format(out_dir / "pg_beltmap.gpkg")],
        TABLE: tag + ["ZONES=" + zones, "OUTPUT=postgis:" + cluster.uri("tagged"), "OVERWRITE=true"],
        DIGITISED: tag
        + [
            "ZONES=postgres://" + cluster.uri("dzones"),
            "OUTPUT=postgis:" + cluster.uri("tagged_d"),
            "OVERWRITE=true",
        ],
    }


def load_average() -> float:
    """The machine's one-minute load average."""
    return os.getloadavg()[0]


def statement_kind(text: str) -> str:
    """A short name for a logged statement."""
    text = " ".join(text.split())
    for pattern, kind in (
        (r"^CREATE (UNLOGGED|TEMPORARY) TABLE \S+ \(", "zones table created"),
        (r"^INSERT INTO", "zones sent"),
        (r"^CREATE INDEX ON \S*beltmap_run", "zones GiST index"),
        (r"^CREATE TABLE .* AS SELECT", "output table (CREATE TABLE … AS, tags inline)"),
        (r"^CREATE (UNLOGGED|TEMPORARY) TABLE .*_out.* AS SELECT", "output rows (CREATE TABLE … AS)"),
        (r"^ALTER TABLE .* PRIMARY KEY", "primary key"),
        (r"^CREATE INDEX", "output GiST index"),
        (r"^ANALYZE", "ANALYZE"),
        (r"^SELECT zone_type, count", "counts"),
        (r"FETCH|DECLARE|SELECT \* FROM", "rows streamed to GDAL"),
    ):
        if re.search(pattern, text):
            return kind
    return text[:60]


def server_log_summary(log: Path, start: int) -> dict:
    """Milliseconds per kind of statement logged since byte offset start."""
    totals = defaultdict(float)
    text = log.read_text(errors="replace")[start:]
    for match in re.finditer(r"duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): (.*)", text):
        totals[statement_kind(match.group(2))] += float(match.group(1))
    return dict(totals)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--vertices", type=int, default=2000, help="vertices of each digitised zone")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each command (alternately)")
    parser.add_argument("--server-log", action="store_true", help="statement durations from the server")
    args = parser.parse_args()
    reason = pg_cluster.missing_reason()
    if reason:
        print("PostGIS bench skipped: {}".format(reason))
        return 1
    data = ensure_data(args.points, args.zones)
    digitised = digitised_zones(args.zones, args.vertices)
    OUT.mkdir(parents=True, exist_ok=True)
    qgis_process = qgis_profile.qgis_process_binary()
    print(
        "Starting a PostgreSQL/PostGIS cluster and loading {:,} points, {} zones (and as digitised, {:,} "
        "vertices each)…".format(args.points, args.zones, args.vertices)
    )
    cluster = pg_cluster.Cluster()
    logs = defaultdict(lambda: defaultdict(list))
    try:
        cluster.load(str(data), "sites", layer="sites")
        cluster.load(str(data), "zones", layer="zones")
        cluster.load(str(digitised), "dzones", layer="zones")
        cluster.psql("VACUUM ANALYZE")
        log = cluster.root / "server.log"
        if args.server_log:
            cluster.psql("ALTER SYSTEM SET log_min_duration_statement = {}".format(LOG_MS))
            cluster.psql("SELECT pg_reload_conf()")
        with tempfile.TemporaryDirectory(prefix="beltmap-pgbench-") as config:
            constraints = REPO / "build" / "constraints.txt"
            qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
            env = qgis_profile.qgis_env(config)
            runs = commands(qgis_process, cluster, OUT)
            times = {name: [] for name in runs}
            peaks = {name: 0.0 for name in runs}
            loads = []
            startup = []
            for repeat in range(args.repeats):
                loads.append(load_average())
                wall, _peak, _out = measured_run([qgis_process, "list"], env)
                startup.append(wall)
                print(
                    "  {:<36} run {}: {:6.2f} s".format("QGIS start-up (qgis_process list)", repeat + 1, wall)
                )
                for name, command in runs.items():
                    load = load_average()
                    loads.append(load)
                    start = log.stat().st_size
                    wall, peak, out = measured_run(command, env)
                    times[name].append(wall)
                    peaks[name] = max(peaks[name], peak)
                    line = "  {:<36} run {}: {:6.2f} s  {:6.0f} MB  load {:4.2f}".format(
                        name, repeat + 1, wall, peak, load
                    )
                    if name != NATIVE:
                        results = json.loads(out[out.index("{") :])["results"]
                        line += "  TAGGED_COUNT {}".format(results["TAGGED_COUNT"])
                    print(line, flush=True)
                    if args.server_log and name != NATIVE:
                        for kind, ms in server_log_summary(log, start).items():
                            logs[name][kind].append(ms)
    finally:
        cluster.stop()
    native = statistics.median(times[NATIVE])
    print()
    print(
        "{:<36} {:>8} {:>7} {:>8}  goal".format(
            "PostGIS, {:,} points".format(args.points), "s", "ratio", "MB"
        )
    )
    print("{:<36} {:>8.2f} {:>7} {:>8.0f}".format(NATIVE, native, "1", peaks[NATIVE]))
    ok = True
    for name, goal in GOALS.items():
        median = statistics.median(times[name])
        ratio = median / native
        met = ratio <= goal and peaks[name] <= MEMORY_GOAL_MB
        ok = ok and met
        print(
            "{:<36} {:>8.2f} {:>7.3f} {:>8.0f}  <= {} and <= {} MB: {}".format(
                name, median, ratio, peaks[name], goal, MEMORY_GOAL_MB, "met" if met else "NOT MET"
            )
        )
    digitised_ratio = statistics.median(times[DIGITISED]) / statistics.median(times[TABLE])
    met = digitised_ratio <= DIGITISED_GOAL and peaks[DIGITISED] <= MEMORY_GOAL_MB
    ok = ok and met
    print(
        "{:<36} {:>8.2f} {:>7.3f} {:>8.0f}  <= {} x simple zones ({:.2f} x): {}".format(
            DIGITISED,
            statistics.median(times[DIGITISED]),
            statistics.median(times[DIGITISED]) / native,
            peaks[DIGITISED],
            DIGITISED_GOAL,
            digitised_ratio,
            "met" if met else "NOT MET",
        )
    )
    print("QGIS start-up alone (qgis_process list): median {:.2f} s".format(statistics.median(startup)))
    for name, kinds in logs.items():
        print("server time of `{}` (statements >= {} ms, medians):".format(name, LOG_MS))
        for kind, values in sorted(kinds.items(), key=lambda item: -statistics.median(item[1])):
            print("  {:>8.2f} s  {}".format(statistics.median(values) / 1000, kind))
    print(
        "medians of {} runs; {} CPU cores; load average {:.2f} to {:.2f}; PostgreSQL from {}".format(
            args.repeats, os.cpu_count(), min(loads), max(loads), cluster.bindir
        )
    )
    print("all PostGIS goals met" if ok else "some PostGIS goals NOT met (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
