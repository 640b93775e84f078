"""Outputs appear whole or not at all: everything is written in a hidden staging folder beside its target
(`.<name>.partial-<random>/`) and moved into place when complete.

A live run holds a lock file in each of its staging folders (an SQLite exclusive lock, which the
operating system releases when the process ends, however it ends). So a later run can tell the staging a
crashed run left behind (`kill -9`, a power cut) from another run still writing, and removes only the
former (`clean_stale`).
"""

import os
import shutil
import sqlite3
import tempfile
import time
from typing import Callable, Dict, List, Optional, Tuple

from ..errors import WriteError, describe_os_error, tr
from .paths import SHAPEFILE_PARTS

STAGING_MARK = ".partial-"
LOCK_NAME = ".beltmap-run.lock"
# staging of 0.3.1 and earlier (no lock): removed once this old, since no live run writes that long
UNLOCKED_MAX_AGE_S = 6 * 3600
LEGACY_PREFIXES = (".beltmap_changes_",)

_held: Dict[str, sqlite3.Connection] = {}  # staging folder -> the open lock of this process


def new_folder(parent: str, stem: str) -> str:
    """A new hidden staging folder in parent for an output called stem, locked while this process lives."""
    os.makedirs(parent, exist_ok=True)
    folder = tempfile.mkdtemp(prefix=".{}{}".format(stem, STAGING_MARK), dir=parent)
    connection = sqlite3.connect(os.path.join(folder, LOCK_NAME), timeout=0, isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    _held[os.path.abspath(folder)] = connection
    return folder


def release(folder: str) -> None:
    """Give up the lock of a staging folder (before it is moved or removed)."""
    connection = _held.pop(os.path.abspath(folder), None)
    if connection is not None:
        connection.close()
        lock = os.path.join(folder, LOCK_NAME)
        for path in (lock, lock + "-journal"):
            if os.path.lexists(path):
                os.remove(path)


def remove_folder(folder: str) -> None:
    """Release and delete a staging folder with everything in it."""
    release(folder)
    shutil.rmtree(folder, ignore_errors=True)


def staged_path(final: str) -> str:
    """Where to write the file final while it is incomplete: final's own name in a new staging folder
    beside it (QGIS names a new GeoPackage layer after its file, so the layer keeps final's name)."""
    folder, base = os.path.split(os.path.abspath(final))
    stem = os.path.splitext(base)[0]
    return os.path.join(new_folder(folder, stem), base)


def drop_staging_of(staged: str) -> None:
    """Remove the staging folder a staged file was written in, once the file has left it."""
    folder = os.path.dirname(staged)
    if STAGING_MARK in os.path.basename(folder):
        release(folder)
        try:
            os.rmdir(folder)
        except OSError:
            pass


def file_parts(path: str) -> List[str]:
    """The files making up path: a shapefile's sidecars, a GeoPackage's journal, or the file itself."""
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        return [stem + part for part in SHAPEFILE_PARTS]
    return [path, path + "-journal", path + "-wal", path + "-shm"]


def remove_staged(path: str) -> None:
    """Remove a staged file (all its parts) and its staging folder."""
    for part in file_parts(path):
        if os.path.lexists(part):
            os.remove(part)
    drop_staging_of(path)


def move_into_place(staged: str, final: str) -> None:
    """Move a staged file (all its shapefile parts) into place, replacing the old one only at the end."""
    stem, ext = os.path.splitext(final)
    staged_stem = os.path.splitext(staged)[0]
    if ext.lower() == ".shp":
        for part in SHAPEFILE_PARTS:
            if os.path.exists(stem + part) and not os.path.exists(staged_stem + part):
                os.remove(stem + part)  # a sidecar of the replaced shapefile that would no longer match
        for part in SHAPEFILE_PARTS:
            if os.path.exists(staged_stem + part):
                os.replace(staged_stem + part, stem + part)
        return
    for suffix in ("-wal", "-shm", "-journal"):
        if os.path.exists(final + suffix) and not os.path.exists(staged + suffix):
            os.remove(final + suffix)
    os.replace(staged, final)


def in_use(error: OSError) -> bool:
    """True for Windows' refusal to replace or remove a file another program holds open."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in (5, 32, 33)


def is_live(folder: str) -> Optional[bool]:
    """True when a running process holds the staging folder's lock, False when none does, None when the
    folder has no lock (staging made before locks existed)."""
    if os.path.abspath(folder) in _held:
        return True
    lock = os.path.join(folder, LOCK_NAME)
    if not os.path.isfile(lock):
        return None
    try:
        connection = sqlite3.connect(lock, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def _is_staging(name: str) -> bool:
    return name.startswith(".") and (STAGING_MARK in name or name.startswith(LEGACY_PREFIXES))


def _size(path: str) -> int:
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def stale_staging(parent: str, now: Optional[float] = None) -> List[str]:
    """The staging in parent that no live run owns: locked by no process, or unlocked and old."""
    now = time.time() if now is None else now
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return []
    stale = []
    for name in names:
        path = os.path.join(parent, name)
        if not _is_staging(name):
            continue
        live = is_live(path) if os.path.isdir(path) else None
        if live is False:
            stale.append(path)
        elif live is None:
            try:
                old = now - os.path.getmtime(path) > UNLOCKED_MAX_AGE_S
            except OSError:
                continue
            if old:
                stale.append(path)
    return stale


def clean_stale(parent: str, progress=None) -> List[Tuple[str, int]]:
    """Remove the staging that crashed runs left in parent (never a live run's), each said in progress's
    log; the (path, bytes) removed."""
    removed = []
    for path in stale_staging(parent):
        size = _size(path)
        try:
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
        except OSError:
            continue
        removed.append((path, size))
        if progress is not None:
            message = tr("Removed {} ({:.1f} MB), left by a run that is no longer running")
            progress.pushInfo(message.format(path, size / 1e6))
    return removed


def write_into_folder(final: str, stem: str, write: Callable[[str], Dict[str, str]], progress=None):
    """The files write(staging folder) returns ({name: path}) written in a staging folder beside final,
    then moved into final (made when missing): a report appears whole or not at all, and the planner's
    other files in final stay. Stale staging of crashed runs in final's parent goes first. {name: path}."""
    final = os.path.abspath(final)
    parent = os.path.dirname(final)
    try:
        os.makedirs(parent, exist_ok=True)
        clean_stale(parent, progress)
        folder = new_folder(parent, stem)
    except OSError as error:
        raise WriteError(describe_os_error(error, parent)) from error
    try:
        written = write(folder)
        os.makedirs(final, exist_ok=True)
        moved = {}
        for name, staged in written.items():
            target = os.path.join(final, os.path.basename(staged))
            os.replace(staged, target)
            moved[name] = target
        return moved
    except OSError as error:
        raise WriteError(describe_os_error(error, final)) from error
    finally:
        remove_folder(folder)
