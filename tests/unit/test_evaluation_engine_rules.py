"""The evaluation index and service reach engines use no Processing: no QgsProcessing* name, no
processing.run, no import of the plugin's processing package (read as text, no QGIS needed)."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENGINE_FILES = sorted((REPO / "core" / "evaluation").glob("*.py")) + [REPO / "core" / "reach" / "engine.py"]


def _processing_uses(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id.startswith("QgsProcessing"):
            yield node.id
        elif isinstance(node, ast.alias) and node.name.startswith("QgsProcessing"):
            yield node.name
        elif isinstance(node, ast.Attribute) and node.attr == "run":
            if isinstance(node.value, ast.Name) and node.value.id == "processing":
                yield "processing.run"
        elif isinstance(node, ast.ImportFrom) and node.level >= 2 and (node.module or "") == "processing":
            yield "import of the plugin's processing package"


def test_the_engines_use_no_processing():
    assert len(ENGINE_FILES) > 5
    found = {path.name: list(_processing_uses(path)) for path in ENGINE_FILES}
    assert {name: uses for name, uses in found.items() if uses} == {}


def test_the_rule_sees_a_processing_use(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from qgis import processing\nprocessing.run('x', {})\nQgsProcessingException('no')\n")
    assert list(_processing_uses(sample)) == ["processing.run", "QgsProcessingException"]
