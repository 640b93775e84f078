"""The programme engine: several years of the belt and a targets table in, the indicators of every year
and scope, the progress of every target (the rule in rule.py) and the status of every zone out."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ...i18n import tr
from ..base.progress import check_cancel
from ..base.site_categories import SITE_CATEGORIES
from ..base.year_labels import YearLabelError, as_year, check_unique
from ..changes.sources import ChangeInputError, open_year, release
from ..changes.zones import match_zones, read_year_zones, reshaped
from ..errors import BeltMapError
from . import rule
from .chain_reader import read_year_chains
from .chains import ChainTablesError
from .figures import belt_shape, merge, year_figures
from .indicators import COVERAGE, DEFAULT_RADIUS, known_keys, parse_indicator, value_of
from .pooled import pooled_scale
from .reader import read_targets
from .request import EACH, ProgressRequest
from .scopes import resolve_scope

DIGITS = 4


class ProgressInputError(BeltMapError):
    """A year, a label or a target that cannot be used; the message names the file or the row."""


@dataclass
class ProgressResult:
    """Everything a run found, ready for the sinks, the CSVs and the report."""

    labels: List[str]
    years: List[int]
    paths: List[str]
    indicators: List[dict]  # INDICATORS rows: year, scope, indicator, value
    progress: List[dict]  # PROGRESS rows (one per target)
    zones: List[dict]  # ZONE_PROGRESS rows (+ 'geometry', work CRS)
    zone_fields: List[str]  # the per-indicator columns of ZONE_PROGRESS
    counts: Dict[str, int]
    inputs: List[dict]  # the calculation inputs: every figure of every scope-year used
    scale: dict  # the pooled index's reference points and weights
    changed_zones: List[dict]
    notes: List[str] = field(default_factory=list)
    walk_hows: List[str] = field(default_factory=list)
    method: str = rule.LINEAR
    zones_from: str = "latest"
    files: Dict[str, str] = field(default_factory=dict)


def field_name(indicator: str) -> str:
    """An indicator key as a field name: sites:enterprise -> sites_enterprise."""
    return "".join(c if c.isalnum() or c == "_" else "_" for c in indicator)


def _rounded(value) -> Optional[float]:
    if value is None or value != value:
        return None
    return round(float(value), DIGITS)


def order_years(request: ProgressRequest, opened) -> List[int]:
    """Labels checked (given, else from the package), unique, each a year; the order sorted by year."""
    paths = [y.path for y in opened]
    if len(request.labels) and len(request.labels) != len(opened):
        raise ProgressInputError(
            tr("LABELS: {} labels for {} years; give one label per year, in the order of YEARS").format(
                len(request.labels), len(opened)
            )
        )
    for i, year in enumerate(opened):
        if request.labels and request.labels[i]:
            year.label = request.labels[i]
    try:
        check_unique([y.label for y in opened], paths)
    except YearLabelError as error:
        raise ProgressInputError(str(error)) from error
    for year in opened:
        if as_year(year.label) is None:
            raise ProgressInputError(
                tr("{}: the label '{}' holds no year (e.g. 2025); give LABELS").format(year.path, year.label)
            )
    return sorted(range(len(opened)), key=lambda i: as_year(opened[i].label))


def run_progress(request: ProgressRequest, progress, finish=None) -> ProgressResult:
    """Assess the targets over the years (see ProgressRequest); BeltMapError on bad input, nothing written.
    finish(result), when given, runs while the years are still open."""
    if len(request.years) < 2:
        raise ProgressInputError(
            tr("YEARS: {} year given; progress needs two or more years (packages or GeoPackages)").format(
                len(request.years)
            )
        )
    targets = read_targets(request.targets, request.targets_sheet)
    opened = []
    try:
        for n, path in enumerate(request.years):
            check_cancel(progress)
            opened.append(open_year(path, "YEARS[{}]".format(n + 1)))
        order = order_years(request, opened)
        years = [opened[i] for i in order]
        result = _run(request, years, targets, progress)
        if finish is not None:
            finish(result)
        return result
    finally:
        for year in opened:
            release(year)


def _check_targets(targets, zone_ids, categories, first_year):
    """(scope, spec) per target; ProgressInputError naming the row of an unknown indicator or scope."""
    checked = []
    for target in targets:
        spec = parse_indicator(target.indicator)
        if spec is None:
            raise ProgressInputError(
                tr("TARGETS row {}: unknown indicator '{}'; known: {}").format(
                    target.row, target.indicator, ", ".join(known_keys())
                )
            )
        if categories is not None and spec.category and spec.category not in categories:
            raise ProgressInputError(
                tr("TARGETS row {}: no site of any year has the category '{}' (categories: {})").format(
                    target.row, spec.category, ", ".join(sorted(categories))
                )
            )
        scope = resolve_scope(target.scope, zone_ids)
        if spec.chain and (scope is None or scope.kind != "belt"):
            raise ProgressInputError(
                tr(
                    "TARGETS row {}: the chain indicator '{}' is about its leader's partners: its scope "
                    "must be belt (全带), not '{}'"
                ).format(target.row, target.indicator, target.scope)
            )
        if scope is None:
            shown = sorted(zone_ids)[:15]
            raise ProgressInputError(
                tr(
                    "TARGETS row {}: the scope '{}' is neither belt, a zone_id of the reporting zones "
                    "({}{}) nor a zone type (key or Chinese name, e.g. park / 园区)"
                ).format(target.row, target.scope, ", ".join(shown), " …" if len(zone_ids) > 15 else "")
            )
        t0 = target.baseline_year if target.baseline_year is not None else first_year
        if target.target_year <= t0:
            raise ProgressInputError(
                tr("TARGETS row {}: target_year {} is not after the baseline year {}").format(
                    target.row, target.target_year, t0
                )
            )
        checked.append((target, scope, spec))
    return checked


def _run(request: ProgressRequest, years, targets, progress) -> ProgressResult:
    notes: List[str] = []

    def say(text, warning=False):
        notes.append(text)
        (progress.pushWarning if warning else progress.pushInfo)(text)

    labels = [y.label for y in years]
    numbers = [as_year(label) for label in labels]
    say(tr("Years: {}").format(" → ".join(labels)))
    specs = [parse_indicator(t.indicator) for t in targets]
    radii = sorted({s.radius for s in specs if s is not None and s.kind == "coverage"})
    if any(s is not None and s.kind in ("walk", "index") for s in specs):
        radii = sorted(set(radii) | {DEFAULT_RADIUS})
    latest = years[-1]
    geography = read_year_zones(latest.zones, request.transform_context, labels[-1], progress)
    each = request.zones_from == EACH
    all_zones = []
    for k, year in enumerate(years):
        if each and k < len(years) - 1:
            all_zones.append(read_year_zones(year.zones, request.transform_context, labels[k], progress))
        else:
            all_zones.append(geography)
    zone_ids = set(geography.ids)
    if each:
        for zones in all_zones:
            zone_ids |= set(zones.ids)
    _check_targets(targets, zone_ids, None, numbers[0])  # fail fast, before the years are read
    latest_belt = belt_shape(latest.belt, request.transform_context)
    per_year = []
    for k, year in enumerate(years):
        check_cancel(progress)
        progress.setProgress(5 + 70.0 * k / len(years))
        belt = belt_shape(year.belt, request.transform_context) if each else latest_belt
        figures = year_figures(year, labels[k], numbers[k], all_zones[k], belt, radii, request, progress)
        per_year.append(figures)
        say(tr("{}: {} sites").format(labels[k], figures.sites))
    chains = _year_chains(years, labels, checked_specs=[s for s in specs if s is not None], say=say)
    categories = set()
    for figures in per_year:
        categories |= set(figures.categories)
    checked = _check_targets(targets, zone_ids, categories | {c.key for c in SITE_CATEGORIES}, numbers[0])
    all_categories = sorted(categories)
    with_stations = all(f.walk_how for f in per_year) if radii else False
    if radii and not with_stations:
        say(tr("Some years have no service station: their coverage is 0 % and their walks are missing"), True)
    scale = (
        pooled_scale([z for f in per_year for z in f.per_zone], all_categories, with_stations)
        if any(s.kind == "index" for _t, _s, s in checked)
        else None
    )
    if scale is not None:
        say(scale.note)
    changed = changed_zones(
        all_zones
        if each
        else [_zones_of(y, request, progress, labels[k], geography) for k, y in enumerate(years)],
        labels,
    )
    if changed and not each:
        say(
            tr("{} zones changed over the years; every year is reported on the zones of {}").format(
                len({c["zone_id"] for c in changed}), labels[-1]
            )
        )
    progress.setProgress(80)

    def scope_figures(scope, k):
        figures = per_year[k]
        if scope.kind == "belt":
            return figures.belt
        zones = figures.zones
        if scope.kind == "zone":
            if scope.key not in zones.ids:
                return None
            return figures.per_zone[zones.ids.index(scope.key)]
        return merge([figures.per_zone[i] for i, t in enumerate(zones.types) if t == scope.key])

    def value(scope, spec, k):
        if spec.chain:
            return chain_value(spec, chains[k])
        figures = scope_figures(scope, k)
        if figures is None:
            return None
        if spec.kind == "index":
            return scale.score(figures) if scale is not None else None
        return value_of(spec, figures, all_categories)

    indicator_rows, inputs, series = [], [], {}
    seen = set()
    for _target, scope, spec in checked:
        key = (scope.kind, scope.key, spec.key)
        if key in seen:
            continue
        seen.add(key)
        values = [_rounded(value(scope, spec, k)) for k in range(len(years))]
        series[key] = values
        for k, v in enumerate(values):
            indicator_rows.append(
                {
                    "year": numbers[k],
                    "label": labels[k],
                    "scope": scope.text,
                    "indicator": spec.key,
                    "value": v,
                }
            )
    for spec in {spec.key: spec for _t, _s, spec in checked if spec.chain}.values():
        for k, label in enumerate(labels):
            if chains[k] is not None and chains[k].leader(spec.leader) is None:
                say(
                    tr("{}: {} is no leader of the year's chain links (no partner): {} is missing").format(
                        label, spec.leader, spec.key
                    ),
                    True,
                )
    for scope in {(s.kind, s.key): s for _t, s, _sp in checked}.values():
        for k in range(len(years)):
            figures = scope_figures(scope, k)
            if figures is not None:
                row = _input_row(scope, labels[k], numbers[k], figures, scale, radii)
                if scope.kind == "belt":
                    row.update(chain_inputs([s for _t, _s, s in checked if s.chain], chains[k]))
                inputs.append(row)
    progress_rows = []
    for target, scope, spec in checked:
        values = series[(scope.kind, scope.key, spec.key)]
        t0 = target.baseline_year if target.baseline_year is not None else numbers[0]
        baseline = values[numbers.index(t0)] if t0 in numbers else None
        if t0 not in numbers:
            say(
                tr("TARGETS row {}: no year {} among the years: unable to assess").format(target.row, t0),
                True,
            )
        latest_value = values[-1]
        direction = rule.direction_of(target.direction_word, baseline, target.target)
        if not target.direction_word and spec.decrease:
            direction = -1
        assessed = rule.assess(
            baseline,
            latest_value,
            target.target,
            t0,
            numbers[-1],
            target.target_year,
            direction,
            request.method,
        )
        progress_rows.append(
            {
                "row": target.row,
                "scope": scope.text,
                "scope_kind": scope.kind,
                "scope_key": scope.key,
                "indicator": spec.key,
                "indicator_zh": spec.label_zh,
                "direction": "increase" if direction > 0 else "decrease",
                "baseline_year": t0,
                "baseline": baseline,
                "latest_year": numbers[-1],
                "latest": latest_value,
                "target_year": target.target_year,
                "target": target.target,
                "expected": _rounded(assessed.expected),
                "ratio": _rounded(assessed.ratio),
                "status": assessed.status,
                "status_zh": rule.STATUS_ZH[assessed.status],
                "unit": target.unit or spec.unit,
                "source": target.source,
                "responsible": target.responsible,
                "note": target.note,
                "series": values,
            }
        )
    zone_rows, zone_fields = _zone_rows(geography, progress_rows, series, checked)
    counts = {status: sum(1 for r in progress_rows if r["status"] == status) for status in rule.STATUSES}
    progress.setProgress(95)
    return ProgressResult(
        labels=labels,
        years=numbers,
        paths=[y.path for y in years],
        indicators=indicator_rows,
        progress=progress_rows,
        zones=zone_rows,
        zone_fields=zone_fields,
        counts=counts,
        inputs=inputs,
        scale=_scale_dict(scale),
        changed_zones=changed,
        notes=notes,
        walk_hows=[f.walk_how for f in per_year],
        method=request.method,
        zones_from=request.zones_from,
    )


def _year_chains(years, labels, checked_specs, say) -> list:
    """Each year's chain tables (core/programme/chains.py) when a target names a chain indicator, None for
    a year without links (its chain indicators are missing: unable to assess), said in the log."""
    if not any(s.chain for s in checked_specs):
        return [None] * len(years)
    found = []
    for k, year in enumerate(years):
        try:
            tables = read_year_chains(year.path, "YEARS[{}]".format(k + 1))
        except ChainTablesError as error:
            raise ProgressInputError(str(error)) from error
        if tables is None:
            say(
                tr(
                    "{}: the year holds no chain links (a package exported with LINKS has maps/chains/): its "
                    "chain indicators are missing, unable to assess"
                ).format(labels[k]),
                True,
            )
        else:
            say(
                tr("{}: chain links of {} leaders read from {}").format(
                    labels[k], len({id(c) for c in tables.leaders.values()}), tables.source
                )
            )
        found.append(tables)
    return found


def chain_value(spec, tables) -> Optional[float]:
    """A chain indicator's value in a year (percent, 0–100), None without links or without the leader."""
    if tables is None:
        return None
    leader = tables.leader(spec.leader)
    if leader is None:
        return None
    if spec.kind == "chain_inside":
        return leader.share_inside()
    return leader.share_within(spec.radius)


