"""Everything the page shows, as one dict: texts, palettes, belt, zones, sites, roads."""

from typing import Callable, Dict, Optional

from ..cartography.layout import map_texts
from . import data
from .basemap import basemap_data
from .page import write_page

OSM_NOTE = "© OpenStreetMap contributors (ODbL)"


def build_payload(
    layers: Dict,
    title: str,
    subtitle: str,
    language: str,
    created: str,
    illustrative: bool,
    osm: bool,
    transform_context,
    index_layer=None,
    is_canceled: Callable[[], bool] = lambda: False,
    changes: Optional[Dict] = None,
    basemap: str = "none",
    progress: Optional[Dict] = None,
    chains: Optional[Dict] = None,
) -> Dict:
    """The page's data from belt, zones, sites (tagged, with walk_m when covered) and roads (or None)."""
    reader = data.Reader(transform_context, is_canceled)
    texts = map_texts(title, subtitle, language, created[:10], "", osm, illustrative, {})
    index: Optional[Dict] = data.index_data(index_layer, language) if index_layer is not None else None
    zones = data.zones_data(reader, layers["zones"], language, index)
    zone_ids = [feature["properties"]["id"] for feature in zones["features"]]
    zone_types = [feature["properties"]["type"] for feature in zones["features"]]
    roads = layers.get("roads")
    return {
        "version": 2,
        "language": language,
        "title": title,
        "subtitle": subtitle,
        "created": created[:10],
        "notice": texts.notice,
        "osm": OSM_NOTE if osm else "",
        "index": index is not None,
        "zoneTypes": data.zone_types(language),
        "belt": data.belt_data(reader, layers["belt"]) if layers.get("belt") is not None else None,
        "zones": zones,
        "sites": data.sites_data(reader, layers["sites"], zone_ids, language, zone_types),
        "roads": data.roads_data(reader, roads) if roads is not None else None,
        "catchments": data.catchments_data(reader, layers["catchments"])
        if layers.get("catchments")
        else None,
        "changes": changes,  # core/webmap/changes_data.py, with a package's BASELINE
        "progress": progress,  # core/webmap/progress_data.py, with a package's HISTORY and TARGETS
        "chains": chains,  # core/webmap/chains_data.py, with a package's LINKS
        "basemap": basemap_data(basemap),  # core/webmap/basemap.py: None, or Tianditu without any key
    }


def write_web_map(
    folder: str,
    layers: Dict,
    texts: Dict,
    transform_context,
    index_layer=None,
    is_canceled: Callable[[], bool] = lambda: False,
    changes: Optional[Dict] = None,
    basemap: str = "none",
    progress: Optional[Dict] = None,
    chains: Optional[Dict] = None,
) -> Dict:
    """Write the web map of the layers into folder; texts: title, subtitle, language, created, illustrative,
    osm; changes: the "Changes" layer (changes_data); basemap: none or tianditu; progress: the "Progress"
    layer (progress_data); chains: the "Chains" layer (chains_data). Returns the page's data."""
    payload = build_payload(
        layers,
        texts["title"],
        texts["subtitle"],
        texts["language"],
        texts["created"],
        texts["illustrative"],
        texts["osm"],
        transform_context,
        index_layer,
        is_canceled,
        changes,
        basemap,
        progress,
        chains,
    )
    write_page(folder, payload)
    return payload
