"""What a tagging run was asked to do, read once from the algorithm's parameters and never changed."""

from dataclasses import dataclass, field
from typing import Optional, Tuple

from qgis.core import QgsCoordinateTransformContext, QgsProject, QgsVectorLayer

# the engines core/tagging/engine.py chooses from; "auto" lets it choose
ENGINES = ("auto", "qgis", "vectorised", "postgis")


@dataclass(frozen=True)
class TagRequest:
    """A tagging run: the opened inputs, the rule and its options, where the output goes."""

    source: object  # feature source of the features to tag
    zones: object  # feature source of the zones
    belt: Optional[object]  # feature source of the belt, or None
    rule: str
    priority: Tuple[str, ...]
    type_field: str = ""
    id_field: str = ""
    name_field: str = ""
    unknown_as: Optional[str] = None
    ignore_validation: bool = False
    # the caller (an export) already ran the error-level checks on these layers: do not run them again
    validated: bool = False
    # the whole layer behind INPUT; None when only a selection or the first features are used (part_reason)
    input_layer: Optional[QgsVectorLayer] = None
    part_reason: str = ""
    # the whole ZONES and BELT layers (None when only part is used): validation and the in-database path
    zones_layer: Optional[QgsVectorLayer] = None
    belt_layer: Optional[QgsVectorLayer] = None
    # a plain GeoPackage file path of the output (None: memory, a database, a layer in a file, options)
    output_path: Optional[str] = None
    output_load: Optional[Tuple[str, QgsProject]] = None  # (name, project) to load the output into
    # (GeoPackage path, new layer name) of an 'ogr:dbname=… table=…' output into an existing GeoPackage
    output_gpkg_layer: Optional[Tuple[str, str]] = None
    # a PostGIS output table (connection.PgTable) or None, OVERWRITE of that table
    output_table: Optional[object] = None
    overwrite: bool = False
    engine: str = "auto"  # one of ENGINES (BELTMAP_TAGGING_ENGINE)
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
