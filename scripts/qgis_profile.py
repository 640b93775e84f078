"""Temporary QGIS profiles with Belt Map installed, and qgis_process.bin runs against them."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import install_plugin  # noqa: E402


def qgis_process_binary() -> str:
    """qgis_process.bin where it exists (Debian 12's qgis_process wrapper is broken), else qgis_process."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name)
        if found:
            return found
    raise FileNotFoundError("qgis_process not found: install the Debian package qgis")


def make_profile(config_path, with_libs=True, constraints=None) -> Path:
    """Install the plugin into <config_path>/profiles/default and enable it; return the profile folder."""
    profile = Path(config_path) / "profiles" / "default"
    install_plugin.install(profile, constraints=constraints, with_libs=with_libs)
    return profile


def qgis_env(config_path) -> dict:
    """Environment for QGIS programs using the given config folder, without a display."""
    env = dict(os.environ)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(config_path)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("XDG_RUNTIME_DIR", str(Path(config_path) / "runtime"))
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, parents=True, exist_ok=True)
    # the plugin must be found through the profile, never through a PYTHONPATH of the test run
    env.pop("PYTHONPATH", None)
    return env


def json_output(result: subprocess.CompletedProcess) -> dict:
    """The JSON document `qgis_process.bin … --json` printed (after any start-up chatter on stdout)."""
    return json.loads(result.stdout[result.stdout.index("{") :])


def run_qgis_process(args, config_path, check=True, timeout=600) -> subprocess.CompletedProcess:
    """Run qgis_process.bin with args against the config folder; text output captured."""
    return subprocess.run(
        [qgis_process_binary(), *args],
        env=qgis_env(config_path),
        capture_output=True,
        text=True,
        check=check,
        timeout=timeout,
    )
