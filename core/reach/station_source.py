"""Which features are the stations: a layer of their own, or the sites of one category; and their ids."""

from typing import List, Optional

import numpy as np

from ...i18n import tr
from ..base.nulls import is_null
from ..base.site_fields import SITE_KEY_FIELDS
from ..base.zone_types import find_field
from ..errors import BeltMapError

# the station key rule, as beltchanges' KEY_FIELD: None (or "site_id") looks for site_id, id, 编号, code
AUTO_KEY = None


class StationKeyError(BeltMapError):
    """The station key field named is not a field of the stations."""


def station_key_field(field_names: List[str], id_field: Optional[str]) -> Optional[str]:
    """The stations' key field: id_field when named (it must exist), the first of SITE_KEY_FIELDS present
    when id_field is None or 'site_id' (the default), none when id_field is '' (ids generated)."""
    if id_field is None or id_field.strip() == "site_id":
        return find_field(field_names, SITE_KEY_FIELDS)
    id_field = id_field.strip()
    if not id_field:
        return None
    found = find_field(field_names, (id_field,))
    if found is None:
        raise StationKeyError(
            tr(
                "STATION_ID_FIELD: the stations have no field '{}' (fields: {}); name one of them, or "
                "leave it empty for generated ids"
            ).format(id_field, ", ".join(field_names))
        )
    return found


def key_text(value) -> str:
    """A key as text, exactly as written: leading zeros and Chinese kept, 12.0 as 12, '' for NULL."""
    if is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def station_ids(features: List, id_field: Optional[str], progress=None) -> List[str]:
    """Station ids: the key field's value (station_key_field), else 'S' + the feature id; the stations
    without a key, and keys given twice, are said in the log."""
    if not features:
        return []
    field = station_key_field(features[0].fields().names(), id_field)
    ids, generated = [], 0
    for feature in features:
        value = key_text(feature[field]) if field else ""
        if not value:
            generated += 1
            value = "S{}".format(feature.id())
        ids.append(value)
    if progress is not None:
        if field is None:
            progress.pushInfo(tr("The stations have no key field: ids are 'S' and the feature id"))
        elif generated:
            progress.pushWarning(
                tr("{} stations have no {}: their ids are 'S' and the feature id").format(generated, field)
            )
        else:
            progress.pushInfo(tr("Station ids from the field {}").format(field))
        doubled = len(ids) - len(set(ids))
        if doubled:
            progress.pushWarning(tr("{} station ids are given to more than one station").format(doubled))
    return ids


def category_mask(values: List, category: str) -> np.ndarray:
    """True for the category values (one per site) equal to category (trimmed, case-insensitive)."""
    wanted = category.strip().lower()
    return np.array([str(v or "").strip().lower() == wanted for v in values], dtype=bool)
