"""Hand-built zones and sites with known answers, and helpers to run and read `beltmap:tagzones`."""

import os
from contextlib import contextmanager
from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

CRS = "EPSG:4549"
X0, Y0 = 600000.0, 3460000.0  # near the belt, so EPSG:4549 is the working CRS


def box(x0, y0, x1, y1, dx=X0, dy=Y0):
    """WKT of an axis-aligned rectangle in local metres."""
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x0 + dx, y0 + dy, x1 + dx, y1 + dy)


def local(wkt_template, *xy):
    """WKT with local coordinates shifted to the belt: local('POINT({} {})', 5, 5)."""
    shifted = []
    for i, value in enumerate(xy):
        shifted.append(value + (X0 if i % 2 == 0 else Y0))
    return wkt_template.format(*shifted)


def memory_layer(geometry, fields, rows, crs=CRS, name="layer"):
    """A memory layer: fields = [(name, QVariant type)], rows = [(wkt or None, [values])]."""
    layer = QgsVectorLayer("{}?crs={}".format(geometry, crs), name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


ZONE_FIELDS = [("zone_id", QVariant.String), ("name", QVariant.String), ("zone_type", QVariant.String)]

# A 10 m grid of zones: Z1 | Z2 side by side sharing x=10, Z3 above Z1 touching (10,10), a scenic zone
# with a hole, a bowtie exhibition zone, a small community inside a big park.
HAND_ZONES = [
    (box(0, 0, 10, 10), ["Z1", "Park one", "park"]),
    (box(10, 0, 20, 10), ["Z2", "Community two", "居住社区"]),
    (box(0, 10, 10, 20), ["Z3", "Street three", "街区"]),
    (
        box(30, 0, 50, 20).replace("))", "),({})".format(box(35, 5, 45, 15)[9:-2])),
        ["Z4", "Scenic with a hole", "景区"],
    ),
    (
        local("POLYGON(({} {},{} {},{} {},{} {},{} {}))", 60, 0, 70, 10, 70, 0, 60, 10, 60, 0),
        ["Z5", "Bowtie", "expo"],
    ),
    (box(100, 0, 200, 100), ["Z6", "Big park", "园区"]),
    (box(110, 10, 120, 20), ["Z7", "Small community", "community"]),
]

BELT = [(box(-5, -5, 300, 150), ["Anchi Road belt"])]

# name -> (local x, y, expected zone_type, zone_id, zone_types, zone_count, in_belt) under priority
HAND_POINTS = {
    "inside": (5, 5, "park", "Z1", "park", 1, 1),
    "on_edge": (0, 5, "park", "Z1", "park", 1, 1),
    "shared_edge": (10, 5, "park", "Z1", "park;community", 2, 1),
    "three_zone_vertex": (10, 10, "park", "Z1", "park;street;community", 3, 1),
    "in_hole": (40, 10, None, None, None, 0, 1),
    "on_hole_edge": (35, 10, "scenic", "Z4", "scenic", 1, 1),
    "outside_zones": (25, 5, None, None, None, 0, 1),
    "outside_belt": (400, 400, None, None, None, 0, 0),
    "bowtie_left": (61, 5, "exhibition", "Z5", "exhibition", 1, 1),
    "bowtie_right": (69, 5, "exhibition", "Z5", "exhibition", 1, 1),
    "nested": (115, 15, "park", "Z6", "park;community", 2, 1),
}


def hand_zones(crs=CRS):
    return memory_layer("Polygon", ZONE_FIELDS, HAND_ZONES, crs=crs, name="zones")


def hand_belt():
    return memory_layer("Polygon", [("name", QVariant.String)], BELT, name="belt")


def hand_sites():
    rows = [(local("POINT({} {})", x, y), [name, "enterprise"]) for name, (x, y, *_r) in HAND_POINTS.items()]
    rows.append((None, ["no_geometry", "facility"]))
    fields = [("name", QVariant.String), ("category", QVariant.String)]
    return memory_layer("Point", fields, rows, name="sites")


def write_gpkg(layer, path, name=None):
    """Save a layer into a GeoPackage (a new file or a new layer of it); returns 'path|layername=name'."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = name or layer.name()
    if Path(path).exists():
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, str(path), QgsProject.instance().transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError, error
    return "{}|layername={}".format(path, options.layerName)


class Feedback(QgsProcessingFeedback):
    """Feedback that keeps every message."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802,N803
        self.messages.append(error)


@contextmanager
def engine(name):
    """Force the tagging path: 'qgis', 'vectorised' or 'auto'."""
    old = os.environ.get("BELTMAP_TAGGING_ENGINE")
    os.environ["BELTMAP_TAGGING_ENGINE"] = name
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("BELTMAP_TAGGING_ENGINE", None)
        else:
            os.environ["BELTMAP_TAGGING_ENGINE"] = old


def run_tag(params, path="auto", context=None, feedback=None):
    """Run beltmap:tagzones; returns (results, output layer, feedback)."""
    import processing

    feedback = feedback or Feedback()
    context = context or QgsProcessingContext()
    params = dict(params)
    params.setdefault("OUTPUT", "TEMPORARY_OUTPUT")
    with engine(path):
        results = processing.run("beltmap:tagzones", params, context=context, feedback=feedback)
    output = results["OUTPUT"]
    if isinstance(output, str):
        provider = "postgres" if "table=" in output else "ogr"  # a PostGIS output table, or a file
        layer = context.getMapLayer(output) or QgsVectorLayer(output, "tagged", provider)
    else:
        layer = output
    assert layer is not None and layer.isValid(), output
    return results, layer, feedback


def rows_by(layer, key="name"):
    """{feature[key]: {field: value}} with NULLs as None."""
    out = {}
    for feature in layer.getFeatures():
        values = {}
        for field, value in zip(layer.fields().names(), feature.attributes()):
            values[field] = None if value is None or (hasattr(value, "isNull") and value.isNull()) else value
        values["_wkt"] = feature.geometry().asWkt(6) if feature.hasGeometry() else None
        out[values[key]] = values
    return out
