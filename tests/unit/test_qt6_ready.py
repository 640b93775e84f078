"""QGIS 4 (Qt6) readiness: every Qt name the shipped code spells exists in PyQt6, and no Qt5-only API is used.

The PyQt6 side runs in a subprocess (PyQt6 from PyPI, see requirements.txt): this process has QGIS's PyQt5.
The patterns are those QGIS's migration script (scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py) rewrites or warns
about. metadata.txt says supportsQt6=True only while these tests pass.
"""

import ast
import configparser
import json
import subprocess
import sys
import textwrap

import install_plugin
import pytest

QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtXml", "QtNetwork", "QtPrintSupport", "QtSql")
REMOVED_NAMES = {
    "QRegExp": "QRegExp is gone in Qt6: use QRegularExpression",
    "QDesktopWidget": "QDesktopWidget is gone in Qt6: use QScreen (QGuiApplication.screens())",
    "qApp": "qApp is gone in PyQt6: use QApplication.instance()",
    "QMatrix": "QMatrix is gone in Qt6: use QTransform",
}
REMOVED_ATTRIBUTES = {
    "exec_": "exec_() is gone in PyQt6: call exec()",
    "print_": "print_() is gone in PyQt6: call print()",
    "MidButton": "Qt.MidButton is gone: Qt.MouseButton.MiddleButton",
    "TextColorRole": "Qt.TextColorRole is gone: Qt.ItemDataRole.ForegroundRole",
    "BackgroundColorRole": "Qt.BackgroundColorRole is gone: Qt.ItemDataRole.BackgroundRole",
    "HighQualityAntialiasing": "QPainter.HighQualityAntialiasing is gone: RenderHint.Antialiasing",
}


def shipped_sources():
    """(relative path, source) of every Python file the plugin ZIP ships."""
    return [
        (rel.as_posix(), (install_plugin.REPO / rel).read_text(encoding="utf-8"))
        for rel in install_plugin.shipped_files()
        if rel.suffix == ".py"
    ]


def _qt_imports(tree):
    """{local name: (Qt module, class name)} for names imported from qgis.PyQt.<module>."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("qgis.PyQt."):
            module = node.module.split(".")[2]
            for alias in node.names:
                names[alias.asname or alias.name] = (module, alias.name)
    return names


def _chain(node):
    """['Qt', 'AlignmentFlag', 'AlignLeft'] for Qt.AlignmentFlag.AlignLeft; None if not rooted at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id] + parts[::-1]


def qt_names(sources):
    """{(module, "Qt.AlignmentFlag.AlignLeft"): "file:line"} for each chain on an imported Qt class."""
    found = {}
    for path, source in sources:
        tree = ast.parse(source, path)
        imports = _qt_imports(tree)
        inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or id(node) in inner:
                continue
            chain = _chain(node)
            if chain and chain[0] in imports:
                module, name = imports[chain[0]]
                key = (module, ".".join([name] + chain[1:]))
                found.setdefault(key, "{}:{}".format(path, node.lineno))
    return found


def _is_qvariant_null(node):
    """QVariant() or QVariant(QVariant.Type): the Qt5 way to write NULL."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QVariant"):
        return False
    if not node.args:
        return True
    arg = node.args[0]
    return (
        len(node.args) == 1
        and isinstance(arg, ast.Attribute)
        and isinstance(arg.value, ast.Name)
        and arg.value.id == "QVariant"
    )


def _signal_overload(node):
    """pyqtSignal([int], [str]) or pyqtSignal('QString'): overloads or C++ type strings."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "pyqtSignal"):
        return False
    return any(
        isinstance(arg, ast.List) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
        for arg in node.args
    )


def qt5_only_uses(path, source):
    """Messages 'file:line: what' for Qt5-only API in one source file."""
    problems = []
    tree = ast.parse(source, path)

    def add(node, message):
        problems.append("{}:{}: {}".format(path, node.lineno, message))

    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in REMOVED_NAMES:
            add(node, REMOVED_NAMES[node.id])
        elif isinstance(node, ast.alias) and node.name in REMOVED_NAMES:
            add(node, REMOVED_NAMES[node.name])
        elif isinstance(node, ast.Attribute) and node.attr in REMOVED_ATTRIBUTES:
            add(node, REMOVED_ATTRIBUTES[node.attr])
        elif isinstance(node, ast.Attribute) and node.attr == "desktop" and isinstance(node.ctx, ast.Load):
            add(node, "QApplication.desktop() (QDesktopWidget) is gone in Qt6: use QScreen")
        elif _is_qvariant_null(node):
            add(node, "QVariant() as NULL is gone in PyQt6: use qgis.core.NULL")
        elif _signal_overload(node):
            add(node, "pyqtSignal overloads / C++ type strings: one signal per signature, Python types")
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Name) and node.slice.id == "str":
            if isinstance(node.value, ast.Attribute):
                add(node, "signal overload selected by [str] (e.g. activated[str]) is gone in Qt6")
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if "resources_rc" in names or (node.module or "").endswith("resources_rc"):
                add(node, "compiled resources (pyrcc5) are gone in Qt6: list icons in resources.qrc")
            if node.module == "qgis.PyQt.Qt":
                add(node, "qgis.PyQt.Qt is gone: import Qt from qgis.PyQt.QtCore")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith(":/"):
            if not node.value.startswith(":/plugins/beltmap"):  # resources.qrc → resources.rcc, Qt5 and Qt6
                add(
                    node, "Qt resource path {!r} outside resources.qrc (:/plugins/beltmap)".format(node.value)
                )
    return problems


