"""Tables written for people: CSV that Excel opens with the Chinese intact and no formula runs."""

import csv
from pathlib import Path
from typing import Iterable, Sequence

from .nulls import is_null
from .text_cells import safe_cell


def write_excel_csv(path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a CSV as UTF-8 with BOM (Excel keeps the Chinese), NULL cells empty, formulas as text."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([safe_cell(name) for name in header])
        for row in rows:
            writer.writerow(["" if is_null(value) else safe_cell(value) for value in row])
    return path
