"""The package's `progress/` folder (exportpackage HISTORY and TARGETS, issue 26): the progress of the
earlier packages and the one being written towards the targets, written before its manifest."""

import os
from typing import Dict, Sequence, Tuple

from ..programme.request import ProgressRequest
from .report import progress_and_report

PROGRESS_FOLDER = "progress"


def package_progress(
    package_folder: str,
    history: Sequence[str],
    targets: str,
    label: str,
    progress,
    language: str = "zh",
    paper: str = "A4",
) -> Tuple[Dict, object]:
    """Assess the targets over the earlier packages and this one (its belt.gpkg, named by label); write
    <package_folder>/progress/; (the manifest's `progress` entry, the result)."""
    request = ProgressRequest(
        years=tuple(history) + (package_folder,),
        labels=tuple("" for _h in history) + (label,),  # '' : the earlier package's own label
        targets=targets,
        report_folder=os.path.join(package_folder, PROGRESS_FOLDER),
        language=language,
        paper=paper if paper in ("A4", "A3") else "A4",
    )
    result = progress_and_report(request, progress)
    entry = {
        "years": list(result.labels),
        "counts": dict(result.counts),
        "files": sorted(
            "{}/{}".format(PROGRESS_FOLDER, os.path.basename(path)) for path in result.files.values()
        ),
    }
    return entry, result
