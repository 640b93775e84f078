"""Render print layouts to PDF, PNG and SVG: text kept as text, vectors kept as vectors."""

import os
from typing import Callable, List

from qgis.core import QgsLayoutExporter, QgsRenderContext

from ..errors import BeltMapError, Cancelled, disk_nearly_full, no_space_message
from .pdf_text import fix_pdf_text

FORMATS = ("PDF", "PNG", "SVG")
EXTENSIONS = {"PDF": "pdf", "PNG": "png", "SVG": "svg"}


class RenderError(BeltMapError):
    """A layout could not be written to a file."""


# the user cancelled the export (the plugin's one cancel type)
CancelledError = Cancelled


def _settings(fmt: str, dpi: int):
    if fmt == "PDF":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        settings.forceVectorOutput = True
        settings.exportMetadata = True
    elif fmt == "SVG":
        settings = QgsLayoutExporter.SvgExportSettings()
        settings.forceVectorOutput = True
        settings.exportAsLayers = False
        settings.exportMetadata = True
    elif fmt == "PNG":
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.generateWorldFile = False
        settings.exportMetadata = False  # GDAL cannot add metadata to a PNG in place
    else:
        raise ValueError("unknown format {}".format(fmt))
    settings.dpi = float(dpi)
    if fmt != "PNG":
        settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    return settings


def render(layout, path: str, fmt: str, dpi: int) -> str:
    """Write the layout's current page set to path in fmt ('PDF', 'PNG', 'SVG'); returns path."""
    exporter = QgsLayoutExporter(layout)
    settings = _settings(fmt, dpi)
    if fmt == "PDF":
        result = exporter.exportToPdf(path, settings)
    elif fmt == "PNG":
        from osgeo import gdal

        gdal.PushErrorHandler("CPLQuietErrorHandler")  # QGIS tries to georeference the PNG in place
        try:
            result = exporter.exportToImage(path, settings)
        finally:
            gdal.PopErrorHandler()
    else:
        result = exporter.exportToSvg(path, settings)
    if result != QgsLayoutExporter.Success:
        if result == QgsLayoutExporter.FileError and disk_nearly_full(path):
            raise RenderError(no_space_message(path))
        message = exporter.errorMessage() if hasattr(exporter, "errorMessage") else ""
        raise RenderError("cannot write {} ({}): {}".format(path, fmt, message or "error {}".format(result)))
    if not os.path.exists(path):
        raise RenderError("the {} export did not write {}".format(fmt, path))
    if fmt == "PDF":
        fix_pdf_text(path)
    return path


def render_atlas(
    layout,
    folder: str,
    base: str,
    formats,
    dpi: int,
    page_key: Callable,
    is_canceled: Callable[[], bool],
    progress: Callable[[float], None] = lambda fraction: None,
) -> List[str]:
    """One file per atlas page and format, named <base>_<page key>.<ext>; returns the paths written."""
    atlas = layout.atlas()
    if not atlas.beginRender():
        raise RenderError("the atlas of {} has no pages".format(layout.name()))
    written: List[str] = []
    try:
        total = atlas.count()
        for index in range(total):
            if is_canceled():
                raise CancelledError()
            atlas.seekTo(index)
            key = page_key(layout.reportContext().feature(), index)
            for fmt in formats:
                if is_canceled():
                    raise CancelledError()
                path = os.path.join(folder, "{}_{}.{}".format(base, key, EXTENSIONS[fmt]))
                written.append(render(layout, path, fmt, dpi))
            progress((index + 1) / total)
    finally:
        atlas.endRender()
    return written
