"""Benchmark `beltmap:chainlinks` against `native:hublines` through qgis_process.bin.

    .venv/bin/python bench/chains_bench.py [--sites 1000000] [--links 100000] [--repeats 1]

Generates seeded data into bench/data: `--sites` sites over the demo belt's extent (EPSG:4549, with the
demo belt and zones), and a links table (CSV, UTF-8) of `--links` rows from 1,000 leaders to random sites,
one end in twenty named rather than keyed, one row in a hundred naming nobody. The reference gets the same
matched ends, prepared for it: hubs (from ends) and spokes (to ends) as GeoPackages keyed by the link's row,
the spokes' row indexed (without that index native:hublines scans every spoke for every hub).

beltmap:chainlinks reads the CSV and the sites, matches, tags the ends by zone and belt, measures, and
writes LINK_LINES (arcs), CHAIN_SUMMARY, ZONE_LINKS and UNMATCHED; native:hublines writes straight lines.
Both run alternately; wall time, CPU time and peak resident memory are printed.
"""

import argparse
import csv
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))
import qgis_profile  # noqa: E402
from changes_bench import DEMO, cpu_seconds, demo_extent_4549  # noqa: E402
from run import measured_run  # noqa: E402

DATA = REPO / "bench" / "data"
OUT = REPO / "bench" / "out"
SEED = 20261207
LEADERS = 1000
RELATIONS = np.array(["供应", "客户", "合作", "研发", "服务"], dtype=object)
CHAINS = np.array(["新能源整车", "智能网联", "汽车研发", "汽车文旅"], dtype=object)


def _write_points(path: Path, layer: str, xy, fields: dict, append=False) -> None:
    import pyogrio.raw
    import shapely

    pyogrio.raw.write(
        str(path), shapely.to_wkb(shapely.points(xy)), list(fields.values()), list(fields), layer=layer,
        driver="GPKG", geometry_type="Point", crs="EPSG:4549", append=append,
    )  # fmt: skip


def _copy_demo_layer(path: Path, layer: str) -> None:
    import pyogrio.raw

    meta, _fids, geometry, field_data = pyogrio.raw.read(str(DEMO), layer=layer)
    pyogrio.raw.write(
        str(path), geometry, field_data, list(meta["fields"]), layer=layer, driver="GPKG",
        geometry_type=meta["geometry_type"], crs=meta["crs"], append=True,
    )  # fmt: skip


