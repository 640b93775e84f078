"""The geometries of beltmap:beltchanges' sinks from the engine's rows (work CRS coordinates)."""

from qgis.core import QgsGeometry, QgsPointXY


def point_geometry(xy) -> QgsGeometry:
    """A site's point from its (x, y)."""
    return QgsGeometry.fromPointXY(QgsPointXY(float(xy[0]), float(xy[1])))


def line_geometry(ends) -> QgsGeometry:
    """A move's line from its ((x, y) before, (x, y) after)."""
    return QgsGeometry.fromPolylineXY([QgsPointXY(float(x), float(y)) for x, y in ends])


def multipolygon_geometry(shape) -> QgsGeometry:
    """A zone's geometry as a multipolygon."""
    geometry = QgsGeometry(shape)
    geometry.convertToMultiType()
    return geometry
