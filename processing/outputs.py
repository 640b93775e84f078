"""What happens to outputs once QGIS loads them: field aliases, styles by a post-processor."""

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsVectorLayer,
)

from ..core.evaluation.style import grade_renderer
from ..core.tagging.dispatch import public_uri

# QGIS holds only a pointer to a post-processor: the most recent ones are kept alive here (sip pitfall)
_POST_PROCESSORS = []


def keep_alive(processor):
    """Keep a post-processor referenced until QGIS has had time to call it; returns it."""
    _POST_PROCESSORS[:] = _POST_PROCESSORS[-31:] + [processor]
    return processor


def set_aliases(layer, aliases) -> None:
    """Give fields of a layer their aliases ({name: alias}); file formats do not keep them."""
    for name, alias in aliases.items():
        index = layer.fields().lookupField(name)
        if index >= 0:
            layer.setFieldAlias(index, alias)


class AliasPostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Sets field aliases on an output layer once QGIS has loaded it."""

    def __init__(self, aliases):
        super().__init__()
        self.aliases = dict(aliases)

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        set_aliases(layer, self.aliases)


def apply_aliases(dest, context, aliases) -> None:
    """Aliases on a memory output now, and on any output when QGIS loads it into the project."""
    layer = context.getMapLayer(dest) if dest else None
    if layer is not None:
        set_aliases(layer, aliases)
    if dest and context.willLoadLayerOnCompletion(dest):
        processor = keep_alive(AliasPostProcessor(aliases))
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(processor)


def load_on_completion(context, name, path, load) -> None:
    """Have QGIS load a file written without a QGIS sink, as the sink would have: load = (name, project)."""
    if load is not None:
        context.addLayerToLoadOnCompletion(path, QgsProcessingContext.LayerDetails(load[0], load[1], name))


def table_result(table, context, name: str, load) -> str:
    """The value of output name for a PostGIS table written without a sink: its URI without password;
    loaded on completion when load is (layer name, project)."""
    if load is not None:
        layer = QgsVectorLayer(table.uri, table.table, "postgres")
        context.temporaryLayerStore().addMapLayer(layer)
        context.addLayerToLoadOnCompletion(
            layer.id(), QgsProcessingContext.LayerDetails(load[0], load[1], name)
        )
    return public_uri(table)


class GradeStyler(QgsProcessingLayerPostProcessorInterface):
    """Styles an evaluation index layer (score) in its five grades once QGIS has loaded it."""

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is not None and layer.fields().indexOf("score") >= 0:
            layer.setRenderer(grade_renderer())
            layer.triggerRepaint()

    @staticmethod
    def create() -> "GradeStyler":
        """A styler kept alive (keep_alive), so Python does not delete it before QGIS calls it."""
        return keep_alive(GradeStyler())


def style_grades_on_load(dest, context) -> None:
    """The graduated five-grade style on an index output when QGIS loads it."""
    if context.willLoadLayerOnCompletion(dest):
        context.layerToLoadOnCompletionDetails(dest).setPostProcessor(GradeStyler.create())
