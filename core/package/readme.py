"""README.txt of the package: what each file is, in Chinese and in English."""

import os
from typing import Dict, List, Optional

_DESCRIPTIONS = {
    "belt.gpkg": (
        "GeoPackage：实践带边界、功能区域、已标注区域的点位、道路与区域统计表（选择评价指数时还有"
        " evaluation_index 与 evaluation_weights 两表）；每个图层的默认样式保存在"
        " layer_styles 表中，并带有图层元数据（标题、摘要、坐标系、来源与许可）。",
        "GeoPackage: belt boundary, zones, sites tagged with their zone, roads and the zone summary table "
        "(with the evaluation index, also the evaluation_index and evaluation_weights tables); "
        "each layer's default style is in its layer_styles table, with layer metadata (title, abstract, "
        "CRS, source and licence).",
    ),
    "belt.qgz": (
        "QGIS 工程：以相对路径引用 belt.gpkg，包含图层树、样式、注记和打印布局。"
        "整个文件夹可复制到任何位置后直接打开。",
        "QGIS project: refers to belt.gpkg by a relative path; holds the layer tree, styles, labels and the "
        "print layouts. Copy the whole folder anywhere and open it.",
    ),
    "maps/": (
        "地图成果（PDF 矢量、PNG、SVG），图集每页一个文件，文件名为区域编号或类型。",
        "The maps (vector PDF, PNG, SVG); atlas pages one file each, named by zone id or zone type.",
    ),
    "tables/zone_summary.csv": (
        "按区域和区域类型、按类别统计的点位数量（UTF-8 带 BOM，Excel 可直接打开）。",
        "Site counts per zone and zone type by category (UTF-8 with BOM, opens in Excel).",
    ),
    "tables/evaluation_index.csv": (
        "各区域的综合性建设评价指数：各项指标原值与标准化值、权重、得分（0–100）、TOPSIS 贴近度、排名与等级"
        "（UTF-8 带 BOM）。指标为示意性的起点：官方指数的指标未公开，规划人员可自行设定指标与权重。",
        "The comprehensive construction evaluation index per zone: every indicator raw and normalised, "
        "the weights, score (0-100), TOPSIS closeness, rank and grade (UTF-8 with BOM). The indicators are "
        "an indicative starting point: the official index's indicators are not public, and planners set "
        "their own indicators and weights.",
    ),
    "tables/evaluation_index_weights.csv": (
        "评价指数各指标的权重（熵权法或指定权重）。",
        "The weight of each indicator of the evaluation index (entropy method or fixed).",
    ),
    "maps/evaluation_index_chart.png": (
        "评价指数得分条形图（PNG），按等级着色，得分最高者在上。",
        "Bar chart of the index scores (PNG), coloured by grade, best first.",
    ),
    "maps/evaluation_index_chart.svg": (
        "同一条形图的矢量版本（SVG）。",
        "The same bar chart as a vector drawing (SVG).",
    ),
    "web/": (
        "电子地图：双击 web/index.html 即可在浏览器中离线打开（无需网络），可按类型筛选区域与点位、搜索名称、"
        "查看信息；整个 web 文件夹可复制到 U 盘、共享盘或任何静态网站服务器上发布。"
        "地图库 Leaflet 及其许可证位于 web/lib/leaflet/。",
        "The electronic map: double-click web/index.html to open it offline in a browser (no network "
        "needed); filter zones and sites by type, search by name, see details. Copy the whole web folder to "
        "a USB stick, a shared drive or any static web server to publish it. The map library Leaflet and "
        "its licence are in web/lib/leaflet/.",
    ),
    "changes/": (
        "与基准成果包（BASELINE，上一年度的成果包）相比的变化：变化图 change_map.pdf 与 change_map.png、"
        "点位变化表 site_changes.csv、迁移表 site_moves.csv、区域变化表 zone_changes.csv、各区域前后对比表 "
        "zone_deltas.csv（UTF-8 带 BOM）和中英文摘要 summary.txt；电子地图中有“变化”图层。基准成果包的名称、"
        "日期及其 manifest.json 的 SHA-256 记录在 manifest.json 的 baseline 项中。",
        "Changes since the baseline package (BASELINE, an earlier package): the change map change_map.pdf "
        "and change_map.png, the site changes site_changes.csv, the moves site_moves.csv, the zone changes "
        "zone_changes.csv, the per-zone figures before and after zone_deltas.csv (UTF-8 with BOM) and a "
        'summary in Chinese and English, summary.txt; the electronic map has a "Changes" layer. The '
        "baseline's name, date and the SHA-256 of its manifest.json are in the baseline entry of "
        "manifest.json.",
    ),
    "progress/": (
        "五年期进展（HISTORY 与 TARGETS）：进展报告 progress_report.pdf"
        "（各区域状态图、趋势与目标路径、各目标进展表）、"
        "各年指标 indicators.csv、各目标进展 progress.csv、各区域状态 zone_progress.csv、计算输入 "
        "calculation_inputs.csv / .json（UTF-8 带 BOM）和中英文摘要 summary.txt；年份与各状态数量记录在 "
        "manifest.json 的 progress 项中。",
        "Programme progress (HISTORY and TARGETS): the progress report progress_report.pdf (zone status map, "
        "trends with the target path, the progress of every target), the indicators of every year "
        "indicators.csv, the progress of every target progress.csv, the status of every zone "
        "zone_progress.csv, the calculation inputs calculation_inputs.csv / .json (UTF-8 with BOM) and a "
        "summary in Chinese and English, summary.txt; the years and the counts per status are in the "
        "progress entry of manifest.json.",
    ),
    "manifest.json": (
        "文件清单：每个文件的大小与 SHA-256、各图层要素数、坐标系、范围、导出参数和软件版本。",
        "Manifest: every file's size and SHA-256, feature counts, CRS, extent, parameters and "
        "software versions.",
    ),
}


