"""The plugin's own errors: one base class, and the sentence for an operating-system write error."""

import errno
import os
import shutil

# a write that failed in a folder with less free space than this is taken for a full disk
NEARLY_FULL_BYTES = 32 * 1024 * 1024


class BeltMapError(Exception):
    """Base of every error the plugin raises itself; the message says what went wrong and what to do."""


class WriteError(BeltMapError):
    """An output could not be written (the message names the file or folder and why)."""


def tr(text: str) -> str:
    """The plugin's translation of text; the English text where Qt is not there (tests/unit)."""
    try:
        from ..i18n import tr as qt_tr
    except ImportError:
        return text
    return qt_tr(text)


def describe_os_error(error: OSError, path: str) -> str:
    """A sentence for an OS error while writing path: no space left, not writable, or the system's words."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return no_space_message(path)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "The folder {} is not writable: choose another output folder or fix its permissions".format(
            path
        )
    if error.errno in (errno.ENOTDIR, errno.ENOENT):
        return "The output folder {} cannot be created (a part of the path is not a folder)".format(path)
    return "Cannot write {}: {}".format(path, error.strerror or error)


def free_bytes(path: str):
    """The free space where path is (its nearest existing folder), None when it cannot be told."""
    folder = os.path.abspath(path)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def disk_nearly_full(path: str) -> bool:
    """True when the disk holding path has (almost) no space left: a failed write there is a full disk."""
    free = free_bytes(path)
    return free is not None and free < NEARLY_FULL_BYTES


def no_space_message(path: str, needed_bytes=None) -> str:
    """The sentence for a full disk: where, how much is free, and how much was needed when known."""
    free = free_bytes(path)
    message = tr("No space left on device (磁盘空间不足) while writing {}").format(path)
    if free is not None:
        message += tr(": {:.1f} MB free there").format(free / 1e6)
    if needed_bytes:
        message += tr(", about {:.1f} MB needed").format(needed_bytes / 1e6)
    return message + tr(". Free some space or choose another folder.")


class Cancelled(BeltMapError):
    """The user cancelled the run; whatever was being written is discarded."""
