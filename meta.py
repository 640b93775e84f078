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


RESOURCE_PREFIX = ":/plugins/beltmap"  # resources.qrc's prefix (qt_resources.py registers the compiled file)


def icon_path(name: str = "beltmap.svg") -> str:
    """The Qt resource path of an icon in resources.qrc, e.g. :/plugins/beltmap/icons/tag.svg."""
    return "{}/icons/{}".format(RESOURCE_PREFIX, name)
