"""The layer outputs of beltmap:beltchanges, written through the output guard and loaded styled as the
change map draws them (core/cartography/change_styles.py): sites by kind with the changed ones labelled,
moves as arrows, zone changes outlined by kind, unchanged dimmed."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingLayerPostProcessorInterface,
    QgsWkbTypes,
)

from ..core.base.field_specs import REAL, TEXT, make_fields
from ..core.base.model import WORK_CRS
from ..core.cartography.change_styles import style_site_changes, style_site_moves, style_zone_changes
from ..core.changes.gpkg_writer import write_points
from ..core.changes.tables import MOVE_COLUMNS, SITE_COLUMNS, ZONE_COLUMNS, delta_columns
from .change_geometries import line_geometry, multipolygon_geometry, point_geometry
from .outputs import keep_alive

KINDS = {"text": TEXT, "real": REAL}
SITE_CHANGES, SITE_MOVES, ZONE_CHANGES, ZONE_DELTAS = (
    "SITE_CHANGES",
    "SITE_MOVES",
    "ZONE_CHANGES",
    "ZONE_DELTAS",
)
STYLERS = {SITE_CHANGES: style_site_changes, SITE_MOVES: style_site_moves, ZONE_CHANGES: style_zone_changes}


class ChangeStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles a beltchanges output layer once QGIS has loaded it (kept alive: keep_alive)."""

    def __init__(self, output: str, en: bool):
        super().__init__()
        self.output = output
        self.en = en

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.isValid():
            STYLERS[self.output](layer, self.en)


def style_on_load(output: str, dest: str, context, en: bool) -> None:
    """The change style on an output: now when it is a layer of the context (temporary outputs), and when
    QGIS loads it into the project."""
    layer = context.getMapLayer(dest) if dest else None
    if layer is not None:
        STYLERS[output](layer, en)
    if dest and context.willLoadLayerOnCompletion(dest):
        processor = keep_alive(ChangeStyler(output, en))
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(processor)


def write_change_layers(request, result, guard, context) -> dict:
    """SITE_CHANGES (in bulk into a plain GeoPackage), SITE_MOVES, ZONE_CHANGES and ZONE_DELTAS; the
    destinations written, by output name, each styled on load."""
    en = request.language.startswith("en")
    crs = QgsCoordinateReferenceSystem(WORK_CRS)
    results = {}
    points = ((row, row["xy"]) for row in result.sites)
    lines = [(row, (row["xy_before"], row["xy"])) for row in result.moves]
    polygons = [(row, row["geometry"]) for row in result.zones]
    tables = [(row, None) for row in result.deltas]
    outputs = (
        (SITE_CHANGES, SITE_COLUMNS, QgsWkbTypes.Point, points, point_geometry),
        (SITE_MOVES, MOVE_COLUMNS, QgsWkbTypes.LineString, lines, line_geometry),
        (ZONE_CHANGES, ZONE_COLUMNS, QgsWkbTypes.MultiPolygon, polygons, multipolygon_geometry),
        (ZONE_DELTAS, delta_columns(result.delta_fields), QgsWkbTypes.NoGeometry, tables, None),
    )
    if request.site_changes_gpkg:  # a million sites: in bulk, not through a feature sink
        staged = guard.stage(SITE_CHANGES, request.site_changes_gpkg, request.site_changes_load)
        write_points(staged, "site_changes", SITE_COLUMNS, result.sites.columns(), 4549)
        results[SITE_CHANGES] = staged
        outputs = outputs[1:]
    for name, columns, wkb_type, rows, shape in outputs:
        fields = make_fields([(n, KINDS[k], alias) for n, k, alias in columns])
        sink, dest = guard.sink(name, fields, wkb_type, crs, optional=True)
        if sink is None:
            continue
        for row, geometry in rows:
            feature = QgsFeature(fields)
            if shape is not None and geometry is not None:
                feature.setGeometry(shape(geometry))
            feature.setAttributes([row.get(n) for n, _k, _a in columns])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        results[name] = dest
    for name, dest in results.items():
        if name in STYLERS:
            guard.after_commit(dest, lambda final, name=name: style_on_load(name, final, context, en))
    return results