PYQT6_PROBE = textwrap.dedent(
    """
    import importlib, json, sys
    names = json.load(sys.stdin)
    modules = {}
    for name in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtXml", "QtNetwork", "QtPrintSupport", "QtSql"):
        try:
            modules[name] = importlib.import_module("PyQt6." + name)
        except ImportError:
            pass
    if "QtCore" not in modules:
        sys.exit("PyQt6 is not installed")
    # QGIS 4's qgis.PyQt.QtWidgets still offers the classes Qt6 moved to QtGui (QAction, QShortcut, ...)
    fallback = {"QtWidgets": ["QtGui"]}
    missing = []
    for module, dotted in names:
        parts = dotted.split(".")
        obj = None
        for candidate in [module] + fallback.get(module, []):
            if candidate in modules and hasattr(modules[candidate], parts[0]):
                obj = getattr(modules[candidate], parts[0])
                break
        for part in parts[1:]:
            obj = getattr(obj, part, None) if obj is not None else None
        if obj is None and module != "uic":
            missing.append([module, dotted])
    print(json.dumps({"version": modules["QtCore"].PYQT_VERSION_STR, "missing": missing}))
    """
)


def run_probe(script: str, payload) -> subprocess.CompletedProcess:
    """Run a PyQt6 probe in its own Python process (this one has QGIS's PyQt5) with payload as JSON input."""
    return subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=str(install_plugin.REPO / "tests"),
        check=False,
    )


def test_scanner_finds_qt5_only_code():
    """The checks below can fail: each banned pattern in a sample is reported."""
    sample = textwrap.dedent(
        """
        from qgis.PyQt.QtCore import QRegExp, QVariant, pyqtSignal, Qt
        from . import resources_rc
        value = QVariant()
        dialog.exec_()
        changed = pyqtSignal([int], [str])
        combo.activated[str].connect(f)
        icon = ":/plugins/other/icons/x.svg"
        align = Qt.AlignLeft
        """
    )
    problems = "\n".join(qt5_only_uses("sample.py", sample))
    for word in ("QRegExp", "compiled resources", "NULL", "exec()", "pyqtSignal", "[str]", "resource path"):
        assert word in problems, word
    assert ("QtCore", "Qt.AlignLeft") in qt_names([("sample.py", sample)])


def test_no_qt5_only_api_in_shipped_code():
    problems = [p for path, source in shipped_sources() for p in qt5_only_uses(path, source)]
    assert problems == []


def test_every_qt_name_exists_in_pyqt6():
    names = qt_names(shipped_sources())
    assert len(names) > 10, "the scan found too few Qt names: {}".format(names)
    result = run_probe(PYQT6_PROBE, sorted(names))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    missing = ["{} ({})".format(dotted, names[(module, dotted)]) for module, dotted in report["missing"]]
    assert missing == [], "not in PyQt6 {}: {}".format(report["version"], missing)


def test_metadata_declares_qt6_support(repo_dir):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(repo_dir / "metadata.txt", encoding="utf-8")
    assert parser["general"]["supportsQt6"] == "True"


@pytest.mark.parametrize("name", ["Qt.AlignmentFlag.AlignLeft", "QVariant.String"])
def test_probe_tells_pyqt6_names_apart(name):
    """The PyQt6 probe accepts a scoped enum and rejects a Qt5-only one."""
    result = run_probe(PYQT6_PROBE, [["QtCore", name]])
    assert result.returncode == 0, result.stderr
    missing = json.loads(result.stdout)["missing"]
    assert missing == ([] if name.startswith("Qt.") else [["QtCore", name]])


UIC_PROBE = textwrap.dedent(
    r"""
    import io, json, re, sys
    from PyQt6 import QtCore, QtGui, QtWidgets, uic
    modules = {"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}
    failed = {}
    for path in json.load(sys.stdin):
        code = io.StringIO()
        try:
            uic.compileUi(path, code)
        except Exception as error:  # uic raises several kinds; each is a failure here
            failed[path] = "{}: {}".format(type(error).__name__, error)
            continue
        # the Qt names the generated code uses (enums from the XML, e.g. StandardButton.Ok) must exist
        qt_name = r"\b(QtCore|QtGui|QtWidgets)\.([A-Za-z_][\w.]*\w)"
        for module, dotted in re.findall(qt_name, code.getvalue()):
            obj = modules[module]
            for part in dotted.split("."):
                obj = getattr(obj, part, None)
            if obj is None:
                failed.setdefault(path, []).append(module + "." + dotted)
    print(json.dumps(failed))
    """
)


def test_ui_files_compile_with_pyqt6():
    """Every shipped .ui file compiles with PyQt6's uic and the Qt names in the generated code exist."""
    forms = [str(install_plugin.REPO / rel) for rel in install_plugin.shipped_files() if rel.suffix == ".ui"]
    assert forms, "no .ui files found"
    result = run_probe(UIC_PROBE, forms)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {}


def test_uic_probe_reports_an_unknown_enum(repo_dir, tmp_path):
    bad = tmp_path / "bad.ui"
    text = (repo_dir / "ui" / "load_dialog.ui").read_text(encoding="utf-8")
    assert "QDialogButtonBox::Cancel" in text
    bad.write_text(text.replace("QDialogButtonBox::Cancel", "QDialogButtonBox::Bogus"), encoding="utf-8")
    result = run_probe(UIC_PROBE, [str(bad)])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {str(bad): ["QtWidgets.QDialogButtonBox.Bogus"]}
