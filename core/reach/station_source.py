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


def category_mask(features: List, field: str, category: str) -> np.ndarray:
    """True for the features whose category field equals category (trimmed, case-insensitive)."""
    wanted = category.strip().lower()
    index = features[0].fields().indexOf(field) if features else -1
    if index < 0:
        return np.zeros(len(features), dtype=bool)
    return np.array([str(f.attribute(index) or "").strip().lower() == wanted for f in features], dtype=bool)
