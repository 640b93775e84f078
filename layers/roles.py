"""Which project layer plays which role (belt, zones, sites, roads): one answer for panel, menu and toolbox.

The panel saves its choices in the project (scope `beltmap`, `<role>_layer`); the loader and a package's
project (belt.qgz) mark their layers with the custom property `beltmap/role`; a package project written
before it did is read by its tables (belt.gpkg, layers belt / zones / sites / roads). The desktop plugin
hands its project to this registry (`use_project`); algorithms ask it for their dialog defaults. Under
`qgis_process` no project is handed over, so nothing is proposed and nothing changes there.
"""

import os
from typing import Dict, Optional

from qgis.core import QgsMapLayer, QgsProject, QgsProviderRegistry

from ..core.cartography.titles import role_title
from ..core.package.project import ROLE_PROPERTY, ROLES
from ..i18n import user_locale

__all__ = ["ROLES", "ROLE_PROPERTY", "role_layer", "role_layers", "role_name", "role_names"]

PROJECT_SCOPE = "beltmap"
PACKAGE_GPKG = "belt.gpkg"
# the layer parameters of the Belt Map algorithms that take a role layer, by parameter name
PARAMETER_ROLES = {"INPUT": "sites", "SITES": "sites", "ZONES": "zones", "BELT": "belt", "ROADS": "roads"}
# beltmap:beltchanges: the project's layers are the later year
PARAMETER_ROLES.update({"AFTER_SITES": "sites", "AFTER_ZONES": "zones", "AFTER_BELT": "belt"})
LAYER_PARAMETER_TYPES = ("source", "vector", "layer", "multilayer")

_project: Optional[QgsProject] = None


def use_project(project: Optional[QgsProject]) -> None:
    """Let the registry answer from this project (the desktop's); None when the plugin unloads."""
    global _project
    _project = project


def registry_project() -> Optional[QgsProject]:
    """The project the registry answers from, None outside the desktop."""
    return _project


def marked_layer(project: QgsProject, role: str) -> Optional[QgsMapLayer]:
    """A layer the loader (or the panel) marked with this role, or None."""
    for layer in project.mapLayers().values():
        if layer.customProperty(ROLE_PROPERTY) == role:
            return layer
    return None


def package_table_role(layer) -> Optional[str]:
    """The role of a layer reading table belt, zones, sites or roads of a package's belt.gpkg (its atlas
    mask left out), else None."""
    if layer.providerType() != "ogr" or layer.name().startswith("atlas_mask"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path") or "", parts.get("layerName") or ""
    return table if os.path.basename(path).lower() == PACKAGE_GPKG and table in ROLES else None


def layer_role(layer) -> Optional[str]:
    """The role a layer says it plays: its role mark, else its package table."""
    role = layer.customProperty(ROLE_PROPERTY)
    return role if role in ROLES else package_table_role(layer)


def package_layer(project: QgsProject, role: str) -> Optional[QgsMapLayer]:
    """The layer reading table `role` of a package's belt.gpkg (a package project without role marks)."""
    return next((x for x in project.mapLayers().values() if package_table_role(x) == role), None)


def role_name(role: str) -> str:
    """A role as the user interface names it: 实践带边界, 区域, 点位, 道路 in Chinese; Belt boundary,
    Zones, Sites, Roads otherwise (one table: core/cartography/titles.py)."""
    return role_title(role, "zh" if user_locale().startswith("zh") else "en")


def role_names(roles) -> str:
    """Several roles as the user interface names them, joined (、 in Chinese)."""
    separator = "、" if user_locale().startswith("zh") else ", "
    return separator.join(role_name(role) for role in roles)


def saved_layer(project: QgsProject, role: str) -> Optional[QgsMapLayer]:
    """The layer saved for a role in the project by the panel, or None."""
    layer_id, found = project.readEntry(PROJECT_SCOPE, role + "_layer", "")
    return project.mapLayer(layer_id) if found and layer_id else None


def save_layer(project: QgsProject, role: str, layer: Optional[QgsMapLayer]) -> None:
    """Remember the layer chosen for a role in the project."""
    project.writeEntry(PROJECT_SCOPE, role + "_layer", layer.id() if layer is not None else "")


def role_layer(role: str, project: Optional[QgsProject] = None) -> Optional[QgsMapLayer]:
    """The layer playing a role: the panel's saved choice, else the layer marked with that role, else a
    package project's table of that name."""
    project = project or _project
    if project is None:
        return None
    return saved_layer(project, role) or marked_layer(project, role) or package_layer(project, role)


def parameter_role(parameter) -> Optional[str]:
    """The role whose layer fills a Processing parameter (a layer parameter in PARAMETER_ROLES), or None."""
    if parameter.type() not in LAYER_PARAMETER_TYPES:
        return None
    return PARAMETER_ROLES.get(parameter.name())


def role_parameters(algorithm) -> Dict[str, str]:
    """{parameter name: role} of the algorithm's parameters that take a role layer."""
    found = ((p.name(), parameter_role(p)) for p in algorithm.parameterDefinitions())
    return {name: role for name, role in found if role is not None}


def role_layers(project: Optional[QgsProject] = None) -> Dict[str, QgsMapLayer]:
    """Every role that has a layer, with that layer."""
    found = {role: role_layer(role, project) for role in ROLES}
    return {role: layer for role, layer in found.items() if layer is not None}
