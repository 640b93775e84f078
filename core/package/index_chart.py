"""A bar chart of the index scores, one bar per unit coloured by grade, as PNG or SVG (QPainter only)."""

from pathlib import Path
from typing import Sequence

from qgis.PyQt.QtCore import QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPen
from qgis.PyQt.QtSvg import QSvgGenerator

from ..cartography.fonts import label_font
from ..errors import WriteError
from ..evaluation.index_math import GRADES, grade_label
from ..evaluation.style import GRADE_COLOURS

WIDTH = 960
ROW = 26
TOP, BOTTOM, RIGHT = 84, 44, 70
LABEL_PX, TITLE_PX = 14, 20
MAX_LABEL_WIDTH = 360


def _font(pixels: int, bold: bool = False) -> QFont:
    font = label_font(9, bold=bold)
    font.setPixelSize(pixels)  # pixels, so PNG and SVG look alike whatever the device resolution
    return font


def chart_size(count: int) -> QSize:
    """Pixel size of a chart with count bars."""
    return QSize(WIDTH, TOP + BOTTOM + ROW * max(count, 1))


def draw_chart(painter: QPainter, size: QSize, title: str, names: Sequence[str], scores, grades) -> None:
    """Draw horizontal bars (best first) on 0-100 with the score at each bar's end."""
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
    painter.setFont(_font(TITLE_PX, bold=True))
    painter.setPen(QColor("#222222"))
    painter.drawText(
        QRectF(16, 8, size.width() - 32, 36),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title,
    )
    painter.setFont(_font(LABEL_PX))
    metrics = QFontMetrics(painter.font())
    _draw_legend(painter, metrics, 16, 48)
    left = min(max([metrics.horizontalAdvance(str(n)) for n in names] + [40]) + 24, MAX_LABEL_WIDTH)
    plot_width = size.width() - left - RIGHT
    order = sorted(range(len(scores)), key=lambda i: -float(scores[i]))
    for row, i in enumerate(order):
        y = TOP + row * ROW
        painter.setPen(QColor("#222222"))
        name = metrics.elidedText(str(names[i]), Qt.TextElideMode.ElideMiddle, left - 16)
        painter.drawText(
            QRectF(4, y, left - 12, ROW), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name
        )
        bar = max(float(scores[i]), 0.0) / 100.0 * plot_width
        painter.setPen(QPen(QColor("#555555"), 0.5))
        painter.setBrush(QColor(GRADE_COLOURS.get(int(grades[i]), "#999999")))
        painter.drawRect(QRectF(left, y + 4, bar, ROW - 8))
        painter.drawText(
            QRectF(left + bar + 6, y, RIGHT + 40, ROW),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            "{:.1f}".format(float(scores[i])),
        )
    axis_y = TOP + ROW * len(order) + 4
    painter.setPen(QPen(QColor("#888888"), 1))
    painter.drawLine(left, axis_y, left + plot_width, axis_y)
    for tick in range(0, 101, 20):
        x = left + tick / 100.0 * plot_width
        painter.drawLine(int(x), axis_y, int(x), axis_y + 4)
        painter.drawText(
            QRectF(x - 20, axis_y + 6, 40, 18),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            str(tick),
        )


def _draw_legend(painter: QPainter, metrics: QFontMetrics, x: float, y: float) -> None:
    """One coloured square and label per grade, in a row."""
    for _low, number, _zh, _en in GRADES:
        label = "{} {}".format(number, grade_label(number))
        painter.setPen(QPen(QColor("#555555"), 0.5))
        painter.setBrush(QColor(GRADE_COLOURS[number]))
        painter.drawRect(QRectF(x, y + 4, 14, 14))
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(x + 20, y, 120, 22), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
        )
        x += 20 + metrics.horizontalAdvance(label) + 18


def write_chart(path, title: str, names: Sequence[str], scores, grades) -> Path:
    """Write the chart to path: SVG when it ends in .svg, PNG otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = chart_size(len(scores))
    painter = QPainter()
    if path.suffix.lower() == ".svg":
        device = QSvgGenerator()
        device.setFileName(str(path))
        device.setSize(size)
        device.setViewBox(QRectF(0, 0, size.width(), size.height()))
        device.setTitle(title)
    else:
        device = QImage(size, QImage.Format.Format_ARGB32)
    painter.begin(device)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw_chart(painter, size, title, names, scores, grades)
    painter.end()
    if isinstance(device, QImage) and not device.save(str(path), "PNG"):
        raise WriteError("could not write {}".format(path))
    return path
