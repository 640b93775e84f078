"""Optional Python packages: where `make install` puts them, and whether they can be used."""

import importlib.metadata
import importlib.util
import os
import sys
from typing import Optional

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
VENDORED_LIBS = os.path.join(PLUGIN_DIR, "libs")


def add_vendored_libs() -> None:
    """Put the packages `make install` vendored into <plugin>/libs ahead of the system ones."""
    if os.path.isdir(VENDORED_LIBS) and VENDORED_LIBS not in sys.path:
        sys.path.insert(0, VENDORED_LIBS)


def missing_reason(package: str) -> Optional[str]:
    """None if an optional package is installed (shapely: 2 or newer), else why not and how to fix it.

    Looked up without importing: inside QGIS, importing the shapely or pyogrio wheels next to QGIS's own
    GEOS and GDAL is what must be avoided (the tagging worker imports them in its own process).
    """
    if importlib.util.find_spec(package) is None:
        return "{} is not available: {}".format(package, install_hint(package))
    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError as error:
        return "{} is not installed properly: {}".format(error, install_hint(package))
    if package == "shapely" and int(version.split(".")[0]) < 2:
        return "shapely {} is too old (2 or newer is needed): {}".format(version, install_hint(package))
    return None


def install_hint(package: str) -> str:
    """How a user gets a package into QGIS's own Python."""
    return (
        "install it into QGIS's Python (Linux: `make install`, or `python3 -m pip install --user {0}`; "
        "Windows: OSGeo4W Shell `python -m pip install {0}`; macOS: "
        "`/Applications/QGIS.app/Contents/MacOS/bin/python3 -m pip install {0}`)".format(package)
    )
