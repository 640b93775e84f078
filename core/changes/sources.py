"""The two years' inputs: a belt map package (folder or ZIP), a GeoPackage, or the layers themselves."""

import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Dict, Optional

from qgis.core import QgsVectorLayer

from ...i18n import tr
from ..base.package_files import MANIFEST_NAME, sha256
from ..base.year_labels import year_in_name, year_label
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


# a member past either limit is refused (a ZIP bomb): never extracted, nor any other member of its ZIP
MAX_MEMBER_BYTES = 2 * 1024**3  # 2 GB uncompressed
MAX_RATIO = 200  # uncompressed : compressed
RATIO_FLOOR = 1024**2  # the ratio is judged on members of at least 1 MB (a tiny file may compress far)
NEEDED_MEMBERS = (GPKG_NAME, MANIFEST_NAME)  # what the readers take from a package ZIP
CHUNK = 1024**2


def safe_members(archive: zipfile.ZipFile, where: str):
    """The ZIP's entries, refused (nothing extracted) when one has '..' or an absolute path, is larger
    than 2 GB uncompressed, or is compressed more than 200 : 1."""
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
        _check_size(info, where)
    return archive.infolist()


def _check_size(info: zipfile.ZipInfo, where: str) -> None:
    """Refuse a member too large uncompressed or compressed too far (a ZIP bomb)."""
    if info.file_size > MAX_MEMBER_BYTES:
        raise ChangeInputError(
            tr(
                "{}: the ZIP entry '{}' is {:.1f} GB uncompressed, more than the {} GB allowed; nothing was "
                "extracted (a ZIP bomb, or not a belt map package)"
            ).format(where, info.filename, info.file_size / 1024**3, MAX_MEMBER_BYTES // 1024**3)
        )
    if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ChangeInputError(
            tr(
                "{}: the ZIP entry '{}' is compressed {:.0f} : 1 ({} bytes from {}), more than the {} : 1 "
                "allowed; nothing was extracted (a ZIP bomb, or not a belt map package)"
            ).format(
                where,
                info.filename,
                info.file_size / max(info.compress_size, 1),
                info.file_size,
                info.compress_size,
                MAX_RATIO,
            )
        )


def unpack_zip(path: str, where: str):
    """Extract what the readers need of a package ZIP (its top belt.gpkg and the manifest.json beside
    it) into a new temporary folder; (that folder, the folder holding belt.gpkg). Nothing else is
    written, and never more than each member's stated size."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise ChangeInputError(tr("{}: {} is not a ZIP file ({})").format(where, path, error)) from error
    with archive:
        members = safe_members(archive, where)
        by_name = {i.filename.replace("\\", "/"): i for i in members if not i.is_dir()}
        gpkgs = [n for n in by_name if PurePosixPath(n).name == GPKG_NAME]
        if not gpkgs:
            raise ChangeInputError(
                tr(
                    "{}: {} is not a belt map package: {} is missing (a package holds belt.gpkg, "
                    "manifest.json, maps/, tables/)"
                ).format(where, path, GPKG_NAME)
            )
        top = sorted(gpkgs, key=lambda n: len(PurePosixPath(n).parts))[0]
        parent = PurePosixPath(top).parent
        wanted = [
            by_name[n]
            for n in (str(parent / name) if parent.parts else name for name in NEEDED_MEMBERS)
            if n in by_name
        ]
        folder = tempfile.mkdtemp(prefix="beltmap_changes_")
        try:
            for info in wanted:
                _extract(archive, info, os.path.join(folder, PurePosixPath(info.filename).name), where)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return folder, folder


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: str, where: str) -> None:
    """Copy one member to target in chunks, stopping at its stated size (a lying header writes no more)."""
    written = 0
    try:
        with archive.open(info) as source, open(target, "wb") as out:
            while True:
                chunk = source.read(CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > info.file_size:
                    raise ChangeInputError(
                        tr("{}: the ZIP entry '{}' holds more than its stated {} bytes; refused").format(
                            where, info.filename, info.file_size
                        )
                    )
                out.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise ChangeInputError(
            tr("{}: the ZIP entry '{}' cannot be read ({})").format(where, info.filename, error)
        ) from error
    except OSError as error:
        raise ChangeInputError(
            tr("{}: cannot extract '{}' into {} ({})").format(where, info.filename, target, error)
        ) from error


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
        year = open_gpkg(path, where, tr("the GeoPackage"))
        year.label = year_in_name(path)
        return year
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
    year.label = year_label(manifest, path)  # never the export date: two exports a year apart may share it
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
