"""The two years' inputs: a belt map package (folder or ZIP), a GeoPackage, or the layers themselves."""

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Dict, Optional

from qgis.core import QgsVectorLayer

from ...i18n import tr
from ..base.package_files import MANIFEST_NAME, sha256
from ..errors import BeltMapError

GPKG_NAME = "belt.gpkg"
REQUIRED_TABLES = ("sites", "zones")
OPTIONAL_TABLES = ("belt", "stations", "roads")


class ChangeInputError(BeltMapError):
    """A year's input cannot be compared; the message names the year, the file and what is missing."""


@dataclass
class YearLayers:
    """What one year brings: its layers (sources or layers) and what its package says about it."""

    sites: object
    zones: object
    belt: Optional[object] = None
    stations: Optional[object] = None
    roads: Optional[object] = None  # for the walk along the roads (coverage shares)
    label: str = ""  # from the manifest, '' when none
    date: str = ""
    name: str = ""  # the package's name, or the file's
    manifest_sha256: str = ""
    path: str = ""
    keep: list = field(default_factory=list)  # layers and temporary folders kept alive for the run


def safe_members(archive: zipfile.ZipFile, where: str):
    """The ZIP's entries, refused (nothing extracted) when one has '..' or an absolute path."""
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
            raise ChangeInputError(
                tr(
                    "{}: the ZIP entry '{}' points outside the archive ('..' or an absolute path); "
                    "nothing was extracted. Re-create the ZIP from the package folder."
                ).format(where, info.filename)
            )
    return archive.infolist()


def unpack_zip(path: str, where: str):
    """Extract a package ZIP into a new temporary folder; (that folder, the folder holding belt.gpkg)."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ChangeInputError(tr("{}: {} is not a ZIP file ({})").format(where, path, error)) from error
    with archive:
        safe_members(archive, where)
        names = [i.filename.replace("\\", "/") for i in archive.infolist()]
        gpkgs = [n for n in names if PurePosixPath(n).name == GPKG_NAME]
        if not gpkgs:
            raise ChangeInputError(
                tr(
                    "{}: {} is not a belt map package: {} is missing (a package holds belt.gpkg, "
                    "manifest.json, maps/, tables/)"
                ).format(where, path, GPKG_NAME)
            )
        folder = tempfile.mkdtemp(prefix="beltmap_changes_")
        root = os.path.realpath(folder)
        for info in archive.infolist():
            target = os.path.realpath(os.path.join(folder, info.filename))
            if os.path.commonpath([root, target]) != root:  # belt and braces after safe_members
                shutil.rmtree(folder, ignore_errors=True)
                raise ChangeInputError(tr("{}: the ZIP entry '{}' is unsafe").format(where, info.filename))
        archive.extractall(folder)
    top = sorted(gpkgs, key=lambda n: len(PurePosixPath(n).parts))[0]
    return folder, os.path.join(folder, *PurePosixPath(top).parent.parts)


def read_manifest(folder: str) -> Dict:
    """The package's manifest.json, {} when there is none or it cannot be read."""
    path = os.path.join(folder, MANIFEST_NAME)
    if not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def open_table(gpkg: str, table: str) -> Optional[QgsVectorLayer]:
    """A table of a GeoPackage as a layer, None when it is not there."""
    layer = QgsVectorLayer("{}|layername={}".format(gpkg, table), table, "ogr")
    return layer if layer.isValid() else None


def gpkg_tables(gpkg: str):
    """The table names of a GeoPackage (empty when it is not one)."""
    from osgeo import ogr

    dataset = ogr.Open(gpkg)
    if dataset is None:
        return []
    return [dataset.GetLayerByIndex(i).GetName() for i in range(dataset.GetLayerCount())]


def open_gpkg(gpkg: str, where: str, kind: str) -> YearLayers:
    """The belt layers of a GeoPackage (tables sites and zones, optional belt, stations and roads)."""
    tables = gpkg_tables(gpkg)
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise ChangeInputError(
            tr("{}: {} {} has no {} table (found: {}); it needs the tables sites and zones").format(
                where, kind, gpkg, " and ".join(missing), ", ".join(tables) or tr("none")
            )
        )
    layers = {t: open_table(gpkg, t) for t in REQUIRED_TABLES + OPTIONAL_TABLES if t in tables}
    unreadable = [t for t in REQUIRED_TABLES if layers.get(t) is None]
    if unreadable:
        raise ChangeInputError(
            tr("{}: the table(s) {} of {} cannot be read").format(where, ", ".join(unreadable), gpkg)
        )
    year = YearLayers(
        sites=layers["sites"],
        zones=layers["zones"],
        belt=layers.get("belt"),
        stations=layers.get("stations"),
        roads=layers.get("roads"),
        name=os.path.splitext(os.path.basename(gpkg))[0],
        path=gpkg,
    )
    year.keep.extend(layers.values())
    return year


def open_year(path: str, where: str) -> YearLayers:
    """A year from a package folder, a package ZIP or a GeoPackage; ChangeInputError naming what is wrong."""
    path = str(path or "").strip()
    if not path or not os.path.exists(path):
        raise ChangeInputError(tr("{}: {} does not exist").format(where, path or tr("(nothing given)")))
    temporary = None
    folder = None
    if os.path.isdir(path):
        folder = path
    elif zipfile.is_zipfile(path):
        temporary, folder = unpack_zip(path, where)
    elif path.lower().endswith(".gpkg"):
        return open_gpkg(path, where, tr("the GeoPackage"))
    else:
        raise ChangeInputError(
            tr("{}: {} is neither a belt map package (folder or ZIP) nor a GeoPackage").format(where, path)
        )
    gpkg = os.path.join(folder, GPKG_NAME)
    if not os.path.isfile(gpkg):
        present = sorted(os.listdir(folder))[:8]
        raise ChangeInputError(
            tr("{}: {} is not a belt map package: {} is missing (found: {})").format(
                where, path, GPKG_NAME, ", ".join(present) or tr("an empty folder")
            )
        )
    year = open_gpkg(gpkg, where, tr("the package's"))
    manifest = read_manifest(folder)
    year.path = path
    year.name = str(manifest.get("package") or os.path.basename(os.path.normpath(path)))
    year.date = str(manifest.get("created") or "")[:10]
    year.label = str(manifest.get("label") or manifest.get("year") or year.date[:4])
    if manifest:
        year.manifest_sha256 = sha256(os.path.join(folder, MANIFEST_NAME))
    if temporary is not None:
        year.keep.append(TemporaryFolder(temporary))
    return year


class TemporaryFolder:
    """A temporary folder removed when released (kept in YearLayers.keep for the run)."""

    def __init__(self, path: str):
        self.path = path

    def release(self) -> None:
        """Remove the folder."""
        shutil.rmtree(self.path, ignore_errors=True)


def release(year: YearLayers) -> None:
    """Let go of a year's layers and remove its temporary folder."""
    folders = [item for item in year.keep if isinstance(item, TemporaryFolder)]
    year.keep.clear()
    year.sites = year.zones = year.belt = year.stations = year.roads = None
    for item in folders:
        item.release()
