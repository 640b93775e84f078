"""Path rules without QGIS: when two paths name one file (the way the operating system compares them),
when a file lies inside a folder, which file a destination string writes."""

import os
from typing import Optional

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
TEMPORARY = "TEMPORARY_OUTPUT"


def os_form(path: str, pathmod=os.path) -> str:
    """path as the operating system of pathmod (os.path, ntpath, posixpath) compares it: absolute,
    links resolved (on this machine only), separators and case as its file system treats them."""
    if pathmod is os.path:
        path = os.path.realpath(path)
    return pathmod.normcase(pathmod.normpath(path))


def same_path(a: str, b: str, pathmod=os.path) -> bool:
    """True when a and b name one file by the rules of pathmod's system (os.path: this machine, where
    existing files are also compared with samefile; ntpath: Windows rules, for tests anywhere)."""
    if os_form(a, pathmod) == os_form(b, pathmod):
        return True
    if pathmod is os.path and os.path.exists(a) and os.path.exists(b):
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False
    return False


def same_file(a: str, b: str, pathmod=os.path) -> bool:
    """True when a and b are one file, or two parts of one shapefile."""
    if same_path(a, b, pathmod):
        return True
    stem_a, ext_a = pathmod.splitext(os_form(a, pathmod))
    stem_b, ext_b = pathmod.splitext(os_form(b, pathmod))
    return stem_a == stem_b and ext_a.lower() in SHAPEFILE_PARTS and ext_b.lower() in SHAPEFILE_PARTS


def inside(path: str, folder: str, pathmod=os.path) -> bool:
    """True when path lies somewhere below folder."""
    folder = os_form(folder, pathmod)
    return os_form(path, pathmod).startswith(folder.rstrip(pathmod.sep) + pathmod.sep)


def file_destination(text: str) -> Optional[str]:
    """The file a destination string writes, or None for memory, temporary and database outputs."""
    if not text or text == TEMPORARY or text.startswith("memory:"):
        return None
    if ":" in text.replace("\\", "/")[2:].split("/")[0] or text.startswith(("postgres:", "postgis:")):
        return None
    path = text.split("|")[0]
    if not os.path.splitext(path)[1]:
        path += ".gpkg"  # what QGIS does with a destination without an extension
    return path
