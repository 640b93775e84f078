"""Windows semantics of the guarded way out, exercised on Linux (issue 17): an output another program holds
open (Windows' refusal simulated on os.replace) ends with "close <file> …" and nothing lost. The path rules
(Windows rules injected as ntpath) are tested without QGIS in tests/unit/test_paths.py."""

import hashlib
import os
import shutil

import pytest
from belt_fixtures import small_belt


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
