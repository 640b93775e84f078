"""The zone summary read from QGIS layers: zones and features in, the table's fields and rows out.

core/zone_summary/counts.py counts (pure Python); this module reads the tagged features for it and lays the
rows out as the table that core/zone_summary/engine.py returns to `beltmap:zonesummary` and the package.
"""

from typing import List, Sequence, Tuple

from qgis.core import QgsFeatureRequest, QgsGeometry

from ...i18n import tr
from ..base.field_specs import INT, REAL, TEXT
from ..base.site_categories import site_category
from ..base.tables import write_excel_csv
from ..base.zone_types import ZONE_KEYS, normalise, zone_type
from ..tagging.tagger import PROGRESS_EVERY
from ..tagging.zone_set import all_features, no_check_request
from .counts import NO_CATEGORY, ZoneInfo


def zone_infos(zones, priority: Sequence[str]):
    """ZoneInfo of every zone of a read ZoneSet and the union area per type (overlaps count once)."""
    infos = [ZoneInfo(i, n, k, a) for i, n, k, a in zip(zones.ids, zones.names, zones.keys, zones.areas)]
    type_areas = {}
    for key in priority:
        parts = [g for g, k in zip(zones.metric, zones.keys) if k == key]
        if parts:
            type_areas[key] = QgsGeometry.unaryUnion(parts).area()
    return infos, type_areas


def feature_tags(source, category_field: str, progress) -> List[Tuple]:
    """(zone_id, zone_type key, category) of every feature of a tagged source."""
    fields = source.fields()
    index = {name: fields.lookupField(name) for name in ("zone_id", "zone_type", category_field)}
    if index[category_field] < 0:
        progress.pushWarning(tr("No field {}: only totals are counted").format(category_field))
    wanted = [i for i in index.values() if i >= 0]
    total = source.featureCount()
    step = 100.0 / total if total and total > 0 else 0
    features = []
    request = no_check_request(wanted)
    request.setFlags(request.flags() | QgsFeatureRequest.NoGeometry)

    def value(attrs, name):
        i = index[name]
        v = attrs[i] if i >= 0 else None
        return None if v is None or (hasattr(v, "isNull") and v.isNull()) or v == "" else v

    for n, feature in enumerate(all_features(source, request)):
        if progress.isCanceled():
            break
        attrs = feature.attributes()
        zone_id = value(attrs, "zone_id")
        key = value(attrs, "zone_type")
        features.append(
            (
                None if zone_id is None else str(zone_id),
                normalise(key) if key is not None else None,
                value(attrs, category_field),
            )
        )
        if n % PROGRESS_EVERY == 0:
            progress.setProgress(n * step)
    return features


def category_label(category: str) -> str:
    """The alias of a category's count column."""
    if category == NO_CATEGORY:
        return tr("(no category)")
    return site_category(category).name_zh


def summary_specs(columns) -> List[tuple]:
    """(name, type, alias) of the table's fields: zone, type and area columns, one count per category,
    total and density."""
    return (
        [
            ("level", TEXT, "层级"),
            ("zone_id", TEXT, "区域编号"),
            ("zone_name", TEXT, "区域名称"),
            ("zone_type", TEXT, "区域类型"),
            ("zone_type_zh", TEXT, "区域类型（中文）"),
            ("area_m2", REAL, "面积（平方米）"),
            ("area_km2", REAL, "面积（平方公里）"),
        ]
        + [(name, INT, category_label(category)) for name, category in columns]
        + [("total", INT, "合计"), ("density", REAL, "密度（个/平方公里）")]
    )


def row_values(rows, columns) -> List[list]:
    """The attribute values of each summary row, in summary_specs order."""
    table = []
    for row in rows:
        values = [
            row.level,
            row.zone_id,
            row.zone_name,
            row.zone_type,
            zone_type(row.zone_type).name_zh if row.zone_type in ZONE_KEYS else None,
            row.area_m2,
            row.area_km2,
        ]
        values += [row.counts.get(category, 0) for _name, category in columns]
        values += [row.total, row.density]
        table.append(values)
    return table


def write_summary_csv(path, names: Sequence[str], table) -> None:
    """The table as CSV (UTF-8 with BOM, formula-safe), floats rounded to 6 decimals."""
    rounded = ([round(v, 6) if isinstance(v, float) else v for v in values] for values in table)
    write_excel_csv(path, list(names), rounded)
