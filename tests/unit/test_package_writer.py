"""The package writer without QGIS (core/base/staged_folder.py): safe names, a full disk cleaned up."""

import errno
import os
from pathlib import Path

import pytest


def test_writer_reports_a_full_disk_and_cleans_up(tmp_path, monkeypatch):
    from beltmap.core.base import staged_folder as writer_module

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(writer_module.PackageError, match="No space left on device"):
        with writer_module.PackageWriter(str(tmp_path), "pkg", make_zip=True) as writer:
            Path(writer.path("a.txt")).write_text("x")
            monkeypatch.setattr(writer_module.zipfile, "ZipFile", full)
            writer.write_zip()
    assert list(tmp_path.iterdir()) == []


def test_writer_rejects_unsafe_names(tmp_path):
    from beltmap.core.base.staged_folder import PackageError, PackageWriter, slug

    for name in ("安驰", "../x", "", "a b"):
        with pytest.raises(PackageError):
            PackageWriter(str(tmp_path), name)
    assert slug("Z-01", "p1") == "Z-01" and slug("展区", "p2") == "p2"
