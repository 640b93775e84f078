"""What a change run is asked to do: two years, how to match them, where the report goes."""

from dataclasses import dataclass, field
from typing import Optional, Tuple

from qgis.core import QgsCoordinateTransformContext

DEFAULT_TOLERANCE = 10.0
DEFAULT_RADII = (300, 500, 1000)
DEFAULT_DETOUR = 1.3
STATION_CATEGORY = "service_station"


@dataclass(frozen=True)
class YearInput:
    """One year: a package folder / ZIP / GeoPackage path, or its layers (sources or layers)."""

    path: str = ""
    sites: Optional[object] = None
    zones: Optional[object] = None
    belt: Optional[object] = None
    stations: Optional[object] = None
    label: str = ""
    roads: Optional[object] = None  # for the coverage shares' walk along the roads


@dataclass(frozen=True)
class ChangeRequest:
    """A comparison of two years of the belt.

    key_field None: `site_id` or another id field the loader knows; '' matches every site by position.
    """

    before: YearInput
    after: YearInput
    key_field: Optional[str] = None
    tolerance: float = DEFAULT_TOLERANCE
    radii: Tuple[float, ...] = DEFAULT_RADII
    detour: float = DEFAULT_DETOUR
    station_category: str = STATION_CATEGORY
    report_folder: str = ""
    language: str = "zh"
    paper: str = "A3"
    dpi: int = 150
    # SITE_CHANGES as a plain GeoPackage path, written in bulk (core/changes/gpkg_writer.py); its loading
    site_changes_gpkg: str = ""
    site_changes_load: Optional[tuple] = None
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
    # the per-zone deltas, coverage shares and index: only when ZONE_DELTAS, a report or a package asks
    # (a report folder always does); False leaves ChangeResult.deltas empty
    zone_deltas: bool = True

    @property
    def wants_deltas(self) -> bool:
        """Whether the per-zone deltas, coverage and index are computed."""
        return self.zone_deltas or bool(self.report_folder)
