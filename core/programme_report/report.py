"""REPORT_FOLDER of beltprogress: the tables as CSV (UTF-8 with BOM, formula-safe), the calculation inputs
(every value used), a summary zh/en and the progress report (PDF)."""

import json
import os
from typing import Dict, List

from ..base import staging
from ..base.tables import write_excel_csv
from ..programme.engine import run_progress
from .pdf import write_progress_pdf
from .summary import summary_text

INDICATOR_COLUMNS = ["year", "label", "scope", "indicator", "value"]
PROGRESS_COLUMNS = [
    "scope", "indicator", "direction", "baseline_year", "baseline", "latest_year", "latest", "target_year",
    "target", "expected", "ratio", "status", "status_zh", "unit", "source", "responsible", "note", "row",
]  # fmt: skip
ZONE_COLUMNS = ["zone_id", "zone_name", "zone_type", "status", "status_zh", "targets"]


def _csv(folder: str, name: str, names: List[str], rows) -> str:
    path = os.path.join(folder, name + ".csv")
    write_excel_csv(path, names, ([row.get(n) for n in names] for row in rows))
    return path


def tables(result, folder: str) -> Dict[str, str]:
    """The three tables and the calculation inputs as CSV, the pooled scale as JSON; {name: path}."""
    written = {
        "indicators": _csv(folder, "indicators", INDICATOR_COLUMNS, result.indicators),
        "progress": _csv(folder, "progress", PROGRESS_COLUMNS, result.progress),
        "zone_progress": _csv(folder, "zone_progress", ZONE_COLUMNS + result.zone_fields, result.zones),
    }
    input_names: List[str] = []
    for row in result.inputs:
        input_names += [k for k in row if k not in input_names]
    written["inputs"] = _csv(folder, "calculation_inputs", input_names, result.inputs)
    if result.changed_zones:
        written["zones_changed"] = _csv(
            folder, "zones_changed", ["zone_id", "year", "change"], result.changed_zones
        )
    path = os.path.join(folder, "calculation_inputs.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "years": dict(zip(result.labels, result.paths)),
                "method": result.method,
                "zones_from": result.zones_from,
                "walks": dict(zip(result.labels, result.walk_hows)),
                "index_scale": result.scale,
                "notes": result.notes,
            },
            handle,
            ensure_ascii=False,
            indent=2,
        )
    written["inputs_json"] = path
    return written


def progress_and_report(request, progress):
    """Assess the progress (core/programme) and, with a report folder, write the report while the years
    are open."""

    def finish(result) -> None:
        if request.report_folder:
            result.files = write_report(result, request, progress)

    return run_progress(request, progress, finish)


def write_report(result, request, progress) -> Dict[str, str]:
    """Write the report into request.report_folder (staged beside it, moved in whole); {name: path}."""

    def write(folder: str) -> Dict[str, str]:
        written = tables(result, folder)
        path = os.path.join(folder, "summary.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(summary_text(result))
        written["summary"] = path
        written["report_pdf"] = write_progress_pdf(result, request, folder, progress)
        return written

    return staging.write_into_folder(request.report_folder, "beltmap_progress", write, progress)
