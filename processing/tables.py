"""Re-export: the CSV writer lives in core/tables.py (engines write tables too)."""

from ..core.tables import write_excel_csv  # noqa: F401
