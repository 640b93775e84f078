"""Benchmark `beltmap:exportpackage` on the demo belt through qgis_process.bin.

    .venv/bin/python bench/export_bench.py [--repeats 3]

Installs the plugin into a temporary QGIS profile (scripts/qgis_profile.py), then times
1. the full demo package: GPKG, project, A3 PDF and PNG at 300 dpi (goal: under 20 s), and
2. an A0 PDF at 300 dpi, reporting its size (goal: under 30 MB).
Wall times include starting qgis_process (about 2 s).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import qgis_profile  # noqa: E402  (scripts/: temporary QGIS profiles, qgis_process runs)

DEMO = REPO / "data" / "demo_belt.gpkg"
GOAL_SECONDS = 20.0
GOAL_A0_MB = 30.0


def export(config, out: Path, *extra):
    """Run exportpackage once; returns (wall seconds, results dict)."""
    args = ["run", "beltmap:exportpackage", "--json", "--"]
    args += [
        "{}={}|layername={}".format(key, DEMO, key.lower()) for key in ("BELT", "ZONES", "SITES", "ROADS")
    ]
    args += ["OUTPUT_FOLDER={}".format(out), "OVERWRITE=true", *extra]
    start = time.perf_counter()
    result = qgis_profile.run_qgis_process(args, config, check=False, timeout=900)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("exportpackage failed:\n{}\n{}".format(result.stdout[-3000:], result.stderr[-3000:]))
    data = qgis_profile.json_output(result)
    return wall, data["results"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="beltmap_export_bench_") as temp:
        config = Path(temp) / "qgis"
        qgis_profile.make_profile(config)
        out = Path(temp) / "out"
        walls = []
        for _ in range(args.repeats):
            wall, results = export(config, out, "PAPER=A3", "DPI=300", "FORMATS=PDF", "FORMATS=PNG")
            walls.append(wall)
        files = {Path(p).name: Path(p).stat().st_size for p in results["MAPS"]}
        median = statistics.median(walls)
        print(
            "demo package, A3 PDF + PNG at 300 dpi, tagged, summary: median {:.1f} s of {} runs ({})".format(
                median, len(walls), ", ".join("{:.1f}".format(w) for w in walls)
            )
        )
        for name, size in sorted(files.items()):
            print("  {}: {:.2f} MB".format(name, size / 1e6))
        print("  goal < {:.0f} s: {}".format(GOAL_SECONDS, "met" if median < GOAL_SECONDS else "NOT met"))

        wall, results = export(config, out, "PAPER=A0", "DPI=300", "FORMATS=PDF", "NAME=anchi_a0")
        a0 = Path(results["MAPS"][0])
        size_mb = a0.stat().st_size / 1e6
        print(
            "A0 PDF at 300 dpi: {:.2f} MB in {:.1f} s; goal < {:.0f} MB: {}".format(
                size_mb, wall, GOAL_A0_MB, "met" if size_mb < GOAL_A0_MB else "NOT met"
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
