"""Leaflet and the page's own files: from Debian's libjs-leaflet at build time, into a web map at run time.

Pure Python (no QGIS, no relative imports): scripts/webmap_assets.py loads this file on its own to vendor
Leaflet into the plugin folder for `make compiled`, `make install` and `make package`.
"""

import os
import shutil
import subprocess
from typing import List

try:
    from ..errors import BeltMapError
except ImportError:  # loaded on its own by scripts/webmap_assets.py, outside the plugin package
    BeltMapError = Exception

HERE = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(HERE, "vendor", "leaflet")
STATIC = os.path.join(HERE, "static")
DEBIAN_LEAFLET = "/usr/share/javascript/leaflet"
DEBIAN_COPYRIGHT = "/usr/share/doc/libjs-leaflet/copyright"
DEBIAN_PACKAGE = "libjs-leaflet"
# names inside a web map (and inside vendor/leaflet)
LEAFLET_JS = "leaflet.js"
LEAFLET_CSS = "leaflet.css"
LICENCE = "LICENSE.txt"
VERSION = "VERSION.txt"
PAGE_FILES = ("app.js", "app.css")
LIB_FOLDER = os.path.join("lib", "leaflet")
# supercluster (npm, ISC, with kdbush bundled): committed in static/vendor with its licence, 10 KB
SUPERCLUSTER = os.path.join(STATIC, "vendor", "supercluster")
SUPERCLUSTER_FOLDER = os.path.join("lib", "supercluster")
SUPERCLUSTER_JS = "supercluster.min.js"


class AssetError(BeltMapError):
    """Leaflet cannot be found: the message says how to get it."""


def _debian_version() -> str:
    try:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", DEBIAN_PACKAGE],
            capture_output=True,
            text=True,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window on Windows
        )
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def vendor_leaflet(
    dest: str = VENDOR, source: str = DEBIAN_LEAFLET, copyright_file: str = DEBIAN_COPYRIGHT
) -> str:
    """Copy Debian's Leaflet (minified build, CSS, images, copyright as LICENSE.txt) into dest."""
    script = os.path.join(source, "leaflet.min.js")
    if not os.path.exists(script):
        script = os.path.join(source, "leaflet.js")
    if not os.path.exists(script) or not os.path.exists(copyright_file):
        raise AssetError(
            "Leaflet not found in {}: install the Debian package {} (apt-get install {})".format(
                source, DEBIAN_PACKAGE, DEBIAN_PACKAGE
            )
        )
    if os.path.isdir(dest):
        shutil.rmtree(dest)
    os.makedirs(os.path.join(dest, "images"))
    shutil.copyfile(script, os.path.join(dest, LEAFLET_JS))
    shutil.copyfile(os.path.join(source, "leaflet.css"), os.path.join(dest, LEAFLET_CSS))
    images = os.path.join(source, "images")
    for name in sorted(os.listdir(images)) if os.path.isdir(images) else []:
        if name.endswith(".png"):
            shutil.copyfile(os.path.join(images, name), os.path.join(dest, "images", name))
    shutil.copyfile(copyright_file, os.path.join(dest, LICENCE))
    with open(os.path.join(dest, VERSION), "w", encoding="utf-8") as handle:
        handle.write("Leaflet from the Debian package {} {}\n".format(DEBIAN_PACKAGE, _debian_version()))
    return dest


def leaflet_folder() -> str:
    """The vendored Leaflet of the plugin; vendored now from Debian when missing (a source checkout)."""
    if os.path.exists(os.path.join(VENDOR, LEAFLET_JS)):
        return VENDOR
    try:
        return vendor_leaflet()
    except OSError as error:
        raise AssetError(
            "Leaflet is missing from the plugin ({}) and cannot be copied there: {}. Run `make compiled` "
            "or reinstall Belt Map".format(VENDOR, error)
        ) from error


def leaflet_version() -> str:
    """The line saying which Leaflet the web map carries (from VERSION.txt)."""
    path = os.path.join(leaflet_folder(), VERSION)
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


def copy_assets(folder: str) -> List[str]:
    """Copy Leaflet and supercluster (each with its licence) and the page's app.js and app.css into a web
    map folder."""
    written = []
    for source, lib in ((leaflet_folder(), LIB_FOLDER), (SUPERCLUSTER, SUPERCLUSTER_FOLDER)):
        target = os.path.join(folder, lib)
        shutil.copytree(source, target)
        written += [os.path.join(lib, name) for name in sorted(os.listdir(target))]
    for name in PAGE_FILES:
        shutil.copyfile(os.path.join(STATIC, name), os.path.join(folder, name))
        written.append(name)
    return written


def total_size(folder: str) -> int:
    """Bytes of every file under folder."""
    size = 0
    for root, _dirs, files in os.walk(folder):
        size += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return size
