"""The web map builder: the belt's offline web page from a frozen request, inputs validated once.

result = build_web_map(WebMapRequest(...), progress, engines)
"""

import os
from dataclasses import dataclass, field

from qgis.core import QgsCoordinateTransformContext

from ...i18n import tr
from ..assembly.engines import evaluation_index, service_reach
from ..assembly.inputs import InputLayers, prepared_sites, validate_inputs
from ..assembly.sources import is_illustrative, is_osm
from ..base.package_files import now_iso
from ..base.staged_folder import PackageError
from ..cartography.render import CancelledError
from ..errors import BeltMapError, Cancelled
from ..reach.catchment_layer import catchment_layer
from .assets import AssetError
from .folder import WebMapFolder
from .page import INDEX_HTML
from .payload import write_web_map


@dataclass(frozen=True)
class WebMapRequest:
    """A web map export: the inputs, the optional index and walk, the page's texts, where it goes."""

    layers: InputLayers
    tag: bool
    index: bool
    coverage: bool
    title: str
    subtitle: str
    language: str
    folder: str
    overwrite: bool
    ignore_validation: bool
    basemap: str = "none"  # core/webmap/basemap.py: none or tianditu
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)


@dataclass(frozen=True)
class WebMapResult:
    """The web map written: its folder, index.html, zones and sites on the map."""

    folder: str
    index_file: str
    zone_count: int
    site_count: int


def _check_cancel(progress) -> None:
    if progress.isCanceled():
        raise Cancelled(tr("Cancelled: no web map was written"))


def _optional_step(step, message: str):
    """Run an optional engine step; its failure says how to export without it (message: "… {}")."""
    try:
        return step()
    except Cancelled:
        raise
    except BeltMapError as error:
        raise PackageError(message.format(error)) from error


def build_web_map(request: WebMapRequest, progress) -> WebMapResult:
    """Validate the inputs once, prepare the sites (merged, tagged, with the walk), write the page."""
    layers = request.layers
    validate_inputs(layers, request.ignore_validation, progress, request.transform_context)
    progress.setProgress(10)
    _check_cancel(progress)
    sites = prepared_sites(layers, request.tag, request.transform_context, progress)
    index_layer = None
    if request.index:
        _check_cancel(progress)
        index_layer = _optional_step(
            lambda: evaluation_index(layers.zones, sites, layers.roads, request.transform_context, progress),
            tr("The evaluation index could not be computed (set INDEX to false to export without it): {}"),
        )[0]
    catchments = None
    if request.coverage:
        _check_cancel(progress)
        catchments = catchment_layer(sites, layers.roads, request.transform_context, progress)
        sites = _optional_step(
            lambda: service_reach(sites, layers.roads, request.transform_context, progress),
            tr(
                "The walk to the nearest service station could not be measured (set COVERAGE to false to "
                "export without it): {}"
            ),
        )
    progress.setProgress(60)
    progress.pushInfo(tr("Writing the web map"))
    page_layers = {"belt": layers.belt, "zones": layers.zones, "sites": sites, "roads": layers.roads}
    page_layers["catchments"] = catchments
    try:
        with WebMapFolder(request.folder, request.overwrite) as writer:
            texts = {
                "title": request.title,
                "subtitle": request.subtitle,
                "language": request.language,
                "created": now_iso(),
                "illustrative": is_illustrative([layers.belt, layers.zones]),
                "osm": is_osm(layers.roads),
            }
            payload = write_web_map(
                writer.staging,
                page_layers,
                texts,
                request.transform_context,
                index_layer,
                progress.isCanceled,
                basemap=request.basemap,
            )
            if progress.isCanceled():
                raise CancelledError()
            writer.commit()
    except CancelledError as error:
        raise Cancelled(tr("Cancelled: no web map was written")) from error
    except AssetError as error:
        raise PackageError(str(error)) from error
    progress.setProgress(100)
    target = writer.target
    progress.pushInfo(tr("Web map written to {}").format(os.path.join(target, INDEX_HTML)))
    return WebMapResult(
        folder=target,
        index_file=os.path.join(target, INDEX_HTML),
        zone_count=len(payload["zones"]["features"]),
        site_count=payload["sites"]["count"],
    )
