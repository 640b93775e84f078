"""Algorithm ids are written once, as the ID of their class (processing/<algorithm>.py): everything else
takes `TagZonesAlgorithm.ID`, never the literal "beltmap:tagzones" (help texts and docs excepted)."""

import ast
import re

import install_plugin

ID_LITERAL = re.compile(r"beltmap:[a-z_]+")
# still running child algorithms by id while their engines move under core/ (issue 17): remove when done
CHILD_RUNS = set()  # files still running child algorithms by id: none since the exports call engines


def id_literals(path, source):
    """['file:line "beltmap:x"'] for string constants that are exactly an algorithm id, but the class ID."""
    tree = ast.parse(source, path)
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.Assign) and [getattr(t, "id", None) for t in item.targets] == ["ID"]:
                    allowed.add(id(item.value))
    return [
        "{}:{} {!r}".format(path, node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and ID_LITERAL.fullmatch(node.value)
        and id(node) not in allowed
    ]


def checked_files():
    """The plugin's Python files and the scripts (tests and the command-line benchmarks excepted)."""
    files = [rel for rel in install_plugin.shipped_files() if rel.suffix == ".py"]
    files += sorted(
        p.relative_to(install_plugin.REPO) for p in (install_plugin.REPO / "scripts").glob("*.py")
    )
    return [rel for rel in files if rel.as_posix() not in CHILD_RUNS]


def test_no_algorithm_id_literal_outside_its_class():
    found = []
    for rel in checked_files():
        found += id_literals(rel.as_posix(), (install_plugin.REPO / rel).read_text(encoding="utf-8"))
    assert found == []


def test_every_algorithm_class_has_its_id():
    ids = {}
    for path in sorted((install_plugin.REPO / "processing").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            bases = [getattr(b, "id", None) for b in getattr(node, "bases", [])]
            if isinstance(node, ast.ClassDef) and "BeltMapAlgorithm" in bases:
                values = [
                    item.value.value
                    for item in node.body
                    if isinstance(item, ast.Assign)
                    and [getattr(t, "id", None) for t in item.targets] == ["ID"]
                ]
                ids[node.name] = values
    assert len(ids) >= 8
    assert all(len(v) == 1 and ID_LITERAL.fullmatch(v[0]) for v in ids.values()), ids
    assert len({v[0] for v in ids.values()}) == len(ids)


def test_the_scan_finds_a_literal():
    source = (
        'class A:\n    ID = "beltmap:a"\n\nrun("beltmap:tagzones")\nhelp = "run beltmap:tagzones first"\n'
    )
    assert id_literals("x.py", source) == ["x.py:4 'beltmap:tagzones'"]
