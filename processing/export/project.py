"""belt.qgz: a private QgsProject over belt.gpkg (relative paths), with the layer tree and print layouts.

The project is never QgsProject.instance(): the user's open project is not touched, and the package
project can be built in any thread that runs the algorithm.
"""

from typing import Dict, List, Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

from ...compat import set_layer_title
from .gpkg import layer_title
from .layout import WORK_CRS, LayoutLayers, atlas_mask_renderer

PROJECT_NAME = "belt.qgz"


class PackageProject:
    """The package's project: layers read from belt.gpkg (with their saved default styles) and layouts."""

    def __init__(self, gpkg_path: str, title: str, language: str):
        self.gpkg_path = gpkg_path
        self.language = language
        self.project = QgsProject()
        self.project.setTitle(title)
        self.project.setCrs(QgsCoordinateReferenceSystem(WORK_CRS))
        self.project.writeEntryBool("Paths", "/Absolute", False)
        self.layers: Dict[str, QgsVectorLayer] = {}

    def add_layer(
        self, table: str, role: str, visible: bool = True, name: Optional[str] = None
    ) -> QgsVectorLayer:
        """Load a table of the GeoPackage (its default style comes from layer_styles) into the tree."""
        layer = QgsVectorLayer("{}|layername={}".format(self.gpkg_path, table), name or table, "ogr")
        if not layer.isValid():
            raise OSError("layer {} of {} cannot be opened".format(table, self.gpkg_path))
        set_layer_title(layer, layer_title(role, self.language))
        self.project.addMapLayer(layer, False)
        node = self.project.layerTreeRoot().addLayer(layer)
        node.setItemVisibilityChecked(visible)
        if not visible:
            node.setExpanded(False)
        self.layers[name or table] = layer
        return layer

    def layout_layers(
        self, site_tables: List[str], has_roads: bool, atlas_mode: str = "none"
    ) -> LayoutLayers:
        """The layers a layout draws; for an atlas also the mask (dims the rest) and the coverage."""
        layers = LayoutLayers(
            belt=self.layers["belt"],
            zones=self.layers["zones"],
            sites=[self.layers[t] for t in site_tables],
            roads=self.layers.get("roads") if has_roads else None,
        )
        if atlas_mode != "none":
            mask_name = "atlas_mask_{}".format(atlas_mode)
            mask = self.layers.get(mask_name) or self.add_layer(
                "zones", "zones", visible=False, name=mask_name
            )
            mask.setRenderer(atlas_mask_renderer(atlas_mode))
            mask.setLabelsEnabled(False)
            layers.mask = mask
            layers.coverage = self.layers["zones"] if atlas_mode == "zone" else self.layers["zone_types"]
        return layers

    def add_layout(self, layout) -> None:
        self.project.layoutManager().addLayout(layout)

    def save(self, path: str) -> None:
        """Write the project (qgz) with paths relative to its folder."""
        if not self.project.write(path):
            raise OSError("cannot write the project {}: {}".format(path, self.project.error()))

    def close(self) -> None:
        """Release every layer so that the GeoPackage is closed before it is hashed and moved."""
        self.project.layoutManager().clear()
        self.project.removeAllMapLayers()
        self.project.clear()
        self.layers.clear()
