"""The zone summary engine: `summarise_zones(request, progress)` counts the features per zone and zone
type by category and returns the table (core/zone_summary/counts.py makes the rows).

The counting runs in PostGIS when INPUT (and ZONES, to tag on the way) are whole tables of one database
(core/zone_summary/in_database.py says why not otherwise); an untagged INPUT is tagged on the fly
with ZONES by the tagging engine (core/tagging/engine.py, the default rule); else the features are read here.
"""

from dataclasses import dataclass
from typing import List, Optional, Tuple

from ...i18n import tr
from ..base.progress import Progress
from ..base.zone_types import DEFAULT_PRIORITY
from ..errors import BeltMapError
from ..tagging import dispatch
from ..tagging.engine import tag_with_defaults, validate_before_tagging, zones_for
from ..tagging.rule import RULES
from ..tagging.tagger import Tagger
from . import in_database
from .counts import LEVEL_ZONE, category_columns, summarise
from .table import feature_tags, row_values, summary_specs, zone_infos


@dataclass(frozen=True)
class SummaryRequest:
    """A zone summary run: the features (tagged, or tagged on the fly with the zones), the zones, the
    priority, the category field; the whole layers behind them for the in-database path."""

    sites: object  # feature source of INPUT
    zones: Optional[object]  # feature source of ZONES, or None
    priority: Tuple[str, ...]
    category_field: str
    transform_context: object
    input_layer: Optional[object] = None  # the whole INPUT layer (None when only part is used)
    input_part: str = ""  # why only part of INPUT is used
    zones_layer: Optional[object] = None  # the whole ZONES layer (None when only part is used)
    zones_part: str = ""
    tag_engine: str = "auto"  # the tagging engine asked for (BELTMAP_TAGGING_ENGINE)
    validated: bool = False  # the caller already ran the error-level checks (an export): not again


@dataclass
class SummaryTable:
    """The summary: field specs (name, type, alias), one list of values per row, and the counts."""

    specs: List[tuple]
    rows: List[list]
    zone_rows: int
    tagged: int
    untagged: int


class NotTaggedError(BeltMapError):
    """INPUT has no zone_type field and no ZONES to tag it with."""


def summarise_zones(request: SummaryRequest, progress=None) -> Optional[SummaryTable]:
    """The zone summary table of request; None when cancelled."""
    progress = progress if progress is not None else Progress()
    tagged = request.sites.fields().indexOf("zone_type") >= 0
    tables, reason = None, ""
    if dispatch.is_postgis(request.input_layer):
        tables, reason = in_database.summary_tables(
            request.input_layer,
            request.input_part,
            tagged,
            request.zones_layer,
            request.zones_part,
            request.zones is not None,
        )
    features = None
    if tables is not None:
        features = _counted(request, tables, progress)
    elif reason:
        progress.pushInfo(tr("Not counting in the database: {}").format(reason))
    sites = request.sites
    if features is None and not tagged:
        sites = _tagged_on_the_fly(request, progress)
    zones, type_areas = _zones(request, progress)
    if features is None:
        features = feature_tags(sites, request.category_field, progress)
    if progress.isCanceled():
        return None
    rows, categories = summarise(features, zones, list(request.priority), type_areas)
    columns = category_columns(categories)
    specs = summary_specs(columns)
    table = row_values(rows, columns)
    return SummaryTable(
        specs=specs,
        rows=table,
        zone_rows=sum(1 for r in rows if r.level == LEVEL_ZONE),
        tagged=rows[-1].total - rows[-2].total,
        untagged=rows[-2].total,
    )


def _tagged_on_the_fly(request: SummaryRequest, progress):
    """INPUT tagged by the tagging engine with ZONES and the default rule, into a memory layer."""
    if request.zones is None:
        raise NotTaggedError(tr("INPUT has no zone_type field: tag it with beltmap:tagzones or give ZONES"))
    progress.pushInfo(tr("Tagging the sites by zone"))
    tagged = tag_with_defaults(
        request.sites,
        request.zones,
        progress,
        transform_context=request.transform_context,
        input_layer=request.input_layer,
        part_reason=request.input_part,
        zones_layer=request.zones_layer,
        engine=request.tag_engine,
        validated=request.validated,
    )
    return request.sites if tagged is None else tagged


def _counted(request: SummaryRequest, tables, progress):
    """(zone_id, zone_type, category, count) counted in PostGIS."""
    fields = request.sites.fields()
    if "ZONES" not in tables:
        return in_database.tagged_counts(tables["INPUT"], request.category_field, fields, progress)
    # tagged as beltmap:tagzones with its defaults would tag it
    zones = zones_for(request, request.sites.sourceCrs(), progress, priority=DEFAULT_PRIORITY)
    if not request.validated:
        validate_before_tagging(zones, request, progress, request.input_layer, request.sites)
    run = dispatch.database_run(
        tables["INPUT"], request.input_layer, Tagger(zones, RULES[0]), kept_columns=[]
    )
    return in_database.untagged_counts(run, request.category_field, fields, progress)


def _zones(request: SummaryRequest, progress):
    """ZoneInfo of every zone and the union area per type; ([], None) without ZONES."""
    if request.zones is None:
        return [], None
    return zone_infos(zones_for(request, request.zones.sourceCrs(), progress), request.priority)
