"""Vendor Debian's Leaflet into core/webmap/vendor/leaflet (`make compiled`, the installer).

supercluster (the web map's clusters, from the npm registry) needs no step here: its 10 KB minified build is
committed with its licence in core/webmap/static/vendor/supercluster/, so no build needs npm.
"""

import importlib.util
import sys
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1] / "core" / "webmap" / "assets.py"


def load_assets():
    """core/webmap/assets.py as a module of its own (no plugin import, no QGIS)."""
    spec = importlib.util.spec_from_file_location("beltmap_webmap_assets", ASSETS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv) -> int:
    """Copy Leaflet into the folder given (default: the plugin's vendor folder)."""
    assets = load_assets()
    try:
        dest = assets.vendor_leaflet(argv[1]) if len(argv) > 1 else assets.vendor_leaflet()
    except assets.AssetError as error:
        print(error, file=sys.stderr)
        return 1
    print("Leaflet vendored into {}".format(dest))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
