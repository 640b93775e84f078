"""Optional Python packages: where `make install` puts them, and whether they can be used."""

import importlib
import os
import sys
from typing import Dict, Optional

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
VENDORED_LIBS = os.path.join(PLUGIN_DIR, "libs")

# package -> why Belt Map wants it; none is required: without them the QGIS-only path is used
OPTIONAL_PACKAGES: Dict[str, str] = {
    "shapely": "vectorised zone tagging of large layers (shapely >= 2)",
    "pyogrio": "fast bulk reading and writing of GeoPackages",
}


def add_vendored_libs() -> None:
    """Put the packages `make install` vendored into <plugin>/libs ahead of the system ones."""
    if os.path.isdir(VENDORED_LIBS) and VENDORED_LIBS not in sys.path:
        sys.path.insert(0, VENDORED_LIBS)


def missing_reason(package: str) -> Optional[str]:
    """None if an optional package is usable, else a sentence saying why not and how to fix it."""
    try:
        module = importlib.import_module(package)
    except Exception as error:  # ImportError, or a broken binary wheel
        return "{} is not available ({}): {}".format(package, error, install_hint(package))
    if package == "shapely":
        major = int(str(getattr(module, "__version__", "0")).split(".")[0] or 0)
        if major < 2:
            return "shapely {} is too old (2 or newer is needed): {}".format(
                module.__version__, install_hint(package)
            )
    return None


def install_hint(package: str) -> str:
    """How a user gets a package into QGIS's own Python."""
    return (
        "install it into QGIS's Python (Linux: `make install`, or `python3 -m pip install --user {0}`; "
        "Windows: OSGeo4W Shell `python -m pip install {0}`; macOS: "
        "`/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {0}`)".format(package)
    )
