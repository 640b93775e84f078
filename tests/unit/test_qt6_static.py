"""QGIS 4 (Qt6) checked statically, as far as a machine without a QGIS 4 build can (issue 25).

Every Python file of the repository (the plugin, its tests, scripts and benchmarks) and every .ui file is
checked for what the QGIS project's Qt5 -> Qt6 migration guide lists for plugins:

- unscoped enums (Qt.AlignLeft; PyQt6 knows only Qt.AlignmentFlag.AlignLeft): every Qt name spelt must
  exist in PyQt6 (the probe of test_qt6_ready.py, run here on every file, not only the shipped ones);
- exec_() / print_(), qApp, QRegExp (and QRegExpValidator), QDesktopWidget, QMatrix, QTextCodec,
  QStringRef, QGLWidget, QSound: gone in Qt6;
- QtWebKit / QtWebKitWidgets, QtXmlPatterns, QtScript, QtMultimedia widgets moved: modules gone;
- QAction, QActionGroup, QShortcut, QUndoCommand, QUndoStack, QFileSystemModel moved from QtWidgets to
  QtGui: imported only through compat.py, which tries QtGui first and falls back to QtWidgets on Qt5;
- PyQt5 imported directly (plugins go through qgis.PyQt);
- in .ui files: QtWebKit widgets, QDesktopWidget, and resource includes (pyrcc5's resources_rc is gone).

metadata.txt admits QGIS 4 (qgisMaximumVersion=4.99) only while these pass; the README's versions table
says 4.x is only checked statically.
"""

import ast
import configparser
import importlib.util
import json
import re
import subprocess
import textwrap
from pathlib import Path

import install_plugin


