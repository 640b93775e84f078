"""Algorithm help kept in data files (processing/help/<id>.json): each belongs to an algorithm and is
extracted for translation like any tr() string."""

import json
import re
from pathlib import Path

import update_translations

REPO = Path(__file__).resolve().parents[2]
HELP = REPO / "processing" / "help"


def algorithm_names():
    """The name() of every algorithm file in processing/."""
    names = set()
    for path in (REPO / "processing").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        match = re.search(r'    ID = "beltmap:(\w+)"', text)
        if match:
            names.add(match.group(1))
    return names


def test_every_help_file_belongs_to_an_algorithm():
    files = sorted(HELP.glob("*.json"))
    assert {"tagzones", "zonesummary", "validate", "importsites"} <= {f.stem for f in files}
    assert {f.stem for f in files} <= algorithm_names()
    for path in files:
        details = json.loads(path.read_text(encoding="utf-8"))["details"]
        assert isinstance(details, list) and all(isinstance(piece, str) and piece for piece in details)


def test_help_texts_are_extracted_for_translation():
    messages = set(update_translations.source_messages())
    for path in HELP.glob("*.json"):
        text = "".join(json.loads(path.read_text(encoding="utf-8"))["details"])
        assert (update_translations.PY_CONTEXT, text) in messages, path.name
