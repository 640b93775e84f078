"""A site list's rows turned into positions in WGS84 (or the source CRS for projected sources), with a
reason for every rejected row."""

import itertools
from dataclasses import dataclass
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple

from ..base import coords
from .columns import XYSpec, cell
from .table import CsvRowError, SiteTable


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
        a, b = coords.parse_pair(cell(row, spec.pair))
        return (b, a) if spec.lat_first else (a, b)
    try:
        x = coords.parse_coordinate(cell(row, spec.x))
    except coords.CoordinateError as error:
        raise coords.CoordinateError("x/longitude {}".format(error)) from None
    try:
        y = coords.parse_coordinate(cell(row, spec.y))
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
        return _text(cell(cells, spec.pair)), ""
    return _text(cell(cells, spec.x)), _text(cell(cells, spec.y))


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