def package_entries(folder: str) -> List[str]:
    """What README.txt can describe in a staged package: top-level files and folders ('maps/'), sorted,
    then every described file inside a folder (tables, charts) that exists."""
    entries = []
    for name in sorted(os.listdir(folder)):
        entries.append(name + "/" if os.path.isdir(os.path.join(folder, name)) else name)
    for key in _DESCRIPTIONS:
        inner = key.rstrip("/")
        if "/" in inner and os.path.isfile(os.path.join(folder, *inner.split("/"))):
            entries.append(key)
    return entries


def readme_text(
    title: str,
    created: str,
    illustrative: bool,
    osm: bool,
    entries: List[str],
    baseline: Optional[Dict] = None,
) -> str:
    """The README text for a package holding the given top-level entries (file names, 'maps/');
    baseline: the manifest's baseline entry when the package was compared with an earlier one."""
    baseline = baseline or {}
    lines = [
        title,
        "=" * 40,
        "",
        "【中文】",
        "本文件夹为“{}”地图成果包，生成于 {}。".format(title, created),
        "",
    ]
    for entry in entries:
        if entry in _DESCRIPTIONS:
            lines.append("- {}：{}".format(entry, _DESCRIPTIONS[entry][0]))
    if baseline:
        lines += [
            "",
            "基准成果包：{}（{}）。".format(baseline.get("name", ""), baseline.get("date", "") or "日期不详"),
        ]
    if illustrative:
        lines += ["", "注意：本图为示意图，边界与位置为近似表达，不作测绘依据。"]
    lines += [
        "",
        "坐标系：图层以 CGCS2000（EPSG:4490）保存，"
        "地图采用 CGCS2000 / 3度高斯-克吕格 中央经线120°E（EPSG:4549）。",
    ]
    if osm:
        lines.append("道路数据 © OpenStreetMap contributors，依 ODbL 1.0 许可使用。")
    lines += ["", "[English]", 'This folder is the map package "{}", created {}.'.format(title, created), ""]
    for entry in entries:
        if entry in _DESCRIPTIONS:
            lines.append("- {}: {}".format(entry, _DESCRIPTIONS[entry][1]))
    if baseline:
        lines += [
            "",
            "Baseline package: {} ({}).".format(
                baseline.get("name", ""), baseline.get("date", "") or "date unknown"
            ),
        ]
    if illustrative:
        lines += ["", "Note: this map is illustrative (示意); boundaries and positions are approximate."]
    lines += [
        "",
        "CRS: layers are stored in CGCS2000 (EPSG:4490); maps use CGCS2000 / 3-degree Gauss-Kruger CM 120E "
        "(EPSG:4549).",
    ]
    if osm:
        lines.append("Road data © OpenStreetMap contributors, available under the ODbL 1.0.")
    lines.append("")
    return "\n".join(lines)
