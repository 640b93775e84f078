"""The web map's files: index.html (no inline script, a CSP that forbids remote loads), data.js, assets."""

import html
import json
import os
from typing import Dict, List

from . import assets

DATA_JS = "data.js"
INDEX_HTML = "index.html"
DATA_GLOBAL = "BELTMAP_DATA"
GENERATOR = "Belt Map web map"
# nothing remote: scripts, styles, images and fonts from the folder itself (or data: URLs), no fetch/XHR
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; "
    "font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="{generator}">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="lib/leaflet/leaflet.css">
<link rel="stylesheet" href="app.css">
</head>
<body>
<div id="map" role="application" aria-label="{title}"></div>
<noscript>{noscript}</noscript>
<script src="lib/leaflet/leaflet.js"></script>
<script src="lib/supercluster/supercluster.min.js"></script>
<script src="data.js"></script>
<script src="app.js"></script>
</body>
</html>
"""
NOSCRIPT = {
    "zh": "电子地图需要启用 JavaScript。",
    "en": "The electronic map needs JavaScript.",
}


def index_html(title: str, language: str, tile_hosts: str = "") -> str:
    """The page: title escaped, the language's lang attribute, the CSP (images from tile_hosts too, with an
    online basemap) and the generator mark."""
    return TEMPLATE.format(
        lang="en" if language == "en" else "zh-CN",
        csp=CSP.format(tiles=" " + tile_hosts if tile_hosts else ""),
        generator=GENERATOR,
        title=html.escape(title),
        noscript=NOSCRIPT["en" if language == "en" else "zh"],
    )


def data_js(payload: Dict) -> str:
    """The data as a script assigning one global (Chromium does not let a file:// page fetch files)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return "window.{} = {};\n".format(DATA_GLOBAL, text.replace("</", "<\\/"))


def tile_hosts(payload: Dict) -> str:
    """The hosts the page may load basemap tiles from (none without an online basemap)."""
    basemap = payload.get("basemap")
    return basemap["hosts"] if basemap else ""


def is_web_map(folder: str) -> bool:
    """True when folder holds a web map written by Belt Map (its index.html carries the generator mark)."""
    path = os.path.join(folder, INDEX_HTML)
    if not os.path.isfile(path) or not os.path.isfile(os.path.join(folder, DATA_JS)):
        return False
    with open(path, encoding="utf-8", errors="replace") as handle:
        return 'content="{}"'.format(GENERATOR) in handle.read(4000)


def write_page(folder: str, payload: Dict) -> List[str]:
    """Write index.html, data.js, app.js, app.css and Leaflet with its licence into folder."""
    os.makedirs(folder, exist_ok=True)
    written = assets.copy_assets(folder)
    for name, content in (
        (INDEX_HTML, index_html(payload["title"], payload["language"], tile_hosts(payload))),
        (DATA_JS, data_js(payload)),
    ):
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        written.append(name)
    return sorted(written)
