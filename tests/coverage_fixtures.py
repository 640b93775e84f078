"""Hand-made layers in the work CRS (EPSG:4549, metres) for coverage and index tests."""

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsRectangle, QgsVectorLayer

X0, Y0 = 600000.0, 3460000.0


def memory_layer(kind, fields, rows, name="layer"):
    """A memory layer of kind Point, LineString or Polygon; fields as 'name:type'; rows (geometry, values)."""
    spec = "{}?crs=EPSG:4549&{}".format(kind, "&".join("field={}".format(f) for f in fields))
    layer = QgsVectorLayer(spec, name, "memory")
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def point(x, y):
    """A point geometry at (x, y) metres from the test origin."""
    return QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y))


def line(*xy):
    """A line geometry through (x, y) pairs, in metres from the test origin."""
    return QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in xy])


def box(x, y, size):
    """A square polygon with its south-west corner at (x, y) metres from the test origin."""
    return QgsGeometry.fromRect(QgsRectangle(X0 + x, Y0 + y, X0 + x + size, Y0 + y + size))


def grid_roads(size=300, step=100):
    """Streets every `step` metres on a size x size square, a vertex at every crossing, and one lost road."""
    ticks = list(range(0, size + 1, step))
    rows = [(line(*[(x, y) for y in ticks]), ("ns{}".format(x),)) for x in ticks]
    rows += [(line(*[(x, y) for x in ticks]), ("ew{}".format(y),)) for y in ticks]
    rows.append((line((2000, 2000), (2100, 2000)), ("island",)))
    return memory_layer("LineString", ["name:string"], rows, "roads")
