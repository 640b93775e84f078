"""The web map's output folder: whole or nothing, never over a planner's files (no browser needed)."""

import pytest


def _parameters(gpkg, out):
    gpkg = str(gpkg)
    return {
        "BELT": gpkg + "|layername=belt",
        "ZONES": gpkg + "|layername=zones",
        "SITES": [gpkg + "|layername=sites"],
        "ROADS": gpkg + "|layername=roads",
        "TAG": False,
        "OVERWRITE": True,
        "OUTPUT_FOLDER": str(out),
    }


def test_cancel_while_writing_leaves_the_old_web_map(provider, demo_gpkg, tmp_path):
    from qgis import processing
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    class CancelWhenWriting(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802
            super().setProgress(progress)
            if progress >= 60:
                self.cancel()

    out = tmp_path / "web"
    processing.run("beltmap:exportwebmap", _parameters(demo_gpkg, out))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    feedback = CancelWhenWriting()
    parameters = dict(_parameters(demo_gpkg, out), TITLE="not written")
    with pytest.raises(QgsProcessingException, match="Cancelled: no web map was written"):
        processing.run("beltmap:exportwebmap", parameters, feedback=feedback)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web"]


def test_folder_rules(tmp_path):
    from beltmap.core.base.staged_folder import PackageError
    from beltmap.core.webmap.folder import WebMapFolder

    empty = tmp_path / "empty"
    empty.mkdir()
    with WebMapFolder(str(empty)) as writer:
        with open(writer.path("index.html"), "w", encoding="utf-8") as handle:
            handle.write("<title>x</title>")
        writer.commit()
    assert (empty / "index.html").is_file()  # an empty folder is filled without OVERWRITE
    a_file = tmp_path / "a_file"
    a_file.write_text("keep")
    with pytest.raises(PackageError, match="not a folder"):
        with WebMapFolder(str(a_file), overwrite=True):
            pass
    # a folder of other files, even one with an index.html, is not a web map: refused even with overwrite
    with pytest.raises(PackageError, match="not a Belt Map web map"):
        with WebMapFolder(str(empty), overwrite=True):
            pass
    assert a_file.read_text() == "keep" and (empty / "index.html").read_text() == "<title>x</title>"
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_a_folder_that_is_or_holds_an_input_is_refused(provider, demo_gpkg, tmp_path):
    import shutil

    from qgis import processing
    from qgis.core import QgsProcessingException

    data = tmp_path / "data"
    data.mkdir()
    gpkg = data / "belt.gpkg"
    shutil.copy(demo_gpkg, gpkg)
    before = gpkg.read_bytes()
    # the folder holding the input, a folder above it, and the input file itself (processing/guard.py)
    for out in (data, tmp_path, gpkg):
        with pytest.raises(QgsProcessingException, match="would write over the input"):
            processing.run("beltmap:exportwebmap", _parameters(gpkg, out))
    assert gpkg.read_bytes() == before and sorted(p.name for p in data.iterdir()) == ["belt.gpkg"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
