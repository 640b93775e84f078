"""REPORT_FOLDER: the change tables as CSV (UTF-8 with BOM, formula-safe), the change map, a summary."""

import os
from typing import Dict, List

from ...i18n import tr
from ..base import staging
from ..base.tables import write_excel_csv
from ..base.zone_types import ZONE_KEYS, zone_type
from ..changes.engine import compare
from ..changes.request import DEFAULT_DETOUR
from ..changes.tables import MOVE_COLUMNS, SITE_COLUMNS, ZONE_COLUMNS
from ..changes.walks import walk_summary
from .change_map import write_change_map

# positions written after a table's columns: (header, the row's key, 0 for x / 1 for y)
XY_AFTER = (("x", "xy", 0), ("y", "xy", 1))
XY_BEFORE = (("x_before", "xy_before", 0), ("y_before", "xy_before", 1))


def _xy(value, k):
    return None if value is None else round(float(value[k]), 2)


def _table_csv(folder: str, name: str, names: List[str], rows, xy=()) -> str:
    """One change table as <name>.csv (UTF-8 with BOM, formula-safe): its columns, then the positions."""
    path = os.path.join(folder, name + ".csv")
    write_excel_csv(
        path,
        names + [header for header, _key, _k in xy],
        ([row.get(n) for n in names] + [_xy(row[key], k) for _h, key, k in xy] for row in rows),
    )
    return path


# past this many sites the report's site_changes.csv lists only the changed sites (a spreadsheet of a
# million unchanged rows helps no one); the SITE_CHANGES output keeps every site
ALL_SITES_IN_CSV = 100_000


def site_rows_for_csv(result, progress=None):
    """The rows of site_changes.csv: every site, or past ALL_SITES_IN_CSV only the changed ones (said in
    the log)."""
    if len(result.sites) <= ALL_SITES_IN_CSV:
        return result.sites
    if progress is not None:
        progress.pushInfo(
            tr(
                "{} sites: site_changes.csv lists only the {} changed sites (SITE_CHANGES keeps every site)"
            ).format(len(result.sites), len(result.sites) - result.counts.get("unchanged", 0))
        )
    return (row for row in result.sites if row["change"] != "unchanged")


def tables(result, folder: str, progress=None) -> Dict[str, str]:
    """The four change tables as CSV in folder; {name: path}."""
    return {
        "site_changes": _table_csv(
            folder,
            "site_changes",
            [c[0] for c in SITE_COLUMNS],
            site_rows_for_csv(result, progress),
            XY_AFTER + XY_BEFORE,
        ),
        "site_moves": _table_csv(
            folder, "site_moves", [c[0] for c in MOVE_COLUMNS], result.moves, XY_BEFORE + XY_AFTER
        ),
        "zone_changes": _table_csv(folder, "zone_changes", [c[0] for c in ZONE_COLUMNS], result.zones),
        "zone_deltas": _table_csv(folder, "zone_deltas", list(result.delta_fields), result.deltas),
    }


def _zone_label(row, en: bool) -> str:
    name = row.get("zone_name") or row.get("zone_id")
    key = row.get("zone_type")
    kind = zone_type(key).label("en" if en else "zh") if key in ZONE_KEYS else ""
    return "{} ({})".format(name, kind) if kind else str(name)


def summary_lines(result, en: bool) -> List[str]:
    """The summary in one language: headline counts, the zones that changed most, index gains, losses."""
    c = result.counts
    before, after = result.labels
    lines = []
    if en:
        lines.append("Belt changes {} → {}".format(before, after))
        lines.append(
            "Sites: {} added, {} removed, {} moved, {} changed, {} retagged, {} unchanged.".format(
                c["added"], c["removed"], c["moved"], c["changed"], c["retagged"], c["unchanged"]
            )
        )
        lines.append("Zones changed: {} of {}.".format(result.zones_changed, len(result.zones)))
    else:
        lines.append("实践带变化 {} → {}".format(before, after))
        lines.append(
            "点位：新增 {} 个，撤销 {} 个，迁移 {} 个，属性变更 {} 个，"
            "所属区域变化 {} 个，未变 {} 个。".format(
                c["added"], c["removed"], c["moved"], c["changed"], c["retagged"], c["unchanged"]
            )
        )
        lines.append(
            "区域：{} 个区域有变化（共 {} 条区域记录）。".format(result.zones_changed, len(result.zones))
        )
    most = sorted(
        (r for r in result.deltas if r.get("sites_d")),
        key=lambda r: (-abs(r["sites_d"]), str(r["zone_id"])),
    )[:5]
    if most:
        lines.append("Zones that changed most (sites):" if en else "点位变化最多的区域：")
        for r in most:
            lines.append(
                "  {}: {:+d} ({} → {})".format(
                    _zone_label(r, en), int(r["sites_d"]), r["sites_b"], r["sites_a"]
                )
            )
    scored = [r for r in result.deltas if r.get("score_d") is not None]
    gains = sorted((r for r in scored if r["score_d"] > 0), key=lambda r: -r["score_d"])[:3]
    losses = sorted((r for r in scored if r["score_d"] < 0), key=lambda r: r["score_d"])[:3]
    for title_en, title_zh, group in (
        ("Index gains:", "评价指数上升：", gains),
        ("Index losses:", "评价指数下降：", losses),
    ):
        if group:
            lines.append(title_en if en else title_zh)
            for r in group:
                lines.append(
                    "  {}: {:+.1f} ({:.1f} → {:.1f}, {} → {})".format(
                        _zone_label(r, en),
                        r["score_d"],
                        r["score_b"],
                        r["score_a"],
                        r["grade_b"],
                        r["grade_a"],
                    )
                )
    if not scored:
        lines.append("No index score could be computed." if en else "未能计算评价指数。")
    lines.append(
        ("How the index was computed: " if en else "指数计算方法（两年同一尺度）：") + result.index_note
    )
    walks = walk_summary(result.walk_hows, DEFAULT_DETOUR, en)
    if walks:
        lines.append(walks)
    return lines


def summary_text(result) -> str:
    """The summary in Chinese, then in English."""
    return "\n".join(summary_lines(result, False) + [""] + summary_lines(result, True)) + "\n"


def compare_and_report(request, progress):
    """Compare two years (core/changes) and, with a report folder, write the report while both are open."""

    def finish(result) -> None:
        if request.report_folder:
            result.files = write_report(result, request, progress)

    return compare(request, progress, finish)


def write_report(result, request, progress) -> Dict[str, str]:
    """Write the report into request.report_folder (staged beside it, moved in whole); {name: path}."""

    def write(folder: str) -> Dict[str, str]:
        written = tables(result, folder, progress)
        path = os.path.join(folder, "summary.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(summary_text(result))
        written["summary"] = path
        written.update(write_change_map(result, request, folder, progress))
        return written

    return staging.write_into_folder(request.report_folder, "beltmap_changes", write, progress)
