"""Re-export: output fields from short specs live in core/field_specs.py (engines build fields too)."""

from ..core.field_specs import BIGINT, INT, REAL, TEXT, make_fields  # noqa: F401
