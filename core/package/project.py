"""belt.qgz: a private QgsProject over belt.gpkg (relative paths), with the layer tree and print layouts.

The project is never the QgsProject singleton: the user's open project is not touched, and the package
project can be built in any thread that runs the algorithm.
"""

from typing import Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize

from ...compat import set_layer_title
from ..cartography.layout import WORK_CRS, LayoutLayers, atlas_mask_renderer
from ..errors import WriteError
from .gpkg import layer_title

PROJECT_NAME = "belt.qgz"
# the custom property naming a layer's role (belt, zones, sites, roads): the panel fills itself from it
# when the package's project is opened (layers/roles.py reads it; the loader marks its layers so too)
ROLE_PROPERTY = "beltmap/role"
ROLES = ("belt", "zones", "sites", "roads")
CANVAS_NAME = "theMapCanvas"  # the main map canvas of the QGIS desktop reads the <mapcanvas> of this name
VIEW_MARGIN = 0.05  # of the belt's width and height, around it when the project opens


class PackageProject:
    """The package's project: layers read from belt.gpkg (with their saved default styles) and layouts."""

    def __init__(
        self, gpkg_path: str, title: str, language: str, illustrative: bool = False, osm: bool = False
    ):
        self.gpkg_path = gpkg_path
        self.language = language
        self.illustrative = illustrative
        self.osm = osm
        self.view: Optional[QgsRectangle] = None
        self.project = QgsProject()
        self.project.setTitle(title)
        self.project.setCrs(QgsCoordinateReferenceSystem(WORK_CRS))
        self.project.writeEntryBool("Paths", "/Absolute", False)
        self.layers: Dict[str, QgsVectorLayer] = {}
        self.project.writeProject.connect(self._write_canvas)

    def add_layer(
        self, table: str, role: str, visible: bool = True, name: Optional[str] = None
    ) -> QgsVectorLayer:
        """Load a table of the GeoPackage (its default style comes from layer_styles) into the tree.

        The tree shows the layer's title in the package's language (实践带边界(示意) …), as the loader
        names it in the desktop; the table name stays ASCII.
        """
        title = layer_title(role, self.language, self.illustrative, self.osm and role == "roads")
        layer = QgsVectorLayer("{}|layername={}".format(self.gpkg_path, table), name or title, "ogr")
        if not layer.isValid():
            raise WriteError("layer {} of {} cannot be opened".format(table, self.gpkg_path))
        set_layer_title(layer, title)
        if name is None and role in ROLES:
            layer.setCustomProperty(ROLE_PROPERTY, role)
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

    def set_view(self, extent: QgsRectangle) -> None:
        """Open on this extent (in the work CRS): the project's default view and the saved canvas extent."""
        view = QgsRectangle(extent)
        view.grow(VIEW_MARGIN * max(extent.width(), extent.height()))
        self.view = view
        crs = QgsCoordinateReferenceSystem(WORK_CRS)
        self.project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(view, crs))

    def _write_canvas(self, document) -> None:
        """Write the <mapcanvas> element the desktop's main canvas reads its extent and CRS from.

        A private project has no canvas to write it; without it QGIS falls back to the default view.
        """
        if self.view is None:
            return
        settings = QgsMapSettings()
        settings.setDestinationCrs(QgsCoordinateReferenceSystem(WORK_CRS))
        settings.setOutputSize(QSize(1600, 1000))
        settings.setExtent(self.view)
        element = document.createElement("mapcanvas")
        element.setAttribute("name", CANVAS_NAME)
        element.setAttribute("annotationsVisible", "1")
        settings.writeXml(element, document)
        qgis = document.documentElement()
        qgis.appendChild(element)

    def add_layout(self, layout) -> None:
        self.project.layoutManager().addLayout(layout)

    def save(self, path: str) -> None:
        """Write the project (qgz) with paths relative to its folder."""
        if not self.project.write(path):
            raise WriteError("cannot write the project {}: {}".format(path, self.project.error()))

    def close(self) -> None:
        """Release every layer so that the GeoPackage is closed before it is hashed and moved."""
        self.project.layoutManager().clear()
        self.project.removeAllMapLayers()
        self.project.clear()
        self.layers.clear()
