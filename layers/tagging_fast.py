"""Vectorised tagging for GeoPackage files: pyogrio bulk read, shapely 2 STRtree, pyogrio bulk write.

Used only when the input is a whole GeoPackage layer (no filter, no selection) and the output a GeoPackage
path; otherwise, or when shapely >= 2 or pyogrio is missing, `plan` says why and the QGIS path runs.
Zones, ranking and overlaps come from the same ZoneSet and Tagger as the QGIS path, so the result is the
same feature for feature (tests/test_tag_zones.py runs both on random data).
"""

import os
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from qgis.core import (
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QVariant

from ..dependencies import missing_reason
from .tag_rule import RULE_LARGEST_OVERLAP, TAG_FIELDS
from .tagging import Stats, Tagger

CHUNK = 50_000
# QVariant types whose values pyogrio reads and writes back unchanged (NULLs restored with a mask)
_INT_TYPES = (QVariant.Int, QVariant.LongLong, QVariant.Bool)
_SUPPORTED = _INT_TYPES + (QVariant.String, QVariant.Double, QVariant.Date)
# the GeoPackage version QGIS's own GDAL writes, so that it opens the result without a warning
GPKG_VERSION = "1.2"


@dataclass
class Plan:
    """Everything the vectorised run needs, decided before any feature is read."""

    path: str
    layer: str
    out_path: str
    fid_column: Optional[str]
    fields: List[Tuple[str, int]]  # (name, QVariant type) of the input fields kept, in output order
    geometry_type: str
    crs: str
    versions: Tuple[str, str]
    load_name: Optional[str] = None


def _output_path(alg, parameters, context) -> Optional[str]:
    value = parameters.get(alg.OUTPUT)
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.createOptions:
        return None
    out = alg.parameterAsOutputLayer(parameters, alg.OUTPUT, context)
    if not out or "|" in out or not out.lower().endswith(".gpkg") or ":" in out.replace("\\", "/")[2:]:
        return None
    return out


def plan(alg, parameters, context, out_fields) -> Tuple[Optional[Plan], str]:
    """A Plan for the vectorised path, or (None, why it cannot be used)."""
    for package in ("shapely", "pyogrio"):
        reason = missing_reason(package)
        if reason:
            return None, reason
    value = parameters.get(alg.INPUT)
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly:
            return None, "only the selected features are used"
        if value.featureLimit not in (-1, None):
            return None, "a feature limit is set"
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    if layer is None or layer.providerType() != "ogr":
        return None, "the input is not a file layer"
    if layer.subsetString():
        return None, "the input has a filter"
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path) or parts.get("subset"):
        return None, "the input is not a GeoPackage layer"
    out = _output_path(alg, parameters, context)
    if out is None:
        return None, "the output is not a GeoPackage file"
    if os.path.abspath(out) == os.path.abspath(path):
        return None, "the output would replace the input"

    import pyogrio
    import shapely

    layer_name = parts.get("layerName") or None
    if layer_name is None:
        layer_name = pyogrio.list_layers(path)[int(parts.get("layerId") or 0)][0]
    info = pyogrio.read_info(path, layer=layer_name)
    fid_column = info.get("fid_column") or None
    file_fields = set(info["fields"])
    kept = []
    for f in out_fields:
        if f.name() in {t.name for t in TAG_FIELDS}:
            continue
        if f.name() != fid_column and f.name() not in file_fields:
            return None, "field {} is not read the same way by GDAL".format(f.name())
        if f.type() not in _SUPPORTED:
            return None, "field {} has type {}".format(f.name(), f.typeName())
        kept.append((f.name(), f.type()))
    destination = value_name = None
    out_value = parameters.get(alg.OUTPUT)
    if isinstance(out_value, QgsProcessingOutputLayerDefinition) and out_value.destinationProject is not None:
        destination = out_value.destinationName or alg.parameterDefinition(alg.OUTPUT).description()
        value_name = destination
    result = Plan(
        path=path,
        layer=layer_name,
        out_path=out,
        fid_column=fid_column,
        fields=kept,
        geometry_type=info["geometry_type"],
        crs=info["crs"] or layer.crs().toWkt(),
        versions=(shapely.__version__, pyogrio.__version__),
        load_name=value_name,
    )
    if destination is not None:
        details = QgsProcessingContext.LayerDetails(destination, out_value.destinationProject, alg.OUTPUT)
        context.addLayerToLoadOnCompletion(out, details)
    return result, ""


