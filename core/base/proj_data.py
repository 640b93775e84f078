"""Where PROJ's data (proj.db) is, for pyproj in a virtual environment and in the tagging worker.

pyproj looks in its own wheel, then PROJ_DATA / PROJ_LIB, then <sys.prefix>/share/proj. In a virtual
environment made from Debian's Python, sys.prefix is the environment, so Debian's proj-data
(/usr/share/proj) is not found: pyproj warns "Valid PROJ data directory not found" and cannot transform.
Imports nothing from QGIS (the worker and the tests use it).
"""

import os
import shutil
import sys
from typing import Mapping, Optional


def proj_data_dir() -> Optional[str]:
    """The first folder holding proj.db: PROJ_DATA, PROJ_LIB, this Python's and its base's share/proj,
    the share/proj beside the `projinfo` tool, /usr/share/proj; None when there is none."""
    candidates = [os.environ.get("PROJ_DATA"), os.environ.get("PROJ_LIB")]
    candidates += [os.path.join(prefix, "share", "proj") for prefix in (sys.prefix, sys.base_prefix)]
    for tool in ("projinfo", "proj"):
        found = shutil.which(tool)
        if found:
            candidates.append(
                os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(found))), "share", "proj")
            )
    candidates += ["/usr/share/proj", "/usr/local/share/proj"]
    for folder in candidates:
        if folder and os.path.isfile(os.path.join(folder, "proj.db")):
            return folder
    return None


def with_proj_data(env: Mapping[str, str]) -> dict:
    """A copy of env naming PROJ's data folder in PROJ_DATA when env names none (unchanged if none exists)."""
    env = dict(env)
    if not env.get("PROJ_DATA") and not env.get("PROJ_LIB"):
        folder = proj_data_dir()
        if folder:
            env["PROJ_DATA"] = folder
    return env
