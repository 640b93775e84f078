"""The change engine: two years of the belt in, site changes, zone changes and per-zone deltas out."""

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import numpy as np
from qgis.core import QgsGeometry

from ...i18n import tr
from ..base.progress import check_cancel
from ..base.zone_types import find_field
from . import deltas as zd
from .matching import finish_pair, key_status, match_sites
from .request import ChangeRequest, YearInput
from .site_rows import SiteRows
from .site_table import SITE_KEY_FIELDS, compared_fields
from .sites import read_sites
from .sources import ChangeInputError, YearLayers, open_year, release
from .walks import walk_note, year_walks
from .zones import match_zones, read_year_zones, reshaped, tag_points

ZONE_KINDS = ("added", "removed", "reshaped", "retyped", "renamed", "split", "merged", "unchanged")
DEFAULT_LABELS = ("之前", "之后")


@dataclass
class ChangeResult:
    """Everything a comparison found, ready for sinks, CSVs, the map and the summary."""

    labels: tuple
    counts: Dict[str, int]
    sites: object  # SiteRows: iterating gives one row per site, fields of SITE_CHANGES plus 'xy', 'xy_before'
    moves: List[dict]
    zones: List[dict]  # one row per zone: fields of ZONE_CHANGES plus 'geometry' (work CRS)
    deltas: List[dict]
    delta_fields: List[str]
    categories: List[str]
    zones_changed: int
    index_note: str
    walk_note: str = ""  # how the coverage shares' walks were measured (roads or straight line), for the log
    walk_hows: tuple = ()  # per year: walks.ROADS or walks.STRAIGHT (the summary says it in its languages)
    notes: List[str] = field(default_factory=list)
    baseline: Dict[str, str] = field(default_factory=dict)  # name, date, manifest sha256 of BEFORE
    files: Dict[str, str] = field(default_factory=dict)
    years: tuple = ()  # (YearLayers before, after) while finish runs: the change map draws belt and roads


def _year(given: YearInput, where: str) -> YearLayers:
    """The layers of a year: from its path, or the layers given one by one."""
    if given.path:
        return open_year(given.path, where)
    missing = [name for name, value in (("SITES", given.sites), ("ZONES", given.zones)) if value is None]
    if missing:
        raise ChangeInputError(
            tr("{}: give a package, a GeoPackage, or the {}_SITES and {}_ZONES layers (missing: {})").format(
                where, where, where, ", ".join("{}_{}".format(where, m) for m in missing)
            )
        )
    return YearLayers(
        sites=given.sites, zones=given.zones, belt=given.belt, stations=given.stations, roads=given.roads
    )


def choose_key(request: ChangeRequest, before, after, progress) -> Optional[str]:
    """The key field of both years; None matches by position. Stops when a named key is missing."""
    names_b, names_a = before.sites.fields().names(), after.sites.fields().names()
    if request.key_field is not None:
        if not request.key_field:
            progress.pushInfo(tr("KEY_FIELD is empty: every site is matched by position"))
            return None
        for where, names in (("BEFORE", names_b), ("AFTER", names_a)):
            if request.key_field not in names:
                raise ChangeInputError(
                    tr(
                        "KEY_FIELD: the sites of {} have no field '{}' (fields: {}); name a field both years "
                        "have, or leave KEY_FIELD empty to match by position"
                    ).format(where, request.key_field, ", ".join(names))
                )
        return request.key_field
    key_b = find_field(names_b, SITE_KEY_FIELDS)
    key_a = find_field(names_a, SITE_KEY_FIELDS)
    if key_b and key_a and key_b == key_a:
        progress.pushInfo(tr("Sites matched by key field '{}'").format(key_b))
        return key_b
    if key_b or key_a:
        raise ChangeInputError(
            tr(
                "KEY_FIELD: the sites of BEFORE have the id field {} and those of AFTER {}; name the key "
                "field both years share, or leave KEY_FIELD empty to match by position"
            ).format("'{}'".format(key_b) if key_b else "none", "'{}'".format(key_a) if key_a else "none")
        )
    progress.pushInfo(
        tr("No id field in either year ({}): sites matched by position").format(", ".join(SITE_KEY_FIELDS))
    )
    return None


