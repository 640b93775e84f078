"""The web map's optional online basemap: none (default, fully offline) or 天地图 (Tianditu).

Tianditu's Web Mercator tiles (the `_w` tile matrix set): vector (vec_w with its labels cva_w) or imagery
(img_w with cia_w). CGCS2000 and WGS84 differ by centimetres, so the belt's layers need no shift (AMap and
Baidu tiles would: GCJ-02 / BD-09, not offered). The key (tk) is the viewer's own: the page asks for it or
reads ?tdt=KEY, keeps it in the browser's localStorage and never writes it into a file; the page carries only
the address template with a {tk} placeholder. Tiles are loaded by the browser, never cached or bundled.
"""

from typing import Dict, Optional

from ..errors import BeltMapError

NONE = "none"
TIANDITU = "tianditu"
BASEMAPS = (NONE, TIANDITU)
TIANDITU_HOSTS = "https://*.tianditu.gov.cn"
TIANDITU_SUBDOMAINS = "01234567"
# one WMTS GetTile address per layer; {s} subdomain, {z}/{x}/{y} tile, {tk} the viewer's key
TIANDITU_URL = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER={layer}"
    "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={{tk}}"
)
# shown on the map whenever Tianditu tiles are: the service's name and its map approval number (审图号),
# as printed on the service's own site; check it there when publishing a web map with this basemap
TIANDITU_ATTRIBUTION = "天地图 © 国家地理信息公共服务平台"
TIANDITU_APPROVAL = "审图号：GS(2024)0568号"
TIANDITU_KEY_PAGE = "console.tianditu.gov.cn"


class BasemapError(BeltMapError):
    """An unknown basemap was asked for."""


def basemap_data(name: str) -> Optional[Dict]:
    """The page's basemap entry: None for none; for tianditu its two styles (each a base and a label
    layer), the hosts the page may load images from, the attribution and the approval number."""
    if name in ("", NONE, None):
        return None
    if name != TIANDITU:
        raise BasemapError("Unknown BASEMAP {!r}: choose one of {}".format(name, ", ".join(BASEMAPS)))
    return {
        "provider": TIANDITU,
        "styles": {
            "vec": [TIANDITU_URL.format(layer="vec"), TIANDITU_URL.format(layer="cva")],
            "img": [TIANDITU_URL.format(layer="img"), TIANDITU_URL.format(layer="cia")],
        },
        "subdomains": TIANDITU_SUBDOMAINS,
        "maxZoom": 18,
        "hosts": TIANDITU_HOSTS,
        "attribution": TIANDITU_ATTRIBUTION,
        "approval": TIANDITU_APPROVAL,
        "keyPage": TIANDITU_KEY_PAGE,
    }