def chain_inputs(specs, tables) -> dict:
    """The chain figures behind the chain indicators of a year (calculation inputs of the belt): per
    leader its partners, those inside the belt and within each radius asked (empty without links)."""
    row = {}
    for spec in specs:
        leader = tables.leader(spec.leader) if tables is not None else None
        name = field_name("chain_" + spec.leader)
        row[name + "_partners"] = leader.partners if leader is not None else None
        if spec.kind == "chain_inside":
            row[name + "_inside"] = leader.inside if leader is not None else None
        else:
            within = "{}_within_{:g}km".format(name, spec.radius)
            row[within] = leader.count_within(spec.radius) if leader is not None else None
    return row


def _zones_of(year, request, progress, label, geography):
    """A year's own zones (for the list of zones that changed), the geography for the latest year."""
    if year.zones is None:
        return geography
    try:
        return read_year_zones(year.zones, request.transform_context, label, progress)
    except ChangeInputError:
        return geography


def changed_zones(zones_by_year, labels) -> List[dict]:
    """Zones added, removed or reshaped between each year and the latest."""
    latest = zones_by_year[-1]
    rows = []
    for k, zones in enumerate(zones_by_year[:-1]):
        if zones is latest:
            continue
        match = match_zones(zones, latest)
        paired_b = {b for b, _a, _h in match.pairs}
        paired_a = {a for _b, a, _h in match.pairs}
        for b, a, _how in match.pairs:
            if reshaped(zones, latest, b, a):
                rows.append({"zone_id": latest.ids[a], "year": labels[k], "change": "reshaped"})
        rows += [
            {"zone_id": latest.ids[a], "year": labels[k], "change": "added"}
            for a in range(len(latest.ids))
            if a not in paired_a
        ]
        rows += [
            {"zone_id": zones.ids[b], "year": labels[k], "change": "removed"}
            for b in range(len(zones.ids))
            if b not in paired_b
        ]
    return rows


