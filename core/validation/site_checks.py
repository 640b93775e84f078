"""Checks of the sites: inside the belt, duplicates, and coordinates shifted to GCJ-02 / BD-09."""

import math
import unicodedata
from typing import Dict, Iterator, List, Tuple

from qgis.core import (
    QgsPointXY,
)

from ...i18n import tr
from ..base.model import ROLE_GEOMETRY
from ..base.nulls import is_null
from ..base.zone_types import (
    find_field,
)
from .data import DUPLICATE_METRES, ERROR, WARNING, BeltData, Issue, layer_label, site_point
from .shift import shift_evidence


def check_sites_in_belt(data: BeltData) -> Iterator[Issue]:
    """Sites outside the belt."""
    engine = data.belt_engine
    if engine is None:
        return
    for layer in data.sites:
        label = layer_label("sites", layer)
        for item in data.items(layer):
            point = site_point(item.geometry)
            if point is not None and not engine.intersects(point.constGet()):
                yield Issue(
                    WARNING,
                    label,
                    item.fid,
                    "site_outside_belt",
                    tr("Site {} ('{}') lies outside the belt.").format(
                        item.fid, item.attributes.get("name", "")
                    ),
                    tr("Check its coordinates (and their system), or leave it: it is tagged in_belt = 0."),
                )


def _name_key(value) -> str:
    return "" if is_null(value) else " ".join(unicodedata.normalize("NFKC", str(value)).split()).lower()


def check_duplicate_sites(data: BeltData) -> Iterator[Issue]:
    """Sites with the same name within 10 m of each other."""
    for layer in data.sites:
        name_field = find_field(layer.fields().names(), ("name", "名称"))
        if name_field is None:
            continue
        label = layer_label("sites", layer)
        groups: Dict[str, List[Tuple[int, QgsPointXY]]] = {}
        for item in data.items(layer):
            point = site_point(item.geometry)
            key = _name_key(item.attributes.get(name_field))
            if point is None or not key:
                continue
            groups.setdefault(key, []).append((item.fid, point.asPoint()))
        for members in groups.values():
            for position, (fid, point) in enumerate(members):
                for other_fid, other in members[:position]:
                    distance = math.hypot(point.x() - other.x(), point.y() - other.y())
                    if distance <= DUPLICATE_METRES:
                        yield Issue(
                            WARNING,
                            label,
                            fid,
                            "site_duplicate",
                            tr("Site {} has the same name as site {} and lies {:.1f} m from it.").format(
                                fid, other_fid, distance
                            ),
                            tr("Delete one of the two, or give them distinct names if both are real."),
                        )
                        break


def check_coordinate_shift(data: BeltData) -> Iterator[Issue]:
    """A systematic GCJ-02 / BD-09 shift of a sites layer."""
    for layer in data.sites:
        if layer.geometryType() not in ROLE_GEOMETRY["sites"]:
            continue
        found = shift_evidence(data, layer)
        if found is None:
            continue
        system, system_label, evidence = found
        yield Issue(
            ERROR,
            layer_label("sites", layer),
            None,
            "coordinate_shift",
            tr("The sites look like {} coordinates used as WGS84: {}.").format(system_label, evidence),
            tr(
                "Import the original list again with beltmap:importsites and SOURCE_CRS={} (it converts to "
                "WGS84/CGCS2000); do not use web-map coordinates unconverted."
            ).format(system),
        )
