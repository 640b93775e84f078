"""The web map's "产业链 / Chains" layer (issue 27): the firms at the ends of the matched links, the links as
the chain map draws them (arcs), the leaders; in WGS84. Read from the chain run's own outputs: the builder
hands run_chains a ChainSink for its link lines and leader summary (core/chains/engine.py ChainOutput)."""

from typing import Dict, List, Optional, Tuple

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

from ..base.model import WORK_CRS
from ..cartography.chain_styles import RELATION_COLOURS
from ..chains.links import RELATION_KEYS, relation_label
from .data import PRECISION, WEB_CRS

MAX_ARC_POINTS = 9  # an arc drawn with at most this many points (the page stays light with many links)


class ChainSink:
    """A feature sink that keeps what run_chains writes; ChainSink.output is a ChainOutput callable."""

    def __init__(self):
        self.features: List = []
        self.fields = None

    def output(self, fields, _wkb_type, _crs) -> Tuple["ChainSink", Optional[str]]:
        self.fields = fields
        return self, None

    def addFeatures(self, features, _flags=None) -> bool:  # noqa: N802 (QgsFeatureSink's name)
        self.features.extend(features)
        return True

    def rows(self) -> List[Dict]:
        names = self.fields.names() if self.fields is not None else []
        return [dict(zip(names, feature.attributes())) for feature in self.features]


def _text(value) -> str:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


def _arc(geometry, transform) -> List[List[float]]:
    """The arc's points in lon/lat, thinned to MAX_ARC_POINTS (its ends kept)."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return []
    points = [geometry.vertexAt(i) for i in range(geometry.constGet().nCoordinates())]
    if len(points) > MAX_ARC_POINTS:
        step = (len(points) - 1) / (MAX_ARC_POINTS - 1)
        points = [points[round(k * step)] for k in range(MAX_ARC_POINTS)]
    out = []
    for point in points:
        moved = transform.transform(point.x(), point.y())
        out.append([round(moved.x(), PRECISION), round(moved.y(), PRECISION)])
    return out


def chains_data(lines: ChainSink, summary: ChainSink, language: str, transform_context) -> Dict:
    """Firms (key, name, position, leader, links), links (from, to, relation, chain, distance, arc),
    relations (key, label, colour, count) and chains (name, count)."""
    transform = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem(WORK_CRS), QgsCoordinateReferenceSystem(WEB_CRS), transform_context
    )
    leaders = {_text(r["leader"]) for r in summary.rows() if not _text(r.get("chain"))}
    firms: List[Dict] = []
    index: Dict[str, int] = {}

    def firm(key: str, name: str, at) -> int:
        if key not in index:
            index[key] = len(firms)
            firms.append({"key": key, "name": name, "at": at, "leader": key in leaders, "links": 0})
        firms[index[key]]["links"] += 1
        return index[key]

    links = []
    relation_counts = {key: 0 for key in RELATION_KEYS}
    chain_counts: Dict[str, int] = {}
    for feature, row in zip(lines.features, lines.rows()):
        arc = _arc(feature.geometry(), transform)
        if len(arc) < 2:
            continue
        relation = _text(row["relation"]) or "other"
        chain = _text(row["chain"])
        links.append(
            {
                "f": firm(_text(row["from_key"]), _text(row["from_name"]), arc[0]),
                "t": firm(_text(row["to_key"]), _text(row["to_name"]), arc[-1]),
                "rel": relation,
                "chain": chain,
                "d": row["distance_m"],
                "arc": arc,
            }
        )
        relation_counts[relation] = relation_counts.get(relation, 0) + 1
        chain_counts[chain] = chain_counts.get(chain, 0) + 1
    return {
        "firms": firms,
        "links": links,
        "relations": [
            {
                "key": key,
                "label": relation_label(key, language),
                "colour": RELATION_COLOURS.get(key, "#7f7f7f"),
                "count": relation_counts.get(key, 0),
            }
            for key in RELATION_KEYS
        ],
        "chains": [{"name": name, "count": n} for name, n in sorted(chain_counts.items())],
    }
