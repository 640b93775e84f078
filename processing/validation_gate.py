"""The validation gate of `beltmap:tagzones` and `beltmap:exportpackage`: stop on data errors.

In initAlgorithm:   add_ignore_validation_parameter(self)
In processAlgorithm, once the request (with IGNORE_VALIDATION read into it) is known:
    validate_or_stop(request.ignore_validation, feedback, context.transformContext(), zones=..., ...)
It raises QgsProcessingException with the report's message when the error-level checks find anything,
unless IGNORE_VALIDATION is true; then it logs them as warnings, saying the run continues.
"""

from qgis.core import QgsProcessingException, QgsProcessingParameterBoolean

from ..core.validation import issue_lines, run_error_checks, summary_message
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


def validate_or_stop(
    ignore: bool, feedback, transform_context=None, zones=None, belt=None, sites=None, roads=None, **options
):
    """Run the error-level checks; raise QgsProcessingException listing them unless ignore
    (IGNORE_VALIDATION), when they are logged as warnings and the run continues.

    transform_context: the datum transforms of the run (the context's); options go to run_error_checks
    (skip, max_sites, zone_id_field). Returns the errors found (an empty list when the data are fine).
    """
    if feedback is not None:
        feedback.pushInfo(tr("Checking the belt data before running…"))
    errors = run_error_checks(
        zones=zones, belt=belt, sites=sites, roads=roads, transform_context=transform_context, **options
    )
    if not errors:
        return errors
    if not ignore:
        raise QgsProcessingException(summary_message(errors))
    if feedback is not None:
        feedback.pushWarning(
            tr("IGNORE_VALIDATION is set: the run continues despite these problems.")
            + "\n"
            + issue_lines(errors)
        )
    return errors
