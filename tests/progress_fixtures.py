"""Three hand-built years of a small belt (2024, 2025, 2026) and a targets table with a known status for
every target, for the progress tests (issue 26)."""

from pathlib import Path

from qgis.PyQt.QtCore import QVariant
from tag_fixtures import box, memory_layer, write_gpkg

SITE_FIELDS = [("site_id", QVariant.String), ("name", QVariant.String), ("category", QVariant.String)]
ZONE_FIELDS = [("zone_id", QVariant.String), ("name", QVariant.String), ("zone_type", QVariant.String)]
CRS = "EPSG:4549"

# latest zones (2026); in 2024 Z1 was half as wide, so its site at x=750 is outside Z1 in 2024's own zones
ZONES_LATEST = [
    (0, 0, 1000, 1000, ["Z1", "一园", "park"]),
    (1000, 0, 2000, 1000, ["Z2", "二社区", "community"]),
    (0, 1000, 1000, 2000, ["Z3", "三园", "park"]),
]
ZONES_2024 = [(0, 0, 500, 1000, ["Z1", "一园", "park"])] + ZONES_LATEST[1:]

# (count per year 2024, 2025, 2026) per (where, category)
COUNTS = {
    "z1": (2, 3, 4),
    "z2_enterprise": (4, 4, 4),
    "z2_residential": (6, 5, 4),
    "z3": (10, 11, 13),
    "facility": (3, 3, 2),  # in the belt, outside every zone
    "station": (0, 0, 1),  # in Z2
}

# indicator, scope, target_year, target, baseline_year, direction, expected status
TARGETS = [
    ("sites", "Z1", 2030, 8, "", "", "on_track"),
    ("sites:enterprise", "Z2", 2030, 4, "", "increase", "achieved"),
    ("sites", "Z3", 2030, 20, "", "", "acceleration_needed"),
    ("sites", "Z3", 2030, 40, "", "", "limited"),
    ("sites:facility", "belt", 2030, 5, "", "", "deterioration"),
    ("sites:residential", "Z2", 2030, 0, "", "降低", "on_track"),
    ("sites:service_station", "全带", 2030, 3, "", "", "on_track"),
    ("sites", "Z2", 2030, 20, 2026, "", "unable_to_assess"),
]


def _sites(k):
    rows, n = [], 0

    def add(x, y, category):
        nonlocal n
        n += 1
        rows.append(("POINT({} {})".format(600000 + x, 3460000 + y), ["S{}".format(n), "site", category]))

    z1 = COUNTS["z1"][k]
    add(250, 500, "enterprise")
    add(750, 500, "enterprise")  # outside Z1 of 2024's own zones
    for i in range(z1 - 2):
        add(300 + 100 * i, 200, "enterprise")
    for i in range(COUNTS["z2_enterprise"][k]):
        add(1100 + 100 * i, 300, "enterprise")
    for i in range(COUNTS["z2_residential"][k]):
        add(1100 + 100 * i, 700, "residential")
    for i in range(COUNTS["z3"][k]):
        add(50 + 60 * i, 1500, "enterprise")
    for i in range(COUNTS["facility"][k]):
        add(1200 + 200 * i, 1500, "facility")
    for _i in range(COUNTS["station"][k]):
        add(1500, 500, "service_station")
    return memory_layer("Point", SITE_FIELDS, rows, crs=CRS, name="sites")


def zones_layer(rows):
    """A zones memory layer from (x0, y0, x1, y1, [zone_id, name, type])."""
    return memory_layer("Polygon", ZONE_FIELDS, [(box(*b), v) for *b, v in rows], crs=CRS, name="zones")


def belt_layer():
    return memory_layer(
        "Polygon", [("name", QVariant.String)], [(box(0, 0, 2000, 2000), ["带"])], crs=CRS, name="belt"
    )


def build_years(folder) -> list:
    """belt_2024.gpkg, belt_2025.gpkg, belt_2026.gpkg in folder (labels from the names); their paths."""
    folder = Path(folder)
    paths = []
    for k, year in enumerate((2024, 2025, 2026)):
        path = folder / "belt_{}.gpkg".format(year)
        write_gpkg(_sites(k), path, "sites")
        write_gpkg(zones_layer(ZONES_2024 if year == 2024 else ZONES_LATEST), path, "zones")
        write_gpkg(belt_layer(), path, "belt")
        paths.append(str(path))
    return paths


def write_targets(path, chinese=False, encoding="utf-8-sig", rows=None):
    """The targets table as CSV (English or Chinese headers); returns the path."""
    header = (
        ["指标", "范围", "目标年份", "目标值", "基准年份", "方向", "单位", "责任单位"]
        if chinese
        else [
            "indicator",
            "scope",
            "target_year",
            "target",
            "baseline_year",
            "direction",
            "unit",
            "responsible",
        ]
    )
    lines = [",".join(header)]
    for indicator, scope, year, target, base, direction, _status in rows or TARGETS:
        lines.append(
            ",".join(str(v) for v in (indicator, scope, year, target, base, direction, "个", "安亭镇"))
        )
    Path(path).write_text("\n".join(lines) + "\n", encoding=encoding)
    return str(path)
