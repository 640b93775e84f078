"""Validation of belt data: every problem that would spoil a map, each with what to do about it.

run_checks() runs every check and returns the issues (severity, layer, feature id, check, message in
the user's language, how to fix). run_error_checks() runs only the checks that can find errors and
returns the errors: tagging and export call it first and stop when it returns anything.
"""

from typing import Collection, Iterable, List, Optional, Sequence, Union

from qgis.core import QgsCoordinateTransformContext, QgsVectorLayer

from ...i18n import tr
from .checks import CHECKS
from .data import ERROR, INFO, SEVERITIES, WARNING, BeltData, Issue, count, layer_label
from .report import feature_label, issue_lines, issues_html, summary_message

MAX_PER_CHECK = 500  # issues listed per layer and check; the rest are counted in one summary row

LayerOrLayers = Union[None, QgsVectorLayer, Sequence[QgsVectorLayer]]


def _as_list(layers: LayerOrLayers) -> List[QgsVectorLayer]:
    if layers is None:
        return []
    if isinstance(layers, QgsVectorLayer):
        return [layers]
    return [layer for layer in layers if layer is not None]


def run_checks(
    zones: Optional[QgsVectorLayer] = None,
    belt: Optional[QgsVectorLayer] = None,
    sites: LayerOrLayers = None,
    roads: Optional[QgsVectorLayer] = None,
    feedback=None,
    errors_only: bool = False,
    skip: Collection[str] = (),
    max_sites: Optional[int] = None,
    zone_id_field: Optional[str] = None,
    transform_context: Optional[QgsCoordinateTransformContext] = None,
) -> List[Issue]:
    """Every issue of the belt data, errors first (at most MAX_PER_CHECK rows per layer and check).

    skip: check ids (Issue.check) left out, for a caller that handles those problems itself;
    max_sites: read at most this many features of each sites layer (the first ones), so that checking
    a million sites stays cheap; zone_id_field: the zone id field when not the auto-detected one;
    transform_context: the run's datum transforms (the processing context's).
    """
    data = BeltData(
        belt=belt,
        zones=zones,
        sites=_as_list(sites),
        roads=roads,
        errors_only=errors_only,
        max_sites=max_sites,
        zone_id_field=zone_id_field,
    )
    if transform_context is not None:
        data.transform_context = transform_context
    checks = [
        check
        for check, can_error, check_ids in CHECKS
        if (can_error or not errors_only) and not set(check_ids) <= set(skip)
    ]
    issues: List[Issue] = []
    for number, check in enumerate(checks):
        if feedback is not None:
            if feedback.isCanceled():
                break
            feedback.setProgress(100.0 * number / len(checks))
        found = [issue for issue in check(data) if issue.check not in skip]
        if errors_only:
            found = [issue for issue in found if issue.severity == ERROR]
        issues.extend(_capped(found))
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    issues.sort(key=lambda issue: order.get(issue.severity, 9))
    name_features(data, issues)
    return issues


def name_features(data: BeltData, issues: List[Issue]) -> None:
    """Give each issue on a feature the names users know (BeltData.name): zone_id and name of a zone,
    id and name of a site (nothing when the layer has neither: the report then shows the fid)."""
    layers = {layer_label(role, layer): (role, layer) for role, layer in data.layers()}
    for issue in issues:
        if issue.fid is None or issue.layer not in layers:
            continue
        role, layer = layers[issue.layer]
        feature = layer.getFeature(issue.fid)
        if feature.isValid():
            issue.feature = data.name(role, layer, dict(zip(layer.fields().names(), feature.attributes())))


def run_error_checks(**options) -> List[Issue]:
    """Only the error-level issues (what makes tagging or export wrong); an empty list when all is well.

    options as for run_checks (zones, belt, sites, roads, feedback, skip, max_sites, zone_id_field).
    """
    return run_checks(errors_only=True, **options)


def _capped(issues: Iterable[Issue]) -> List[Issue]:
    kept: List[Issue] = []
    counts = {}
    extra = {}
    for issue in issues:
        key = (issue.layer, issue.check, issue.severity)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] <= MAX_PER_CHECK:
            kept.append(issue)
        else:
            extra[key] = (extra.get(key, (0, issue))[0] + 1, issue)
    for (layer, check, severity), (extra_count, sample) in extra.items():
        kept.append(
            Issue(
                severity,
                layer,
                None,
                check,
                tr("… and {} more like this, not listed one by one.").format(extra_count),
                sample.fix,
                count=extra_count,
            )
        )
    return kept


__all__ = [
    "ERROR",
    "INFO",
    "WARNING",
    "Issue",
    "count",
    "feature_label",
    "issue_lines",
    "issues_html",
    "run_checks",
    "run_error_checks",
    "summary_message",
]
