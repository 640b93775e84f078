"""The layers of an export, opened once by the algorithm, checked once and turned into the sites every
product works on (the package and the web map alike)."""

from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.core import QgsVectorLayer

from ..validation.gate import validate_or_stop
from .engines import merged_sites, tag_sites


@dataclass(frozen=True)
class InputLayers:
    """The layers of an export, opened once by the algorithm: belt, zones, one or more sites, roads."""

    belt: QgsVectorLayer
    zones: QgsVectorLayer
    sites: Tuple[QgsVectorLayer, ...]
    roads: Optional[QgsVectorLayer] = None


def validate_inputs(layers: InputLayers, ignore: bool, progress, transform_context) -> None:
    """The error-level checks on belt, zones, sites and roads: once per export, not again when tagging."""
    validate_or_stop(
        ignore,
        progress,
        transform_context,
        zones=layers.zones,
        belt=layers.belt,
        sites=list(layers.sites),
        roads=layers.roads,
    )


def prepared_sites(layers: InputLayers, tag: bool, transform_context, progress) -> QgsVectorLayer:
    """The sites of an export: the SITES layers merged when several, tagged by zone (and belt) when tag."""
    sites = merged_sites(layers.sites, transform_context)
    if not tag:
        return sites
    return tag_sites(sites, layers.zones, layers.belt, transform_context, progress)
