"""Stage the plugin (sources, built resources and translations), then install it or zip it.

install_plugin.py --profile-dir DIR [--constraints FILE] [--no-libs]  copy into a QGIS profile, enable it
install_plugin.py --zip beltmap.zip  the ZIP QGIS's "Install from ZIP" takes
"""

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import build_resources
import plugin_zip_rules

REPO = Path(__file__).resolve().parents[1]
PLUGIN_NAME = "beltmap"
STAGE = REPO / "build" / "stage" / PLUGIN_NAME

# what ships: every top-level folder but these (tests, benchmarks, scripts, CI, build leftovers)
EXCLUDED_DIRS = {"tests", "bench", "scripts", "build", "dist", "libs", ".venv", ".git", ".ci", ".github"}
EXCLUDED_DIRS |= {"docs"}  # the README's screenshots
SHIPPED_SUFFIXES = {
    ".py",
    ".ui",
    ".svg",
    ".png",
    ".ts",
    ".qm",
    ".gpkg",
    ".md",
    ".txt",
    ".qml",
    ".json",
    ".csv",
    ".js",
    ".css",
}
SHIPPED_ROOT_FILES = (
    "metadata.txt",
    "README.md",
    "LICENSE",
    "LICENSE-DATA.md",
    "CHANGELOG.md",
    "resources.qrc",
)
SKIPPED_PARTS = {"__pycache__", "libs", ".pytest_cache", ".ruff_cache", ".hypothesis"}


def shipped_files():
    """Relative paths of the repository files that belong in the installed plugin."""
    files = [Path(name) for name in SHIPPED_ROOT_FILES if (REPO / name).exists()]
    files += sorted(p.relative_to(REPO) for p in REPO.glob("*.py"))
    folders = sorted(p.name for p in REPO.iterdir() if p.is_dir() and p.name not in EXCLUDED_DIRS)
    for folder in (f for f in folders if not f.startswith(".")):
        for path in sorted((REPO / folder).rglob("*")):
            rel = path.relative_to(REPO)
            if path.is_file() and path.suffix in SHIPPED_SUFFIXES and not SKIPPED_PARTS & set(rel.parts):
                files.append(rel)
    return files


def _tool(*names):
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def stage() -> Path:
    """Copy the shipped files into build/stage/beltmap and build the .qm files."""
    if STAGE.exists():
        shutil.rmtree(STAGE)
    for rel in shipped_files():
        target = STAGE / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    # the web map's Leaflet, copied from Debian's libjs-leaflet with its licence (not committed)
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "webmap_assets.py"),
            str(STAGE / "core" / "webmap" / "vendor" / "leaflet"),
        ],
        check=True,
    )
    # the icons: resources.qrc compiled into resources.rcc, registered by the plugin when it loads
    build_resources.build(STAGE / "resources.rcc", STAGE / "resources.qrc")
    lrelease = _tool("lrelease", "lrelease-qt5")
    for ts in sorted((STAGE / "i18n").glob("*.ts")):
        if lrelease is None:
            print(
                "warning: lrelease not found (apt install qttools5-dev-tools); English only", file=sys.stderr
            )
            break
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return STAGE


def vendor_libs(plugin_dir: Path, constraints) -> None:
    """pip-install the optional packages (shapely 2, pyogrio) into <plugin>/libs for QGIS's own Python."""
    libs = plugin_dir / "libs"
    command = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps"]
    command += ["--target", str(libs), "-r", str(REPO / "requirements-plugin.txt")]
    if constraints:
        command += ["-c", str(constraints)]
    subprocess.run(command, check=True)


def enable_in_profile(profile_dir: Path) -> None:
    """Set [PythonPlugins] beltmap=true in the profile's QGIS3.ini, keeping every other line."""
    ini = profile_dir / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    lines = ini.read_text(encoding="utf-8").splitlines() if ini.exists() else []
    out, in_section, done = [], False, False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if in_section and not done:
                out.append("{}=true".format(PLUGIN_NAME))
                done = True
            in_section = stripped == "[PythonPlugins]"
        elif in_section and stripped.split("=", 1)[0].strip() == PLUGIN_NAME:
            if not done:
                out.append("{}=true".format(PLUGIN_NAME))
                done = True
            continue
        out.append(line)
    if not done:
        if not in_section:
            out += ["", "[PythonPlugins]"] if out else ["[PythonPlugins]"]
        out.append("{}=true".format(PLUGIN_NAME))
    ini.write_text("\n".join(out) + "\n", encoding="utf-8")


def install(profile_dir: Path, constraints=None, with_libs=True) -> Path:
    """Install the staged plugin into a QGIS profile folder and enable it; return the plugin folder."""
    staged = stage()
    target = profile_dir / "python" / "plugins" / PLUGIN_NAME
    kept_libs = None
    if target.exists():
        if (target / "libs").is_dir():
            kept_libs = target.parent / ".beltmap-libs-keep"
            if kept_libs.exists():
                shutil.rmtree(kept_libs)
            (target / "libs").rename(kept_libs)
        shutil.rmtree(target)
    shutil.copytree(staged, target)
    if kept_libs is not None:
        kept_libs.rename(target / "libs")
    if with_libs:
        vendor_libs(target, constraints)
    enable_in_profile(profile_dir)
    return target


def make_zip(path: Path) -> Path:
    """Write the plugin ZIP (one top folder `beltmap/`) that "Install from ZIP" and plugins.qgis.org take."""
    staged = stage()
    path = path if path.is_absolute() else REPO / path
    tmp = path.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in staged.rglob("*") if p.is_file()):
            archive.write(file, (Path(PLUGIN_NAME) / file.relative_to(staged)).as_posix())
    broken = plugin_zip_rules.problems(tmp)
    if broken:
        tmp.unlink()
        raise SystemExit("The plugin repository would refuse this ZIP:\n  " + "\n  ".join(broken))
    os.replace(tmp, path)
    return path


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--profile-dir",
        type=Path,
        help="QGIS profile folder, e.g. ~/.local/share/QGIS/QGIS3/profiles/default",
    )
    parser.add_argument("--constraints", type=Path, help="pip constraints (numpy pinned to the system's)")
    parser.add_argument(
        "--no-libs", action="store_true", help="do not vendor shapely/pyogrio into the plugin"
    )
    parser.add_argument("--zip", type=Path, help="write the plugin ZIP here instead of installing")
    args = parser.parse_args()
    if args.zip:
        print("Plugin package: {}".format(make_zip(args.zip)))
        return 0
    if not args.profile_dir:
        parser.error("give --profile-dir or --zip")
    target = install(args.profile_dir.expanduser(), args.constraints, with_libs=not args.no_libs)
    print("Belt Map installed in {} and enabled in that profile.".format(target))
    print("Start QGIS (or run qgis_process.bin list) to use it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
