"""The validation report as HTML, and the one message that stops tagging or export."""

import html
from typing import Iterable, List

from ...i18n import tr
from .data import ERROR, INFO, SEVERITIES, WARNING, Issue, count

ROW = '<tr><td style="color:{}"><b>{}</b></td>' + "<td>{}</td>" * 5 + "</tr>"
SEVERITY_STYLE = {ERROR: "#c62828", WARNING: "#ef6c00", INFO: "#546e7a"}


def severity_label(severity: str) -> str:
    """The severity in the user's language."""
    return {ERROR: tr("Error"), WARNING: tr("Warning"), INFO: tr("Note")}.get(severity, severity)


def issues_html(issues: Iterable[Issue], title: str = "") -> str:
    """A self-contained HTML page: counts by severity, then one table row per issue."""
    issues = list(issues)
    title = title or tr("Belt Map validation report")
    summary = ", ".join("{} {}".format(count(issues, s), severity_label(s)) for s in SEVERITIES)
    rows: List[str] = []
    for issue in issues:
        rows.append(
            ROW.format(
                SEVERITY_STYLE.get(issue.severity, "#000"),
                html.escape(severity_label(issue.severity)),
                html.escape(issue.layer),
                html.escape(issue.feature) if issue.feature else ("" if issue.fid is None else issue.fid),
                html.escape(issue.check),
                html.escape(issue.message),
                html.escape(issue.fix),
            )
        )
    if not rows:
        rows.append('<tr><td colspan="6">{}</td></tr>'.format(html.escape(tr("No problems found."))))
    header = "".join(
        "<th>{}</th>".format(html.escape(h))
        for h in (tr("Severity"), tr("Layer"), tr("Feature"), tr("Check"), tr("Problem"), tr("How to fix"))
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{0}</title>'
        "<style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}"
        "td,th{{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}}</style></head>"
        "<body><h1>{0}</h1><p>{1}</p><table><tr>{2}</tr>\n{3}\n</table></body></html>\n"
    ).format(html.escape(title), html.escape(summary), header, "\n".join(rows))


def feature_label(issue: Issue) -> str:
    """Where an issue is, as users know it: 'zones Z05 汽车博览公园', else 'zones #5', else the layer."""
    if issue.feature:
        return "{} {}".format(issue.layer, issue.feature)
    return issue.layer if issue.fid is None else "{} #{}".format(issue.layer, issue.fid)


def issue_lines(issues: Iterable[Issue], limit: int = 10) -> str:
    """The errors (at most `limit`), one line each with where, what and the fix."""
    errors = [issue for issue in issues if issue.severity == ERROR]
    lines = [
        tr("- {}: {} Fix: {}").format(feature_label(issue), issue.message, issue.fix)
        for issue in errors[:limit]
    ]
    if len(errors) > limit:
        lines.append(
            tr("… and {} more (run beltmap:validate for the full report).").format(len(errors) - limit)
        )
    return "\n".join(lines)


def summary_message(issues: Iterable[Issue], limit: int = 10) -> str:
    """One message listing the errors (at most `limit`) with their fixes, for a stopped algorithm."""
    errors = [issue for issue in issues if issue.severity == ERROR]
    total = count(errors, ERROR)
    lines = [tr("Validation found {} error(s) in the belt data; nothing was written:").format(total)]
    lines.append(issue_lines(errors, limit))
    lines.append(tr("Fix the data, or set IGNORE_VALIDATION to run anyway."))
    return "\n".join(lines)
