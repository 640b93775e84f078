"""manifest.json: every file with size and sha256, layers, CRS, extent, parameters, versions, time."""

import json
import os
from typing import Dict, List

from ..base.package_files import MANIFEST_NAME, sha256
from ..base.year_labels import as_year


def file_entries(folder: str, skip=(MANIFEST_NAME,)) -> List[Dict]:
    """Every file below folder (relative POSIX path, size, sha256), sorted by path."""
    entries = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(root, name)
            relative = os.path.relpath(full, folder).replace(os.sep, "/")
            if relative in skip:
                continue
            entries.append({"path": relative, "size": os.path.getsize(full), "sha256": sha256(full)})
    return entries


def versions() -> Dict[str, str]:
    """Versions of the plugin, QGIS, Qt, GDAL and PROJ."""
    from osgeo import gdal, osr
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import QT_VERSION_STR

    from ...meta import version

    proj = "{}.{}.{}".format(osr.GetPROJVersionMajor(), osr.GetPROJVersionMinor(), osr.GetPROJVersionMicro())
    return {
        "beltmap": version(),
        "qgis": Qgis.QGIS_VERSION,
        "qt": QT_VERSION_STR,
        "gdal": gdal.__version__,
        "proj": proj,
    }


def build_manifest(
    folder: str, name: str, layers: List[Dict], parameters: Dict, created: str, label: str = ""
) -> Dict:
    """The manifest of a finished package folder (all files but the manifest itself); label: the package's
    year (exportpackage LABEL), written as `label` and, when it holds a four-digit year, `year`."""
    manifest = {
        "package": name,
        "created": created,
        "software": versions(),
        "parameters": parameters,
        "layers": layers,
        "files": file_entries(folder),
    }
    if label:
        manifest["label"] = label
        year = as_year(label)
        if year is not None:
            manifest["year"] = year
    return manifest


def write_manifest(folder: str, manifest: Dict) -> str:
    """Write manifest.json (UTF-8, Chinese kept readable) into folder; returns its path."""
    path = os.path.join(folder, MANIFEST_NAME)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    return path
