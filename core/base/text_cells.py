"""Table cells that spreadsheets must not run: text starting like a formula is written as text (OWASP)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value):
    """value with a leading apostrophe when it is text starting with = + - @ tab or CR; numbers unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value.strip()):
        return "'" + value
    return value
