"""Which features are the stations: a layer of their own, or the sites of one category."""

from typing import List, Optional

import numpy as np


def station_ids(features: List, id_field: Optional[str]) -> List[str]:
    """Station ids: the id field's value where given and set, else 'S' + the feature id."""
    ids = []
    for feature in features:
        value = feature[id_field] if id_field and feature.fields().indexOf(id_field) >= 0 else None
        ids.append(
            str(value) if value not in (None, "") and str(value) != "NULL" else "S{}".format(feature.id())
        )
    return ids


def category_mask(values: List, category: str) -> np.ndarray:
    """True for the category values (one per site) equal to category (trimmed, case-insensitive)."""
    wanted = category.strip().lower()
    return np.array([str(v or "").strip().lower() == wanted for v in values], dtype=bool)
