"""`make test-unit` runs without QGIS: importing it fails there, and the shared conftest does not need it."""

import importlib

import pytest


def test_qgis_cannot_be_imported(without_qgis):
    with pytest.raises(ImportError):
        importlib.import_module("qgis.core")


def test_shared_conftest_imports_nothing_of_qgis(repo_dir):
    import ast

    tree = ast.parse((repo_dir / "tests" / "conftest.py").read_text(encoding="utf-8"))
    modules = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    modules += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert modules and not [m for m in modules if m.split(".")[0] in ("qgis", "PyQt5", "osgeo")]
