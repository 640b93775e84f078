"""What the input data says about itself: its source files, OpenStreetMap origin, illustrative status."""

import os
from typing import Iterable, List

ILLUSTRATIVE_WORDS = ("示意", "illustrative")
OSM_WORDS = ("openstreetmap",)
OSM_FIELDS = {"osm_id", "osm_way_id", "highway"}


def _ogr_notes(layer) -> str:
    """Description and identifier OGR stores for a file layer (GeoPackage gpkg_contents, …)."""
    if layer.providerType() != "ogr":
        return ""
    parts = layer.source().split("|")
    path = parts[0]
    name = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), None)
    if not os.path.isfile(path):
        return ""
    from osgeo import ogr

    try:
        dataset = ogr.Open(path)
        ogr_layer = (
            None if dataset is None else (dataset.GetLayerByName(name) if name else dataset.GetLayer(0))
        )
        metadata = (ogr_layer.GetMetadata() if ogr_layer is not None else None) or {}
    except RuntimeError:  # GDAL raising exceptions: an unreadable file has no description
        return ""
    return " ".join(str(v) for v in metadata.values())


def layer_notes(layer) -> str:
    """All that describes a layer in words: its QGIS metadata and the description in its file."""
    metadata = layer.metadata()
    words = [
        layer.name(),
        metadata.title(),
        metadata.abstract(),
        " ".join(metadata.rights()),
        " ".join(metadata.licenses()),
    ]
    return " ".join(w for w in words if w) + " " + _ogr_notes(layer)


def _string_values(layer, limit: int = 2000) -> Iterable[str]:
    from ... import compat

    indexes = [i for i, f in enumerate(layer.fields()) if f.type() == compat.TEXT]
    if not indexes:
        return
    for count, feature in enumerate(layer.getFeatures()):
        if count >= limit:
            return
        for index in indexes:
            value = feature.attribute(index)
            if isinstance(value, str):
                yield value


def is_illustrative(layers) -> bool:
    """True when a layer's description or a text value says the data is illustrative (示意)."""
    for layer in layers:
        if layer is None:
            continue
        text = layer_notes(layer).lower()
        if any(word in text for word in ILLUSTRATIVE_WORDS):
            return True
        if any(any(word in value.lower() for word in ILLUSTRATIVE_WORDS) for value in _string_values(layer)):
            return True
    return False


def is_osm(layer) -> bool:
    """True when the layer's description or fields say its data comes from OpenStreetMap."""
    if layer is None:
        return False
    if any(word in layer_notes(layer).lower() for word in OSM_WORDS):
        return True
    return bool({name.lower() for name in layer.fields().names()} & OSM_FIELDS)


def source_names(layers) -> List[str]:
    """The file names (or layer names) the inputs come from, without folders, each once."""
    names: List[str] = []
    for layer in layers:
        if layer is None:
            continue
        path = layer.source().split("|")[0]
        name = (
            os.path.basename(path) if layer.providerType() == "ogr" and os.path.exists(path) else layer.name()
        )
        if name not in names:
            names.append(name)
    return names
