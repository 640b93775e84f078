"""The package's `changes/` folder against an earlier package (exportpackage BASELINE, issue 18).

Self-contained so the export can call it once its belt.gpkg is written and before its manifest is:
the change map, tables and summary go into <package>/changes/, and the manifest gets the baseline's
name, date and the sha256 of its manifest.
"""

import os
import zipfile
from typing import Dict, Tuple

from ...i18n import tr
from ..changes.engine import ChangeResult
from ..changes.request import ChangeRequest, YearInput
from ..changes.sources import GPKG_NAME, ChangeInputError, safe_members
from .report import compare_and_report

CHANGES_FOLDER = "changes"


def check_baseline(path: str, target: str = "") -> str:
    """The baseline path when it is an earlier package (a folder or ZIP holding belt.gpkg) and not the
    package being written (target), else a ChangeInputError naming what is wrong. Nothing is extracted."""
    path = str(path or "").strip()
    if not path or not os.path.exists(path):
        raise ChangeInputError(tr("BASELINE: {} does not exist").format(path or tr("(nothing given)")))
    real, target = os.path.realpath(path), os.path.realpath(target) if target else ""
    if target and (real in (target, target + ".zip") or real.startswith(target + os.sep)):
        raise ChangeInputError(
            tr(
                "BASELINE: {} is the package being written (or inside it); inputs are never written over: "
                "choose another NAME or OUTPUT_FOLDER"
            ).format(path)
        )
    if os.path.isdir(path):
        if not os.path.isfile(os.path.join(path, GPKG_NAME)):
            found = ", ".join(sorted(os.listdir(path))[:8]) or tr("an empty folder")
            raise ChangeInputError(
                tr("BASELINE: {} is not a belt map package: {} is missing (found: {})").format(
                    path, GPKG_NAME, found
                )
            )
        return path
    if not zipfile.is_zipfile(path):
        raise ChangeInputError(
            tr(
                "BASELINE: {} is not a belt map package: give the folder or the ZIP of an earlier package"
            ).format(path)
        )
    with zipfile.ZipFile(path) as archive:
        names = [info.filename.replace("\\", "/") for info in safe_members(archive, "BASELINE")]
    if not any(name.rsplit("/", 1)[-1] == GPKG_NAME for name in names):
        raise ChangeInputError(
            tr("BASELINE: {} is not a belt map package: {} is missing from the ZIP").format(path, GPKG_NAME)
        )
    return path


def package_changes(
    package_folder: str,
    baseline: str,
    progress,
    language: str = "zh",
    paper: str = "A3",
    after_label: str = "",
) -> Tuple[Dict, ChangeResult]:
    """Compare the package being written (its belt.gpkg) with baseline; write <package_folder>/changes/;
    (the manifest's `baseline` entry, the comparison)."""
    request = ChangeRequest(
        before=YearInput(path=baseline),
        after=YearInput(path=package_folder, label=after_label),
        report_folder=os.path.join(package_folder, CHANGES_FOLDER),
        language=language,
        paper=paper,
    )
    result = compare_and_report(request, progress)
    entry = {
        "baseline": {
            "name": result.baseline.get("name", ""),
            "date": result.baseline.get("date", ""),
            "manifest_sha256": result.baseline.get("manifest_sha256", ""),
            "labels": list(result.labels),
            "counts": dict(result.counts, zones_changed=result.zones_changed),
            "files": sorted(
                "{}/{}".format(CHANGES_FOLDER, os.path.basename(path)) for path in result.files.values()
            ),
        }
    }
    return entry, result
