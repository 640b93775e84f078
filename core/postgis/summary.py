"""Zone summary counts inside PostGIS: one GROUP BY over a tagged table."""

from typing import Callable, List, Optional, Tuple

from . import sql
from .connection import PgTable
from .session import Session


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
