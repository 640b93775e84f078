"""The path rules of the guarded way out, without QGIS: one file however it is spelt (Windows rules
injected as ntpath), a file inside a folder, the file a destination writes."""

import ntpath
import os
import posixpath

from beltmap.core.base.paths import file_destination, inside, same_file, same_path


def test_windows_rules_one_file_however_it_is_spelt():
    assert same_path(r"C:\Data\Belt.gpkg", "c:/data/belt.gpkg", ntpath)
    assert same_path(r"C:\Data\.\sub\..\Belt.GPKG", r"c:\DATA\belt.gpkg", ntpath)
    assert not same_path(r"C:\Data\Belt.gpkg", r"C:\Data\Belt2.gpkg", ntpath)
    assert not same_path(r"C:\Data\Belt.gpkg", r"D:\Data\Belt.gpkg", ntpath)
    # POSIX rules keep case and backslashes apart
    assert not same_path("/data/Belt.gpkg", "/data/belt.gpkg", posixpath)
    # the parts of one shapefile, and a file inside a package folder
    assert same_file(r"C:\Data\Sites.SHP", "c:/data/sites.dbf", ntpath)
    assert not same_file(r"C:\Data\Sites.shp", "c:/data/roads.dbf", ntpath)
    assert inside(r"C:\Out\Package\belt.gpkg", "c:/out/PACKAGE", ntpath)
    assert not inside(r"C:\Out\Package2\belt.gpkg", "c:/out/package", ntpath)


def test_this_machine_compares_existing_files_as_the_system_does(tmp_path):
    target = tmp_path / "belt.gpkg"
    target.write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    os.link(target, tmp_path / "hard.gpkg")
    assert same_path(str(tmp_path / "link" / "belt.gpkg"), str(target))
    assert same_path(str(tmp_path / "hard.gpkg"), str(target))  # samefile: one file, two names
    assert same_path(str(tmp_path / "sub" / ".." / "belt.gpkg"), str(target))
    # Linux file systems tell case apart: Belt.gpkg is another file here
    assert not same_path(str(tmp_path / "Belt.gpkg"), str(target))


def test_destinations_that_write_no_file_are_told_apart():
    assert file_destination("TEMPORARY_OUTPUT") is None
    assert file_destination("memory:tagged") is None
    assert file_destination("postgres://dbname=belt") is None
    assert file_destination("/out/tagged") == "/out/tagged.gpkg"  # as QGIS adds the extension
    assert file_destination("/out/sites.shp|layername=x") == "/out/sites.shp"
    assert file_destination(r"C:\out\tagged.gpkg") == r"C:\out\tagged.gpkg"
