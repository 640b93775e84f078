"""The sites as the reach writes them: the input's fields (old walk fields left out), then station_id,
walk_m, walk_min, method and one cov_<r> flag per radius. One source for every writer of measured sites:
the servicecoverage output (feature by feature or in bulk) and the index's walked sites."""

from typing import Dict, List, Tuple

import numpy as np
from qgis.core import QgsFeature, QgsFields, QgsGeometry

from ..base.feature_keys import FidFiller
from ..base.field_specs import INT, REAL, TEXT, make_fields
from ..base.geometry_policy import usable_geometry

WALK_FIELDS = ("station_id", "walk_m", "walk_min", "method")
WALK_SPECS = [("station_id", TEXT), ("walk_m", REAL), ("walk_min", REAL), ("method", TEXT)]


def coverage_field(radius) -> str:
    """The flag field of one radius: cov_300, cov_500 … (cov_12_5 for a fractional radius)."""
    return "cov_{}".format(str(radius).replace(".", "_"))


def site_fields(source_fields, radii) -> Tuple[QgsFields, List[int]]:
    """(the output fields, the indexes of the input fields kept): a field named like a walk field or
    cov_… is replaced by the new one."""
    kept = [
        i
        for i, f in enumerate(source_fields)
        if f.name().lower() not in WALK_FIELDS and not f.name().lower().startswith("cov_")
    ]
    base = QgsFields()
    for i in kept:
        base.append(source_fields.at(i))
    return make_fields(WALK_SPECS + [(coverage_field(r), INT) for r in radii], base), kept


def walk_columns(found) -> Dict[str, list]:
    """The added columns' values in the sites' order, by field name (walk_m to 0.1 m, walk_min to 0.01)."""
    walk = found.walk_m
    finite = np.isfinite(walk)
    ids = np.array(found.station_ids + [None], dtype=object)
    station = np.where(finite & (found.station >= 0), found.station, len(found.station_ids))
    columns = {
        "station_id": ids[station].tolist(),
        "walk_m": [round(v, 1) if f else None for v, f in zip(walk.tolist(), finite.tolist())],
        "walk_min": [round(v, 2) if f else None for v, f in zip(found.walk_min.tolist(), finite.tolist())],
        "method": [m if f else None for m, f in zip(found.method.tolist(), finite.tolist())],
    }
    for radius in found.radii:
        columns[coverage_field(radius)] = (finite & (walk <= radius)).astype(int).tolist()
    return columns


def site_features(fields: QgsFields, kept: List[int], source, found, feedback=None, fill_keys=False):
    """The output features of the measured sites, one by one (progress and cancel every 1,000 when given
    a feedback); fill_keys: a site added in QGIS and not saved yet gets the next free fid."""
    columns = list(walk_columns(found).values())
    keys = FidFiller(source, kept) if fill_keys else None
    step = 100.0 / len(found.features) if len(found.features) else 0
    for i, feature in enumerate(found.features):
        if feedback is not None and i % 1000 == 0:
            if feedback.isCanceled():
                break
            feedback.setProgress(i * step)
        out = QgsFeature(fields)
        geometry = feature.geometry()
        out.setGeometry(geometry if usable_geometry(geometry) else QgsGeometry())  # one geometry policy
        values = [feature.attribute(j) for j in kept]
        if keys is not None:
            values = keys.fill(values)
        out.setAttributes(values + [column[i] for column in columns])
        yield out