def station_positions(year: YearLayers, sites, category: str, request, progress) -> np.ndarray:
    """Station positions in the work CRS: the stations layer, else the sites of the station category."""
    if year.stations is not None:
        table = read_sites(year.stations, None, [], request.transform_context, progress)
        return table.xy[table.has_geom]
    mask = sites.category == category
    return sites.xy[mask & sites.has_geom] if len(mask) else np.zeros((0, 2))


def compare(request: ChangeRequest, progress, finish: Optional[Callable] = None) -> ChangeResult:
    """Compare two years of the belt (see ChangeRequest); BeltMapError on bad input, Cancelled on cancel.
    finish(result), when given, runs while both years are still open (the report draws from them)."""
    before = _year(request.before, "BEFORE")
    try:
        after = _year(request.after, "AFTER")
        try:
            result = _compare(request, before, after, progress)
            if finish is not None:
                result.years = (before, after)
                try:
                    finish(result)
                finally:
                    result.years = ()
            return result
        finally:
            release(after)
    finally:
        release(before)


def _labels(request, before: YearLayers, after: YearLayers):
    label_b = request.before.label or before.label or DEFAULT_LABELS[0]
    label_a = request.after.label or after.label or DEFAULT_LABELS[1]
    if label_a == label_b:
        if not (before.manifest_sha256 and before.manifest_sha256 == after.manifest_sha256):
            raise ChangeInputError(
                tr(
                    "BEFORE ({}) and AFTER ({}) are both labelled {}: give each year its own label "
                    "(exportpackage LABEL, a year in the file name, or BEFORE_LABEL / AFTER_LABEL)"
                ).format(request.before.path or "BEFORE", request.after.path or "AFTER", label_a)
            )
        # one package given twice (said as such below): told apart by their export dates
        label_b = "{} ({})".format(label_b, before.date or DEFAULT_LABELS[0])
        label_a = "{} ({})".format(label_a, after.date or DEFAULT_LABELS[1])
    return label_b, label_a


