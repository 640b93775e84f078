"""The registry of validation checks: which checks run, whether each can find errors, the ids of the
issues it reports. The checks themselves live by subject in layer_checks, zone_checks, site_checks and
text_checks (the coordinate shift detector in shift)."""

from typing import Callable, Iterator, Tuple

from .data import BeltData, Issue
from .layer_checks import check_geometries, check_layers
from .site_checks import check_coordinate_shift, check_duplicate_sites, check_sites_in_belt
from .text_checks import check_text
from .zone_checks import (
    check_belt_area,
    check_zone_ids,
    check_zone_overlaps,
    check_zone_types,
    check_zones_in_belt,
)

# (check, can find errors, the check ids its issues carry): run_error_checks runs only checks of the
# second kind, and run_checks does not run a check whose every id the caller skips
CHECKS: Tuple[Tuple[Callable[[BeltData], Iterator[Issue]], bool, Tuple[str, ...]], ...] = (
    (check_layers, True, ("crs_geographic", "crs_missing", "empty_layer", "geometry_type", "missing_field")),
    (check_geometries, True, ("geometry_empty", "geometry_invalid", "geometry_null")),
    (check_zone_types, True, ("zone_type_field", "zone_type_missing", "zone_type_unknown")),
    (check_zone_ids, True, ("zone_id_duplicate", "zone_id_missing")),
    (check_coordinate_shift, True, ("coordinate_shift",)),
    (check_zones_in_belt, False, ("zone_outside_belt",)),
    (check_zone_overlaps, False, ("zone_overlap",)),
    (check_belt_area, False, ("belt_area",)),
    (check_sites_in_belt, False, ("site_outside_belt",)),
    (check_duplicate_sites, False, ("site_duplicate",)),
    (check_text, False, ("field_name_long", "text_encoding")),
)