def _ready():
    """test_qt6_ready.py (its scanner and PyQt6 probe), loaded by path: tests/unit is no package."""
    spec = importlib.util.spec_from_file_location("qt6_ready", Path(__file__).with_name("test_qt6_ready.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_READY = _ready()
PYQT6_PROBE, qt5_only_uses, qt_names, run_probe = (
    _READY.PYQT6_PROBE,
    _READY.qt5_only_uses,
    _READY.qt_names,
    _READY.run_probe,
)

REPO = install_plugin.REPO
GONE_NAMES = {
    "QRegExp": "QRegExp is gone in Qt6: use QRegularExpression",
    "QRegExpValidator": "QRegExpValidator is gone in Qt6: use QRegularExpressionValidator",
    "QDesktopWidget": "QDesktopWidget is gone in Qt6: use QScreen",
    "qApp": "qApp is gone in PyQt6: use QApplication.instance()",
    "QMatrix": "QMatrix is gone in Qt6: use QTransform",
    "QTextCodec": "QTextCodec is gone in Qt6 (Core5Compat): use Python's codecs",
    "QStringRef": "QStringRef is gone in Qt6",
    "QGLWidget": "QGLWidget is gone in Qt6: use QOpenGLWidget",
    "QSound": "QSound is gone in Qt6: use QSoundEffect",
}
GONE_ATTRIBUTES = {
    "exec_": "exec_() is gone in PyQt6: call exec()",
    "print_": "print_() is gone in PyQt6: call print()",
}
GONE_MODULES = ("QtWebKit", "QtWebKitWidgets", "QtXmlPatterns", "QtScript", "QtOpenGL")
MOVED_TO_QTGUI = ("QAction", "QActionGroup", "QShortcut", "QUndoCommand", "QUndoStack", "QFileSystemModel")
COMPAT = "compat.py"  # the one place that imports the moved classes, QtGui first
UI_GONE = re.compile(r'class="(QWebView|QWebPage|QWebInspector|QDesktopWidget|QGLWidget)"')
UI_RESOURCES = re.compile(r"<resources>\s*<include\b")


SKIPPED_FOLDERS = {"build", "libs", ".venv", ".git", "__pycache__", "node_modules"}


def repository_files(suffix: str):
    """(relative path, text) of every tracked and new file with suffix (git's view, build/ excluded); where
    git cannot answer (the test matrix's Debian roots see the clone without trusting its owner), every
    file under the clone but the skipped folders."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*" + suffix],
            cwd=str(REPO),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [
            str(path.relative_to(REPO))
            for path in REPO.rglob("*" + suffix)
            if not SKIPPED_FOLDERS & set(path.relative_to(REPO).parts)
        ]
    return [
        (name, (REPO / name).read_text(encoding="utf-8"))
        for name in sorted(set(listed))
        if (REPO / name).is_file() and not name.startswith(("build/", "libs/", ".venv/"))
    ]


def migration_problems(path: str, source: str):
    """'file:line: what' for each item of the migration guide found in one Python file."""
    problems = []
    tree = ast.parse(source, path)

    def add(node, message):
        problems.append("{}:{}: {}".format(path, node.lineno, message))

    in_try_fallback = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                for inner in ast.walk(handler):
                    in_try_fallback.add(id(inner))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in GONE_NAMES:
            add(node, GONE_NAMES[node.id])
        elif isinstance(node, ast.Attribute) and node.attr in GONE_NAMES:
            add(node, GONE_NAMES[node.attr])
        elif isinstance(node, ast.Attribute) and node.attr in GONE_ATTRIBUTES:
            add(node, GONE_ATTRIBUTES[node.attr])
        elif isinstance(node, ast.Attribute) and node.attr in MOVED_TO_QTGUI:
            chain = node.value
            if isinstance(chain, ast.Name) and chain.id == "QtWidgets":
                add(node, "QtWidgets.{} moved to QtGui in Qt6: import it from compat".format(node.attr))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = (node.module or "") if isinstance(node, ast.ImportFrom) else ""
            modules = [module] + ([a.name for a in node.names] if isinstance(node, ast.Import) else [])
            for name in modules:
                if name.split(".")[0] == "PyQt5":
                    add(node, "PyQt5 imported directly: go through qgis.PyQt")
                if any(part in GONE_MODULES for part in name.split(".")):
                    add(node, "{} is gone in Qt6".format(name))
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name in GONE_NAMES:
                        add(node, GONE_NAMES[alias.name])
                    if alias.name in GONE_MODULES and module.endswith("PyQt"):
                        add(node, "{} is gone in Qt6".format(alias.name))
                    moved = alias.name in MOVED_TO_QTGUI and module.endswith("QtWidgets")
                    if moved and not (path == COMPAT and id(node) in in_try_fallback):
                        add(
                            node,
                            "{} moved from QtWidgets to QtGui in Qt6: import it from compat".format(
                                alias.name
                            ),
                        )
    return problems


def ui_problems(path: str, text: str):
    """'file: what' for Qt6 trouble in a .ui file."""
    problems = ["{}: {} is gone in Qt6".format(path, m.group(1)) for m in UI_GONE.finditer(text)]
    if UI_RESOURCES.search(text):
        problems.append("{}: a resource include makes uic import resources_rc (gone in Qt6)".format(path))
    return problems


def test_the_checks_find_each_item_of_the_guide():
    sample = textwrap.dedent(
        """
        from qgis.PyQt.QtCore import QRegExp, QTextCodec, Qt
        from qgis.PyQt.QtWidgets import QAction, QDesktopWidget, qApp
        from qgis.PyQt import QtWidgets, QtWebKitWidgets
        from PyQt5.QtGui import QColor
        from qgis.PyQt.QtWebKit import QWebView
        dialog.exec_()
        action = QtWidgets.QShortcut(None)
        align = Qt.AlignLeft
        """
    )
    found = "\n".join(migration_problems("sample.py", sample))
    for word in (
        "QRegExp",
        "QTextCodec",
        "QAction moved",
        "QDesktopWidget",
        "qApp",
        "QtWebKitWidgets is gone",
        "QtWebKit is gone",
        "PyQt5 imported",
        "exec()",
        "QtWidgets.QShortcut",
    ):
        assert word in found, word
    assert ("QtCore", "Qt.AlignLeft") in qt_names([("sample.py", sample)])
    ui = '<ui><widget class="QWebView" name="web"/><resources><include location="r.qrc"/></resources></ui>'
    assert len(ui_problems("x.ui", ui)) == 2


def test_the_compat_fallback_for_qaction_is_allowed_only_in_compat():
    fallback = textwrap.dedent(
        """
        try:
            from qgis.PyQt.QtGui import QAction
        except ImportError:
            from qgis.PyQt.QtWidgets import QAction
        """
    )
    assert migration_problems(COMPAT, fallback) == []
    assert migration_problems("plugin.py", fallback) != []


def test_every_python_file_passes_the_migration_checks():
    files = repository_files(".py")
    assert len(files) > 100, "too few Python files found: {}".format(len(files))
    problems = [p for path, source in files for p in migration_problems(path, source)]
    # test_qt6_ready.py spells ':/' as the prefix it looks for, not as a resource path
    problems += [
        p
        for path, source in files
        if path != "tests/unit/test_qt6_ready.py"
        for p in qt5_only_uses(path, source)
    ]
    assert problems == []


def test_every_qt_name_in_every_python_file_exists_in_pyqt6():
    """Scoped enums everywhere, tests and scripts included (test_qt6_ready checks the shipped files)."""
    names = qt_names(repository_files(".py"))
    assert len(names) > 10
    result = run_probe(PYQT6_PROBE, sorted(names))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    missing = [
        "{} ({})".format(dotted, names[(module, dotted)])
        for module, dotted in report["missing"]
        # QGIS 4 patches QVariant.<type> back in as QMetaType.Type (test fields made the 3.22 way)
        if not (dotted.startswith("QVariant.") and dotted.count(".") == 1)
    ]
    assert missing == [], "not in PyQt6 {}: {}".format(report["version"], missing)


def test_every_ui_file_passes_the_migration_checks():
    files = repository_files(".ui")
    assert files, "no .ui file found"
    assert [p for path, text in files for p in ui_problems(path, text)] == []


def test_qaction_comes_from_qtgui_first():
    """compat.QAction: QtGui where the binding has it there (Qt6), QtWidgets on Qt5."""
    source = (REPO / COMPAT).read_text(encoding="utf-8")
    tree = ast.parse(source)
    tries = [n for n in ast.walk(tree) if isinstance(n, ast.Try)]
    assert any(
        isinstance(t.body[0], ast.ImportFrom)
        and t.body[0].module == "qgis.PyQt.QtGui"
        and "QAction" in [a.name for a in t.body[0].names]
        for t in tries
    )


def test_metadata_admits_qgis_4(repo_dir):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(repo_dir / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"] == "True"


def test_readme_says_qgis_4_is_only_checked_statically(repo_dir):
    readme = (repo_dir / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## QGIS versions tested") :]
    assert re.search(r"^\| 4\.x .*statically", table, re.M), "no 4.x line in the versions table"
