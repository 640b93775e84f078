"""The parameters of exportpackage for its optional parts: LABEL (the package's year, default: the current
year), HISTORY + TARGETS (earlier packages and a targets table: the package then holds progress/) and
LINKS (a chain links table: maps/chains/)."""

import re

from qgis.core import QgsProcessingParameterFile, QgsProcessingParameterString

from ..core.base.staged_folder import PackageError
from ..core.base.year_labels import current_year

LABEL, HISTORY, TARGETS, LINKS = "LABEL", "HISTORY", "TARGETS", "LINKS"


def add_option_parameters(algorithm) -> None:
    """Add LINKS, LABEL (the dialog shows this year unless changed), HISTORY and TARGETS."""
    links = QgsProcessingParameterFile(LINKS, algorithm.tr("Chain links (CSV/XLSX)"), optional=True)
    algorithm.addHelpedParameter(
        links, algorithm.tr("Optional: chain links (beltmap:chainlinks) in maps/chains/.")
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterString(LABEL, algorithm.tr("Year label"), defaultValue=current_year()),
        algorithm.tr(
            "The package's year, e.g. 2025 (default: the current year), written to manifest.json as label "
            "and year. beltchanges and beltprogress name the year by it."
        ),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterString(
            HISTORY, algorithm.tr("History: earlier packages"), multiLine=True, optional=True
        ),
        algorithm.tr(
            "Optional: the earlier packages (folders, ZIPs or GeoPackages), one a line or separated by ';'; "
            "with TARGETS the package also holds progress/ (the progress report and tables of "
            "beltmap:beltprogress over those years and this one)."
        ),
    )
    algorithm.addHelpedParameter(
        QgsProcessingParameterFile(
            TARGETS, algorithm.tr("Programme targets"), optional=True, fileFilter="Tables (*.csv *.xlsx)"
        ),
        algorithm.tr("Optional: the targets table of beltmap:beltprogress, used with HISTORY."),
    )


def option_values(algorithm, parameters, context) -> dict:
    """links, label, history and targets of the request; PackageError when only one of HISTORY and
    TARGETS."""
    raw = parameters.get(HISTORY)
    items = raw if isinstance(raw, (list, tuple)) else re.split(r"[;\n]", str(raw or ""))
    history = tuple(str(item).strip() for item in items if str(item).strip())
    targets = algorithm.parameterAsFile(parameters, TARGETS, context) if parameters.get(TARGETS) else ""
    if bool(history) != bool(targets):
        raise PackageError(
            algorithm.tr("Give both HISTORY (earlier packages) and TARGETS (the targets table), or neither")
        )
    label = (algorithm.parameterAsString(parameters, LABEL, context) or "").strip() or current_year()
    links = algorithm.parameterAsFile(parameters, LINKS, context) or ""
    return {"label": label, "history": history, "targets": targets, "links": links}
