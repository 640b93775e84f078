"""Rules of the code and QGIS-free engine pieces, checked without QGIS: the engine never reaches for the
project singleton, parameters are read only where requests are built, formula-safe cells, .ui files."""

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_engine_never_uses_the_project_singleton():
    offenders = [
        str(path.relative_to(REPO))
        for folder in ("core", "processing")
        for path in (REPO / folder).rglob("*.py")
        if "QgsProject.instance()" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_parameters_are_read_only_where_requests_are_built():
    """tagzones reads its parameters once, in request(); its engine gets the request."""
    source = (REPO / "processing" / "tag_zones.py").read_text(encoding="utf-8")
    body = source.split("    def request(", 1)[1]
    request, rest = body.split("    def processAlgorithm(", 1)
    assert "parameterAs" in request
    assert "parameterAs" not in rest.split("    def checkParameterValues(", 1)[0]
    fast = (REPO / "core" / "tagging_fast.py").read_text(encoding="utf-8")
    assert "parameters" not in fast


@pytest.mark.parametrize("module", ["export_package.py", "export_webmap.py"])
def test_exports_read_parameters_only_where_requests_are_built(module):
    """The exports read their parameters in request() (and the checks before a run), nowhere else."""

    tree = ast.parse((REPO / "processing" / module).read_text(encoding="utf-8"))
    readers = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and "parameterAs" in ast.unparse(node)
    }
    assert "request" in readers
    assert readers <= {"request", "checkParameterValues", "output_folders"}, readers


def test_safe_cell_rules():
    from beltmap.core.text_cells import safe_cell

    assert [safe_cell(v) for v in ("=1+1", "+86 21", "-x", "@a", "\tx", "\rx")] == [
        "'=1+1",
        "'+86 21",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
    ]
    assert [safe_cell(v) for v in (-5, 2.5, "-5", "-0.25", "汽车城", None)] == [
        -5,
        2.5,
        "-5",
        "-0.25",
        "汽车城",
        None,
    ]


def test_ui_files_have_no_connections_and_only_qgis_gui_headers(repo_dir):
    ui_files = sorted((repo_dir / "ui").glob("*.ui"))
    assert ui_files
    for path in ui_files:
        root = ET.parse(path).getroot()
        connections = root.find("connections")
        assert connections is None or len(connections) == 0, path.name
        headers = [h.text for h in root.iter("header")]
        assert all(h == "qgis.gui" for h in headers), (path.name, headers)
