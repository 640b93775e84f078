"""An index result as features: the units with every column (OUTPUT), the weights table (WEIGHTS)."""

from typing import Iterator

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFields,
    QgsMemoryProviderUtils,
    QgsWkbTypes,
)

from ...compat import INT, REAL, TEXT
from ..base.field_specs import make_fields
from ..base.model import WORK_CRS
from .engine import IndexResult
from .index_math import grade_label

UNIT_WKB = QgsWkbTypes.MultiPolygon

WEIGHT_PREFIX = "w_"  # the weights table's column of each indicator: w_<key>


def unit_fields(result: IndexResult) -> QgsFields:
    """OUTPUT's fields: the unit, raw, normalised and weight per indicator, score, topsis, rank, grade."""
    specs = [
        ("unit_id", TEXT),
        ("unit_name", TEXT),
        ("zone_type", TEXT),
        ("area_km2", REAL),
        ("n_sites", INT),
    ]
    for indicator in result.indicators:
        specs += [
            (indicator.key, REAL, indicator.title),
            ("n_" + indicator.key, REAL),
            (WEIGHT_PREFIX + indicator.key, REAL),
        ]
    specs += [("score", REAL), ("topsis", REAL), ("rank", INT), ("grade", INT), ("grade_zh", TEXT)]
    return make_fields(specs)


def unit_features(result: IndexResult, fields: QgsFields) -> Iterator[QgsFeature]:
    """One multipolygon feature per unit, in the work CRS."""
    scores = result.scores
    for u, unit in enumerate(result.units):
        feature = QgsFeature(fields)
        geometry = unit.geometry
        geometry.convertToMultiType()
        feature.setGeometry(geometry)
        values = [
            unit.unit_id,
            unit.name,
            unit.zone_type or None,
            round(unit.area_km2, 6),
            result.site_counts[u],
        ]
        for j in range(len(result.indicators)):
            values += [
                float(result.matrix[u, j]),
                round(float(scores.normalised[u, j]), 6),
                round(float(scores.weights[j]), 6),
            ]
        values += [
            round(float(scores.score[u]), 4),
            round(float(scores.topsis[u]), 6),
            int(scores.rank[u]),
            int(scores.grade[u]),
            grade_label(int(scores.grade[u])),
        ]
        feature.setAttributes(values)
        yield feature


def weight_fields() -> QgsFields:
    """WEIGHTS' fields: key, label, kind, direction, weight and how it was set."""
    return make_fields(
        [
            ("key", TEXT),
            ("label", TEXT),
            ("kind", TEXT),
            ("direction", TEXT),
            ("weight", REAL),
            ("method", TEXT),
        ]
    )


def weight_features(result: IndexResult, fields: QgsFields) -> Iterator[QgsFeature]:
    """One row per indicator used."""
    scores = result.scores
    for indicator, weight, method in zip(result.indicators, scores.weights, scores.weight_method):
        row = QgsFeature(fields)
        row.setAttributes(
            [
                indicator.key,
                indicator.title,
                indicator.kind,
                indicator.direction,
                round(float(weight), 6),
                method,
            ]
        )
        yield row


def index_layer(result: IndexResult, name: str = "evaluation_index"):
    """The units with their index as a memory layer (what OUTPUT holds)."""
    fields = unit_fields(result)
    crs = QgsCoordinateReferenceSystem(WORK_CRS)
    layer = QgsMemoryProviderUtils.createMemoryLayer(name, fields, UNIT_WKB, crs)
    layer.dataProvider().addFeatures(list(unit_features(result, fields)))
    for i, field in enumerate(fields):
        if field.alias():
            layer.setFieldAlias(i, field.alias())
    return layer


def weights_layer(result: IndexResult, name: str = "evaluation_weights"):
    """The weights table as a memory layer without geometry (what WEIGHTS holds)."""
    fields = weight_fields()
    layer = QgsMemoryProviderUtils.createMemoryLayer(
        name, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    layer.dataProvider().addFeatures(list(weight_features(result, fields)))
    return layer
