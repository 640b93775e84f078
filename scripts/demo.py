"""`make demo`: the main job on the demo belt, end to end, with a short summary and the output path.

Loads the demo belt (checked and styled as in QGIS desktop), then runs every Belt Map algorithm that
exists: tag the sites by zone, summarise per zone, export the belt map package.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import pkgroot  # scripts/pkgroot.py: import beltmap without the repository root on sys.path

REPO = Path(__file__).resolve().parents[1]


def start_qgis():
    """A headless QGIS application with Processing and the Belt Map provider."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from beltmap.processing.provider import BeltMapProvider

    provider = BeltMapProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, provider


def compare_years(processing, demo_path, out: Path, language: str, feedback) -> dict:
    """A second, illustrative year of the demo belt (scripts/demo_next_year.py) compared with the first."""
    import demo_next_year
    from beltmap.processing.belt_changes import BeltChangesAlgorithm

    after = out / "demo_belt_2026.gpkg"
    for note in demo_next_year.build(after):
        print("  year 2026 (illustrative): {}".format(note))
    result = processing.run(
        BeltChangesAlgorithm.ID,
        {
            "BEFORE": str(demo_path),
            "AFTER": str(after),
            "BEFORE_LABEL": "2025",
            "AFTER_LABEL": "2026",
            "LANGUAGE": 1 if language == "en" else 0,
            "SITE_CHANGES": str(out / "changes" / "site_changes.gpkg"),
            "REPORT_FOLDER": str(out / "changes"),
        },
        feedback=feedback,
    )
    print(
        "  changes 2025 → 2026: {} added, {} removed, {} moved, {} changed, {} retagged, {} unchanged; "
        "{} zones changed".format(
            *(result[k] for k in ("ADDED_COUNT", "REMOVED_COUNT", "MOVED_COUNT", "CHANGED_COUNT")),
            result["RETAGGED_COUNT"],
            result["UNCHANGED_COUNT"],
            result["ZONES_CHANGED_COUNT"],
        )
    )
    return {"change map": result["CHANGE_MAP_PDF"], "change summary": result["SUMMARY"]}


def programme_progress(processing, out: Path, language: str, feedback) -> dict:
    """Three illustrative years (scripts/demo_programme.py) and a small targets table: the progress."""
    import demo_programme
    from beltmap.processing.belt_progress import BeltProgressAlgorithm

    years, targets, notes = demo_programme.build(out / "programme")
    for note in notes:
        print("  programme (illustrative) {}".format(note))
    result = processing.run(
        BeltProgressAlgorithm.ID,
        {
            "YEARS": [str(p) for p in years],
            "TARGETS": str(targets),
            "LANGUAGE": 1 if language == "en" else 0,
            "INDICATORS": "memory:",
            "PROGRESS": "memory:",
            "ZONE_PROGRESS": "memory:",
            "REPORT_FOLDER": str(out / "progress"),
        },
        feedback=feedback,
    )
    print(
        "  programme progress {} years, {} targets: {} achieved, {} on track, {} acceleration needed, "
        "{} limited, {} deterioration, {} unable to assess".format(
            result["YEARS_COUNT"],
            sum(result[k] for k in BeltProgressAlgorithm.COUNT_KEYS),
            *(result[k] for k in BeltProgressAlgorithm.COUNT_KEYS),
        )
    )
    return {"progress report": result.get("REPORT_PDF"), "progress summary": result["SUMMARY"]}


