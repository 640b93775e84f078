"""Site lists as planners get them: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX, lon/lat columns.

read_table() gives the header and the rows (numbered as a spreadsheet shows them: the header is row 1);
find_xy() finds the longitude/latitude columns, or one "lon,lat" column; read_sites() turns the rows
into positions in WGS84 (or the source CRS for projected sources) and a reason for every rejected row.
Nothing here imports QGIS; GDAL is used only to read XLSX when openpyxl is missing.
"""

import csv
import io
import itertools
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple

from ..base import coords
from ..base.encoding import EncodingDecision, decode_text
from ..errors import BeltMapError

X_NAMES = ("lon", "lng", "long", "longitude", "x", "经度", "东经", "point_x", "xcoord", "x坐标", "横坐标")
Y_NAMES = ("lat", "latitude", "y", "纬度", "北纬", "point_y", "ycoord", "y坐标", "纵坐标")
PAIR_NAMES = (
    "lonlat", "lnglat", "location", "coordinates", "coordinate", "coords", "position", "经纬度", "坐标",
    "位置", "latlon", "latlng", "gps",
)  # fmt: skip
LAT_FIRST_NAMES = ("latlon", "latlng")
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


@dataclass
class XYSpec:
    """Where a table keeps its coordinates: two columns, or one column holding both."""

    x: Optional[int] = None
    y: Optional[int] = None
    pair: Optional[int] = None
    lat_first: bool = False

    def describe(self, headers: Sequence[str]) -> str:
        """The column names, for messages and results."""
        if self.pair is not None:
            return "{} ({})".format(headers[self.pair], "lat,lon" if self.lat_first else "lon,lat")
        return "{} / {}".format(headers[self.x], headers[self.y])


# ---------------------------------------------------------------------------------------------
# reading


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


def _header_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"[(\[（【].*?[)\]）】]", "", text)  # units or systems in brackets: 经度(GCJ02)
    return re.sub(r"[\s\-./:]", "", text).strip("_")


def _match(headers: Sequence[str], names: Sequence[str]) -> Optional[int]:
    keys = [_header_key(h) for h in headers]
    for name in names:  # exact names first, in order of preference
        if name in keys:
            return keys.index(name)
    for name in names:  # then a longer header that starts with a name: lng_gcj02, 经度坐标
        if len(name) < 2:
            continue
        for index, key in enumerate(keys):
            if key.startswith(name + "_") or (not name.isascii() and name in key):
                return index
    return None


def find_xy(
    headers: Sequence[str], sample: Sequence[Sequence[Any]], x_field: str = "", y_field: str = ""
) -> XYSpec:
    """The coordinate columns: as given, else by name, else a column whose cells hold 'lon,lat' pairs."""

    def named(field_name):
        if field_name in headers:
            return headers.index(field_name)
        lowered = [h.lower() for h in headers]
        if field_name.lower() in lowered:
            return lowered.index(field_name.lower())
        raise SiteTableError(
            "There is no column '{}'. The columns are: {}.".format(field_name, ", ".join(headers))
        )

    if x_field and y_field and x_field == y_field:
        return XYSpec(pair=named(x_field), lat_first=_lat_first(sample, named(x_field)))
    if x_field and y_field:
        return XYSpec(x=named(x_field), y=named(y_field))
    x = named(x_field) if x_field else _match(headers, X_NAMES)
    y = named(y_field) if y_field else _match(headers, Y_NAMES)
    if x is not None and y is not None and x != y:
        return XYSpec(x=x, y=y)
    pair = _match(headers, PAIR_NAMES)
    if pair is None:
        pair = _pair_column_by_content(headers, sample)
    if pair is not None:
        lat_first = _header_key(headers[pair]) in LAT_FIRST_NAMES or _lat_first(sample, pair)
        return XYSpec(pair=pair, lat_first=lat_first)
    raise SiteTableError(
        "No longitude/latitude columns were found among: {}. Name them lon/lat (or lng, longitude, x, 经度 / "
        "latitude, y, 纬度), or put 'lon,lat' in one column named location or 经纬度, or set X_FIELD and "
        "Y_FIELD.".format(", ".join(headers) or "(no columns)")
    )


