"""What happens to outputs once QGIS loads them: field aliases, styles by a post-processor."""

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingOutputLayerDefinition,
)

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


def gpkg_destination(algorithm, parameters, name, context):
    """(plain GeoPackage path, (load name, project) or None) of a sink parameter; (None, None) when the
    output is not a plain GeoPackage file (memory, database, a layer in a file, creation options)."""
    value = parameters.get(name)
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.createOptions:
        return None, None
    out = algorithm.parameterAsOutputLayer(parameters, name, context)
    if not out or "|" in out or not out.lower().endswith(".gpkg") or ":" in out.replace("\\", "/")[2:]:
        return None, None
    load = None
    if isinstance(value, QgsProcessingOutputLayerDefinition) and value.destinationProject is not None:
        load = (
            value.destinationName or algorithm.parameterDefinition(name).description(),
            value.destinationProject,
        )
    return out, load


def load_on_completion(context, name, path, load) -> None:
    """Have QGIS load a file written without a QGIS sink, as the sink would have: load = (name, project)."""
    if load is not None:
        context.addLayerToLoadOnCompletion(path, QgsProcessingContext.LayerDetails(load[0], load[1], name))