def _zone_rows(geography, progress_rows, series, checked):
    """ZONE_PROGRESS: every reporting zone, the worst status of its targets (its own, else its zone
    type's), the latest value of each indicator for that zone."""
    indicators = sorted({spec.key for _t, _s, spec in checked})
    fields = [field_name(i) for i in indicators]
    rows = []
    for i, zone_id in enumerate(geography.ids):
        own = [r for r in progress_rows if r["scope_kind"] == "zone" and r["scope_key"] == zone_id]
        if not own:
            own = [
                r for r in progress_rows if r["scope_kind"] == "type" and r["scope_key"] == geography.types[i]
            ]
        status = rule.worst(r["status"] for r in own) if own else None
        row = {
            "zone_id": zone_id,
            "zone_name": geography.names[i],
            "zone_type": geography.types[i],
            "status": status,
            "status_zh": rule.STATUS_ZH[status] if status else "无目标",
            "targets": len(own),
            "geometry": geography.shapes[i],
        }
        for key, name in zip(indicators, fields):
            values = series.get(("zone", zone_id, key))
            row[name] = values[-1] if values else None
        rows.append(row)
    return rows, fields


def _input_row(scope, label, number, figures, scale, radii) -> dict:
    row = {
        "scope": scope.text,
        "year": number,
        "label": label,
        "sites": figures.total,
        "km2": _rounded(figures.km2),
        "categories": ";".join("{}={}".format(c, n) for c, n in sorted(figures.counts.items())),
        "walk_sum_m": _rounded(figures.walk_sum),
        "walk_count": figures.walk_count,
    }
    for r in radii:
        row["near_{:g}".format(r)] = figures.near.get(r)
    if scale is not None:
        row["index"] = _rounded(scale.score(figures))
    return row


def _scale_dict(scale) -> dict:
    if scale is None or scale.weights is None:
        return {"note": scale.note if scale is not None else ""}
    return {
        "note": scale.note,
        "indicators": list(scale.names),
        "low": [float(v) for v in scale.low],
        "high": [float(v) for v in scale.high],
        "weights": [float(v) for v in scale.weights],
        "directions": list(scale.directions),
        "units": scale.units,
    }


__all__ = ["run_progress", "ProgressResult", "ProgressInputError", "COVERAGE"]
