"""PostGIS tables behind QGIS layers and outputs: where they are, and how to connect to them.

Connections go through QGIS's own mechanisms: the layer's data source URI (a service name is passed to
libpq, which reads the service file), an authcfg expanded by QGIS's authentication manager, or a saved
connection (`postgres` provider metadata). The libpq connection string, which may hold a password, stays
inside `PgTable.conninfo()` and is never put into a message: use `describe()`.
"""

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.core import QgsDataSourceUri

# "postgis:" is how Processing names a PostGIS destination (as in QgsProcessingUtils)
OUTPUT_PREFIXES = ("postgis:", "postgres:", "postgres://")
_PASSWORD = re.compile(r"""(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)""", re.IGNORECASE)


@dataclass(frozen=True)
class PgTable:
    """A table (or a table to create) in a PostGIS database, as a QGIS data source URI."""

    uri: str  # QgsDataSourceUri text, possibly holding a password or an authcfg: never log it

    def _uri(self) -> QgsDataSourceUri:
        return QgsDataSourceUri(self.uri)

    @property
    def schema(self) -> str:
        return self._uri().schema() or "public"

    @property
    def table(self) -> str:
        return self._uri().table()

    @property
    def geometry_column(self) -> str:
        return self._uri().geometryColumn()

    @property
    def key_column(self) -> str:
        return self._uri().keyColumn().strip('"')

    def database_key(self) -> Tuple[str, str, str, str]:
        """(service, host, port, dbname): equal for tables of the same database."""
        uri = self._uri()
        return (uri.service(), uri.host() or "localhost", uri.port() or "5432", uri.database())

    def conninfo(self) -> str:
        """The libpq connection string, authcfg expanded by QGIS: holds secrets, never log it."""
        return self._uri().connectionInfo(True)

    def describe(self) -> str:
        """'schema.table' for messages (no host, user or password)."""
        return "{}.{}".format(self.schema, self.table)


def redact(text: str) -> str:
    """Text with any password=... value replaced by ***."""
    return _PASSWORD.sub(r"\1***", str(text))


def layer_table(layer) -> Tuple[Optional[PgTable], str]:
    """The PostGIS table of a whole QGIS layer, or (None, why it is not one)."""
    if layer is None:
        return None, "no layer"
    if layer.providerType() != "postgres":
        return None, "{} is not a PostGIS layer".format(layer.name())
    uri = QgsDataSourceUri(layer.source())
    if not uri.table() or uri.table().startswith("("):
        return None, "{} is a query, not a table".format(layer.name())
    if uri.sql() or layer.subsetString():
        return None, "{} has a filter".format(layer.name())
    if not uri.geometryColumn():
        return None, "{} has no geometry column".format(layer.name())
    if not uri.keyColumn() or "," in uri.keyColumn():
        return None, "{} has no single-column primary key".format(layer.name())
    return PgTable(uri.uri(False)), ""


def output_table(destination: str) -> Optional[PgTable]:
    """The table a Processing destination like 'postgis:dbname=... table="s"."t" (geom)' names."""
    text = destination.strip()
    for prefix in OUTPUT_PREFIXES:
        if text.lower().startswith(prefix):
            uri = QgsDataSourceUri(text[len(prefix) :])
            if uri.table():
                if not uri.geometryColumn():
                    uri.setGeometryColumn("geom")
                return PgTable(uri.uri(False))
    return None
