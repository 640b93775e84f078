"""Write a package folder atomically: stage it next to the target, move it into place only when complete.

Pure Python (no QGIS), so the rules "never leave a partial package" and "never touch an existing package
unless asked" can be tested on their own.
"""

import os
import re
import zipfile
from typing import Callable, Optional

from ..errors import BeltMapError, describe_os_error
from . import staging

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class PackageError(BeltMapError):
    """A package cannot be written; the message says why and what to do."""


def check_name(name: str) -> Optional[str]:
    """None if name is a usable ASCII-safe folder name, else why not."""
    if not name or not SAFE_NAME.match(name) or name in (".", ".."):
        return "'{}' is not an ASCII-safe name: use letters, digits, '_', '-' or '.'".format(name)
    return None


def slug(text, fallback: str) -> str:
    """An ASCII-safe file name part from text (zone id, key), or fallback when nothing ASCII is left."""
    cleaned = re.sub(r"[^A-Za-z0-9_.-]+", "_", str(text or "")).strip("._-")
    return cleaned or fallback


class PackageWriter:
    """Stage a package in a hidden temporary folder beside <parent>/<name>; commit() moves it into place.

    with PackageWriter(parent, name, overwrite, zip_too) as writer:
        ... write into writer.staging ...
        writer.commit()
    Leaving the block without commit() (error, cancel) removes everything staged; the existing package and
    zip are only replaced inside commit(), and only when overwrite is true.
    """

    def __init__(
        self, parent: str, name: str, overwrite: bool = False, make_zip: bool = False, progress=None
    ):
        reason = check_name(name)
        if reason:
            raise PackageError(reason)
        self.parent = os.path.abspath(parent)
        self.name = name
        self.overwrite = overwrite
        self.make_zip = make_zip
        self.target = os.path.join(self.parent, name)
        self.zip_target = os.path.join(self.parent, name + ".zip")
        self.staging_root: Optional[str] = None
        self.staging: Optional[str] = None
        self.committed = False
        self.progress = progress  # told of the staging of crashed runs removed from parent

    def check_target(self) -> None:
        """Fail early when the package (or its zip) exists and overwrite is off, or the folder is unusable."""
        if not self.overwrite:
            for path in (self.target, self.zip_target if self.make_zip else None):
                if path and os.path.lexists(path):
                    raise PackageError(
                        "{} already exists: set OVERWRITE to replace it, or choose another NAME or "
                        "OUTPUT_FOLDER (the existing package was left untouched)".format(path)
                    )
        if os.path.exists(self.target) and not os.path.isdir(self.target):
            raise PackageError(
                "{} exists and is not a folder: remove it or choose another NAME".format(self.target)
            )

    def __enter__(self) -> "PackageWriter":
        self.check_target()
        try:
            os.makedirs(self.parent, exist_ok=True)
            staging.clean_stale(self.parent, self.progress)
            self.staging_root = staging.new_folder(self.parent, self.name)
        except OSError as error:
            raise PackageError(describe_os_error(error, self.parent)) from error
        self.staging = os.path.join(self.staging_root, self.name)
        os.mkdir(self.staging)
        return self

    def path(self, *parts: str) -> str:
        """A path inside the staged package; parent folders are created."""
        full = os.path.join(self.staging, *parts)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        return full

    def write_zip(self, is_canceled: Callable[[], bool] = lambda: False) -> str:
        """Zip the staged folder (entries under <name>/) beside it; returns the staged zip path."""
        staged_zip = os.path.join(self.staging_root, self.name + ".zip")
        with zipfile.ZipFile(staged_zip, "w", zipfile.ZIP_DEFLATED) as archive:
            for folder, dirs, files in os.walk(self.staging):
                dirs.sort()
                for file_name in sorted(files):
                    if is_canceled():
                        raise PackageError("cancelled")
                    full = os.path.join(folder, file_name)
                    archive.write(full, os.path.relpath(full, self.staging_root))
        return staged_zip

    def commit(self) -> None:
        """Move the staged package (and zip) into place; an existing one is replaced only with overwrite."""
        self.check_target()
        old = None
        try:
            if os.path.isdir(self.target):
                old = os.path.join(self.staging_root, ".replaced")
                os.rename(self.target, old)
            os.rename(self.staging, self.target)
            staged_zip = os.path.join(self.staging_root, self.name + ".zip")
            if os.path.exists(staged_zip):
                os.replace(staged_zip, self.zip_target)
        except OSError as error:
            if old and not os.path.exists(self.target):
                os.rename(old, self.target)  # put the previous package back
            raise PackageError(describe_os_error(error, self.parent)) from error
        self.committed = True

    def discard(self) -> None:
        """Remove everything staged (the partial package, a replaced old package after commit)."""
        if self.staging_root and os.path.exists(self.staging_root):
            staging.remove_folder(self.staging_root)

    def __exit__(self, exc_type, exc, traceback) -> bool:
        self.discard()
        if isinstance(exc, OSError):
            raise PackageError(describe_os_error(exc, self.parent)) from exc
        return False
