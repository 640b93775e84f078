"""resources.qrc is the one list of the plugin's icons: every icon the code names is in it, every file it
lists exists, and the resources.rcc rcc makes of it is read by Qt6 (and Qt5) under :/plugins/beltmap/."""

import ast
import configparser
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import build_resources
import install_plugin
import pytest

ICON_NAME = re.compile(r"[a-z0-9_]+\.svg")
PREFIX = "/plugins/beltmap"


def qrc_files(repo_dir):
    """The files resources.qrc lists, relative to the repository, under its one prefix."""
    root = ET.parse(repo_dir / "resources.qrc").getroot()
    resources = root.findall("qresource")
    assert [r.get("prefix") for r in resources] == [PREFIX]
    return [f.text.strip() for f in resources[0].findall("file")]


def icon_names_in_code():
    """{icon file name: 'file:line'} of the bare *.svg names in the plugin's Python files."""
    found = {}
    for rel in install_plugin.shipped_files():
        if rel.suffix != ".py":
            continue
        tree = ast.parse((install_plugin.REPO / rel).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ICON_NAME.fullmatch(node.value)
            ):
                found.setdefault(node.value, "{}:{}".format(rel.as_posix(), node.lineno))
    return found


def test_every_icon_the_code_names_is_listed_and_exists(repo_dir):
    listed = qrc_files(repo_dir)
    assert listed and all((repo_dir / name).is_file() for name in listed)
    used = icon_names_in_code()
    assert len(used) >= 8, used
    missing = {name: where for name, where in used.items() if "icons/" + name not in listed}
    assert missing == {}


def test_the_list_is_complete(repo_dir):
    """Every file in icons/ is listed (and the metadata icon the plugin manager shows), nothing twice."""
    listed = qrc_files(repo_dir)
    assert len(listed) == len(set(listed))
    assert sorted("icons/" + p.name for p in (repo_dir / "icons").iterdir()) == sorted(listed)
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(repo_dir / "metadata.txt", encoding="utf-8")
    assert metadata["general"]["icon"] in listed


def test_code_names_icons_through_the_resource_prefix(repo_dir):
    from beltmap import meta

    assert meta.icon_path("tag.svg") == ":{}/icons/tag.svg".format(PREFIX)


PROBE = """
import json, sys
binding = sys.argv[1]
QtCore = __import__(binding + ".QtCore", fromlist=["QtCore"])
rcc, names = json.load(sys.stdin)
registered = QtCore.QResource.registerResource(rcc)
found = {}
for name in names:
    handle = QtCore.QFile(":/plugins/beltmap/" + name)
    if handle.open(QtCore.QIODevice.OpenModeFlag.ReadOnly):
        found[name] = bytes(handle.readAll()).decode()
        handle.close()
    del handle
unregistered = QtCore.QResource.unregisterResource(rcc)
gone = not QtCore.QFile.exists(":/plugins/beltmap/" + names[0])
print(json.dumps([registered, found, unregistered, gone]))
"""


@pytest.mark.parametrize("binding", ["PyQt6", "PyQt5"])
def test_compiled_resources_register_in_qt(repo_dir, tmp_path, binding):
    """rcc's binary file of resources.qrc: every icon read under the prefix, byte for byte, then gone."""
    if binding == "PyQt5" and subprocess.run([sys.executable, "-c", "import PyQt5.QtCore"]).returncode:
        pytest.skip("PyQt5 is not installed (it comes with QGIS)")
    rcc = build_resources.build(tmp_path / "resources.rcc")
    names = qrc_files(repo_dir)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, binding],
        input=json.dumps([str(rcc), names]),
        capture_output=True,
        text=True,
        check=True,
    )
    registered, found, unregistered, gone = json.loads(result.stdout)
    assert registered and unregistered and gone
    assert found == {name: (repo_dir / name).read_text(encoding="utf-8") for name in names}
