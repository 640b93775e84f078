"""Three illustrative years of the demo belt (示意) and a small targets table, for `make demo`'s programme
progress (beltmap:beltprogress).

2024 is scripted back from data/demo_belt.gpkg (ten firms and two facilities not yet there, one service
station not yet open), 2025 is the demo belt itself, 2026 is scripts/demo_next_year.py's year (firms open
and close, Z06 retyped, Z12 split, a station opens). The targets are illustrative, not the programme's.
Deterministic (seeded), plain GDAL.
"""

import argparse
import random
import shutil
from pathlib import Path

import demo_next_year
from osgeo import ogr

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "data" / "demo_belt.gpkg"
SEED = 2024

# 指标, 范围, 目标年份, 目标值, 方向, 单位, 责任单位: illustrative targets, Chinese headers
TARGETS = [
    ("sites:enterprise", "全带", 2030, 100, "提高", "个", "安亭镇经济发展办（示意）"),
    ("cov500", "全带", 2030, 60, "提高", "%", "安亭镇党建办（示意）"),
    ("index", "全带", 2030, 70, "提高", "分", "融委会（示意）"),
    ("sites", "园区", 2030, 110, "提高", "个", "园区管委会（示意）"),
    ("walk_mean", "社区", 2030, 250, "降低", "m", "社区事务中心（示意）"),
    ("sites:service_station", "Z24", 2030, 2, "提高", "个", "安亭镇党建办（示意）"),
    ("sites:facility", "Z03", 2030, 8, "提高", "个", "安亭镇规划办（示意）"),
    ("density", "街区", 2030, 60, "提高", "个/km²", "安亭镇规划办（示意）"),
]
HEADER = "指标,范围,目标年份,目标值,方向,单位,来源,责任单位"


def build_earlier(out: Path) -> list:
    """The year before the demo belt: fewer firms and facilities, one service station not yet open."""
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SOURCE, out)
    rng = random.Random(SEED)
    dataset = ogr.Open(str(out), 1)
    layer = dataset.GetLayerByName("sites")
    features = sorted(layer, key=lambda f: f.GetField("site_id"))
    by_category = {}
    for feature in features:
        by_category.setdefault(feature.GetField("category"), []).append(feature)
    removed = rng.sample(by_category["enterprise"], 10) + rng.sample(by_category["facility"], 2)
    removed += rng.sample(by_category["service_station"], 1)
    for feature in removed:
        layer.DeleteFeature(feature.GetFID())
    dataset = None
    return ["sites: 10 firms, 2 facilities and 1 service station not yet there"]


def write_targets(path: Path) -> Path:
    """The illustrative targets table (CSV UTF-8 with BOM, Chinese headers)."""
    lines = [HEADER] + [
        ",".join(
            str(v) for v in (indicator, scope, year, target, direction, unit, "五年期战略导航书（示意）", who)
        )
        for indicator, scope, year, target, direction, unit, who in TARGETS
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def build(folder: Path):
    """demo_belt_2024.gpkg, demo_belt_2025.gpkg, demo_belt_2026.gpkg and targets.csv in folder;
    (the three paths, the targets path, notes)."""
    folder.mkdir(parents=True, exist_ok=True)
    notes = ["2024: " + n for n in build_earlier(folder / "demo_belt_2024.gpkg")]
    shutil.copy(SOURCE, folder / "demo_belt_2025.gpkg")
    notes += ["2026: " + n for n in demo_next_year.build(folder / "demo_belt_2026.gpkg")]
    years = [folder / "demo_belt_{}.gpkg".format(y) for y in (2024, 2025, 2026)]
    return years, write_targets(folder / "targets.csv"), notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "demo" / "programme")
    args = parser.parse_args()
    _years, targets, notes = build(args.out)
    for note in notes:
        print(note)
    print(targets)


if __name__ == "__main__":
    main()
