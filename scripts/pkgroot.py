"""Make `import beltmap` find this repository without putting the repository root on sys.path.

The root is the plugin, and its processing/ would shadow QGIS's `processing` module: scripts and tests
import the plugin through a symlink build/pkgroot/beltmap -> repository root instead.
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PKG_ROOT = REPO / "build" / "pkgroot"


def expose_package() -> None:
    """Link build/pkgroot/beltmap to the repository, put build/pkgroot first on sys.path, drop the root."""
    link = PKG_ROOT / "beltmap"
    PKG_ROOT.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and Path(os.readlink(link)) != REPO:
        link.unlink()
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    # `python -m …` puts the working directory (often the repository root) on sys.path
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO]
    if str(PKG_ROOT) not in sys.path:
        sys.path.insert(0, str(PKG_ROOT))
