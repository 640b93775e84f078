"""The upload rules of the QGIS plugin repository (plugins.qgis.org), checked on a plugin ZIP.

plugin_zip_rules.py beltmap.zip  prints each broken rule and exits 1, or prints nothing and exits 0.
"""

import configparser
import os
import re
import sys
import zipfile
from urllib.parse import urlparse

MAX_BYTES = 25 * 1024 * 1024
FOLDER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-_]+")
REQUIRED_METADATA = (
    "name",
    "description",
    "about",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "tracker",
    "repository",
)
URL_METADATA = ("tracker", "repository", "homepage")
BANNED_PARTS = ("__pycache__", ".git", "__MACOSX")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _metadata_problems(text: str, names: set, top: str) -> list:
    """Broken rules of metadata.txt: required keys, URLs with scheme and host, the icon it names."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
        general = parser["general"]
    except (configparser.Error, KeyError) as error:
        return ["metadata.txt has no readable [general] section: {}".format(error)]
    found = ["metadata.txt lacks `{}`".format(k) for k in REQUIRED_METADATA if not general.get(k, "").strip()]
    for key in URL_METADATA:
        value = general.get(key, "").strip()
        url = urlparse(value)
        if value and not (url.scheme in ("http", "https") and url.netloc):
            found.append("metadata.txt `{}` is not a URL with scheme and host: {!r}".format(key, value))
    email = general.get("email", "").strip()
    if email and not EMAIL.fullmatch(email):
        found.append("metadata.txt `email` is not an e-mail address: {!r}".format(email))
    icon = general.get("icon", "").strip()
    if icon and "{}/{}".format(top, icon) not in names:
        found.append("the icon metadata.txt names is not in the ZIP: {}".format(icon))
    return found


def problems(path) -> list:
    """Every upload rule the ZIP at path breaks (empty when the repository would accept it)."""
    found = []
    if os.path.getsize(path) > MAX_BYTES:
        found.append("the ZIP is larger than 25 MB ({} bytes)".format(os.path.getsize(path)))
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return found + ["not a ZIP file"]
    with archive:
        corrupt = archive.testzip()
        if corrupt is not None:
            found.append("corrupt member: {}".format(corrupt))
        names = set(archive.namelist())
        tops = {name.split("/", 1)[0] for name in names}
        if len(tops) != 1 or any("/" not in name for name in names):
            return found + ["the ZIP must hold exactly one top folder, it holds: {}".format(sorted(tops))]
        top = tops.pop()
        if not FOLDER_NAME.fullmatch(top):
            found.append("top folder name {!r} does not match [A-Za-z][A-Za-z0-9-_]+".format(top))
        for required in ("__init__.py", "metadata.txt", "LICENSE"):
            if "{}/{}".format(top, required) not in names:
                found.append("{}/{} is missing".format(top, required))
        for name in sorted(names):
            parts = name.split("/")
            if name.endswith(".pyc") or any(part in BANNED_PARTS for part in parts):
                found.append("banned file in the ZIP: {}".format(name))
        if "{}/metadata.txt".format(top) in names:
            text = archive.read("{}/metadata.txt".format(top)).decode("utf-8")
            found += _metadata_problems(text, names, top)
    return found


def main(argv) -> int:
    """Print the broken rules of each ZIP given; 1 if any."""
    broken = 0
    for path in argv:
        for problem in problems(path):
            print("{}: {}".format(path, problem))
            broken += 1
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
