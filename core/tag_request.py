"""What a tagging run was asked to do, read once from the algorithm's parameters."""

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from qgis.core import QgsCoordinateTransformContext, QgsProject, QgsVectorLayer


@dataclass
class TagRequest:
    """A tagging run: the opened inputs, the rule and its options, where the output goes."""

    source: object  # QgsProcessingFeatureSource of the features to tag
    zones: object  # QgsProcessingFeatureSource of the zones
    belt: Optional[object]  # QgsProcessingFeatureSource of the belt, or None
    rule: str
    priority: List[str]
    type_field: str = ""
    id_field: str = ""
    name_field: str = ""
    unknown_as: Optional[str] = None
    ignore_validation: bool = False
    # the whole layer behind INPUT; None when only a selection or the first features are used (part_reason)
    input_layer: Optional[QgsVectorLayer] = None
    part_reason: str = ""
    # layers the validation reads: the inputs, or their used features copied into memory
    input_checked: Optional[QgsVectorLayer] = None
    zones_checked: Optional[QgsVectorLayer] = None
    belt_checked: Optional[QgsVectorLayer] = None
    # a plain GeoPackage file path of the output (None: memory, a database, a layer in a file, options)
    output_path: Optional[str] = None
    output_load: Optional[Tuple[str, QgsProject]] = None  # (name, project) to load the output into
    # (GeoPackage path, new layer name) of an 'ogr:dbname=… table=…' output into an existing GeoPackage
    output_gpkg_layer: Optional[Tuple[str, str]] = None
    # the in-database path (core/postgis): the whole ZONES and BELT layers (None when only part is used),
    # a PostGIS output table (connection.PgTable), OVERWRITE of that table, the engine asked for
    zones_layer: Optional[QgsVectorLayer] = None
    belt_layer: Optional[QgsVectorLayer] = None
    output_table: Optional[object] = None
    overwrite: bool = False
    engine: str = "auto"
    project: Optional[QgsProject] = None
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
