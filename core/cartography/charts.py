"""Small charts drawn on a page of the print kit (core/cartography/pages.py): a trend line of values per
year with the target path (the straight line from baseline to target) and a status swatch. QPainter only,
so the chart stays vector in a PDF and its text extractable."""

from dataclasses import dataclass
from typing import List, Optional, Sequence

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainterPath, QPen

AXIS = "#606060"
SERIES = "#2b6cb0"
TARGET = "#c05621"
GRID = "#e2e2e2"


@dataclass(frozen=True)
class Trend:
    """One indicator's series and its target path, for a chart."""

    title: str
    years: Sequence[int]
    values: Sequence[Optional[float]]
    baseline_year: Optional[int] = None
    baseline: Optional[float] = None
    target_year: Optional[int] = None
    target: Optional[float] = None
    status_text: str = ""
    status_colour: str = "#bdbdbd"
    unit: str = ""


def _nice(value: float) -> str:
    if value is None:
        return ""
    if abs(value) >= 100 or float(value).is_integer():
        return "{:,.0f}".format(value)
    return "{:.2f}".format(value).rstrip("0").rstrip(".")


def draw_trend(page, x: float, y: float, w: float, h: float, trend: Trend) -> None:
    """The trend chart in the box (mm) of a print-kit page: title, status swatch, axes, values per year
    (line and dots, a gap where a value is missing), the target path dashed to the target year."""
    painter = page.painter
    page.box(x, y, w, h, outline="#c8c8c8", width_mm=0.2)
    page.text(x + 1.5, y + 0.5, w - 3, 5, trend.title, 7.5, True)
    page.box(x + 1.5, y + 6.5, 3, 3, fill=trend.status_colour)
    page.text(x + 5.5, y + 5.5, w - 7, 5, trend.status_text, 7)
    left, right = x + 11, x + w - 3
    top, bottom = y + 12, y + h - 7
    xs: List[float] = [float(v) for v in trend.years]
    ys: List[float] = [float(v) for v in trend.values if v is not None]
    if trend.target_year is not None:
        xs.append(float(trend.target_year))
    if trend.target is not None:
        ys.append(float(trend.target))
    if trend.baseline is not None:
        ys.append(float(trend.baseline))
    if not xs or not ys:
        page.text(left, top, right - left, bottom - top, "—", 8, align=Qt.AlignmentFlag.AlignCenter)
        return
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys + [0.0]), max(ys)
    if x1 == x0:
        x1 = x0 + 1
    if y1 == y0:
        y1 = y0 + 1
    y1 += (y1 - y0) * 0.08

    def px(year):
        return page.px(left + (right - left) * (year - x0) / (x1 - x0))

    def py(value):
        return page.px(bottom - (bottom - top) * (value - y0) / (y1 - y0))

    for fraction in (0.0, 0.5, 1.0):
        value = y0 + (y1 - y0) * fraction
        page.line(left, page_mm(page, py(value)), right, page_mm(page, py(value)), 0.1, GRID)
        page.text(
            x + 0.5, page_mm(page, py(value)) - 2, 10, 4, _nice(value), 5.5, align=Qt.AlignmentFlag.AlignRight
        )
    page.line(left, bottom, right, bottom, 0.2, AXIS)
    labelled = sorted(set(int(v) for v in xs))
    for year in labelled:
        page.text(
            page_mm(page, px(year)) - 6,
            bottom + 0.5,
            12,
            4,
            str(year),
            5.5,
            align=Qt.AlignmentFlag.AlignCenter,
        )
    if trend.baseline is not None and trend.target is not None and trend.target_year is not None:
        start = trend.baseline_year if trend.baseline_year is not None else xs[0]
        pen = QPen(QColor(TARGET), page.px(0.35))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(
            QPointF(px(start), py(trend.baseline)), QPointF(px(trend.target_year), py(trend.target))
        )
        painter.setBrush(QColor(TARGET))
        painter.drawEllipse(QPointF(px(trend.target_year), py(trend.target)), page.px(0.8), page.px(0.8))
    path = QPainterPath()
    started = False
    for year, value in zip(trend.years, trend.values):
        if value is None:
            started = False
            continue
        point = QPointF(px(year), py(value))
        if started:
            path.lineTo(point)
        else:
            path.moveTo(point)
            started = True
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(SERIES), page.px(0.45)))
    painter.drawPath(path)
    painter.setBrush(QColor(SERIES))
    painter.setPen(Qt.PenStyle.NoPen)
    for year, value in zip(trend.years, trend.values):
        if value is not None:
            painter.drawEllipse(QPointF(px(year), py(value)), page.px(0.7), page.px(0.7))
    last = [(yr, v) for yr, v in zip(trend.years, trend.values) if v is not None]
    if last:
        year, value = last[-1]
        rect = QRectF(px(year) - page.px(14), py(value) - page.px(4.5), page.px(13), page.px(3.5))
        page.text(
            page_mm(page, rect.x()),
            page_mm(page, rect.y()),
            13,
            3.5,
            _nice(value),
            5.5,
            align=Qt.AlignmentFlag.AlignRight,
            colour=SERIES,
        )


def page_mm(page, pixels: float) -> float:
    """Device pixels back in millimetres."""
    return pixels * 25.4 / page.dpi


def draw_trends(
    page,
    trends: Sequence[Trend],
    top: float,
    left: float,
    width: float,
    columns: int = 3,
    height: float = 46.0,
    bottom: float = None,
    new_page=None,
) -> float:
    """Small multiples: the trends in rows of `columns` charts under top; a row that does not fit starts
    a new page (new_page() returns the page and its top). The y below the last row."""
    gap = 3.0
    w = (width - gap * (columns - 1)) / columns
    y = top
    for start in range(0, len(trends), columns):
        if bottom is not None and y + height > bottom and new_page is not None:
            page, y = new_page()
        for k, trend in enumerate(trends[start : start + columns]):
            draw_trend(page, left + k * (w + gap), y, w, height, trend)
        y += height + gap
    return y
