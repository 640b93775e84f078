"""What a progress run is asked to do: the years, their labels, the targets, the geography, the rule."""

from dataclasses import dataclass, field
from typing import Optional, Tuple

from qgis.core import QgsCoordinateTransformContext

from ..changes.request import DEFAULT_DETOUR, STATION_CATEGORY
from .rule import LINEAR

LATEST, EACH = "latest", "each"


@dataclass(frozen=True)
class ProgressRequest:
    """Years (package folders, ZIPs or GeoPackages, any order), optional labels in the same order, the
    targets (a CSV / XLSX path or a layer), the reporting zones (LATEST or EACH) and the rule's method."""

    years: Tuple[str, ...]
    targets: object
    labels: Tuple[str, ...] = ()
    zones_from: str = LATEST
    method: str = LINEAR
    detour: float = DEFAULT_DETOUR
    station_category: str = STATION_CATEGORY
    language: str = "zh"
    report_folder: str = ""
    paper: str = "A4"
    targets_sheet: Optional[str] = None
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
