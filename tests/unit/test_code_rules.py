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


# every algorithm file (a class with its ID): only parameters, help, request() and one engine call
THIN_ALGORITHMS = sorted(
    path.name
    for path in (REPO / "processing").glob("*.py")
    if 'ID = "beltmap:' in path.read_text(encoding="utf-8")
)


def test_every_algorithm_is_checked():
    """The list above finds the algorithms (a renamed ID line would silently empty it)."""
    assert {"tag_zones.py", "export_package.py", "service_coverage.py", "evaluation_index.py"} <= set(
        THIN_ALGORITHMS
    )


@pytest.mark.parametrize("module", THIN_ALGORITHMS)
def test_parameters_are_read_only_where_requests_are_built(module):
    """The algorithm reads its parameters once, in request() (and the checks before a run); its engine
    gets the frozen request."""
    tree = ast.parse((REPO / "processing" / module).read_text(encoding="utf-8"))
    readers = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(isinstance(n, ast.Name) and n.id == "parameters" for n in ast.walk(node))
    }
    assert "request" in readers
    request = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "request")
    helpers = {
        n.func.attr
        for n in ast.walk(request)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr.startswith("_")
    }
    # the pre-run checks and the package folder the guard must know read parameters too; nothing else
    assert readers <= {"request", "checkParameterValues", "output_folders"} | helpers, readers
    engines = (
        "tagging/engine.py",
        "tagging/vectorised.py",
        "zone_summary/engine.py",
        "site_import/engine.py",
    )
    for engine in engines:
        assert "parameters" not in (REPO / "core" / engine).read_text(encoding="utf-8")


@pytest.mark.parametrize("module", THIN_ALGORITHMS)
def test_thin_algorithms_make_one_engine_call(module):
    """Short files (at most 300 lines) that never raise QgsProcessingException themselves (the base class
    turns a BeltMapError into one) and whose requests are frozen dataclasses."""
    text = (REPO / "processing" / module).read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert "QgsProcessingException" not in text
    execute = [
        node
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef) and node.name in ("execute", "run")
    ]
    assert len(execute) == 1


def _frozen_dataclasses(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.endswith("Request"):
            frozen = any(
                isinstance(d, ast.Call)
                and any(k.arg == "frozen" and k.value.value is True for k in d.keywords)
                for d in node.decorator_list
            )
            found[node.name] = frozen
    return found


def test_requests_are_frozen():
    found = {}
    for path in [
        REPO / "core" / name
        for name in ("tagging/request.py", "zone_summary/engine.py", "site_import/engine.py")
    ]:
        found.update(_frozen_dataclasses(path))
    found.update(_frozen_dataclasses(REPO / "processing" / "validate.py"))
    assert found == {
        "TagRequest": True,
        "SummaryRequest": True,
        "ImportRequest": True,
        "ValidateRequest": True,
    }


# core/ files still owned by work in progress elsewhere (issue 17: the package, web map, reach and
# evaluation engines are being moved out of Processing); every other core file must already comply
PROCESSING_IN_CORE_PENDING = ("core/package/", "core/webmap/", "core/reach/", "core/evaluation/")


def processing_uses(path):
    """The Processing names a file imports or calls: QgsProcessing* classes, the `processing` module,
    processing.run."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if (
                module == "processing"
                or module.startswith("processing.")
                or module.startswith("qgis.processing")
            ):
                found.append("from {} import".format(module))
            found += [a.name for a in node.names if a.name.startswith("QgsProcessing")]
            if module == "qgis":
                found += [a.name for a in node.names if a.name == "processing"]
        elif isinstance(node, ast.Import):
            found += [
                a.name
                for a in node.names
                if a.name.split(".")[0] == "processing" or "processing" in a.name.split(".")[1:2]
            ]
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("QgsProcessing"):
                found.append(node.attr)
            elif node.attr == "run" and isinstance(node.value, ast.Name) and node.value.id == "processing":
                found.append("processing.run")
        elif isinstance(node, ast.Name) and node.id.startswith("QgsProcessing"):
            found.append(node.id)
    return sorted(set(found))


def core_offenders():
    return {
        str(path.relative_to(REPO)): processing_uses(path)
        for path in sorted((REPO / "core").rglob("*.py"))
        if processing_uses(path)
    }


def test_processing_uses_are_found(tmp_path):
    """The AST walk sees what it must refuse (checked on processing/, which may use Processing)."""
    assert "QgsProcessingException" in processing_uses(REPO / "processing" / "base.py")
    assert "from qgis import" not in str(processing_uses(REPO / "processing" / "base.py"))
    child = tmp_path / "child.py"
    child.write_text("from qgis import processing\nprocessing.run('native:buffer', {})\n", encoding="utf-8")
    assert "processing" in processing_uses(child)
    assert "processing.run" in processing_uses(child)
    upward = tmp_path / "upward.py"
    upward.write_text("from ...processing.tables import write_excel_csv\n", encoding="utf-8")
    assert processing_uses(upward) == ["from processing.tables import"]


def test_core_of_tagging_summary_validation_import_uses_no_processing():
    offenders = {
        p: uses for p, uses in core_offenders().items() if not p.startswith(PROCESSING_IN_CORE_PENDING)
    }
    assert offenders == {}


def test_nothing_under_core_uses_processing():
    assert core_offenders() == {}


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
    from beltmap.core.base.text_cells import safe_cell

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
