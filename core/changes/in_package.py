"""The package's `changes/` folder against an earlier package (exportpackage BASELINE, issue 18).

Self-contained so the export can call it once its belt.gpkg is written and before its manifest is:
the change map, tables and summary go into <package>/changes/, and the manifest gets the baseline's
name, date and the sha256 of its manifest.
"""

import os
from typing import Dict

from .engine import compare
from .request import ChangeRequest, YearInput

CHANGES_FOLDER = "changes"


def write_changes_into_package(
    package_folder: str,
    baseline: str,
    progress,
    language: str = "zh",
    paper: str = "A3",
    after_label: str = "",
) -> Dict:
    """Compare the package being written (its belt.gpkg) with baseline (a package folder or ZIP, or a
    GeoPackage); write <package_folder>/changes/ and return the manifest's `baseline` entry."""
    request = ChangeRequest(
        before=YearInput(path=baseline),
        after=YearInput(path=package_folder, label=after_label),
        report_folder=os.path.join(package_folder, CHANGES_FOLDER),
        language=language,
        paper=paper,
    )
    result = compare(request, progress)
    return {
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
