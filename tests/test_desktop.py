"""The real QGIS desktop, under xvfb-run, with the plugin installed and enabled in a temporary profile."""

import json
import os
import shutil
import subprocess

import pytest


def _cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _set_locale(config_dir, locale):
    ini = config_dir / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    text = ini.read_text(encoding="utf-8") if ini.exists() else ""
    text += "\n[locale]\noverrideFlag=true\nuserLocale={}\nglobalLocale={}\n".format(locale, locale)
    ini.write_text(text, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("locale", ["en_US", "zh_CN"])
def test_desktop_starts_with_menu_panel_and_demo(qgis_config_dir, repo_dir, tmp_path, locale):
    if shutil.which("xvfb-run") is None or shutil.which("qgis") is None:
        pytest.fail("xvfb-run and qgis are needed: run `make test`, which installs them")
    config = tmp_path / "config"
    shutil.copytree(qgis_config_dir, config, symlinks=True)
    _set_locale(config, locale)
    report_path = tmp_path / "report.json"
    screenshot = tmp_path / "desktop_{}.png".format(locale)
    panel_shot = tmp_path / "panel_{}.png".format(locale)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("PYTHONPATH", None)
    env.update(
        BELTMAP_REPORT=str(report_path),
        BELTMAP_SCREENSHOT=str(screenshot),
        BELTMAP_PANEL_SCREENSHOT=str(panel_shot),
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
        LANG="zh_CN.UTF-8" if locale.startswith("zh") else "C.UTF-8",
    )
    (tmp_path / "runtime").mkdir(mode=0o700)
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
        "qgis", "--profiles-path", str(config), "--nologo", "--noversioncheck", "--skipbadlayers",
        "--code", str(repo_dir / "tests" / "desktop_script.py"),
    ]  # fmt: skip
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert report_path.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["errors"] == []
    assert report["python_errors"] == []
    assert "beltmap" in report["active"]
    assert report["provider"] is True
    assert report["demo_group_layers"] == 4
    assert report["project_crs"] == "EPSG:4549"
    assert report["panel_visible"] is True
    assert screenshot.stat().st_size > 10000 and panel_shot.stat().st_size > 3000
    if locale == "en_US":
        assert "Belt Map" in report["menus"]
        assert report["beltmap_menu"][:2] == ["Load demo belt", "Load belt data…"]
        assert report["panel_summary"][:3] == ["Belt area", "Zones", "Sites"]
    else:
        menu_title = [m for m in report["menus"] if _cjk(m) and "实践带" in m]
        assert menu_title, report["menus"]
        assert all(_cjk(text) for text in report["beltmap_menu"] if text), report["beltmap_menu"]
        assert all(_cjk(text) for text in report["panel_summary"]), report["panel_summary"]
