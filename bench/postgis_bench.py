"""Benchmark tagging where the data live in PostGIS: QGIS's native join reading the PostGIS layers
against `beltmap:tagzones` running in the database, writing a GeoPackage and writing a PostGIS table.

    .venv/bin/python bench/postgis_bench.py [--points 1000000] [--zones 500] [--repeats 1]

Starts a throwaway cluster (scripts/pg_cluster.py, in a private temporary folder), loads the same
seeded data as bench/run.py with ogr2ogr, runs the three qgis_process.bin commands alternately and
prints median wall times, the ratios to the native join (goals: GeoPackage <= 0.25, PostGIS table
<= 0.1) and the peak resident memory of each QGIS process (goal <= 500 MB; the database server is
not counted). The cluster is stopped and removed at the end, also on failure.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "bench")]
import pg_cluster  # noqa: E402
import qgis_profile  # noqa: E402
from run import OUT, ensure_data, measured_run  # noqa: E402

GOALS = {"in-database, GeoPackage out": 0.25, "in-database, PostGIS table out": 0.1}
MEMORY_GOAL_MB = 500


def commands(qgis_process: str, cluster, out_dir: Path):
    """The three command lines: native join and beltmap:tagzones to a GeoPackage and to a table."""
    sites, zones = "postgres://" + cluster.uri("sites"), "postgres://" + cluster.uri("zones")
    native = [
        qgis_process,
        "run",
        "native:joinattributesbylocation",
        "--",
        "INPUT=" + sites,
        "JOIN=" + zones,
        "PREDICATE=0",
        "METHOD=1",
        "DISCARD_NONMATCHING=false",
        "OUTPUT={}".format(out_dir / "pg_native.gpkg"),
    ]
    tag = [qgis_process, "run", "beltmap:tagzones", "--json", "--", "INPUT=" + sites, "ZONES=" + zones]
    return {
        "native:joinattributesbylocation": native,
        "in-database, GeoPackage out": tag + ["OUTPUT={}".format(out_dir / "pg_beltmap.gpkg")],
        "in-database, PostGIS table out": tag + ["OUTPUT=postgis:" + cluster.uri("tagged"), "OVERWRITE=true"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--zones", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=1, help="runs of each command (alternately)")
    args = parser.parse_args()
    reason = pg_cluster.missing_reason()
    if reason:
        print("PostGIS bench skipped: {}".format(reason))
        return 1
    data = ensure_data(args.points, args.zones)
    OUT.mkdir(parents=True, exist_ok=True)
    qgis_process = qgis_profile.qgis_process_binary()
    print(
        "Starting a PostgreSQL/PostGIS cluster and loading {:,} points, {} zones…".format(
            args.points, args.zones
        )
    )
    cluster = pg_cluster.Cluster()
    try:
        cluster.load(str(data), "sites", layer="sites")
        cluster.load(str(data), "zones", layer="zones")
        cluster.psql("VACUUM ANALYZE")
        with tempfile.TemporaryDirectory(prefix="beltmap-pgbench-") as config:
            constraints = REPO / "build" / "constraints.txt"
            qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
            env = qgis_profile.qgis_env(config)
            runs = commands(qgis_process, cluster, OUT)
            times = {name: [] for name in runs}
            peaks = {name: 0.0 for name in runs}
            for repeat in range(args.repeats):
                for name, command in runs.items():
                    wall, peak, out = measured_run(command, env)
                    times[name].append(wall)
                    peaks[name] = max(peaks[name], peak)
                    line = "  {:<34} run {}: {:6.2f} s  {:6.0f} MB".format(name, repeat + 1, wall, peak)
                    if name != "native:joinattributesbylocation":
                        results = json.loads(out[out.index("{") :])["results"]
                        line += "  TAGGED_COUNT {}".format(results["TAGGED_COUNT"])
                    print(line, flush=True)
    finally:
        cluster.stop()
    native = statistics.median(times["native:joinattributesbylocation"])
    print()
    print(
        "{:<34} {:>8} {:>7} {:>6} {:>8}  goal".format(
            "PostGIS, {:,} points".format(args.points), "s", "ratio", "", "MB"
        )
    )
    print(
        "{:<34} {:>8.2f} {:>7} {:>6} {:>8.0f}".format(
            "native:joinattributesbylocation", native, "1", "", peaks["native:joinattributesbylocation"]
        )
    )
    ok = True
    for name, goal in GOALS.items():
        median = statistics.median(times[name])
        ratio = median / native
        met = ratio <= goal and peaks[name] <= MEMORY_GOAL_MB
        ok = ok and met
        print(
            "{:<34} {:>8.2f} {:>7.3f} {:>6} {:>8.0f}  <= {} and <= {} MB: {}".format(
                name, median, ratio, "", peaks[name], goal, MEMORY_GOAL_MB, "met" if met else "NOT MET"
            )
        )
    print(
        "medians of {} runs; {} CPU cores; PostgreSQL from {}".format(
            args.repeats, os.cpu_count(), cluster.bindir
        )
    )
    print("all PostGIS goals met" if ok else "some PostGIS goals NOT met (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
