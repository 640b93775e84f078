"""The progress report (PDF, A4 or A3, in the report's language) through the print kit: a status map of the
zones with counts, belt-wide trend charts with the target path, one section per scope with small multiples
of its indicators, the progress table (continued as 续表), the zones that changed and the summary."""

import os
from typing import Dict, List

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsRendererCategory,
    QgsVectorLayer,
)

from ...compat import TEXT
from ..base.model import WORK_CRS
from ..cartography.charts import Trend, draw_trends
from ..cartography.pages import MARGIN_MM, PageDocument
from ..programme import rule
from ..programme.scopes import Scope
from .summary import RULE_EN, RULE_ZH, summary_lines

NO_TARGET = "#ffffff"
FILE_NAME = "progress_report.pdf"


def status_layer(result, en: bool) -> QgsVectorLayer:
    """The reporting zones coloured by their worst status (a memory layer, work CRS)."""
    layer = QgsVectorLayer("MultiPolygon?crs={}".format(WORK_CRS), "progress", "memory")
    layer.dataProvider().addAttributes([QgsField("status", TEXT)])
    layer.updateFields()
    features = []
    for row in result.zones:
        feature = QgsFeature(layer.fields())
        geometry = QgsGeometry(row["geometry"])
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        feature.setAttributes([row["status"] or "none"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    categories = []
    for status in list(rule.STATUSES) + ["none"]:
        colour = rule.STATUS_COLOURS.get(status, NO_TARGET)
        symbol = QgsFillSymbol.createSimple(
            {"color": colour, "outline_color": "#404040", "outline_width": "0.3"}
        )
        categories.append(QgsRendererCategory(status, symbol, status_name(status, en)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    return layer


def status_name(status: str, en: bool) -> str:
    """A status in the report's language ('none': a zone without a target)."""
    if status == "none" or not status:
        return "no target" if en else "无目标"
    return (rule.STATUS_EN if en else rule.STATUS_ZH)[status]


def trend_of(row: dict, result, en: bool, title: str) -> Trend:
    """The chart of one target row: its series, its target path and its status."""
    unit = " ({})".format(row["unit"]) if row.get("unit") else ""
    return Trend(
        title=title + unit,
        years=result.years,
        values=row["series"],
        baseline_year=row["baseline_year"],
        baseline=row["baseline"],
        target_year=row["target_year"],
        target=row["target"],
        status_text=status_name(row["status"], en)
        + ("" if row["ratio"] is None else "  R={:.2f}".format(row["ratio"])),
        status_colour=rule.STATUS_COLOURS[row["status"]],
    )


def _width(char: str) -> int:
    return 2 if "\u2e80" <= char <= "\uffef" else 1


def _wrap(text: str, width: int = 112) -> List[str]:
    """Lines of at most `width` columns (a CJK character two), broken at spaces where there are some."""
    lines, line, used = [], "", 0
    for word in text.split(" "):
        piece = (" " if line else "") + word
        size = sum(_width(c) for c in piece)
        if used + size <= width:
            line, used = line + piece, used + size
            continue
        if line:
            lines.append(line)
        line, used = "", 0
        for char in word:  # a word longer than a line (Chinese has no spaces): by character
            if used + _width(char) > width:
                lines.append(line)
                line, used = "", 0
            line, used = line + char, used + _width(char)
    lines.append(line)
    return lines


def write_progress_pdf(result, request, folder: str, progress) -> str:
    """Write progress_report.pdf into folder; its path."""
    en = request.language == "en"
    path = os.path.join(folder, FILE_NAME)
    years = " → ".join(result.labels)
    zone_names = {row["zone_id"]: row["zone_name"] for row in result.zones}
    layer = status_layer(result, en)
    with PageDocument(path, paper=request.paper, language=request.language) as doc:
        page = doc.page
        top = doc.title_block(
            "Anchi Road practice belt" if en else "安驰路产城融合实践带",
            ("Programme progress {}" if en else "五年期进展 {}").format(years),
            ("Reporting zones: {} ({})" if en else "统计区域：{}（{}）").format(
                result.labels[-1]
                if result.zones_from == "latest"
                else ("each year's own" if en else "各年自身"),
                ("latest year's zones" if en else "最新年份区域")
                if result.zones_from == "latest"
                else ("matched by zone_id" if en else "按 zone_id 对应"),
            ),
        )
        counts = result.counts
        top = doc.draw_lines(summary_lines(result, en)[1:2], top)
        extent = layer.extent()
        extent.scale(1.08)
        map_height = page.usable_mm * 0.62
        top = doc.draw_map([layer], extent, top + 1, map_height)
        zone_counts: Dict[str, int] = {}
        for row in result.zones:
            zone_counts[row["status"] or "none"] = zone_counts.get(row["status"] or "none", 0) + 1
        legend = [
            ("{} {}".format(status_name(s, en), zone_counts.get(s, 0)), rule.STATUS_COLOURS.get(s, NO_TARGET))
            for s in list(rule.STATUSES) + ["none"]
        ]
        top = doc.draw_legend(legend, top, shape="square")
        top = doc.draw_lines(
            [
                (
                    "Zones by the worst status of their targets; targets: "
                    if en
                    else "区域按其目标的最差状态着色；目标："
                )
                + ", ".join("{} {}".format(status_name(s, en), counts[s]) for s in rule.STATUSES)
            ],
            top,
            8,
        )
        belt_rows = [r for r in result.progress if r["scope_kind"] == "belt"]

        def next_page():
            doc.new_page()
            return doc.page, MARGIN_MM

        if belt_rows:
            if top + 60 > page.bottom_mm:
                doc.new_page()
                top = MARGIN_MM
            top = doc.draw_lines(
                ["Whole belt: trends and target paths" if en else "全带：趋势与目标路径"], top, 11
            )
            trends = [trend_of(r, result, en, r["indicator"]) for r in belt_rows]
            top = draw_trends(
                doc.page, trends, top, MARGIN_MM, doc.page.usable_mm, 3, 46, doc.page.bottom_mm, next_page
            )
        scopes = []
        for r in result.progress:
            key = (r["scope_kind"], r["scope_key"])
            if r["scope_kind"] != "belt" and key not in scopes:
                scopes.append(key)
        for kind, key in scopes:
            rows = [r for r in result.progress if (r["scope_kind"], r["scope_key"]) == (kind, key)]
            label = Scope(kind, key, key).label("en" if en else "zh", zone_names)
            if top + 60 > doc.page.bottom_mm:
                doc.new_page()
                top = MARGIN_MM
            worst = rule.worst(r["status"] for r in rows)
            top = doc.draw_lines(["{} — {}".format(label, status_name(worst, en))], top + 2, 11)
            trends = [trend_of(r, result, en, r["indicator"]) for r in rows]
            top = draw_trends(
                doc.page, trends, top, MARGIN_MM, doc.page.usable_mm, 3, 46, doc.page.bottom_mm, next_page
            )
        doc.new_page()
        top = doc.draw_lines(["Progress per target" if en else "各目标进展"], MARGIN_MM, 11)
        headers = (
            ["scope", "indicator", "baseline", "latest", "target", "expected", "R", "status"]
            if en
            else ["范围", "指标", "基准值", "最新值", "目标值", "期望值", "R", "状态"]
        )
        table = [
            [
                r["scope"],
                r["indicator"],
                "{} ({})".format(_short(r["baseline"]), r["baseline_year"]),
                "{} ({})".format(_short(r["latest"]), r["latest_year"]),
                "{} ({})".format(_short(r["target"]), r["target_year"]),
                _short(r["expected"]),
                _short(r["ratio"]),
                status_name(r["status"], en),
            ]
            for r in result.progress
        ]
        top = doc.draw_table(headers, table, top, [0.12, 0.16, 0.13, 0.13, 0.13, 0.1, 0.07, 0.16])
        lines = []
        if result.changed_zones:
            lines.append("Zones that changed between the years:" if en else "历年变化的区域：")
            for z in result.changed_zones:
                lines.append("  {} {} ({})".format(z["zone_id"], z["change"], z["year"]))
        lines.append("")
        for line in summary_lines(result, False) + [""] + summary_lines(result, True):
            if line in (RULE_EN, RULE_ZH):
                continue
            lines += _wrap(line)
        lines.append("")
        lines += _wrap(RULE_ZH) + _wrap(RULE_EN)
        doc.draw_lines(lines, top + 4, 8.5)
    progress.pushInfo("Progress report: {}".format(path))
    return path


def _short(value) -> str:
    if value is None:
        return "—"
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return "{:.2f}".format(value)
