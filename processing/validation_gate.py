"""The validation gate of `beltmap:tagzones` and `beltmap:exportpackage`: stop on data errors.

In initAlgorithm:   add_ignore_validation_parameter(self)
In processAlgorithm, once the layers are known:
    validate_or_stop(self, parameters, context, feedback, zones=..., belt=..., sites=[...], roads=...)
It raises QgsProcessingException with the report's message when the error-level checks find anything,
unless IGNORE_VALIDATION is true; then it only logs the errors.
"""

from qgis.core import QgsProcessingException, QgsProcessingParameterBoolean
from qgis.PyQt.QtCore import QCoreApplication

from ..core.validation import run_error_checks, summary_message

IGNORE_VALIDATION = "IGNORE_VALIDATION"


def tr(text: str) -> str:
    return QCoreApplication.translate("BeltMap", text)


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


def validate_or_stop(
    algorithm, parameters, context, feedback, zones=None, belt=None, sites=None, roads=None, **options
):
    """Run the error-level checks; raise QgsProcessingException listing them unless IGNORE_VALIDATION.

    options go to run_error_checks (skip, max_sites, zone_id_field).
    Returns the errors found (an empty list when the data are fine).
    """
    ignore = IGNORE_VALIDATION in parameters and algorithm.parameterAsBoolean(
        parameters, IGNORE_VALIDATION, context
    )
    if feedback is not None:
        feedback.pushInfo(tr("Checking the belt data before running…"))
    errors = run_error_checks(zones=zones, belt=belt, sites=sites, roads=roads, **options)
    if not errors:
        return errors
    message = summary_message(errors)
    if not ignore:
        raise QgsProcessingException(message)
    if feedback is not None:
        feedback.reportError(
            tr("IGNORE_VALIDATION is set, running despite these errors:") + "\n" + message, False
        )
    return errors
