"""The tagger every tagging engine shares: the output fields, the counts (`Stats`) and `Tagger`.

`Tagger` answers, for one geometry in the input's CRS, which zones it touches and which one wins; the
vectorised path (vectorised.py) finds candidates its own way but asks `Tagger` for overlaps and uses
the same ZoneRanking, so both paths give the same tags.
"""

import json
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ...compat import INT, TEXT
from .rule import RULE_LARGEST_OVERLAP, TAG_FIELDS, is_tag_field
from .zone_set import ZoneSet

PROGRESS_EVERY = 1000


class Tags(NamedTuple):
    """Tags of one feature: winning zone index (-1 none), key mask, zone count, in_belt (None: NULL)."""

    choice: int
    mask: int
    count: Optional[int]
    in_belt: Optional[int]


NULL_TAGS = Tags(-1, 0, None, None)


def output_fields(input_fields: QgsFields) -> Tuple[QgsFields, List[int]]:
    """Input fields without any tag field (those are replaced), then the tag fields with their aliases.

    Returns the fields and the indexes of the input fields kept, in order.
    """
    fields = QgsFields()
    kept = []
    for i, f in enumerate(input_fields):
        if not is_tag_field(f.name()):
            fields.append(QgsField(f))
            kept.append(i)
    for spec in TAG_FIELDS:
        if spec.kind == "int":
            new = QgsField(spec.name, INT, "integer")
        else:
            new = QgsField(spec.name, TEXT, "string")
        new.setAlias(spec.alias)
        fields.append(new)
    return fields, kept


class Stats:
    """Counts of a tagging run, returned in the results dict."""

    def __init__(self, keys: Sequence[str]):
        self.tagged = self.untagged = self.edge = self.outside_belt = self.null_geometry = 0
        self.by_type: Dict[str, int] = {key: 0 for key in keys}

    def add(self, key: Optional[str], count: Optional[int], in_belt: Optional[int], times: int = 1) -> None:
        """Count `times` features with these tags (count None: no geometry)."""
        if count is None:
            self.null_geometry += times
        if count:
            self.tagged += times
            self.by_type[key] = self.by_type.get(key, 0) + times
        else:
            self.untagged += times
        if count is not None and count > 1:
            self.edge += times
        if in_belt == 0:
            self.outside_belt += times

    def counts_json(self) -> str:
        """COUNTS_BY_TYPE: features per chosen zone type, in priority order, as JSON text."""
        return json.dumps(self.by_type, ensure_ascii=False)


class Tagger:
    """Zone matching for single geometries with a spatial index and prepared GEOS geometries."""

    def __init__(self, zones: ZoneSet, rule: str, belt: Optional[QgsGeometry] = None):
        self.zones = zones
        self.rule = rule
        self.belt = belt if belt is not None and not belt.isEmpty() else None
        self.has_belt = belt is not None
        self._belt_engine = None
        self._engines: Dict[int, object] = {}
        self.index = QgsSpatialIndex()
        for i, geometry in enumerate(zones.geometries):
            feature = QgsFeature(i)
            feature.setGeometry(geometry)
            self.index.addFeature(feature)
        self._ids = list(zones.ids) + [None]
        self._names = list(zones.names) + [None]
        self._keys = list(zones.keys) + [None]
        self.measures_in_input_crs = not zones.to_metric.isValid() or (
            zones.to_metric.sourceCrs() == zones.to_metric.destinationCrs()
        )

    def _engine(self, i: int):
        engine = self._engines.get(i)
        if engine is None:
            engine = QgsGeometry.createGeometryEngine(self.zones.geometries[i].constGet())
            engine.prepareGeometry()
            self._engines[i] = engine
        return engine

    def candidates(self, geometry: QgsGeometry) -> List[int]:
        """Indexes of every zone the geometry intersects (boundary included), ascending."""
        found = []
        for i in sorted(self.index.intersects(geometry.boundingBox())):
            if self._engine(i).intersects(geometry.constGet()):
                found.append(i)
        return found

    def overlaps(self, geometry: QgsGeometry, candidates: Sequence[int]) -> Optional[List[float]]:
        """Length (lines) or area (polygons) of the geometry inside each candidate, in the metric CRS;
        None for points, where overlaps do not apply."""
        kind = QgsWkbTypes.geometryType(geometry.wkbType())
        if kind not in (QgsWkbTypes.LineGeometry, QgsWkbTypes.PolygonGeometry):
            return None
        metric = QgsGeometry(geometry)
        if not self.measures_in_input_crs:
            metric.transform(self.zones.to_metric)
        result = []
        for i in candidates:
            piece = metric.intersection(self.zones.metric[i])
            result.append(piece.length() if kind == QgsWkbTypes.LineGeometry else piece.area())
        return result

    def choose(self, geometry: QgsGeometry, candidates: Sequence[int]) -> int:
        """The winning candidate under the rule."""
        overlaps = None
        if self.rule == RULE_LARGEST_OVERLAP and len(candidates) > 1:
            overlaps = self.overlaps(geometry, candidates)
        return self.zones.ranking.choose(self.rule, candidates, overlaps)

    def in_belt(self, geometry: QgsGeometry) -> Optional[int]:
        """1 when the geometry touches the belt (boundary included), 0 if not, None without a belt."""
        if not self.has_belt:
            return None
        if self.belt is None:
            return 0
        if self._belt_engine is None:
            self._belt_engine = QgsGeometry.createGeometryEngine(self.belt.constGet())
            self._belt_engine.prepareGeometry()
        return 1 if self._belt_engine.intersects(geometry.constGet()) else 0

    def tag(self, geometry: Optional[QgsGeometry]) -> Tags:
        """Tags of one geometry in the input's CRS; NULL tags for a NULL or empty geometry."""
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            return NULL_TAGS
        candidates = self.candidates(geometry)
        choice = self.choose(geometry, candidates) if candidates else -1
        return Tags(choice, self.zones.ranking.key_mask(candidates), len(candidates), self.in_belt(geometry))

    def values(self, tags: Tags) -> list:
        """The six tag attribute values, in TAG_FIELDS order."""
        c = tags.choice
        return [
            self._keys[c],
            self._ids[c],
            self._names[c],
            self.zones.ranking.types_text(tags.mask),
            tags.count,
            tags.in_belt,
        ]

    def key_of(self, choice: int) -> Optional[str]:
        """The zone type key of a choice (None for -1)."""
        return self._keys[choice]
