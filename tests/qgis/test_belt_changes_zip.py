"""A package ZIP is unpacked by need (issue 25): only belt.gpkg and manifest.json are extracted, and a ZIP
bomb (a member over 2 GB, or compressed more than 200 : 1) is refused before anything is written."""

import os
import tempfile
import zipfile

import pytest
from qgis.core import QgsProcessingException
from test_belt_changes import run_changes
from test_belt_changes_packages import make_package, zip_folder

MB = 1024**2


def folder_bytes(folder) -> int:
    """Bytes of every file under folder."""
    return sum(os.path.getsize(os.path.join(d, f)) for d, _s, files in os.walk(folder) for f in files)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The temporary folder the engine unpacks into, watched by the test."""
    folder = tmp_path / "system_tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def with_zeros(package, target, megabytes: int):
    """The package zipped (deflated) with a member of zeros of the given size beside belt.gpkg."""
    zip_folder(package, target)
    chunk = bytes(MB)
    with zipfile.ZipFile(target, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("{}/zeros.bin".format(package.name), "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return target


@pytest.fixture(scope="module")
def bomb(tmp_path_factory, demo_gpkg):
    """A ZIP of a few MB holding 2.1 GB of zeros beside belt.gpkg (made once)."""
    folder = tmp_path_factory.mktemp("bomb")
    package = make_package(folder / "belt_2026", demo_gpkg, "2026-06-30T10:00:00+00:00")
    return with_zeros(package, folder / "bomb.zip", 2150)


def test_a_zip_bomb_is_refused_naming_the_member_and_nothing_large_is_written(
    provider, tmp_path, demo_gpkg, bomb, private_tmp
):
    assert os.path.getsize(bomb) < 20 * MB
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match=r"belt_2026/zeros\.bin.*GB uncompressed"):
        run_changes({"BEFORE": str(before), "AFTER": str(bomb), "SITE_CHANGES": str(out)})
    assert folder_bytes(private_tmp) < MB
    assert not [p for p in os.listdir(private_tmp) if p.startswith("beltmap_changes_")]
    assert not out.exists()


def test_a_member_compressed_past_200_to_1_is_refused(provider, tmp_path, demo_gpkg, private_tmp):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00")
    after = make_package(tmp_path / "belt_2026", demo_gpkg, "2026-06-30T10:00:00+00:00")
    archive = with_zeros(after, tmp_path / "ratio.zip", 64)  # 64 MB of zeros: about 1000 : 1
    with pytest.raises(QgsProcessingException, match=r"zeros\.bin.*compressed \d+ : 1.*200 : 1"):
        run_changes({"BEFORE": str(before), "AFTER": str(archive)})
    assert folder_bytes(private_tmp) < MB


def test_a_normal_zip_extracts_only_what_the_readers_need(tmp_path, demo_gpkg, private_tmp):
    from beltmap.core.changes.sources import unpack_zip

    package = make_package(tmp_path / "belt_2026", demo_gpkg, "2026-06-30T10:00:00+00:00")
    (package / "maps").mkdir()
    (package / "maps" / "belt.pdf").write_bytes(os.urandom(3 * MB))  # incompressible: no bomb
    archive = zip_folder(package, tmp_path / "belt_2026.zip")
    folder, gpkg_folder = unpack_zip(str(archive), "AFTER")
    try:
        assert sorted(os.listdir(folder)) == ["belt.gpkg", "manifest.json"]
        assert gpkg_folder == folder
        needed = os.path.getsize(package / "belt.gpkg") + os.path.getsize(package / "manifest.json")
        assert folder_bytes(private_tmp) == needed
    finally:
        import shutil

        shutil.rmtree(folder)


def test_a_normal_zip_still_compares(provider, tmp_path, demo_gpkg, private_tmp):
    before = make_package(tmp_path / "belt_2025", demo_gpkg, "2025-06-30T10:00:00+00:00", label="2025")
    after = make_package(tmp_path / "belt_2026", demo_gpkg, "2026-06-30T10:00:00+00:00", label="2026")
    archive = zip_folder(after, tmp_path / "belt_2026.zip")
    results, _tables, _feedback = run_changes({"BEFORE": str(before), "AFTER": str(archive)})
    assert results["UNCHANGED_COUNT"] == 268
    assert not [p for p in os.listdir(private_tmp) if p.startswith("beltmap_changes_")]