def _compare(request: ChangeRequest, before: YearLayers, after: YearLayers, progress) -> ChangeResult:
    notes: List[str] = []

    def say(text, warning=False):
        notes.append(text)
        (progress.pushWarning if warning else progress.pushInfo)(text)

    labels = _labels(request, before, after)
    if before.manifest_sha256 and before.manifest_sha256 == after.manifest_sha256:
        say(tr("BEFORE and AFTER are the same package (same manifest): no changes"), True)
    key = choose_key(request, before, after, progress)
    if key:
        type_b = before.sites.fields().field(key).typeName()
        type_a = after.sites.fields().field(key).typeName()
        if type_b.lower() != type_a.lower():
            say(
                tr("Key field '{}' is {} in BEFORE and {} in AFTER: keys compared as text").format(
                    key, type_b, type_a
                )
            )
    names_b, names_a = before.sites.fields().names(), after.sites.fields().names()
    fields = [f for f in compared_fields(names_b) if f in names_a]
    as_text = [
        f for f in fields if before.sites.fields().field(f).type() != after.sites.fields().field(f).type()
    ]
    if as_text:
        say(tr("Fields of different types in the two years, compared as text: {}").format(", ".join(as_text)))
    only = sorted(set(compared_fields(names_b)) ^ set(compared_fields(names_a)))
    if only:
        say(tr("Fields in one year only, not compared: {}").format(", ".join(only)))
    check_cancel(progress)
    sites_b, sites_a = (
        read_sites(
            year.sites,
            key,
            fields,
            request.transform_context,
            progress,
            as_text,
            what=where,
        )
        for year, where in ((before, "BEFORE"), (after, "AFTER"))
    )
    codes = finish_pair(sites_b, sites_a)
    for label, table in (("BEFORE", sites_b), ("AFTER", sites_a)):
        if table.n == 0:
            empty = (
                tr("BEFORE has no sites: every site is added")
                if label == "BEFORE"
                else tr("AFTER has no sites: every site is removed")
            )
            say(empty, True)
        if table.null_geometries:
            say(
                tr("{}: {} sites without geometry (matched by key only)").format(
                    label, table.null_geometries
                ),
                True,
            )
        if key:
            _unique, dups = key_status(table.keys, table.key_null)
            if dups:
                shown = ", ".join(dups[:20]) + (" …" if len(dups) > 20 else "")
                say(
                    tr("{}: {} duplicated keys, matched by position: {}").format(label, len(dups), shown),
                    True,
                )
    check_cancel(progress)
    pairs = match_sites(sites_b, sites_a, request.tolerance, key is not None)
    progress.setProgress(50)
    zones_b = read_year_zones(before.zones, request.transform_context, "BEFORE", progress)
    zones_a = read_year_zones(after.zones, request.transform_context, "AFTER", progress)
    check_cancel(progress)
    zmatch = match_zones(zones_b, zones_a)
    tag_b = tag_points(zones_b, sites_b.xy, progress)
    tag_a = tag_points(zones_a, sites_a.xy, progress)
    progress.setProgress(65)
    same_zone = {b: a for b, a, _how in zmatch.pairs}
    site_rows = SiteRows(
        request.tolerance, sites_b, sites_a, pairs, zones_b, zones_a, tag_b, tag_a, same_zone
    )
    zone_rows = _zone_rows(zones_b, zones_a, zmatch)
    check_cancel(progress)
    progress.setProgress(75)
    categories = sorted(c for c in codes if c is not None)
    if not request.wants_deltas:
        progress.pushInfo(
            tr("Zone deltas, coverage shares and index not computed: no ZONE_DELTAS, report or package asked")
        )
        progress.setProgress(100)
        return _result(request, labels, before, site_rows, zone_rows, ([], [], "", []), categories, notes)
    stations = (
        station_positions(before, sites_b, request.station_category, request, progress),
        station_positions(after, sites_a, request.station_category, request, progress),
    )
    with_stations = len(stations[0]) > 0 and len(stations[1]) > 0
    if not with_stations:
        say(
            tr("No service stations in {}: coverage shares left out").format(
                tr("either year")
                if not len(stations[0]) and not len(stations[1])
                else ("BEFORE" if not len(stations[0]) else "AFTER")
            )
        )
    deltas = _deltas(
        request,
        (before, after),
        codes,
        categories,
        (sites_b, sites_a),
        (tag_b, tag_a),
        (zones_b, zones_a),
        zmatch,
        stations,
        with_stations,
        progress,
    )
    walk_text = walk_note(deltas[3], request.detour) if deltas[3] else ""
    if walk_text:
        say(walk_text)
    say(deltas[2])
    progress.setProgress(100)
    return _result(request, labels, before, site_rows, zone_rows, deltas, categories, notes)


def _result(request, labels, before, site_rows, zone_rows, deltas, categories, notes) -> ChangeResult:
    delta_rows, delta_fields, index_note, walk_hows = deltas
    walk_text = walk_note(walk_hows, request.detour) if walk_hows else ""
    counts = dict(site_rows.counts)
    zones_changed = sum(1 for row in zone_rows if row["change"] != "unchanged")
    return ChangeResult(
        labels=labels,
        counts=counts,
        sites=site_rows,
        moves=site_rows.moves(),
        zones=zone_rows,
        deltas=delta_rows,
        delta_fields=delta_fields,
        categories=categories,
        zones_changed=zones_changed,
        index_note=index_note,
        walk_note=walk_text,
        walk_hows=tuple(walk_hows),
        notes=notes,
        baseline={"name": before.name, "date": before.date, "manifest_sha256": before.manifest_sha256},
    )