class VectorZones:
    """The tagger's zones and belt as prepared shapely geometries in an STRtree."""

    def __init__(self, tagger: Tagger):
        import numpy as np
        import shapely

        zones = tagger.zones
        ranking = zones.ranking
        self.tagger = tagger
        self.geoms = (
            shapely.from_wkb([bytes(g.asWkb()) for g in zones.geometries])
            if len(zones)
            else np.empty(0, object)
        )
        shapely.prepare(self.geoms)
        self.tree = shapely.STRtree(self.geoms)
        self.bits = np.array([1 << ranking.key_rank[k] for k in zones.keys], dtype=np.uint8)
        self.rank = np.array(ranking.static_rank(tagger.rule), dtype=np.int64)
        self.belt = None
        if tagger.belt is not None:
            self.belt = shapely.from_wkb(bytes(tagger.belt.asWkb()))
            shapely.prepare(self.belt)

    def tag(self, wkb, points: bool):
        """Tags of a chunk of WKB (None for NULL): choice (-1 none), key mask, count and in_belt
        (-1 for NULL)."""
        import numpy as np
        import shapely

        n = len(wkb)
        null = np.fromiter((g is None for g in wkb), dtype=bool, count=n)
        xy = _point_xy(wkb, null) if points else None
        if xy is not None:
            x, y = xy
            null |= np.isnan(x) | np.isnan(y)
            ok = np.nonzero(~null)[0]
            query = shapely.points(x[ok], y[ok])
            a, b = self.tree.query(query)
            hit = shapely.intersects_xy(self.geoms[b], x[ok][a], y[ok][a]) if len(a) else np.zeros(0, bool)
            a, b = ok[a[hit]], b[hit]
        else:
            geoms = shapely.from_wkb(wkb)
            null |= shapely.is_missing(geoms) | shapely.is_empty(geoms)
            ok = np.nonzero(~null)[0]
            a, b = self.tree.query(geoms[ok], predicate="intersects")
            a = ok[a]
        count = np.bincount(a, minlength=n).astype(np.int32)
        mask = np.zeros(n, dtype=np.uint8)
        for bit in np.unique(self.bits[b]) if len(b) else ():
            has = np.zeros(n, dtype=bool)
            has[a[self.bits[b] == bit]] = True
            mask[has] |= bit
        choice = np.full(n, -1, dtype=np.int64)
        if len(a):
            order = np.lexsort((self.rank[b], a))
            a_sorted, b_sorted = a[order], b[order]
            first = np.ones(len(a_sorted), dtype=bool)
            first[1:] = a_sorted[1:] != a_sorted[:-1]
            choice[a_sorted[first]] = b_sorted[first]
            if self.tagger.rule == RULE_LARGEST_OVERLAP and not points:
                self._by_overlap(wkb, a_sorted, b_sorted, count, choice)
        in_belt = np.full(n, -1, dtype=np.int8)
        if self.tagger.has_belt:
            in_belt[ok] = 0
            if self.belt is not None and len(ok):
                if xy is not None:
                    inside = shapely.intersects_xy(self.belt, x[ok], y[ok])
                else:
                    inside = shapely.intersects(self.belt, geoms[ok])
                in_belt[ok] = inside.astype(np.int8)
        count[null] = -1
        return choice, mask, count, in_belt

    def _by_overlap(self, wkb, a_sorted, b_sorted, count, choice) -> None:
        """largest_overlap for features touching several zones: the tagger measures, as in the QGIS path."""
        import numpy as np

        ranking = self.tagger.zones.ranking
        starts = np.searchsorted(a_sorted, np.nonzero(count > 1)[0])
        for start in starts:
            feature = int(a_sorted[start])
            candidates = [int(z) for z in b_sorted[start : start + count[feature]]]
            geometry = QgsGeometry()
            geometry.fromWkb(bytes(wkb[feature]))
            overlaps = self.tagger.overlaps(geometry, candidates)
            choice[feature] = ranking.choose(self.tagger.rule, candidates, overlaps)


def _point_xy(wkb, null):
    """x and y of single-point WKB (any Z/M), NaN for NULL; None when the WKB is not plain points."""
    import numpy as np

    valid = [g for g, is_null in zip(wkb, null) if not is_null]
    if not valid:
        empty = np.full(len(wkb), np.nan)
        return empty, empty.copy()
    size = len(valid[0])
    if size not in (21, 29, 37) or valid[0][0] != 1 or any(len(g) != size for g in valid):
        return None
    raw = np.frombuffer(b"".join(valid), dtype=np.uint8).reshape(-1, size)
    kinds = raw[:, 1:5].copy().view("<u4").ravel() % 1000
    if (kinds != 1).any():
        return None
    x = np.full(len(wkb), np.nan)
    y = np.full(len(wkb), np.nan)
    x[~null] = raw[:, 5:13].copy().view("<f8").ravel()
    y[~null] = raw[:, 13:21].copy().view("<f8").ravel()
    return x, y