def main() -> int:
    """Run the demo and print what it made."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "demo", help="output folder")
    parser.add_argument("--language", default="zh", choices=("zh", "en"))
    args = parser.parse_args()
    pkgroot.expose_package()
    app, provider = start_qgis()
    from beltmap.layers.loader import demo_gpkg_path, load_demo
    from beltmap.processing.export_package import ExportPackageAlgorithm
    from beltmap.processing.export_webmap import ExportWebMapAlgorithm
    from beltmap.processing.tag_zones import TagZonesAlgorithm
    from beltmap.processing.zone_summary import ZoneSummaryAlgorithm
    from qgis.core import QgsApplication, QgsProcessingFeedback, QgsProject

    import processing

    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    project = QgsProject.instance()
    loaded = load_demo(project, args.language)
    zones = loaded.layers["zones"][0]
    sites = loaded.layers["sites"][0]
    belt = loaded.layers["belt"][0]
    roads = loaded.layers["roads"][0]
    print("Belt Map demo — 安驰路产城融合实践带 (示意 / illustrative)")
    print("  demo data: {}".format(demo_gpkg_path()))
    print(
        "  loaded: {} zones, {} sites, {} roads, project CRS {}".format(
            zones.featureCount(), sites.featureCount(), roads.featureCount(), project.crs().authid()
        )
    )
    available = {alg.id() for alg in provider.algorithms()}
    feedback = QgsProcessingFeedback()
    outputs = {}
    if TagZonesAlgorithm.ID in available:
        result = processing.run(
            TagZonesAlgorithm.ID,
            {"INPUT": sites, "ZONES": zones, "BELT": belt, "OUTPUT": str(out / "sites_tagged.gpkg")},
            feedback=feedback,
        )
        counts = json.loads(result["COUNTS_BY_TYPE"])
        print(
            "  tagged: {} sites in a zone, {} in none, {} in more than one zone, {} outside the belt".format(
                result["TAGGED_COUNT"],
                result["UNTAGGED_COUNT"],
                result["EDGE_COUNT"],
                result["OUTSIDE_BELT_COUNT"],
            )
        )
        print("  sites per zone type: {}".format(", ".join("{} {}".format(k, v) for k, v in counts.items())))
        outputs["tagged sites"] = result["OUTPUT"]
    if ZoneSummaryAlgorithm.ID in available and "tagged sites" in outputs:
        result = processing.run(
            ZoneSummaryAlgorithm.ID,
            {
                "INPUT": outputs["tagged sites"],
                "ZONES": zones,
                "OUTPUT": "memory:",
                "OUTPUT_CSV": str(out / "zone_summary.csv"),
            },
            feedback=feedback,
        )
        outputs["zone summary"] = str(out / "zone_summary.csv")
    if ExportPackageAlgorithm.ID in available:
        result = processing.run(
            ExportPackageAlgorithm.ID,
            {
                "BELT": belt,
                "ZONES": zones,
                "SITES": [sites],
                "ROADS": roads,
                "LANGUAGE": args.language,
                "OUTPUT_FOLDER": str(out),
                "OVERWRITE": True,
            },
            feedback=feedback,
        )
        outputs["map package"] = result.get("OUTPUT_FOLDER")
        for key in ("ZIP_FILE", "MAPS"):
            if result.get(key):
                outputs[key.lower().replace("_", " ")] = result[key]
    if ExportWebMapAlgorithm.ID in available:
        # the electronic map on its own, with the evaluation index and the walk to the nearest station
        result = processing.run(
            ExportWebMapAlgorithm.ID,
            {
                "BELT": belt,
                "ZONES": zones,
                "SITES": [sites],
                "ROADS": roads,
                "INDEX": True,
                "COVERAGE": True,
                "LANGUAGE": args.language,
                "OUTPUT_FOLDER": str(out / "web_map"),
                "OVERWRITE": True,
            },
            feedback=feedback,
        )
        outputs["web map"] = "{}  (open it in a browser; offline)".format(result["INDEX_FILE"])
    from beltmap.processing.belt_changes import BeltChangesAlgorithm

    if BeltChangesAlgorithm.ID in available:
        outputs.update(compare_years(processing, demo_gpkg_path(), out, args.language, feedback))
    from beltmap.processing.belt_progress import BeltProgressAlgorithm

    if BeltProgressAlgorithm.ID in available:
        outputs.update(programme_progress(processing, out, args.language, feedback))
    missing = sorted({TagZonesAlgorithm.ID, ZoneSummaryAlgorithm.ID, ExportPackageAlgorithm.ID} - available)
    if missing:
        print("  not yet available in this version: {}".format(", ".join(missing)))
    for name, path in outputs.items():
        print("  {}: {}".format(name, path))
    print("Output folder: {}".format(out))
    QgsApplication.processingRegistry().removeProvider(provider)
    project.clear()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