def _cell(row: Sequence[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _pair_column_by_content(headers: Sequence[str], sample: Sequence[Sequence[Any]]) -> Optional[int]:
    for index in range(len(headers)):
        values = [_cell(row, index) for row in sample[:50]]
        values = [v for v in values if v not in (None, "")]
        if not values:
            continue
        good = 0
        for value in values:
            try:
                coords.parse_pair(value)
                good += 1
            except coords.CoordinateError:
                pass
        if good >= max(1, 0.8 * len(values)):
            return index
    return None


def _lat_first(sample: Sequence[Sequence[Any]], index: int) -> bool:
    """True when most pairs of a column read as (lat, lon) in China: Baidu's order in some exports."""
    votes = 0
    for row in sample[:200]:
        try:
            a, b = coords.parse_pair(_cell(row, index))
        except coords.CoordinateError:
            continue
        if coords.in_china(b, a) and not coords.in_china(a, b):
            votes += 1
        elif coords.in_china(a, b) and not coords.in_china(b, a):
            votes -= 1
    return votes > 0


# ---------------------------------------------------------------------------------------------
# rows to positions


@dataclass
class SiteRow:
    """One row that became a site: row number, x/y in the source system, and the cells."""

    row: int
    x: float
    y: float
    cells: List[Any]


@dataclass
class RejectedRow:
    """One row that did not become a site, with the reason (English, for the errors table)."""

    row: int
    reason: str
    x_text: str
    y_text: str
    cells: List[Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def raw_xy(row: Sequence[Any], spec: XYSpec) -> Tuple[float, float]:
    """x, y of one row in the source system (CoordinateError with the reason)."""
    if spec.pair is not None:
        a, b = coords.parse_pair(_cell(row, spec.pair))
        return (b, a) if spec.lat_first else (a, b)
    try:
        x = coords.parse_coordinate(_cell(row, spec.x))
    except coords.CoordinateError as error:
        raise coords.CoordinateError("x/longitude {}".format(error)) from None
    try:
        y = coords.parse_coordinate(_cell(row, spec.y))
    except coords.CoordinateError as error:
        raise coords.CoordinateError("y/latitude {}".format(error)) from None
    return x, y


def read_sites(
    table: SiteTable,
    spec: XYSpec,
    geographic: bool = True,
    china_only: bool = False,
    sample: Sequence[Tuple[int, List[Any]]] = (),
    rest: Optional[Iterator[Tuple[int, List[Any]]]] = None,
    is_canceled: Callable[[], bool] = lambda: False,
) -> Iterator[Any]:
    """SiteRow or RejectedRow for each data row (sample rows first, then the rest of the table).

    geographic: check lon/lat ranges and spot swapped columns. china_only: GCJ-02/BD-09, whose
    positions outside China mean swapped columns or a wrong system.
    """
    rows = itertools.chain(sample, rest if rest is not None else table.rows)
    mostly_china = _mostly_in_china(sample, spec) if geographic else False
    for number, cells in rows:
        if is_canceled():
            return
        if isinstance(cells, CsvRowError):
            yield RejectedRow(number, "unreadable CSV row: {}".format(cells), "", "", [])
            continue
        x_text, y_text = _raw_texts(cells, spec)
        try:
            x, y = raw_xy(cells, spec)
        except coords.CoordinateError as error:
            yield RejectedRow(number, str(error), x_text, y_text, cells)
            continue
        if geographic:
            reason = coords.check_lon_lat(x, y)
            if reason is None and (china_only or mostly_china) and not coords.in_china(x, y):
                if coords.in_china(y, x):
                    reason = "swapped: ({}, {}) lies outside China, ({}, {}) inside".format(x, y, y, x)
                elif china_only:
                    reason = "outside China ({}, {}), where GCJ-02/BD-09 are not used".format(x, y)
            if reason:
                yield RejectedRow(number, reason, x_text, y_text, cells)
                continue
        yield SiteRow(number, x, y, list(cells))


def _raw_texts(cells: Sequence[Any], spec: XYSpec) -> Tuple[str, str]:
    if spec.pair is not None:
        return _text(_cell(cells, spec.pair)), ""
    return _text(_cell(cells, spec.x)), _text(_cell(cells, spec.y))


def _mostly_in_china(sample: Sequence[Tuple[int, List[Any]]], spec: XYSpec) -> bool:
    inside = total = 0
    for _, cells in sample:
        if isinstance(cells, CsvRowError):
            continue
        try:
            x, y = raw_xy(cells, spec)
        except coords.CoordinateError:
            continue
        total += 1
        inside += coords.in_china(x, y)
    return total >= 5 and inside >= 0.8 * total


def take_sample(table: SiteTable, size: int = SAMPLE_ROWS) -> Tuple[List[Tuple[int, List[Any]]], Iterator]:
    """The first rows (for detection) and an iterator over the rest."""
    sample = list(itertools.islice(table.rows, size))
    return sample, table.rows
