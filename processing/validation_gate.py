"""The IGNORE_VALIDATION parameter of `beltmap:tagzones` and the exports; the gate itself is
core/validation/gate.py (engines call it there)."""

from qgis.core import QgsProcessingParameterBoolean

from ..i18n import tr

IGNORE_VALIDATION = "IGNORE_VALIDATION"


def add_ignore_validation_parameter(algorithm) -> None:
    """Add the advanced boolean IGNORE_VALIDATION (default false) with its help."""
    algorithm.addHelpedParameter(
        QgsProcessingParameterBoolean(
            IGNORE_VALIDATION, tr("Run even if validation finds errors"), defaultValue=False, optional=True
        ),
        tr(
            "Before running, the belt data are checked (geometry, CRS, zone types, zone ids, GCJ-02/BD-09 "
            "shift) and the algorithm stops with the list of errors and their fixes. Set this to run anyway."
        ),
        advanced=True,
    )
