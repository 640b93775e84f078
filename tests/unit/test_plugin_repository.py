"""The ZIP from `make package` passes the upload rules of the QGIS plugin repository (plugins.qgis.org)."""

import configparser
import re
import subprocess
import zipfile
from pathlib import Path

import plugin_zip_rules
import pytest


@pytest.fixture(scope="module")
def package(tmp_path_factory, repo_dir):
    """The ZIP `make package` writes (to a temporary path)."""
    target = tmp_path_factory.mktemp("package") / "beltmap.zip"
    subprocess.run(
        ["make", "-s", "package", "PLUGIN_ZIP={}".format(target)],
        cwd=repo_dir,
        check=True,
        capture_output=True,
    )
    return target


def _rewrite(source, target, drop=(), add=None, metadata=None):
    """A copy of the ZIP at source without the members in drop, with add {name: bytes} and new metadata."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            if item.filename in drop:
                continue
            data = original.read(item.filename)
            if metadata is not None and item.filename.endswith("/metadata.txt"):
                data = metadata(data.decode("utf-8")).encode("utf-8")
            copy.writestr(item, data)
        for name, data in (add or {}).items():
            copy.writestr(name, data)
    return target


def test_make_package_zip_passes_the_repository_rules(package):
    assert plugin_zip_rules.problems(package) == []
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
        licence = archive.read("beltmap/LICENSE").decode("utf-8")
        metadata = archive.read("beltmap/metadata.txt").decode("utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 2" in licence
    assert "beltmap/LICENSE-DATA.md" in names and "beltmap/CHANGELOG.md" in names
    assert not any(n.endswith(".pyc") or "__pycache__" in n or "/.git" in n for n in names)
    assert package.stat().st_size < plugin_zip_rules.MAX_BYTES
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(metadata)
    general = parser["general"]
    source = configparser.ConfigParser(interpolation=None)
    source.read(Path(__file__).resolve().parents[2] / "metadata.txt", encoding="utf-8")
    assert general["version"] == source["general"]["version"] == "0.4.0"
    assert general["changelog"].startswith(general["version"] + " ")


def test_changelog_has_the_metadata_version(repo_dir):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(repo_dir / "metadata.txt", encoding="utf-8")
    changelog = (repo_dir / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## {}".format(parser["general"]["version"]) in changelog


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"drop": ("beltmap/LICENSE",)}, "LICENSE is missing"),
        ({"drop": ("beltmap/__init__.py",)}, "__init__.py is missing"),
        ({"drop": ("beltmap/icons/beltmap.svg",)}, "icon"),
        ({"add": {"beltmap/core/__pycache__/x.cpython-311.pyc": b"x"}}, "banned file"),
        ({"add": {"beltmap/.git/HEAD": b"ref"}}, "banned file"),
        ({"add": {"other/x.py": b""}}, "one top folder"),
        ({"metadata": lambda t: t.replace("tracker=https://", "tracker=")}, "`tracker` is not a URL"),
        ({"metadata": lambda t: t.replace("\nrepository=", "\nx_repository=")}, "lacks `repository`"),
        ({"metadata": lambda t: t.replace("\nabout=", "\nx_about=")}, "lacks `about`"),
        ({"metadata": lambda t: re.sub(r"\nemail=.*", "\nemail=nobody", t)}, "`email`"),
    ],
)
def test_each_rule_can_fail(package, tmp_path, change, expected):
    broken = _rewrite(package, tmp_path / "broken.zip", **change)
    found = plugin_zip_rules.problems(broken)
    assert any(expected in problem for problem in found), found


def test_bad_top_folder_name_and_size(package, tmp_path):
    renamed = tmp_path / "renamed.zip"
    with zipfile.ZipFile(package) as original, zipfile.ZipFile(renamed, "w") as copy:
        for item in original.infolist():
            copy.writestr("1belt map/" + item.filename.split("/", 1)[1], original.read(item.filename))
    assert any("does not match" in p for p in plugin_zip_rules.problems(renamed))
    big = _rewrite(package, tmp_path / "big.zip", add={"beltmap/data/big.bin": b""})
    with open(big, "ab") as handle:
        handle.truncate(plugin_zip_rules.MAX_BYTES + 1)
    assert any("larger than 25 MB" in p for p in plugin_zip_rules.problems(big))
