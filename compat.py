"""Differences between the QGIS and Qt versions Belt Map runs on (QGIS 3.22 to 3.44, Qt5; QGIS 4, Qt6)."""

from qgis.core import Qgis
from qgis.PyQt.QtCore import QMetaType

# QGIS 3.38 moved field types from QVariant.Type to QMetaType.Type (the QVariant forms warn; Qt6 lacks them)
FIELD_TYPES_ARE_METATYPES = Qgis.QGIS_VERSION_INT >= 33800


def _field_types() -> tuple:
    """(text, integer, 64-bit integer, real, boolean, date) field types for QgsField on the running QGIS."""
    if FIELD_TYPES_ARE_METATYPES:
        kind = QMetaType.Type
        return kind.QString, kind.Int, kind.LongLong, kind.Double, kind.Bool, kind.QDate
    from qgis.PyQt.QtCore import QVariant  # QGIS < 3.38 is always Qt5

    return tuple(getattr(QVariant, name) for name in ("String", "Int", "LongLong", "Double", "Bool", "Date"))


TEXT, INT, BIGINT, REAL, BOOL, DATE = _field_types()
