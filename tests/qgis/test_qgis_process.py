"""qgis_process.bin, run as a user runs it, sees the provider where `make install` put the plugin."""

import subprocess
import sys

import qgis_profile


def _install(repo_dir, profile):
    return subprocess.run(
        [
            sys.executable,
            str(repo_dir / "scripts" / "install_plugin.py"),
            "--profile-dir",
            str(profile),
            "--no-libs",
        ],
        capture_output=True,
        text=True,
        check=True,
    )


def test_make_install_into_profile_folder(tmp_path, repo_dir):
    profile = tmp_path / "profile"
    result = subprocess.run(
        ["make", "-s", "install", "PROFILE_DIR={}".format(profile)],
        cwd=repo_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    plugin = profile / "python" / "plugins" / "beltmap"
    assert str(plugin) in result.stdout
    assert (plugin / "metadata.txt").exists() and (plugin / "__init__.py").exists()
    assert (plugin / "libs" / "shapely").is_dir() and (plugin / "libs" / "pyogrio").is_dir()
    assert not (plugin / "tests").exists() and not (plugin / "Makefile").exists()
    assert (
        list((plugin / "i18n").glob("*.qm"))
        and (plugin / "icons" / "beltmap.svg").exists()
        and (plugin / "resources.rcc").exists()
    )
    ini = (profile / "QGIS" / "QGIS3.ini").read_text(encoding="utf-8")
    assert "[PythonPlugins]" in ini and "beltmap=true" in ini
    # installing again keeps other settings and the vendored libs, and does not duplicate the entry
    (profile / "QGIS" / "QGIS3.ini").write_text(ini + "\n[qgis]\nfoo=bar\n", encoding="utf-8")
    _install(repo_dir, profile)
    ini = (profile / "QGIS" / "QGIS3.ini").read_text(encoding="utf-8")
    assert ini.count("beltmap=true") == 1 and "foo=bar" in ini
    assert (plugin / "libs" / "shapely").is_dir()


def test_qgis_process_lists_beltmap_provider(qgis_process):
    result = qgis_process(["list"])
    assert "Belt Map" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    plugins = qgis_process(["plugins"]).stdout
    assert "* beltmap" in plugins


def test_qgis_process_json_lists_algorithms(qgis_process):
    result = qgis_process(["list", "--json"])
    data = qgis_profile.json_output(result)
    providers = data["providers"]
    assert "beltmap" in providers
    assert providers["beltmap"]["name"] == "Belt Map"


def test_qgis_process_lists_every_algorithm_id(qgis_process, qgis_app):
    from beltmap.processing.provider import algorithm_classes
    from test_algorithm_help import EXPECTED

    listed = set(
        qgis_profile.json_output(qgis_process(["list", "--json"]))["providers"]["beltmap"]["algorithms"]
    )
    provided = {"beltmap:" + cls().name() for cls in algorithm_classes()}
    assert EXPECTED <= provided  # the algorithms of DESIGN.md this checkout has
    assert listed == provided, (listed, provided)
    for algorithm_id in sorted(provided):
        help_text = qgis_process(["help", algorithm_id]).stdout
        assert algorithm_id in help_text and "Arguments" in help_text, (algorithm_id, help_text[:500])
