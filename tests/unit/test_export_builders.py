"""Issue 17: the package and web map are built by engines in core/, the export algorithms only translate."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENGINES = ("core/package", "core/webmap")


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            yield node.module or "", [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            yield "", [alias.name for alias in node.names]


@pytest.mark.parametrize("folder", ENGINES)
def test_builders_use_no_processing(folder):
    offenders = []
    for path in sorted((REPO / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module, names in _imports(tree):
            bad = [n for n in names if n.startswith("QgsProcessing") or n == "processing"]
            if "processing" in module.split(".") or bad:
                offenders.append("{}: {} {}".format(path.relative_to(REPO), module, bad))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "run"]
        offenders += [
            "{}: processing.run".format(path.relative_to(REPO))
            for n in calls
            if isinstance(n.value, ast.Name) and n.value.id == "processing"
        ]
    assert offenders == []


@pytest.mark.parametrize(
    "module, engine", [("export_package.py", "build_package"), ("export_webmap.py", "build_web_map")]
)
def test_export_algorithms_are_thin(module, engine):
    """Short, no state on the instance, one engine call from execute()."""
    source = (REPO / "processing" / module).read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 300
    tree = ast.parse(source)
    stored = [
        ast.unparse(target)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self"
    ]
    assert stored == []
    run = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "execute")
    called = [ast.unparse(n.func) for n in ast.walk(run) if isinstance(n, ast.Call)]
    assert called.count(engine) == 1, called
    assert not (REPO / "processing" / "export").exists() and not (REPO / "processing" / "webmap").exists()
