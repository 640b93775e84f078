"""The page kit every drawn report shares: pages of a PDF (or PNG images), a title block, a vector map in
a frame, a legend line and tables that continue on the next page (续表) with the header repeated and each
row drawn exactly once.

    with PageDocument(path, paper="A4", language="zh") as doc:
        top = doc.title_block(title, subtitle)
        top = doc.draw_map(layers, extent, top, 120)
        top = doc.draw_legend([(label, "#d7301f"), ...], top)
        doc.draw_table(headers, rows, top)

Pages are drawn with QPainter (maps through QgsMapRendererCustomPainterJob, so they stay vectors in a PDF)
in the Noto CJK family the kit chooses, so Chinese never renders as empty boxes and stays extractable.
"""

import os
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QMarginsF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from ..base.model import WORK_CRS
from .fonts import map_font_family
from .pdf_text import fix_pdf_text

PAPERS = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
PAGE_SIZE_IDS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
MARGIN_MM = 12.0
ROW_MM = 5.2
TEXT_COLOUR = "#1f1f1f"
# the heading of a page a table continues on, in the document's language
CONTINUED = {"zh": "续表", "en": "Continued"}


@dataclass
class Page:
    """A QPainter on one page, with mm helpers."""

    painter: QPainter
    width_mm: float
    height_mm: float
    family: str
    dpi: int

    @property
    def usable_mm(self) -> float:
        """The width between the margins."""
        return self.width_mm - 2 * MARGIN_MM

    @property
    def bottom_mm(self) -> float:
        """Where the bottom margin starts."""
        return self.height_mm - MARGIN_MM

    def px(self, mm: float) -> float:
        """Millimetres in device pixels."""
        return mm * self.dpi / 25.4

    def font(self, size: float = 9.0, bold: bool = False) -> QFont:
        """The kit's font at size points."""
        font = QFont(self.family)
        font.setPointSizeF(size)
        font.setBold(bold)
        # no shaping: Noto CJK's contextual digit forms after letters have no ToUnicode entry, so a
        # PDF reader would drop the 11 of "S11"
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    def text(self, x, y, w, h, text, size=9.0, bold=False, align=Qt.AlignmentFlag.AlignLeft, colour=None):
        """Text in the box (mm), vertically centred."""
        self.painter.setFont(self.font(size, bold))
        self.painter.setPen(QPen(QColor(colour or TEXT_COLOUR)))
        rect = QRectF(self.px(x), self.px(y), self.px(w), self.px(h))
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), str(text))

    def line(self, x1, y1, x2, y2, width_mm=0.2, colour=None) -> None:
        """A straight line (mm)."""
        self.painter.setPen(QPen(QColor(colour or TEXT_COLOUR), self.px(width_mm)))
        self.painter.drawLine(int(self.px(x1)), int(self.px(y1)), int(self.px(x2)), int(self.px(y2)))

    def box(self, x, y, w, h, fill=None, outline=None, width_mm=0.3) -> None:
        """A rectangle (mm), filled and/or outlined."""
        if outline:
            self.painter.setPen(QPen(QColor(outline), self.px(width_mm)))
        else:
            self.painter.setPen(Qt.PenStyle.NoPen)
        if fill:
            self.painter.setBrush(QColor(fill))
        else:
            self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(QRectF(self.px(x), self.px(y), self.px(w), self.px(h)))