def ensure_data(sites: int, links: int):
    """bench/data/chains_<sites>.gpkg (sites, belt, zones), chains_<sites>_<links>.csv and the reference's
    hubs/spokes GeoPackage, generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    gpkg = DATA / "chains_{}.gpkg".format(sites)
    table = DATA / "chains_{}_{}.csv".format(sites, links)
    ends = DATA / "chains_{}_{}_ends.gpkg".format(sites, links)
    rng = np.random.default_rng(SEED)
    x0, y0, x1, y1 = demo_extent_4549()
    pad = 6000.0
    xy = np.column_stack([rng.uniform(x0 - pad, x1 + pad, sites), rng.uniform(y0 - pad, y1 + pad, sites)])
    if not gpkg.exists():
        part = gpkg.with_suffix(".part.gpkg")
        if part.exists():
            part.unlink()
        ids = np.array(["S{:07d}".format(i) for i in range(sites)], dtype=object)
        names = np.array(["企业{:07d}".format(i) for i in range(sites)], dtype=object)
        _write_points(part, "sites", xy, {"site_id": ids, "name": names})
        for layer in ("belt", "zones"):
            _copy_demo_layer(part, layer)
        os.replace(part, gpkg)
    if table.exists() and ends.exists():
        return gpkg, table, ends
    leaders = rng.choice(sites, LEADERS, replace=False)
    a = leaders[rng.integers(0, LEADERS, links)]
    b = rng.integers(0, sites, links)
    b = np.where(b == a, (b + 1) % sites, b)
    by_name = rng.random(links) < 0.05
    nobody = rng.random(links) < 0.01
    relation = RELATIONS[rng.integers(0, len(RELATIONS), links)]
    chain = CHAINS[rng.integers(0, len(CHAINS), links)]
    since = rng.integers(2018, 2027, links)
    matched_rows = []
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["from", "to", "relation", "chain", "since"])
        for i in range(links):
            to = "企业{:07d}".format(b[i]) if by_name[i] else "S{:07d}".format(b[i])
            if nobody[i]:
                to = "X{:07d}".format(i)
            else:
                matched_rows.append(i)
            writer.writerow(["S{:07d}".format(a[i]), to, relation[i], chain[i], since[i]])
    rows = np.array(matched_rows)
    if ends.exists():
        ends.unlink()
    _write_points(ends, "hubs", xy[a[rows]], {"row": (rows + 2).astype(np.int64)})
    _write_points(ends, "spokes", xy[b[rows]], {"row": (rows + 2).astype(np.int64)}, append=True)
    with sqlite3.connect(str(ends)) as connection:
        connection.execute("CREATE INDEX spokes_row ON spokes(row)")
    return gpkg, table, ends


def commands(qgis_process: str, gpkg: Path, table: Path, ends: Path, out: Path):
    """The two qgis_process command lines."""
    native = [
        qgis_process, "run", "native:hublines", "--",
        "HUBS={}|layername=hubs".format(ends), "HUB_FIELD=row",
        "SPOKES={}|layername=spokes".format(ends), "SPOKE_FIELD=row",
        "OUTPUT={}".format(out / "native_lines.gpkg"),
    ]  # fmt: skip
    beltmap = [
        qgis_process, "run", "beltmap:chainlinks", "--json", "--",
        "LINKS={}".format(table),
        "SITES={}|layername=sites".format(gpkg),
        "BELT={}|layername=belt".format(gpkg),
        "ZONES={}|layername=zones".format(gpkg),
        "LINK_LINES={}".format(out / "beltmap_lines.gpkg"),
        "CHAIN_SUMMARY={}".format(out / "beltmap_summary.gpkg"),
        "ZONE_LINKS={}".format(out / "beltmap_zones.gpkg"),
        "UNMATCHED={}".format(out / "beltmap_unmatched.gpkg"),
    ]  # fmt: skip
    return {"native:hublines": native, "beltmap:chainlinks": beltmap}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sites", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--only", choices=("native", "beltmap"), help="time one algorithm only")
    args = parser.parse_args()
    gpkg, table, ends = ensure_data(args.sites, args.links)
    OUT.mkdir(parents=True, exist_ok=True)
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    with tempfile.TemporaryDirectory(prefix="beltmap-bench-") as config:
        constraints = REPO / "build" / "constraints.txt"
        qgis_profile.make_profile(config, constraints=constraints if constraints.exists() else None)
        env = qgis_profile.qgis_env(config)
        runs = commands(qgis_profile.qgis_process_binary(), gpkg, table, ends, OUT)
        if args.only:
            runs = {k: v for k, v in runs.items() if k.startswith(args.only)}
        best = {}
        for repeat in range(args.repeats):
            for name, command in runs.items():
                for target in OUT.glob("*_lines.gpkg"):
                    target.unlink()
                cpu_before = cpu_seconds()
                wall, peak, _out = measured_run(command, env)
                cpu = cpu_seconds() - cpu_before
                best[name] = min(best.get(name, (wall, peak, cpu)), (wall, peak, cpu))
                print(
                    "{} links among {} sites, {}, run {}: {:.1f} s wall, {:.1f} s CPU, peak {:.0f} MB".format(
                        args.links, args.sites, name, repeat + 1, wall, cpu, peak
                    ),
                    flush=True,
                )
    if len(best) == 2:
        ours, theirs = best["beltmap:chainlinks"], best["native:hublines"]
        print("ratio beltmap / native, best wall: {:.2f} (goal < 1)".format(ours[0] / theirs[0]))
        print("ratio beltmap / native, best CPU: {:.2f}".format(ours[2] / theirs[2]))
        print("beltmap peak memory {:.0f} MB (goal < 1500)".format(ours[1]))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
