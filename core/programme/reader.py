"""The targets table read the one guarded way in: CSV (UTF-8 or GBK, detected) and XLSX through
core/site_import/table.py, or any layer / feature source; then parsed by targets.parse_targets."""

import os
from typing import List, Optional

from ..errors import BeltMapError
from ..site_import.table import CsvRowError, read_table
from .targets import Target, TargetsError, parse_targets


def _plain(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value


def read_targets(source, sheet: Optional[str] = None) -> List[Target]:
    """The targets of a CSV / XLSX path or of a layer; TargetsError naming the file and the row."""
    if isinstance(source, str):
        where = os.path.basename(source) or source
        if source.lower().endswith((".gpkg", ".shp", ".geojson", ".dbf", ".sqlite")):
            from qgis.core import QgsVectorLayer

            layer = QgsVectorLayer(source, where, "ogr")
            if not layer.isValid():
                raise TargetsError("TARGETS: {} cannot be read as a table".format(source))
            return _from_layer(layer, where)
        try:
            table = read_table(source, sheet)
        except BeltMapError as error:
            raise TargetsError("TARGETS: {}".format(error)) from error
        rows = []
        for number, cells in table.rows:
            if isinstance(cells, CsvRowError):
                raise TargetsError("{} row {}: {}".format(where, number, cells))
            rows.append((number, list(cells)))
        return parse_targets(table.headers, rows, where)
    return _from_layer(source, getattr(source, "name", lambda: "TARGETS")() or "TARGETS")


def _from_layer(layer, where: str) -> List[Target]:
    names = layer.fields().names()
    rows = [
        (n + 2, [_plain(v) for v in feature.attributes()]) for n, feature in enumerate(layer.getFeatures())
    ]
    return parse_targets(names, rows, where)
