"""A feature sink that writes text cells starting like a formula as text (CSV injection)."""

from qgis.core import QgsFeature, QgsFeatureSink

from ..core.base.text_cells import safe_cell


class TextCellSink(QgsFeatureSink):
    """A sink writing text cells that start like a formula as text (CSV injection), numbers untouched."""

    def __init__(self, sink):
        super().__init__()
        self.inner = sink

    def addFeature(self, feature, flags=QgsFeatureSink.Flags()):  # noqa: N802
        return self._add([feature], flags)

    def addFeatures(self, features, flags=QgsFeatureSink.Flags()):  # noqa: N802
        return self._add(features, flags)

    def _add(self, features, flags) -> bool:
        cleaned = []
        for feature in features:
            copy = QgsFeature(feature)
            copy.setAttributes([safe_cell(value) for value in feature.attributes()])
            cleaned.append(copy)
        return self.inner.addFeatures(cleaned, flags)

    def lastError(self) -> str:  # noqa: N802
        return self.inner.lastError()

    def flushBuffer(self) -> bool:  # noqa: N802
        return self.inner.flushBuffer()
