"""Whether a tagging run can go into the database: when INPUT, ZONES (and BELT) are tables of one PostGIS
database, tagging (core/tagging/engine.py) runs there; otherwise the reason is returned for the log.
Everything comes from the typed requests: nothing reads parameters."""

import datetime
import importlib.util
from typing import List, Optional, Tuple

from qgis.core import QgsDataSourceUri, QgsVectorLayer

from ..postgis.connection import PgTable, layer_table
from ..postgis.session import psycopg2_module
from .in_database import DatabaseRun
from .request import TagRequest


def whole_table(name: str, layer, part: str = "") -> Tuple[Optional[PgTable], str]:
    """The PostGIS table behind the whole layer of parameter name, or (None, why not); part: why only
    part of the layer is used (inputs.part_reason)."""
    if part:
        return None, "{}: {}".format(name, part)
    table, reason = layer_table(layer)
    return table, "{}: {}".format(name, reason) if table is None else ""


def is_postgis(layer) -> bool:
    """True when layer (a layer or a feature source) is a PostGIS layer: then the log says why the
    database path did not run."""
    return isinstance(layer, QgsVectorLayer) and layer.providerType() == "postgres"


def tag_run(request: TagRequest, kept_columns: List[str], tagger) -> Tuple[Optional[DatabaseRun], str]:
    """The in-database run of a tagging request, or (None, why tagging cannot run in the database).
    A GeoPackage output is left to the caller to stage (output_file empty here)."""
    if psycopg2_module() is None:
        return None, "psycopg2 is not installed"
    layers = {"INPUT": request.input_layer, "ZONES": request.zones_layer}
    if request.belt is not None:
        layers["BELT"] = request.belt_layer
    tables = {}
    for name, layer in layers.items():
        part = request.part_reason if name == "INPUT" else ("" if layer else "only part of the layer is used")
        table, reason = whole_table(name, layer, part)
        if table is None:
            return None, reason
        tables[name] = table
    databases = {t.database_key() for t in tables.values()}
    if len(databases) != 1:
        return None, "the inputs are in different databases"
    target = request.output_table
    if target is not None:
        if target.database_key() not in databases:
            return None, "the output table is in another database"
        for name, table in tables.items():
            if (table.schema, table.table) == (target.schema, target.table):
                return None, "the output table {} is the {} table".format(target.describe(), name)
    elif request.output_path is None:
        return None, "the output is neither a table of that database nor a GeoPackage file"
    elif importlib.util.find_spec("osgeo") is None:
        return None, "GDAL's Python bindings are missing"
    comment = "beltmap:tagzones {}: INPUT {}, ZONES {}, BELT {}, RULE {}, PRIORITY {}".format(
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        tables["INPUT"].describe(),
        tables["ZONES"].describe(),
        tables["BELT"].describe() if "BELT" in tables else "-",
        tagger.rule,
        ",".join(tagger.zones.ranking.priority),
    )
    run = database_run(
        tables["INPUT"],
        request.input_layer,
        tagger,
        kept_columns=kept_columns,
        output_table=target,
        overwrite=request.overwrite,
        comment=comment,
    )
    return run, "INPUT, ZONES{} in one PostGIS database".format(", BELT" if "BELT" in tables else "")


def database_run(table: PgTable, layer, tagger, **options) -> DatabaseRun:
    """A DatabaseRun for the input table behind a layer."""
    srid = layer.crs().postgisSrid() or int(QgsDataSourceUri(layer.source()).srid() or 0)
    return DatabaseRun(table, srid, layer.wkbType(), layer.crs().toWkt(), tagger=tagger, **options)


def public_uri(table: PgTable) -> str:
    """The output table's URI without a password (results and logs never hold one)."""
    uri = QgsDataSourceUri(table.uri)
    uri.setPassword("")
    return uri.uri(False)
