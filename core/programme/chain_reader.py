"""A year's chain tables read from its package (folder or ZIP: maps/chains/ as exportpackage LINKS writes
them); a GeoPackage or a package exported without LINKS holds none."""

import csv
import os
import zipfile
from pathlib import PurePosixPath
from typing import Optional

from ...i18n import tr
from ..changes.sources import GPKG_NAME, safe_members
from .chains import CHAINS_FOLDER, LINKS_CSV, SUMMARY_CSV, ChainTablesError, YearChains, parse_chain_tables


def _zip_member(archive: zipfile.ZipFile, where: str, name: str) -> Optional[str]:
    """The text of <package>/maps/chains/<name> in a package ZIP (beside its top belt.gpkg), or None."""
    members = {i.filename.replace("\\", "/"): i for i in safe_members(archive, where) if not i.is_dir()}
    tops = sorted((n for n in members if PurePosixPath(n).name == GPKG_NAME), key=lambda n: n.count("/"))
    parent = PurePosixPath(tops[0]).parent if tops else PurePosixPath("")
    member = members.get(str(parent.joinpath(*CHAINS_FOLDER, name)))
    if member is None:
        return None
    with archive.open(member) as handle:
        return handle.read(member.file_size + 1)[: member.file_size].decode("utf-8-sig")


def read_year_chains(path: str, where: str) -> Optional[YearChains]:
    """The chain tables of a year's package (folder or ZIP); None when it holds none (exported without
    LINKS, or a GeoPackage). ChainTablesError when they are there but cannot be read."""
    path = str(path or "")
    try:
        if os.path.isdir(path):
            folder = os.path.join(path, *CHAINS_FOLDER)
            summary_path = os.path.join(folder, SUMMARY_CSV)
            if not os.path.isfile(summary_path):
                return None
            with open(summary_path, encoding="utf-8-sig") as handle:
                summary = handle.read()
            links_path = os.path.join(folder, LINKS_CSV)
            links = None
            if os.path.isfile(links_path):
                with open(links_path, encoding="utf-8-sig") as handle:
                    links = handle.read()
            return parse_chain_tables(summary, links, summary_path)
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                summary = _zip_member(archive, where, SUMMARY_CSV)
                if summary is None:
                    return None
                links = _zip_member(archive, where, LINKS_CSV)
            return parse_chain_tables(summary, links, "{}:{}".format(path, SUMMARY_CSV))
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, csv.Error) as error:
        raise ChainTablesError(
            tr("{}: the chain tables of {} cannot be read ({})").format(where, path, error)
        ) from error
    return None


__all__ = ["read_year_chains"]