def _restore(values, qtype):
    """An input column as pyogrio writes it back: integers with NULLs come as float NaN, undo that."""
    import numpy as np

    if qtype in _INT_TYPES and values.dtype.kind == "f":
        null = np.isnan(values)
        dtype = np.int32 if qtype == QVariant.Int else (bool if qtype == QVariant.Bool else np.int64)
        return np.where(null, 0, values).astype(dtype), null
    return values, None


def run(plan: Plan, tagger: Tagger, feedback) -> Tuple[Stats, str]:
    """Read, tag and write the whole layer; returns the counts and the output path."""
    import numpy as np
    import pyogrio
    import pyogrio.raw

    vector = VectorZones(tagger)
    total = pyogrio.read_info(plan.path, layer=plan.layer)["features"]
    points = plan.geometry_type.replace(" ", "").rstrip("ZM").lower() == "point"
    columns = [name for name, _type in plan.fields if name != plan.fid_column]
    pieces = []
    for start in range(0, max(total, 1), CHUNK):
        if feedback.isCanceled():
            return Stats(tagger.zones.ranking.priority), plan.out_path
        _meta, fids, wkb, data = pyogrio.raw.read(
            plan.path,
            layer=plan.layer,
            columns=columns,
            return_fids=True,
            skip_features=start,
            max_features=CHUNK,
        )
        if len(wkb) == 0:
            break
        tags = vector.tag(wkb, points)
        pieces.append((fids, wkb, data, tags))
        feedback.setProgress(80.0 * min(start + CHUNK, total) / total if total else 0)
    if feedback.isCanceled():
        return Stats(tagger.zones.ranking.priority), plan.out_path

    def joined(index, sub=None):
        parts = [p[index] if sub is None else p[index][sub] for p in pieces]
        return np.concatenate(parts) if parts else np.empty(0)

    fids, wkb = joined(0), joined(1)
    choice, mask, count, in_belt = (
        np.concatenate([p[3][i] for p in pieces]) if pieces else np.empty(0, int) for i in range(4)
    )
    by_name = {name: joined(2, i) for i, name in enumerate(columns)}
    names, data, masks = [], [], []
    for name, qtype in plan.fields:
        values = fids.astype(np.int64) if name == plan.fid_column else by_name[name]
        values, null = _restore(values, qtype)
        names.append(name)
        data.append(values)
        masks.append(null)
    zones = tagger.zones
    null_geometry = count < 0
    lookup = {
        "zone_type": np.array(list(zones.keys) + [None], dtype=object),
        "zone_id": np.array(list(zones.ids) + [None], dtype=object),
        "zone_name": np.array(list(zones.names) + [None], dtype=object),
    }
    types_text = np.array([zones.ranking.types_text(m) for m in range(256)], dtype=object)
    for spec in TAG_FIELDS:
        names.append(spec.name)
        if spec.name in lookup:
            data.append(lookup[spec.name][choice])
            masks.append(None)
        elif spec.name == "zone_types":
            data.append(types_text[mask])
            masks.append(None)
        elif spec.name == "zone_count":
            data.append(np.where(null_geometry, 0, count).astype(np.int32))
            masks.append(null_geometry)
        else:
            data.append(np.where(in_belt < 0, 0, in_belt).astype(np.int32))
            masks.append(in_belt < 0)

    stats = Stats(zones.ranking.priority)
    stats.null_geometry = int(null_geometry.sum())
    stats.tagged = int((count > 0).sum())
    stats.untagged = len(count) - stats.tagged
    stats.edge = int((count > 1).sum())
    stats.outside_belt = int((in_belt == 0).sum())
    if len(zones):
        per_zone = np.bincount(choice[choice >= 0], minlength=len(zones))
        for key, n in zip(zones.keys, per_zone):
            stats.by_type[key] += int(n)

    if feedback.isCanceled():
        return stats, plan.out_path
    feedback.pushInfo("Writing {} features to {}".format(len(wkb), plan.out_path))
    _write(plan, wkb, data, names, masks)
    feedback.setProgress(100)
    return stats, plan.out_path


def _write(plan: Plan, wkb, data, names, masks) -> None:
    """Write the GeoPackage next to its final place, then move it there (never a half-written file)."""
    import pyogrio.raw

    out = Path(plan.out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.stem + ".part.gpkg")
    for stale in (part, Path(str(part) + "-journal"), Path(str(part) + "-wal")):
        if stale.exists():
            stale.unlink()
    try:
        pyogrio.raw.write(
            str(part),
            wkb,
            data,
            names,
            field_mask=masks,
            layer=out.stem,
            driver="GPKG",
            geometry_type=plan.geometry_type,
            crs=plan.crs,
            dataset_options={"VERSION": GPKG_VERSION},
            layer_options={"FID": plan.fid_column or "fid", "GEOMETRY_NAME": "geom"},
        )
        os.replace(part, out)
    except Exception as error:
        if part.exists():
            part.unlink()
        raise OSError("Could not write {}: {}".format(out, error)) from error
