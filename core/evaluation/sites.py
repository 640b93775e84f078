"""The sites an index reads: tagged by zone when an indicator needs zone_type, with walk_m when one needs it.

Both steps call engines directly (tagging, service reach) and hand back a memory layer with the fields the
beltmap:tagzones and beltmap:servicecoverage outputs have, so indicators and expressions see the same sites.
"""

from qgis.core import QgsMemoryProviderUtils

from ...i18n import tr
from ..base.progress import check_cancel
from ..errors import BeltMapError, Cancelled
from ..reach.engine import ReachRequest, measure_reach
from ..reach.site_columns import site_features, site_fields
from ..tagging.engine import tag_with_defaults


def needs_zone_type(indicators) -> bool:
    """True when an indicator mixes land use over the sites' zone types."""
    return any(i.kind == "lum" and i.params.get("over") == "zone_type" for i in indicators)


def needs_walk(indicators) -> bool:
    """True when an indicator reads the walk to the nearest station."""
    return any(i.kind in ("coverage", "walk") for i in indicators)


def tagged_sites(sites, zones, transform_context, progress):
    """The sites tagged by zone (priority rule, no belt) when they have no zone_type and zones are given,
    by the one tagging entry point (its error-level checks of zones and sites included)."""
    if sites.fields().indexOf("zone_type") >= 0 or zones is None:
        return sites
    progress.pushInfo(tr("Tagging the sites by zone"))
    tagged = tag_with_defaults(sites, zones, progress, transform_context=transform_context)
    check_cancel(progress)
    return tagged


def walked_sites(sites, roads, station_category, transform_context, progress):
    """The sites with station_id, walk_m, walk_min, method and cov_<r> (service reach engine); the sites
    unchanged, with a warning, when no station is found or the measuring fails."""
    progress.pushInfo(tr("Measuring walking distances to the service stations"))
    request = ReachRequest(
        sites=sites, roads=roads, station_category=station_category, transform_context=transform_context
    )
    try:
        reach = measure_reach(request, progress)
    except Cancelled:
        raise
    except BeltMapError:
        progress.pushWarning(
            tr(
                "Walking distances cannot be measured: no site has the category of STATION_CATEGORY "
                "({}), or the measuring failed. The indicators that need them are left out."
            ).format(station_category)
        )
        return sites
    fields, kept = site_fields(sites.fields(), reach.radii)
    layer = QgsMemoryProviderUtils.createMemoryLayer("sites", fields, sites.wkbType(), sites.sourceCrs())
    rows = list(site_features(fields, kept, sites, reach))
    layer.dataProvider().addFeatures(rows)
    return layer
