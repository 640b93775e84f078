"""Zone summary counts inside PostGIS: one GROUP BY over a tagged table, or tagged and counted there;
which tables qualify, else why not."""

from functools import partial
from typing import Callable, Dict, List, Optional, Tuple

from ...i18n import tr
from ..base.zone_types import normalise
from ..postgis.connection import PgTable
from ..postgis.session import CancelledError, DatabaseError, Session, psycopg2_module
from ..tagging import sql
from ..tagging.dispatch import whole_table
from ..tagging.in_database import DatabaseRun, hits_sql, run_location, setup_statements


def summary_statement(table: PgTable, category_field: Optional[str]) -> str:
    """(zone_id, zone_type, category, count) per distinct triple; '' counts as NULL as in the file path."""

    def text(column):
        return "NULLIF(s.{}::text, '')".format(sql.ident(column)) if column else "NULL::text"

    return "SELECT {}, {}, {}, count(*) FROM {} s GROUP BY 1, 2, 3".format(
        text("zone_id"), text("zone_type"), text(category_field), sql.qualified(table.schema, table.table)
    )


def category_counts(
    table: PgTable, category_field: Optional[str], is_canceled: Callable[[], bool]
) -> List[Tuple[Optional[str], Optional[str], Optional[str], int]]:
    """The counts of a tagged table, aggregated in the database (cancel cancels the query)."""
    with Session(table.conninfo(), is_canceled) as session:
        return session.query(summary_statement(table, category_field))


def untagged_rows(
    request: DatabaseRun, category_field: Optional[str], is_canceled: Callable[[], bool]
) -> List[Tuple[Optional[str], Optional[str], Optional[str], int]]:
    """Tag INPUT in a transaction and count the tags with one GROUP BY; nothing is written (rolled back)."""
    category = "NULLIF(s.{}::text, '')".format(sql.ident(category_field)) if category_field else "NULL::text"
    with Session(request.input.conninfo(), is_canceled) as session:
        name, schema = run_location([request.input.schema], session.query)
        zones = sql.run_table(name, schema)
        query = (
            "SELECT z.zone_id, z.zone_key, {c}, count(*) FROM {source} s "
            "LEFT JOIN ({hits}) h ON h.pk = s.{k} LEFT JOIN {zones} z ON z.{rank} = h.best GROUP BY 1, 2, 3"
        ).format(
            c=category,
            source=sql.qualified(request.input.schema, request.input.table),
            hits=hits_sql(request, zones),
            k=sql.ident(request.input.key_column),
            zones=zones,
            rank=sql.rank_column(request.tagger.rule),
        )
        session.execute(setup_statements(request, zones, unlogged=schema is not None))
        rows = session.query(query)
        session.rollback()
    return rows


def summary_tables(
    input_layer, input_part: str, tagged: bool, zones_layer, zones_part: str, zones_given: bool
) -> Tuple[Optional[Dict[str, PgTable]], str]:
    """The tables a zone summary counts in the database: {INPUT} for a tagged table, {INPUT, ZONES} to
    tag and count an untagged one; (None, why not) when the features must be read."""
    if not tagged and not zones_given:
        return None, "INPUT is not tagged"
    tables = {}
    for name, layer, part in (("INPUT", input_layer, input_part), ("ZONES", zones_layer, zones_part)):
        if name == "ZONES" and tagged:
            break
        tables[name], reason = whole_table(name, layer, part)
        if tables[name] is None:
            return None, reason
    if len({t.database_key() for t in tables.values()}) != 1:
        return None, "INPUT and ZONES are in different databases"
    if psycopg2_module() is None:
        return None, "psycopg2 is not installed"
    return tables, ""


def counted(category_field: str, fields, feedback, count) -> list:
    """count(category field or None, is_canceled) with the category field checked; [] when cancelled."""
    category = category_field or "category"
    if fields.indexOf(category) < 0:
        feedback.pushWarning(tr("No field {}: only totals are counted").format(category))
        category = None
    try:
        return count(category, feedback.isCanceled)
    except CancelledError:
        return []
    except DatabaseError as error:
        raise DatabaseError(tr("In-database summary failed: {}").format(error)) from None


def tagged_counts(table: PgTable, category_field: str, fields, feedback) -> list:
    """(zone_id, zone_type key, category, count) of a whole tagged PostGIS table, counted there."""
    feedback.pushInfo(tr("Counting in PostGIS: INPUT is a tagged table ({})").format(table.describe()))
    rows = counted(category_field, fields, feedback, partial(category_counts, table))
    return [(zone_id, normalise(key) if key is not None else None, cat, n) for zone_id, key, cat, n in rows]


def untagged_counts(run: DatabaseRun, category_field: str, fields, feedback) -> list:
    """(zone_id, zone_type, category, count) of an untagged table tagged and counted in the database
    (as beltmap:tagzones with its defaults would tag it); nothing is written."""
    feedback.pushInfo(tr("Tagging and counting in PostGIS: INPUT and ZONES in one PostGIS database"))
    rows = counted(category_field, fields, feedback, partial(untagged_rows, run))
    return [(zone_id, key, cat, int(n)) for zone_id, key, cat, n in rows]
