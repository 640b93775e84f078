"""Output fields from short specs: (name, field type) or (name, type, alias)."""

from qgis.core import QgsField, QgsFields

from ...compat import BIGINT, INT, REAL, TEXT  # noqa: F401 (the field types, re-exported for the algorithms)


def make_fields(specs, base: QgsFields = None) -> QgsFields:
    """QgsFields holding base's fields (if any), then one field per spec, with its alias when given."""
    fields = QgsFields(base) if base is not None else QgsFields()
    for spec in specs:
        field = QgsField(spec[0], spec[1])
        if len(spec) > 2 and spec[2]:
            field.setAlias(spec[2])
        fields.append(field)
    return fields
