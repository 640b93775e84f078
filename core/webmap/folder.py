"""The web map's output folder: staged beside it, moved into place whole, never over a planner's files."""

import os

from ...i18n import tr
from ..base.staged_folder import PackageError, PackageWriter
from .page import is_web_map


class WebMapFolder(PackageWriter):
    """Stage a web map beside <folder>; commit() moves it into place.

    A new or empty folder is filled; a folder holding a Belt Map web map is replaced only with overwrite;
    a folder holding anything else is never replaced.
    """

    def __init__(self, folder: str, overwrite: bool = False):
        folder = os.path.abspath(folder)
        parent, name = os.path.split(folder)
        super().__init__(parent, "web", overwrite)  # "web": an ASCII name for the staging folder
        self.name = name
        self.target = folder

    def check_target(self) -> None:
        """Refuse a file, a folder of other files, and an existing web map without overwrite."""
        target = self.target
        if os.path.lexists(target) and not os.path.isdir(target):
            raise PackageError(
                tr("{} exists and is not a folder: choose another OUTPUT_FOLDER").format(target)
            )
        if not os.path.isdir(target) or not os.listdir(target):
            return
        if not is_web_map(target):
            raise PackageError(
                tr(
                    "{} already holds files that are not a Belt Map web map: choose a new or empty "
                    "OUTPUT_FOLDER (nothing was written, the folder was left untouched)"
                ).format(target)
            )
        if not self.overwrite:
            raise PackageError(
                tr(
                    "{} already holds a web map: set OVERWRITE to replace it, or choose another "
                    "OUTPUT_FOLDER (the existing web map was left untouched)"
                ).format(target)
            )
