"""Zone summary counts inside PostGIS: one GROUP BY over a tagged table."""

from typing import Callable, List, Optional, Tuple

from . import sql
from .connection import PgTable
from .session import Session
from .tagging import DatabaseRun, hits_sql, run_location, setup_statements


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


def untagged_counts(
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
