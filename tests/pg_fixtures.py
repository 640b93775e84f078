"""Layers copied into the test PostGIS cluster, as QGIS layers, and helpers to read tables back."""

import uuid

from qgis.core import QgsVectorLayer
from tag_fixtures import write_gpkg


def unique(prefix="t"):
    """A fresh table name."""
    return "{}_{}".format(prefix, uuid.uuid4().hex[:10])


def to_postgis(cluster, layer, folder, table=None, schema="public", tcp=False):
    """Copy a QGIS layer into a new table (through a GeoPackage and ogr2ogr); returns the PostGIS layer."""
    table = table or unique(layer.name() or "t")
    source = write_gpkg(layer, folder / "{}.gpkg".format(table), table)
    cluster.load(source.split("|")[0], table, schema=schema, layer=table)
    loaded = QgsVectorLayer(cluster.uri(table, schema=schema, tcp=tcp), table, "postgres")
    assert loaded.isValid(), table
    return loaded


def output_uri(cluster, table, schema="public", tcp=False):
    """A Processing destination naming a new PostGIS table."""
    return "postgis:" + cluster.uri(table, schema=schema, tcp=tcp)


def table_layer(cluster, table, schema="public"):
    """A QGIS layer on a table of the cluster."""
    layer = QgsVectorLayer(cluster.uri(table, schema=schema), table, "postgres")
    assert layer.isValid(), table
    return layer
