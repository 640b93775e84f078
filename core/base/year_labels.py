"""A year's label (e.g. "2025"): from the package's manifest, else a four-digit year in the file or folder
name, else the label the user gives. The one place every reader of packages (beltchanges, beltprogress)
takes it from; pure Python."""

import datetime
import os
import re
from typing import Dict, List, Optional, Sequence

from ..errors import BeltMapError

YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20|21)\d\d)(?!\d)")


class YearLabelError(BeltMapError):
    """Two years with the same label, or a year without one; the message names the files."""


def current_year() -> str:
    """The current year as text, the default LABEL of exportpackage."""
    return str(datetime.date.today().year)


def manifest_label(manifest: Dict) -> str:
    """The label a package's manifest gives ('' when none): `label`, else `year`."""
    for key in ("label", "year"):
        value = manifest.get(key) if isinstance(manifest, dict) else None
        if value not in (None, ""):
            return str(value).strip()
    return ""


def year_in_name(path: str) -> str:
    """The last four-digit year (1900-2199) in the file or folder name of path, '' when none."""
    name = os.path.basename(os.path.normpath(str(path or "")))
    found = YEAR_IN_NAME.findall(name)
    return found[-1] if found else ""


def year_label(manifest: Dict, path: str) -> str:
    """The label of a year read from path: the manifest's, else a year in the name, else ''."""
    return manifest_label(manifest) or year_in_name(path)


def as_year(label: str) -> Optional[int]:
    """The year a label stands for (its first four-digit year), None when it holds none."""
    found = YEAR_IN_NAME.search(str(label or ""))
    return int(found.group(1)) if found else None


def split_labels(text: str) -> List[str]:
    """LABELS as given: comma-separated (also ，、;), trimmed; empty pieces kept as ''."""
    if not str(text or "").strip():
        return []
    return [piece.strip() for piece in re.split(r"[,，、;；]", str(text))]


def check_unique(labels: Sequence[str], paths: Sequence[str]) -> None:
    """Refuse two years with the same label, naming both files; refuse a year without a label."""
    seen: Dict[str, str] = {}
    for label, path in zip(labels, paths):
        if not label:
            raise YearLabelError(
                "{}: no year label (its manifest.json has no label and its name no four-digit year); "
                "give LABELS, e.g. 2024,2025,2026, in the order of YEARS".format(path)
            )
        if label in seen:
            raise YearLabelError(
                "Two years have the same label '{}': {} and {}. Give LABELS (comma-separated, in the "
                "order of YEARS) or re-export one with exportpackage LABEL.".format(label, seen[label], path)
            )
        seen[label] = path
