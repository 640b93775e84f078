"""Two hand-built years of a small belt with known changes, for the change tests."""

from qgis.PyQt.QtCore import QVariant
from tag_fixtures import X0, Y0, box, memory_layer

SITE_FIELDS = [("site_id", QVariant.String), ("name", QVariant.String), ("category", QVariant.String)]
ZONE_FIELDS = [("zone_id", QVariant.String), ("name", QVariant.String), ("zone_type", QVariant.String)]


def point(x, y):
    """WKT of a point in local metres."""
    return "POINT({} {})".format(x + X0, y + Y0)


def sites(rows, crs="EPSG:4549", fields=SITE_FIELDS):
    """A sites memory layer from (x, y or None, [values])."""
    return memory_layer(
        "Point", fields, [(None if x is None else point(x, y), values) for x, y, values in rows], crs=crs
    )


def zones(rows, crs="EPSG:4549"):
    """A zones memory layer from (x0, y0, x1, y1, [zone_id, name, type])."""
    return memory_layer("Polygon", ZONE_FIELDS, [(box(*b), v) for *b, v in rows], crs=crs)


# two zones side by side, 1000 m x 1000 m each
ZONES_BEFORE = [
    (0, 0, 1000, 1000, ["Z1", "一园", "park"]),
    (1000, 0, 2000, 1000, ["Z2", "二社区", "community"]),
]