def _zone_rows(zb, za, zmatch):
    """The ZONE_CHANGES rows: every after zone, and the before zones that have no after zone."""
    rows = []
    paired_a = {a: (b, how) for b, a, how in zmatch.pairs}
    paired_b = {b for b, _a, _how in zmatch.pairs}
    split_part = {a: b for b, parts in zmatch.split.items() for a in parts}
    merge_part = {b: a for a, parts in zmatch.merged.items() for b in parts}
    for a in range(len(za.ids)):
        kinds, related, b, how = [], [], None, ""
        if a in paired_a:
            b, how = paired_a[a]
            if reshaped(zb, za, b, a):
                kinds.append("reshaped")
            if zb.types[b] != za.types[a]:
                kinds.append("retyped")
            if (zb.names[b] or "") != (za.names[a] or "") or zb.ids[b] != za.ids[a]:
                kinds.append("renamed")
        if a in split_part:
            kinds.append("split")
            related.append(zb.ids[split_part[a]])
        if a in zmatch.merged:
            kinds.append("merged")
            related.extend(zb.ids[p] for p in zmatch.merged[a])
        if b is None and not kinds:
            kinds.append("added")
        rows.append(_zone_row(zb, za, b, a, kinds or ["unchanged"], how, related, "after"))
    for b in range(len(zb.ids)):
        if b in paired_b:
            continue
        if b in zmatch.split:
            kinds, related = ["split"], [za.ids[p] for p in zmatch.split[b]]
        elif b in merge_part:
            kinds, related = ["merged"], [za.ids[merge_part[b]]]
        else:
            kinds, related = ["removed"], []
        rows.append(_zone_row(zb, za, b, None, kinds, "", related, "before"))
    return rows


def _zone_row(zb, za, b, a, kinds, how, related, year):
    area_b = float(zb.areas[b]) if b is not None else None
    area_a = float(za.areas[a]) if a is not None else None
    pct = round(100.0 * (area_a - area_b) / area_b, 2) if area_b and area_a is not None else None
    main, i = (za, a) if a is not None else (zb, b)
    return {
        "zone_id": main.ids[i],
        "name": main.names[i],
        "zone_type": main.types[i],
        "change": ";".join(kinds),
        "matched_by": how,
        "related": ";".join(sorted(set(related))) or None,
        "id_b": zb.ids[b] if b is not None else None,
        "type_b": zb.types[b] if b is not None else None,
        "type_a": za.types[a] if a is not None else None,
        "name_b": zb.names[b] if b is not None else None,
        "name_a": za.names[a] if a is not None else None,
        "area_b_m2": round(area_b, 1) if area_b is not None else None,
        "area_a_m2": round(area_a, 1) if area_a is not None else None,
        "area_pct": pct,
        "year": year,
        "geometry": QgsGeometry(main.zone_set.geometries[i]),  # work CRS
        "index_b": b,
        "index_a": a,
    }


