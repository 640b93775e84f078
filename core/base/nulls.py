"""NULL as every provider and Qt binding gives it: None, a null QVariant (or null QDate…), or the "NULL"
text PyQt5 prints for a NULL attribute."""


def is_null(value) -> bool:
    """True for None, anything Qt says isNull() of, and the "NULL" text of a NULL attribute."""
    if value is None:
        return True
    is_null_method = getattr(value, "isNull", None)
    if callable(is_null_method) and is_null_method():
        return True
    return str(value) == "NULL"


def or_none(value):
    """The value, None when it is NULL."""
    return None if is_null(value) else value
