"""The chain report's files: the four tables as CSV (formula-safe, Excel keeps the Chinese), a summary in
Chinese then English, and the pages (drawn by the caller's `pages` callable: core/chains never imports
the print kit, which sits above the engines). Staged beside the folder, moved in when complete."""

import os
from typing import Callable, Dict, List, Optional

from ..base import staging
from ..base.tables import write_excel_csv
from ..chains.engine import run_chains
from ..chains.links import RELATION_KEYS, relation_label
from ..chains.matching import REASON_ZH
from ..chains.measures import LINK_COLUMNS, UNMATCHED_COLUMNS, ZONE_COLUMNS, radius_text, summary_columns
from .pages import chain_pages


def _percent(share) -> str:
    return "—" if share is None else "{:.0%}".format(share)


def summary_lines(data: dict, english: bool) -> List[str]:
    """The summary in one language: counts, the headline share, and each leader's line."""
    result = data["result"]
    radii = data["radii_km"]
    leaders = [r for r in data["summary"] if not r["chain"] and r["year"] is None]
    if english:
        lines = [
            "Chain links",
            "{} links read, {} matched, {} unmatched, {} empty rows skipped.".format(
                result.links, result.matched, result.unmatched, result.empty_rows
            ),
            "Of every leader's partners, {} are in the belt.".format(_percent(result.inside_share)),
        ]
        lines += ["  unmatched: {} x {}".format(n, reason) for reason, n in sorted(result.reasons.items())]
    else:
        lines = [
            "产业链联系",
            "读入联系 {} 条，匹配 {} 条，未匹配 {} 条，跳过空行 {} 行。".format(
                result.links, result.matched, result.unmatched, result.empty_rows
            ),
            "各链长的合作企业中，位于实践带内的占 {}。".format(_percent(result.inside_share)),
        ]
        lines += ["  未匹配：{} {} 条".format(REASON_ZH[r], n) for r, n in sorted(result.reasons.items())]
    for row in leaders:
        within = ", ".join(
            "{}km: {}".format(radius_text(r), row["within_{}km".format(radius_text(r))]) for r in radii
        )
        relations = ", ".join(
            "{} {}".format(relation_label(k, "en" if english else "zh"), row["n_" + k])
            for k in RELATION_KEYS
            if row["n_" + k]
        )
        template = (
            "- {} {}: {} partners, {} in the belt ({}); within {}; {}"
            if english
            else "- {} {}：合作企业 {} 家，带内 {} 家（{}）；距离内 {}；{}"
        )
        lines.append(
            template.format(
                row["leader"],
                row["leader_name"],
                row["partners"],
                "—" if row["inside"] is None else row["inside"],
                _percent(row["inside_share"]),
                within,
                relations,
            )  # fmt: skip
        )
    return lines


def write_tables(data: dict, folder: str) -> Dict[str, str]:
    """The four CSVs; {output name: path}."""
    columns = summary_columns(data["radii_km"])
    tables = (
        ("links_csv", "chain_links.csv", LINK_COLUMNS, data["links"]),
        ("summary_csv", "chain_summary.csv", columns, data["summary"]),
        ("zones_csv", "chain_zones.csv", ZONE_COLUMNS, data["zones"]),
        ("unmatched_csv", "chain_unmatched.csv", UNMATCHED_COLUMNS, data["unmatched"]),
    )
    written = {}
    for name, file_name, header, rows in tables:
        path = os.path.join(folder, file_name)
        write_excel_csv(path, header, ([row.get(c) for c in header] for row in rows))
        written[name] = path
    return written


def write_report(final: str, data: dict, pages: Optional[Callable], progress) -> Dict[str, str]:
    """Write the report into `final` (staged beside it, moved in whole); {output name: path}."""

    def write(folder: str) -> Dict[str, str]:
        written = write_tables(data, folder)
        path = os.path.join(folder, "chain_summary.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(summary_lines(data, False) + [""] + summary_lines(data, True)) + "\n")
        written["summary"] = path
        if pages is not None:
            written.update(pages(folder, data, progress))
        return written

    return staging.write_into_folder(final, "beltmap_chains", write, progress)


def run_and_report(request, output, progress):
    """Run core/chains on request into output; with a report folder, write the tables, the summary and
    the pages there (staged, moved in whole). The ChainResult, its files filled."""
    result = run_chains(request, output, progress)
    if request.report_folder and result.report_data is not None:
        result.files = write_report(request.report_folder, result.report_data, chain_pages, progress)
    result.report_data = None
    return result
