"""Compile resources.qrc (the plugin's icons) into the binary resources.rcc with Qt's rcc.

build_resources.py [OUTPUT]  writes OUTPUT (default: resources.rcc in the repository); `make compiled` and the
installer run it. Binary and uncompressed, the file registers with QResource on Qt5 and Qt6 alike: no pyrcc5.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QRC = REPO / "resources.qrc"
RCC_FILE = REPO / "resources.rcc"
# Debian: qtbase5-dev-tools (Qt5's rcc), qt6-base-dev-tools (Qt6's); both write a file either Qt reads
RCC_PATHS = ("/usr/lib/qt5/bin/rcc", "/usr/lib/qt6/libexec/rcc", "/usr/lib/qt6/bin/rcc")


def find_rcc():
    """Path of Qt's resource compiler, or None."""
    for path in RCC_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("rcc")


def build(output: Path = RCC_FILE, qrc: Path = QRC) -> Path:
    """Compile qrc into output (binary, no compression); SystemExit naming the package when rcc is missing."""
    rcc = find_rcc()
    if rcc is None:
        raise SystemExit("rcc (Qt's resource compiler) not found: apt install qtbase5-dev-tools")
    output = Path(output)
    part = output.with_name(output.name + ".part")
    subprocess.run([rcc, "--binary", "--no-compress", str(qrc), "-o", str(part)], check=True)
    os.replace(part, output)
    return output


def main(argv) -> int:
    """Command line entry point."""
    print("Icons compiled into {}".format(build(Path(argv[1]) if len(argv) > 1 else RCC_FILE)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
