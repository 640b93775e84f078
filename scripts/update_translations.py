"""`make translations`: refresh i18n/beltmap_zh_CN.ts from the sources, keeping every translation made.

Strings are found the way Qt's lupdate finds them, with the plugin's convention that every Python
string is translated in the one context `BeltMap`:
  tr("…"), self.tr("…"), tr_in(language, "…"), QCoreApplication.translate("Context", "…") in the
  shipped .py files, every
  <string> of the .ui files in the context of the form's class (as uic's retranslateUi asks for it), and
  every text of the algorithms' help files processing/help/<id>.json (pieces joined, as base.py does).
    update_translations.py            rewrite the .ts (new strings marked unfinished, vanished ones dropped)
    update_translations.py --check    list strings missing or unfinished in the .ts; exit 1 if any
"""

import argparse
import ast
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Tuple

REPO = Path(__file__).resolve().parents[1]
TS_FILE = REPO / "i18n" / "beltmap_zh_CN.ts"
PY_CONTEXT = "BeltMap"
SKIPPED = {"tests", "scripts", "bench", "build", ".venv", "libs", "data", ".ci"}

Message = Tuple[str, str]  # (context, source)


def _source_files(suffix: str) -> List[Path]:
    found = []
    # walk, pruning skipped folders: build/ may hold whole Debian roots (make test-matrix)
    for folder, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in SKIPPED and not d.startswith(".")]
        found += [Path(folder) / name for name in files if name.endswith(suffix)]
    return sorted(p for p in found if p.name != "resources_rc.py")


def python_messages(path: Path) -> List[Message]:
    """Translatable literals of one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: List[Message] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        args = node.args
        if name == "tr" and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
            found.append((PY_CONTEXT, args[0].value))
        elif name == "tr_in" and len(args) >= 2 and isinstance(args[1], ast.Constant):
            found.append((PY_CONTEXT, args[1].value))  # tr_in(language, "…"): a document's language
        elif (
            name == "translate"
            and len(args) >= 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args[:2])
        ):
            found.append((args[0].value, args[1].value))
    return found


def ui_messages(path: Path) -> List[Message]:
    """Translatable <string> texts of one Qt Designer file, in its form's context."""
    root = ET.parse(path).getroot()
    context = root.findtext("class") or path.stem
    return [
        (context, element.text)
        for element in root.iter("string")
        if element.text and element.get("notr") != "true"
    ]


def help_messages(path: Path) -> List[Message]:
    """The texts of one algorithm help file (every key but _comment; a list of pieces is one text)."""
    found: List[Message] = []
    for key, value in json.loads(path.read_text(encoding="utf-8")).items():
        text = "".join(value) if isinstance(value, list) else value
        if not key.startswith("_") and text:
            found.append((PY_CONTEXT, text))
    return found


def source_messages() -> List[Message]:
    """Every translatable string of the shipped sources, in first-seen order, without duplicates."""
    messages: List[Message] = []
    for path in _source_files(".py"):
        messages += python_messages(path)
    for path in _source_files(".ui"):
        messages += ui_messages(path)
    for path in sorted((REPO / "processing" / "help").glob("*.json")):
        messages += help_messages(path)
    return list(dict.fromkeys(messages))


def read_ts(path: Path = TS_FILE) -> Dict[Message, Tuple[str, bool]]:
    """(context, source) → (translation, finished) from a .ts file; empty if there is none."""
    if not path.exists():
        return {}
    entries = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            entries[(name, message.findtext("source"))] = (text, finished and bool(text))
    return entries


def write_ts(messages: List[Message], known: Dict[Message, Tuple[str, bool]], path: Path = TS_FILE) -> None:
    """Write the .ts: one context per name, sorted, translations kept, new ones unfinished."""
    root = ET.Element("TS", version="2.1", language="zh_CN")
    by_context: Dict[str, List[str]] = {}
    for context, source in messages:
        by_context.setdefault(context, []).append(source)
    for context in sorted(by_context):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source in sorted(by_context[context]):
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            text, finished = known.get((context, source), ("", False))
            translation = ET.SubElement(message, "translation")
            translation.text = text
            if not finished:
                translation.set("type", "unfinished")
    ET.indent(root, space=" ")
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def problems() -> List[str]:
    """Source strings missing from the .ts or unfinished there."""
    known = read_ts()
    out = []
    for context, source in source_messages():
        text, finished = known.get((context, source), ("", False))
        if not finished:
            out.append(
                "{}: {!r} {}".format(
                    context, source, "unfinished" if (context, source) in known else "missing"
                )
            )
    return out


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only report missing or unfinished strings")
    args = parser.parse_args()
    if args.check:
        found = problems()
        print("\n".join(found) if found else "All strings translated.")
        return 1 if found else 0
    messages = source_messages()
    write_ts(messages, read_ts())
    left = problems()
    print("{}: {} strings, {} still to translate".format(TS_FILE.relative_to(REPO), len(messages), len(left)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
