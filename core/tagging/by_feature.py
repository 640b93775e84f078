"""Tagging with the QGIS API, feature by feature: works on any source and sink (memory layers, PostGIS,
selections, filters)."""

from typing import Sequence

from qgis.core import QgsFeature, QgsFeatureSink, QgsFields

from ..base.feature_keys import FidFiller
from ..errors import WriteError
from .tagger import PROGRESS_EVERY, Stats, Tagger
from .zone_set import all_features, no_check_request


def tag_features(source, sink, tagger: Tagger, kept: Sequence[int], out_fields: QgsFields, feedback) -> Stats:
    """Tag every feature of source into sink (feature by feature); returns the counts."""
    stats = Stats(tagger.zones.ranking.priority)
    total = source.featureCount()
    step = 100.0 / total if total and total > 0 else 0
    keys = FidFiller(source, kept)
    for n, feature in enumerate(all_features(source, no_check_request())):
        if feedback is not None and feedback.isCanceled():
            break
        geometry = feature.geometry()
        tags = tagger.tag(geometry)
        attributes = feature.attributes()
        out = QgsFeature(out_fields)
        out.setGeometry(geometry)
        out.setAttributes(keys.fill([attributes[i] for i in kept]) + tagger.values(tags))
        if not sink.addFeature(out, QgsFeatureSink.FastInsert):
            raise WriteError(sink.lastError() if hasattr(sink, "lastError") else "could not write a feature")
        stats.add(tagger.key_of(tags.choice), tags.count, tags.in_belt)
        if feedback is not None and n % PROGRESS_EVERY == 0:
            feedback.setProgress(n * step)
    return stats
