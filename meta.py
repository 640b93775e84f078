"""Plugin facts read once from metadata.txt, the single source of name and version."""

import configparser
import os
from functools import lru_cache

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))
PLUGIN_ID = "beltmap"  # folder name once installed, Processing provider id, settings group
LOG_TAG = "Belt Map"


@lru_cache(maxsize=1)
def metadata() -> configparser.SectionProxy:
    """The [general] section of metadata.txt."""
    parser = configparser.ConfigParser(interpolation=None)
    with open(os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8") as handle:
        parser.read_file(handle)
    return parser["general"]


def version() -> str:
    """The plugin version."""
    return metadata()["version"]


def name() -> str:
    """The plugin's display name."""
    return metadata()["name"]


def icon_path(name: str = "beltmap.svg") -> str:
    """The icon from the compiled resources (resources.qrc) when built, else the file in icons/."""
    from qgis.PyQt.QtCore import QFile

    resource = ":/plugins/{}/icons/{}".format(PLUGIN_ID, name)
    if QFile.exists(resource):
        return resource
    return os.path.join(PLUGIN_DIR, "icons", name)


def load_resources() -> bool:
    """Register the compiled Qt resources (resources_rc.py, built by make); False when not built."""
    try:
        from . import resources_rc  # noqa: F401
    except ImportError:
        return False
    return True
