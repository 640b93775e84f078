"""The validation gate of tagging and the exports: stop on data errors unless told to go on.

validate_or_stop(ignore, progress, transform_context, zones=..., belt=..., sites=..., roads=...) runs the
error-level checks; it raises ValidationError with the report's message when they find anything, unless
ignore (IGNORE_VALIDATION) is set: then it logs them as warnings, saying the run continues.
"""

from typing import Optional

from qgis.core import QgsFeatureRequest, QgsVectorLayer

from ...i18n import tr
from ..errors import BeltMapError
from . import issue_lines, run_error_checks, summary_message


class ValidationError(BeltMapError):
    """The error-level checks found problems and IGNORE_VALIDATION is not set (the message lists them)."""


def validate_or_stop(
    ignore: bool, feedback, transform_context=None, zones=None, belt=None, sites=None, roads=None, **options
):
    """Run the error-level checks; raise ValidationError listing them unless ignore (IGNORE_VALIDATION),
    when they are logged as warnings and the run continues.

    transform_context: the datum transforms of the run; options go to run_error_checks (skip, max_sites,
    zone_id_field). Returns the errors found (an empty list when the data are fine).
    """
    if feedback is not None:
        feedback.pushInfo(tr("Checking the belt data before running…"))
    errors = run_error_checks(
        zones=zones, belt=belt, sites=sites, roads=roads, transform_context=transform_context, **options
    )
    if not errors:
        return errors
    if not ignore:
        raise ValidationError(summary_message(errors))
    if feedback is not None:
        feedback.pushWarning(
            tr("IGNORE_VALIDATION is set: the run continues despite these problems.")
            + "\n"
            + issue_lines(errors)
        )
    return errors


def checked_layer(layer, source, name: str, limit: Optional[int] = None) -> QgsVectorLayer:
    """The layer validation reads: the whole layer when given, else the source's features (at most
    `limit`) copied into a memory layer (kept alive by the caller's reference)."""
    if layer is not None:
        return layer
    request = QgsFeatureRequest()
    if limit is not None:
        request.setLimit(limit)
    copy = source.materialize(request)
    copy.setName(name)
    return copy
