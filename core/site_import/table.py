"""Site lists as planners get them: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, read into a header
and rows numbered as a spreadsheet shows them (the header is row 1). Nothing here imports QGIS; GDAL is used
only to read XLSX when openpyxl is missing. The lon/lat columns are found by columns.py, the rows turned
into positions by rows.py."""

import csv
import io
import itertools
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterator, List, Optional, Sequence, Tuple

from ..base.encoding import EncodingDecision, decode_text
from ..errors import BeltMapError

SAMPLE_ROWS = 1000


class SiteTableError(BeltMapError):
    """A site list that cannot be read; the message says what is wrong and what to do."""


@dataclass
class SiteTable:
    """The header and the numbered rows of a site list."""

    path: str
    kind: str  # 'csv' or 'xlsx'
    headers: List[str]
    rows: Iterator[Tuple[int, List[Any]]]  # (row number as a spreadsheet shows it, cell values)
    encoding: Optional[EncodingDecision] = None
    delimiter: str = ","
    sheet: str = ""
    estimate: int = 0  # about how many rows, for progress
    notes: List[str] = field(default_factory=list)


def read_table(path: str, sheet: Optional[str] = None) -> SiteTable:
    """Open a CSV or XLSX site list (the kind is taken from the content, not the extension)."""
    if not path or not os.path.isfile(path):
        raise SiteTableError("File not found: {}. Check the path, or pick the file again.".format(path))
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SiteTableError(
            "{} is an old Excel .xls workbook, which cannot be read. Save it as .xlsx "
            "(Excel: File > Save As > Excel Workbook) or as CSV UTF-8, and import that.".format(path)
        )
    with open(path, "rb") as handle:
        data = handle.read()
    return _read_csv(path, data)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return sample.count(b"\x00") > max(1, len(sample) // 100)


def _first_lines(text: str, count: int) -> List[str]:
    """text.splitlines()[:count] without splitting the whole (possibly million-row) text."""
    end = 4096
    while True:
        lines = text[:end].splitlines()
        # with more than `count` lines in the window, the first `count` end before its cut
        if len(lines) > count or end >= len(text):
            return lines[:count]
        end *= 4


def sniff_delimiter(lines: Sequence[str]) -> str:
    """The delimiter among , ; tab | that splits the first lines most consistently (',' by default)."""
    best, best_score = ",", 0.0
    for delimiter in (",", "\t", ";", "|", "，"):
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = consistent * (1 + min(counts[0], 50) / 100.0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: str, data: bytes) -> SiteTable:
    if not data.strip():
        raise SiteTableError("{} is empty: it has no header and no rows.".format(path))
    if _looks_binary(data):
        raise SiteTableError(
            "{} is not a text table (CSV) nor an XLSX workbook. "
            "Export the site list as CSV UTF-8 or XLSX.".format(path)
        )
    text, decision = decode_text(data)
    text = text.replace("\x00", "")
    lines = _first_lines(text, 20)
    delimiter = sniff_delimiter([line for line in lines if line.strip()] or [""])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _numbered_csv_rows(reader)
    try:
        first = next(rows)
    except StopIteration:
        raise SiteTableError("{} is empty: it has no header and no rows.".format(path)) from None
    headers = _clean_headers(first[1])
    return SiteTable(path, "csv", headers, rows, decision, delimiter, estimate=text.count("\n"))


def _numbered_csv_rows(reader) -> Iterator[Tuple[int, List[Any]]]:
    """Rows that are not blank, numbered 1, 2, … in the order they come (row 1 is the header)."""
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # e.g. a field larger than the csv module's limit
            number += 1
            yield number, CsvRowError(str(error))
            continue
        number += 1
        if not any(str(cell).strip() for cell in row):
            continue
        yield number, row


class CsvRowError(str):
    """A row the csv module could not parse (the text is the reason)."""


def _clean_headers(cells: Sequence[Any]) -> List[str]:
    headers = []
    for index, cell in enumerate(cells):
        name = unicodedata.normalize("NFC", str(cell if cell is not None else "")).strip().strip("\ufeff")
        headers.append(name or "column_{}".format(index + 1))
    return headers


def _read_xlsx(path: str, sheet: Optional[str]) -> SiteTable:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return _read_xlsx_gdal(path, sheet)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise SiteTableError(
            "{} cannot be read as an XLSX workbook ({}). Open it in Excel and save it again as .xlsx, "
            "or export CSV UTF-8.".format(path, error)
        ) from None
    names = workbook.sheetnames
    if sheet:
        if sheet not in names:
            raise SiteTableError(
                "{} has no sheet '{}'. Its sheets are: {}.".format(path, sheet, ", ".join(names))
            )
        worksheet = workbook[sheet]
    else:
        worksheet = workbook[names[0]]
    rows = ((number, list(values)) for number, values in enumerate(worksheet.iter_rows(values_only=True), 1))
    rows = ((n, v) for n, v in rows if any(c is not None and str(c).strip() for c in v))
    try:
        first = next(rows)
    except StopIteration:
        raise SiteTableError("Sheet '{}' of {} is empty.".format(worksheet.title, path)) from None
    headers = _clean_headers(first[1])
    while headers and headers[-1].startswith("column_"):
        headers.pop()  # trailing empty header cells of formatted columns
    table = SiteTable(path, "xlsx", headers, rows, sheet=worksheet.title, estimate=worksheet.max_row or 0)
    table.notes.append("read with openpyxl, sheet '{}'".format(worksheet.title))
    return table


def _read_xlsx_gdal(path: str, sheet: Optional[str]) -> SiteTable:
    """XLSX through GDAL's XLSX driver (all cells as text), when openpyxl is not installed."""
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    try:
        dataset = gdal.OpenEx(
            path,
            gdal.OF_VECTOR,
            allowed_drivers=["XLSX"],
            open_options=["HEADERS=FORCE", "FIELD_TYPES=STRING"],
        )
    except RuntimeError as error:
        raise SiteTableError(
            "{} cannot be read as an XLSX workbook ({}). Save it again as .xlsx, or export CSV UTF-8.".format(
                path, error
            )
        ) from None
    layer = dataset.GetLayerByName(sheet) if sheet else dataset.GetLayer(0)
    if layer is None:
        names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
        raise SiteTableError(
            "{} has no sheet '{}'. Its sheets are: {}.".format(path, sheet, ", ".join(names))
        )
    definition = layer.GetLayerDefn()
    headers = _clean_headers(
        [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    )

    def rows():
        for number, feature in enumerate(layer, 2):
            yield (
                number,
                [
                    feature.GetField(i) if feature.IsFieldSetAndNotNull(i) else None
                    for i in range(definition.GetFieldCount())
                ],
            )
        del dataset_ref[:]

    dataset_ref = [dataset]
    _ = ogr  # the driver is registered by importing osgeo.ogr
    table = SiteTable(path, "xlsx", headers, rows(), sheet=layer.GetName())
    table.notes.append(
        "read with GDAL's XLSX driver (openpyxl is not installed), sheet '{}'".format(layer.GetName())
    )
    return table


# ---------------------------------------------------------------------------------------------
# finding the coordinate columns


def take_sample(table: SiteTable, size: int = SAMPLE_ROWS) -> Tuple[List[Tuple[int, List[Any]]], Iterator]:
    """The first rows (for detection) and an iterator over the rest."""
    sample = list(itertools.islice(table.rows, size))
    return sample, table.rows