def _deltas(request, years, codes, categories, sites, tags, zones, zmatch, stations, with_stations, progress):
    """ZONE_DELTAS rows: per zone (pairs, then after-only, then before-only), before / after / difference."""
    n_codes = len(codes)
    per_year, hows = [], []
    for year, table, tag, year_zones, station_xy in zip(years, sites, tags, zones, stations):
        n = len(year_zones.ids)
        counts = zd.counts_by_zone(tag, table.category_code, n, n_codes)
        by_name = np.zeros((n, len(categories)))
        for j, name in enumerate(categories):
            by_name[:, j] = counts[:, codes[name]]
        km2 = year_zones.areas / 1e6
        figures = {"counts": by_name, "total": counts.sum(axis=1), "km2": km2, "cov": None, "walk": None}
        if with_stations:
            walk, how = year_walks(year, table, station_xy, request, progress, tag >= 0)
            hows.append(how)
            figures["coverage"] = zd.coverage_by_zone(tag, walk, n, request.radii)
            figures["cov"] = zd.coverage_by_zone(tag, walk, n, [zd.COVERAGE_RADIUS])[zd.COVERAGE_RADIUS]
            figures["walk"] = zd.mean_walk_by_zone(tag, walk, n)
        per_year.append(figures)
        check_cancel(progress)
    index = zd.pooled_index(per_year, categories, with_stations)
    offset = len(zones[0].ids)
    units = [(b, a) for b, a, _how in zmatch.pairs]
    paired_a = {a for _b, a in units}
    paired_b = {b for b, _a in units}
    units += [(None, a) for a in range(len(zones[1].ids)) if a not in paired_a]
    units += [(b, None) for b in range(len(zones[0].ids)) if b not in paired_b]
    fields = ["zone_id", "zone_name", "zone_type", "zone_id_b", "km2_b", "km2_a"]
    for prefix in ["sites"] + ["n_" + c for c in categories]:
        fields += [prefix + "_b", prefix + "_a", prefix + "_d"]
    fields += ["dens_b", "dens_a", "dens_d"]
    if with_stations:
        for r in request.radii:
            fields += ["cov{}_b".format(_r(r)), "cov{}_a".format(_r(r)), "cov{}_d".format(_r(r))]
    fields += ["score_b", "score_a", "score_d", "grade_b", "grade_a", "score_scale"]
    rows = []
    for b, a in units:
        main, i = (zones[1], a) if a is not None else (zones[0], b)
        row = {
            "zone_id": main.ids[i],
            "zone_name": main.names[i],
            "zone_type": main.types[i],
            "zone_id_b": zones[0].ids[b] if b is not None else None,
            "km2_b": _round(per_year[0]["km2"][b], 4) if b is not None else None,
            "km2_a": _round(per_year[1]["km2"][a], 4) if a is not None else None,
        }

        def pair(name, value_b, value_a, digits=None, row=row, b=b, a=a):
            _pair(row, name, value_b, value_a, b is None, a is None, digits)

        pair(
            "sites",
            int(per_year[0]["total"][b]) if b is not None else None,
            int(per_year[1]["total"][a]) if a is not None else None,
        )
        for j, c in enumerate(categories):
            pair(
                "n_" + c,
                int(per_year[0]["counts"][b, j]) if b is not None else None,
                int(per_year[1]["counts"][a, j]) if a is not None else None,
            )
        dens = [
            _round(y["total"][k] / y["km2"][k], 2) if k is not None and y["km2"][k] > 0 else None
            for y, k in zip(per_year, (b, a))
        ]
        pair("dens", dens[0], dens[1], 2)
        if with_stations:
            for r in request.radii:
                shares = [
                    _round(y["coverage"][r][k], 4) if k is not None else None
                    for y, k in zip(per_year, (b, a))
                ]
                pair("cov{}".format(_r(r)), shares[0], shares[1], 4)
        scores = [None, None]
        grades = [None, None]
        if index.score is not None:
            for side, k in enumerate((b, a)):
                if k is not None:
                    position = k + (offset if side == 1 else 0)
                    scores[side] = _round(index.score[position], 2)
                    grades[side] = index.grade_text(position, request.language)
        pair("score", scores[0], scores[1], 2)
        row["grade_b"], row["grade_a"] = grades
        row["score_scale"] = "pooled" if index.score is not None else None
        rows.append(row)
    return rows, fields, index.note, hows


def _pair(row, name, value_b, value_a, no_before, no_after, digits):
    """Set name_b, name_a and name_d; a count of a zone missing in a year is 0, a ratio None."""
    vb = 0 if no_before and digits is None else value_b
    va = 0 if no_after and digits is None else value_a
    row[name + "_b"], row[name + "_a"] = vb, va
    if vb is None or va is None:
        row[name + "_d"] = None
    else:
        row[name + "_d"] = va - vb if digits is None else _round(va - vb, digits)


def _r(radius) -> str:
    return str(int(radius)) if float(radius).is_integer() else str(radius).replace(".", "_")


def _round(value, digits):
    if value is None:
        return None
    value = float(value)
    if value != value:
        return None
    return round(value, digits) if digits is not None else value
