"""The roads people may walk: motorways (or what a given expression names) left out of the network."""

from qgis.core import QgsExpression, QgsFeatureRequest

from ...i18n import tr
from ..errors import BeltMapError

HIGHWAY_FIELD = "highway"
NOT_WALKABLE_HIGHWAYS = ("motorway", "motorway_link")


class WalkFilterError(BeltMapError):
    """The expression naming the roads people may not walk cannot be used."""


def default_not_walkable(fields) -> str:
    """highway IN ('motorway', 'motorway_link') when the roads have a highway field, else ''."""
    if fields.indexOf(HIGHWAY_FIELD) < 0:
        return ""
    return '"{}" IN ({})'.format(HIGHWAY_FIELD, ", ".join("'{}'".format(v) for v in NOT_WALKABLE_HIGHWAYS))


def walkable_roads(roads, not_walkable: str, progress):
    """roads without those matching not_walkable (or the default rule); roads itself when none is left out."""
    expression = (not_walkable or "").strip() or default_not_walkable(roads.fields())
    if not expression:
        return roads
    parsed = QgsExpression(expression)
    if parsed.hasParserError():
        raise WalkFilterError(
            tr("The expression of roads people may not walk cannot be read: {} ({})").format(
                expression, parsed.parserErrorString()
            )
        )
    # a NULL result (e.g. highway is NULL) keeps the road
    kept = roads.materialize(
        QgsFeatureRequest().setFilterExpression("NOT coalesce(({}), false)".format(expression))
    )
    left_out = roads.featureCount() - kept.featureCount()
    progress.pushInfo(
        tr("{} of {} roads left out as not walkable ({})").format(left_out, roads.featureCount(), expression)
    )
    return kept if left_out > 0 else roads
