"""One error family, checked by reading the code (no QGIS): every exception class of the plugin derives
from core.errors.BeltMapError, and there is one cancel type."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SKIPPED = {"tests", "scripts", "bench", "build", "i18n", "docs", "data"}
# names of Python's own exception classes a plugin class may derive from (with BeltMapError)
BUILTIN_BASES = {"Exception", "BaseException", "ValueError", "RuntimeError", "OSError", "KeyError"}


def plugin_files():
    """Every .py file of the plugin (not its tests, scripts or benchmarks)."""
    for path in sorted(REPO.rglob("*.py")):
        parts = path.relative_to(REPO).parts
        if parts[0] in SKIPPED or parts[0].startswith(".") or "vendor" in parts:
            continue
        yield path


def base_name(node) -> str:
    """The last name of a base class expression (errors.BeltMapError → BeltMapError)."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def class_bases():
    """{class name: (file, [base names])} of every class of the plugin, and {alias: target} assignments."""
    classes, aliases = {}, {}
    for path in plugin_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                classes[node.name] = (str(path.relative_to(REPO)), [base_name(b) for b in node.bases])
        # module-level aliases only (a fallback inside try/except, as in core/webmap/assets.py, is not one)
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id[:1].isupper():
                        aliases[target.id] = node.value.id
    return classes, aliases


def is_exception(name, classes, aliases, seen=()) -> bool:
    """True when the class name is an exception: derives from Exception or from any *Error class."""
    name = aliases.get(name, name)
    if name in seen:
        return False
    if name in BUILTIN_BASES or name.endswith("Error"):
        return True
    return any(is_exception(b, classes, aliases, seen + (name,)) for b in classes.get(name, ("", []))[1])


def derives_from_belt_map_error(name, classes, aliases, seen=()) -> bool:
    """True when the class derives, through plugin classes, from BeltMapError."""
    name = aliases.get(name, name)
    if name == "BeltMapError":
        return True
    if name in seen or name not in classes:
        return False
    return any(derives_from_belt_map_error(b, classes, aliases, seen + (name,)) for b in classes[name][1])


def test_the_walk_sees_the_plugin():
    classes, _aliases = class_bases()
    assert {"BeltMapError", "Cancelled", "WriteError", "ZoneError"} <= set(classes)
    assert not any(path.startswith("tests") for path, _bases in classes.values())


def test_every_plugin_exception_derives_from_belt_map_error():
    classes, aliases = class_bases()
    exceptions = {
        name: path
        for name, (path, bases) in classes.items()
        if name != "BeltMapError" and any(is_exception(b, classes, aliases) for b in bases)
    }
    assert len(exceptions) >= 10, exceptions
    outside = sorted(
        "{}: {}".format(path, name)
        for name, path in exceptions.items()
        if not derives_from_belt_map_error(name, classes, aliases)
    )
    assert outside == []


def test_one_cancel_type():
    """Every class whose name says cancel is core.errors.Cancelled; the old names are aliases of it."""
    classes, aliases = class_bases()
    cancels = sorted(name for name in classes if "cancel" in name.lower() and name.endswith(("Error", "led")))
    assert cancels == ["Cancelled"]
    for old in ("CancelledError", "CountCanceledError"):
        if old in aliases:
            assert aliases[old] == "Cancelled"
    assert classes["Cancelled"] == ("core/errors.py", ["BeltMapError"])
