"""Windows semantics of the guarded way out, exercised on Linux (issue 17): paths compared by the
operating system's rules (Windows rules injected as ntpath), an output another program holds open
(Windows' refusal simulated on os.replace) ends with "close <file> …" and nothing lost."""

import hashlib
import ntpath
import os
import posixpath
import shutil

import pytest
from belt_fixtures import small_belt


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_windows_rules_one_file_however_it_is_spelt():
    from beltmap.processing.guard import _inside, _same_file, same_path

    assert same_path(r"C:\Data\Belt.gpkg", "c:/data/belt.gpkg", ntpath)
    assert same_path(r"C:\Data\.\sub\..\Belt.GPKG", r"c:\DATA\belt.gpkg", ntpath)
    assert not same_path(r"C:\Data\Belt.gpkg", r"C:\Data\Belt2.gpkg", ntpath)
    assert not same_path(r"C:\Data\Belt.gpkg", r"D:\Data\Belt.gpkg", ntpath)
    # POSIX rules keep case and backslashes apart
    assert not same_path("/data/Belt.gpkg", "/data/belt.gpkg", posixpath)
    # the parts of one shapefile, and a file inside a package folder
    assert _same_file(r"C:\Data\Sites.SHP", "c:/data/sites.dbf", ntpath)
    assert not _same_file(r"C:\Data\Sites.shp", "c:/data/roads.dbf", ntpath)
    assert _inside(r"C:\Out\Package\belt.gpkg", "c:/out/PACKAGE", ntpath)
    assert not _inside(r"C:\Out\Package2\belt.gpkg", "c:/out/package", ntpath)


def test_this_machine_compares_existing_files_as_the_system_does(tmp_path):
    from beltmap.processing.guard import same_path

    target = tmp_path / "belt.gpkg"
    target.write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    os.link(target, tmp_path / "hard.gpkg")
    assert same_path(str(tmp_path / "link" / "belt.gpkg"), str(target))
    assert same_path(str(tmp_path / "hard.gpkg"), str(target))  # samefile: one file, two names
    assert same_path(str(tmp_path / "sub" / ".." / "belt.gpkg"), str(target))
    # Linux file systems tell case apart: Belt.gpkg is another file here
    assert not same_path(str(tmp_path / "Belt.gpkg"), str(target))


def _refuse_replacing(monkeypatch, final):
    """os.replace onto final fails as Windows fails when another program holds the file open."""
    real_replace = os.replace

    def replace(source, destination, *args, **kwargs):
        if os.path.abspath(str(destination)) == os.path.abspath(str(final)):
            error = PermissionError(
                13,
                "The process cannot access the file because it is being used by another process",
                str(final),
            )
            error.winerror = 32
            raise error
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_output_held_open_by_another_program_ends_with_close_it_and_nothing_lost(
    provider, tmp_path, monkeypatch
):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    gpkg = small_belt(tmp_path / "belt.gpkg")
    out = tmp_path / "tagged.gpkg"
    shutil.copy(gpkg, out)  # the previous result, open in QGIS or another program
    before = digest(out)
    _refuse_replacing(monkeypatch, out)
    parameters = {
        "INPUT": "{}|layername=sites".format(gpkg),
        "ZONES": "{}|layername=zones".format(gpkg),
        "OUTPUT": str(out),
    }
    with pytest.raises(QgsProcessingException) as info:
        processing.run("beltmap:tagzones", parameters)
    message = str(info.value)
    assert "close {} in QGIS or the other program, then run again".format(out) in message, message
    assert digest(out) == before
    assert QgsVectorLayer("{}|layername=sites".format(out), "old", "ogr").featureCount() > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["belt.gpkg", "tagged.gpkg"]
    # once the other program lets go, the same run replaces the file
    monkeypatch.undo()
    processing.run("beltmap:tagzones", parameters)
    assert digest(out) != before
    tagged = QgsVectorLayer(str(out), "tagged", "ogr")
    assert "zone_type" in tagged.fields().names() and tagged.featureCount() > 0
