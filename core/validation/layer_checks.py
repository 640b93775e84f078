"""Checks of the layers themselves: CRS, emptiness, geometry types, required fields, geometries."""

from typing import Iterator

from qgis.core import (
    QgsGeometry,
    QgsWkbTypes,
)

from ...i18n import tr
from ..base.model import ROLE_GEOMETRY, WORK_CRS
from ..base.zone_types import (
    ZONE_ID_FIELD_NAMES,
    ZONE_NAME_FIELD_NAMES,
    find_field,
)
from .data import ERROR, INFO, WARNING, BeltData, Issue, layer_label


def check_layers(data: BeltData) -> Iterator[Issue]:
    """Geometry type per role, missing CRS, geographic CRS, empty layers, required fields."""
    required = {"belt": ("name",), "zones": ("zone_id", "name"), "sites": ("name", "category"), "roads": ()}
    blocking = {"belt", "zones"}
    for role, layer in data.layers():
        label = layer_label(role, layer)
        if layer.geometryType() not in ROLE_GEOMETRY[role]:
            yield Issue(
                ERROR,
                label,
                None,
                "geometry_type",
                tr("The {} layer has {} geometry, but it needs {}.").format(
                    role,
                    QgsWkbTypes.geometryDisplayString(layer.geometryType()),
                    " / ".join(QgsWkbTypes.geometryDisplayString(g) for g in ROLE_GEOMETRY[role]),
                ),
                tr(
                    "Choose the layer that holds the {} as polygons/lines/points as listed, or redraw it."
                ).format(role),
            )
        if not layer.crs().isValid():
            yield Issue(
                ERROR,
                label,
                None,
                "crs_missing",
                tr("The layer has no coordinate reference system, so it cannot be placed on the map."),
                tr("Set its CRS (Layer Properties > Source; EPSG:4490 for CGCS2000 lon/lat) and save it."),
            )
        elif layer.crs().isGeographic() and role in ("belt", "zones"):
            yield Issue(
                INFO,
                label,
                None,
                "crs_geographic",
                tr("The layer is in a geographic CRS ({}): areas and distances are computed in {}.").format(
                    layer.crs().authid() or layer.crs().description(), WORK_CRS
                ),
                tr("Nothing to do for Belt Map; measure areas by hand only in {} (metres).").format(WORK_CRS),
            )
        if layer.featureCount() == 0:
            yield Issue(
                ERROR if role in blocking else WARNING,
                label,
                None,
                "empty_layer",
                tr("The layer has no features."),
                tr("Choose the layer that holds the data, or add the features."),
            )
        names = layer.fields().names()
        candidates = {"zone_id": ZONE_ID_FIELD_NAMES, "name": ("name",) + ZONE_NAME_FIELD_NAMES}
        for wanted in required[role]:
            if find_field(names, candidates.get(wanted, (wanted,))) is None:
                yield Issue(
                    WARNING,
                    label,
                    None,
                    "missing_field",
                    tr("The layer has no field '{}'.").format(wanted),
                    tr("Add a text field '{}' (Layer Properties > Fields) and fill it.").format(wanted),
                )


def check_geometries(data: BeltData) -> Iterator[Issue]:
    """NULL, empty or invalid geometries (errors for belt and zones, warnings otherwise)."""
    for role, layer in data.layers():
        if not layer.crs().isValid():
            continue
        severity = ERROR if role in ("belt", "zones") else WARNING
        if data.errors_only and severity != ERROR:
            continue
        label = layer_label(role, layer)
        points = layer.geometryType() == QgsWkbTypes.PointGeometry
        names = layer.fields().names()
        for feature in layer.getFeatures(data.request(layer)):
            geometry = feature.geometry()
            shown = data.shown(role, layer, dict(zip(names, feature.attributes())), feature.id())
            if not feature.hasGeometry() or geometry.isNull():
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_null",
                    tr("Feature {} has no geometry.").format(shown),
                    tr("Draw its geometry, or delete the feature."),
                )
            elif geometry.isEmpty():
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_empty",
                    tr("Feature {} has an empty geometry.").format(shown),
                    tr("Draw its geometry, or delete the feature."),
                )
            elif not points and not geometry.isGeosValid():
                errors = geometry.validateGeometry(QgsGeometry.ValidatorGeos)
                where = errors[0].what() if errors else ""
                yield Issue(
                    severity,
                    label,
                    feature.id(),
                    "geometry_invalid",
                    tr("Feature {} has an invalid geometry ({}); it may be dropped or mis-measured.").format(
                        shown, where
                    ),
                    tr(
                        "Run Vector geometry > Fix geometries, or correct the self-intersection "
                        "with the vertex tool."
                    ),
                )