class PageDocument:
    """Pages drawn one after the other into a PDF (path ending .pdf) or PNG images (page 1 at path, then
    path-2.png, …). Use as a context manager; `paths` lists the files written."""

    def __init__(self, path: str, paper: str = "A4", landscape: bool = False, language: str = "zh", dpi=300):
        width, height = PAPERS[paper]
        if landscape:
            width, height = height, width
        self.path = path
        self.paper = paper
        self.landscape = landscape
        self.language = language
        self.dpi = dpi
        self.is_pdf = path.lower().endswith(".pdf")
        self.paths: List[str] = []
        self._size_mm = (width, height)
        self._writer: Optional[QPdfWriter] = None
        self._image: Optional[QImage] = None
        self._painter: Optional[QPainter] = None
        self.page: Optional[Page] = None

    def __enter__(self) -> "PageDocument":
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        if self.is_pdf:
            self._writer = QPdfWriter(self.path)
            self._writer.setResolution(self.dpi)
            orientation = (
                QPageLayout.Orientation.Landscape if self.landscape else QPageLayout.Orientation.Portrait
            )
            self._writer.setPageLayout(
                QPageLayout(QPageSize(PAGE_SIZE_IDS[self.paper]), orientation, QMarginsF(0, 0, 0, 0))
            )
            self._painter = QPainter(self._writer)
            self.paths.append(self.path)
            self.page = Page(self._painter, *self._size_mm, map_font_family(), self.dpi)
        else:
            self._start_image()
        return self

    def __exit__(self, kind, error, trace) -> None:
        self._finish_page()
        if self._painter is not None and self._painter.isActive():
            self._painter.end()
        if self.is_pdf and error is None:
            fix_pdf_text(self.path)

    # pages -----------------------------------------------------------------------------------------
    def _start_image(self) -> None:
        width, height = self._size_mm
        self._image = QImage(
            int(width * self.dpi / 25.4), int(height * self.dpi / 25.4), QImage.Format.Format_ARGB32
        )
        self._image.setDotsPerMeterX(int(self.dpi / 0.0254))
        self._image.setDotsPerMeterY(int(self.dpi / 0.0254))
        self._image.fill(QColor("white"))
        self._painter = QPainter(self._image)
        self.page = Page(self._painter, width, height, map_font_family(), self.dpi)

    def _finish_page(self) -> None:
        if self.is_pdf or self._image is None:
            return
        self._painter.end()
        n = len(self.paths) + 1
        root, ext = os.path.splitext(self.path)
        path = self.path if n == 1 else "{}-{}{}".format(root, n, ext)
        self._image.save(path, "PNG")
        self.paths.append(path)
        self._image = None

    def new_page(self) -> Page:
        """Start the next page; returns it."""
        if self.is_pdf:
            self._writer.newPage()
        else:
            self._finish_page()
            self._start_image()
        return self.page

    # content ---------------------------------------------------------------------------------------
    def title_block(self, title: str, subtitle: str = "", note: str = "", top: float = MARGIN_MM) -> float:
        """A small title line, the heading and an optional note under it; where the content starts."""
        page = self.page
        y = top
        if title:
            page.text(MARGIN_MM, y, page.usable_mm, 8, title, 10)
            y += 7
        if subtitle:
            page.text(MARGIN_MM, y, page.usable_mm, 9, subtitle, 14, True)
            y += 9
        if note:
            page.text(MARGIN_MM, y, page.usable_mm, 6, note, 9)
            y += 6
        return y + 2

    def draw_map(
        self, layers: Sequence, extent: QgsRectangle, top: float, height_mm: float, crs: Optional[str] = None
    ) -> float:
        """The layers (top first) as vectors in a framed map height_mm high under top; the y below it."""
        page = self.page
        width_mm = page.usable_mm
        settings = QgsMapSettings()
        settings.setDestinationCrs(QgsCoordinateReferenceSystem(crs or WORK_CRS))
        settings.setLayers([layer for layer in layers if layer is not None])
        settings.setOutputDpi(self.dpi)
        settings.setOutputSize(QSize(int(page.px(width_mm)), int(page.px(height_mm))))
        settings.setExtent(extent)
        settings.setBackgroundColor(QColor("white"))
        painter = page.painter
        painter.save()
        painter.translate(page.px(MARGIN_MM), page.px(top))
        painter.setClipRect(QRectF(0, 0, page.px(width_mm), page.px(height_mm)))
        job = QgsMapRendererCustomPainterJob(settings, painter)
        job.renderSynchronously()
        painter.restore()
        page.box(MARGIN_MM, top, width_mm, height_mm, outline=TEXT_COLOUR)
        return top + height_mm

    def draw_legend(self, items: Sequence[Tuple[str, str]], top: float, shape: str = "dot") -> float:
        """(label, colour) items in lines under top, a dot (or square) before each; the y below them."""
        page = self.page
        x, y = MARGIN_MM, top + 1.5
        for label, colour in items:
            width = 8 + 2.2 * len(str(label))
            if x + width > MARGIN_MM + page.usable_mm and x > MARGIN_MM:
                x, y = MARGIN_MM, y + 5.5
            page.painter.setPen(Qt.PenStyle.NoPen)
            page.painter.setBrush(QColor(colour))
            rect = QRectF(page.px(x), page.px(y + 1), page.px(3), page.px(3))
            if shape == "square":
                page.painter.drawRect(rect)
            else:
                page.painter.drawEllipse(rect)
            page.text(x + 4, y, width - 4, 5, label, 8)
            x += max(36.0, width)
        return y + 7

    def draw_table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence],
        top: float,
        widths: Optional[Sequence[float]] = None,
        continued: Optional[str] = None,
    ) -> float:
        """Rows under top; a row that does not fit starts a new page headed `continued` (default 续表 /
        "(continued)") with the header repeated; every row is drawn exactly once. The y below the last."""
        page = self.page
        widths = list(widths or [1.0 / len(headers)] * len(headers))
        heading = continued or CONTINUED.get(self.language, CONTINUED["en"])
        y = self._table_header(headers, widths, top)
        for row in rows:
            if y + ROW_MM > page.bottom_mm:
                page = self.new_page()
                page.text(MARGIN_MM, MARGIN_MM, page.usable_mm, 7, heading, 11, True)
                y = self._table_header(headers, widths, MARGIN_MM + 9)
            x = MARGIN_MM
            for width, value in zip(widths, row):
                text = "" if value is None else str(value)
                numeric = text.replace(".", "", 1).replace("-", "", 1).replace("%", "", 1).isdigit()
                align = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
                page.text(x + 1, y, page.usable_mm * width - 2, ROW_MM, text, 8, False, align)
                x += page.usable_mm * width
            y += ROW_MM
        return y

    def _table_header(self, headers, widths, top) -> float:
        page = self.page
        x = MARGIN_MM
        for width, header in zip(widths, headers):
            page.text(x + 1, top, page.usable_mm * width - 2, ROW_MM, header, 8, True)
            x += page.usable_mm * width
        page.line(MARGIN_MM, top + ROW_MM, MARGIN_MM + page.usable_mm, top + ROW_MM)
        return top + ROW_MM + 0.5

    def draw_lines(self, lines: Sequence[str], top: float, size: float = 9.0) -> float:
        """Lines of text under top, continuing on a new page when the page is full; the y below them."""
        y = top
        for line in lines:
            if y + 5.5 > self.page.bottom_mm:
                self.new_page()
                y = MARGIN_MM
            self.page.text(MARGIN_MM, y, self.page.usable_mm, 5.5, line, size)
            y += 5.5
        return y
