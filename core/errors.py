"""The plugin's own errors: one base class, and the sentence for an operating-system write error."""

import errno


class BeltMapError(Exception):
    """Base of every error the plugin raises itself; the message says what went wrong and what to do."""


class WriteError(BeltMapError):
    """An output could not be written (the message names the file or folder and why)."""


def describe_os_error(error: OSError, path: str) -> str:
    """A sentence for an OS error while writing path: no space left, not writable, or the system's words."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "No space left on device while writing {}: free some space or choose another folder".format(
            path
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "The folder {} is not writable: choose another output folder or fix its permissions".format(
            path
        )
    if error.errno in (errno.ENOTDIR, errno.ENOENT):
        return "The output folder {} cannot be created (a part of the path is not a folder)".format(path)
    return "Cannot write {}: {}".format(path, error.strerror or error)


class Cancelled(BeltMapError):
    """The user cancelled the run; whatever was being written is discarded."""
