"""Walking metres to the nearest service station for the coverage shares: along the roads when the year
has roads (the reach engine, core/reach), else straight line x detour."""

from typing import Tuple

import numpy as np

from ...i18n import tr
from ..errors import BeltMapError, Cancelled
from ..reach.engine import ReachRequest, measure_reach
from . import deltas as zd

ROADS, STRAIGHT = "roads", "straight"


def year_walks(year, table, station_xy, request, progress, wanted) -> Tuple[np.ndarray, str]:
    """(walking metres per site of table, inf without a station; how: ROADS or STRAIGHT)."""
    if year.roads is None:
        return zd.walk_distances(table.xy, station_xy, request.detour, progress, wanted), STRAIGHT
    try:
        reach = measure_reach(
            ReachRequest(
                sites=year.sites,
                stations=year.stations,
                roads=year.roads,
                radii=tuple(request.radii),
                detour=request.detour,
                station_category=request.station_category,
                transform_context=request.transform_context,
            ),
            progress,
        )
    except Cancelled:
        raise
    except BeltMapError as error:
        progress.pushWarning(
            tr("Walk along the roads not measured ({}): straight line x {}").format(error, request.detour)
        )
        return zd.walk_distances(table.xy, station_xy, request.detour, progress, wanted), STRAIGHT
    walk = zd.walk_distances(table.xy, station_xy, request.detour, progress, wanted)
    # the walk depends only on where a site is: sites are found again by their position (work CRS, mm)
    measured = np.isfinite(reach.site_xy).all(axis=1) & np.isfinite(reach.walk_m)
    by_place = {
        (round(float(x), 3), round(float(y), 3)): float(w)
        for (x, y), w in zip(reach.site_xy[measured], reach.walk_m[measured])
    }
    ok = np.isfinite(table.xy).all(axis=1)
    if wanted is not None:
        ok &= wanted
    for i in np.flatnonzero(ok).tolist():
        found = by_place.get((round(float(table.xy[i, 0]), 3), round(float(table.xy[i, 1]), 3)))
        if found is not None:
            walk[i] = found
    return walk, ROADS


def walk_note(hows, detour: float) -> str:
    """How the coverage shares were measured, for the log."""
    if all(how == ROADS for how in hows):
        return tr("Coverage shares: walking distance along the roads in both years (core/reach)")
    if all(how == STRAIGHT for how in hows):
        return tr("Coverage shares: straight line x {} to the nearest service station (no roads)").format(
            detour
        )
    return tr("Coverage shares: along the roads in {} and straight line x {} in {} (no roads there)").format(
        *(("BEFORE", detour, "AFTER") if hows[0] == ROADS else ("AFTER", detour, "BEFORE"))
    )


def walk_summary(hows, detour: float, en: bool) -> str:
    """The summary's line on how the coverage shares were measured (its language, not the interface's)."""
    if not hows:
        return ""
    names = ("before", "after") if en else ("之前", "之后")
    parts = []
    for name, how in zip(names, hows):
        if how == ROADS:
            parts.append("{}: along the roads".format(name) if en else "{}：沿道路步行距离".format(name))
        else:
            parts.append(
                "{}: straight line x {} (no roads)".format(name, detour)
                if en
                else "{}：直线距离 x {}（无道路）".format(name, detour)
            )
    return ("How the coverage shares' walks were measured: " if en else "覆盖率的步行距离：") + (
        "; " if en else "；"
    ).join(parts)
