"""The house stays in layers: every import of the plugin's own code (at module level or inside a function)
goes to a lower layer or stays inside its own package, and no two modules import each other, directly or
round a circle. docs/architecture.md draws the same picture."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "beltmap"
NOT_PLUGIN = {"tests", "scripts", "bench", "build", "docs", "i18n", "data", "icons", ".venv", ".git"}

# lowest first; a unit may import only units of a strictly lower rank (and itself)
RANKS = {
    # plugin-root helpers
    "compat": 0,
    "meta": 0,
    "dependencies": 0,
    "log": 0.1,
    "i18n": 0.1,
    "qt_resources": 0.2,
    # the base: errors and the helpers every engine shares
    "core": 1,
    "core.errors": 1,
    "core.base": 1,
    # database access
    "core.postgis": 2,
    # engines, a lower one usable by a higher one
    "core.validation": 3,
    "core.tagging": 4,
    "core.zone_summary": 5,
    "core.site_import": 5,
    "core.reach": 5,
    "core.evaluation": 6,
    "core.changes": 7,
    "core.programme": 8,
    "core.chains": 8,
    # the one print kit
    "core.cartography": 9,
    # products combining engines
    "core.assembly": 10,
    "core.stations": 11,
    "core.change_report": 11,
    "core.chain_report": 11,
    "core.programme_report": 11,
    "core.webmap": 12,
    "core.package": 13,
    # QGIS desktop and Processing
    "layers": 14,
    "processing": 15,
    "ui": 16,
    "plugin": 17,
    "": 18,  # the package itself (__init__.py: classFactory)
}
# the base (errors included) is one layer: its modules may import one another
SAME_LAYER = {("core.base", "core.errors"), ("core.errors", "core.base")}


def plugin_modules():
    """{dotted module name: path} of every module of the plugin (tests, scripts and benchmarks apart)."""
    found = {}
    for path in REPO.rglob("*.py"):
        rel = path.relative_to(REPO)
        if rel.parts[0] in NOT_PLUGIN:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join([PACKAGE] + parts)] = path
    return found


def imports_of(module: str, path: Path, modules) -> set:
    """The plugin modules a module imports, wherever in it the import stands."""
    is_package = path.name == "__init__.py"
    package = module.split(".") if is_package else module.split(".")[:-1]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] == PACKAGE]
            targets.update(names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == PACKAGE:
                target = node.module
            else:
                continue
            for alias in node.names:
                sub = "{}.{}".format(target, alias.name)
                targets.add(sub if sub in modules else target)
    return {t for t in targets if t in modules and t != module}


def unit_of(module: str) -> str:
    """The layer unit of a module: core's packages by name, else the top-level module or folder."""
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] == "core" and len(parts) > 1:
        return "core." + parts[1]
    return parts[0]


def graph():
    modules = plugin_modules()
    return {m: imports_of(m, p, modules) for m, p in modules.items()}


def test_every_unit_has_a_layer():
    units = {unit_of(m) for m in plugin_modules()}
    assert units - set(RANKS) == set(), "add the new package to RANKS (and to docs/architecture.md)"


def test_imports_only_go_down():
    climbs = []
    for module, targets in graph().items():
        here = unit_of(module)
        for target in targets:
            there = unit_of(target)
            if there == here or (here, there) in SAME_LAYER:
                continue
            if RANKS.get(there, 99) >= RANKS.get(here, -1):
                climbs.append("{} -> {}".format(module, target))
    assert sorted(climbs) == []


def test_no_circles_between_modules():
    edges = graph()
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert circles == []


def test_the_checker_sees_a_climb_and_a_circle(tmp_path):
    """The walk itself: a relative import inside a function is read, and resolved to its module."""
    source = tmp_path / "mod.py"
    source.write_text("def f():\n    from ..cartography import pages\n", encoding="utf-8")
    modules = {"beltmap.core.tagging.mod": source, "beltmap.core.cartography.pages": source}
    found = imports_of("beltmap.core.tagging.mod", source, modules)
    assert found == {"beltmap.core.cartography.pages"}
    assert RANKS[unit_of("beltmap.core.cartography.pages")] > RANKS[unit_of("beltmap.core.tagging.mod")]
