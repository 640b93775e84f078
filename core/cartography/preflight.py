"""Preflight: every character of every text a map will draw is checked against the font that draws it.

A character the font lacks would print as an empty box; the export stops before writing anything and
the message names the font, the characters, where they occur and the fix.
"""

from typing import Dict, Iterable, List

from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils, QgsVectorLayer

from ..errors import BeltMapError
from .fonts import FONT_ENV, FONT_SETTING, INSTALL_HINT, map_font_family, missing_characters, resolved_family


class PreflightError(BeltMapError):
    """The map would draw characters its font cannot draw."""


def label_values(layer: QgsVectorLayer, limit: int = 200000) -> List[str]:
    """The distinct texts a layer's (simple) labels would draw, from its label expression or field."""
    if layer is None or not layer.labelsEnabled() or layer.labeling() is None:
        return []
    try:
        settings = layer.labeling().settings()
    except (AttributeError, TypeError):
        return []
    if not settings.fieldName:
        return []
    expression = QgsExpression(
        settings.fieldName if settings.isExpression else QgsExpression.quotedColumnRef(settings.fieldName)
    )
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expression.prepare(context)
    values = set()
    for count, feature in enumerate(layer.getFeatures()):
        if count >= limit:
            break
        context.setFeature(feature)
        value = expression.evaluate(context)
        if value is not None and str(value) != "NULL":
            values.add(str(value))
    return sorted(values)


def legend_labels(layer: QgsVectorLayer) -> List[str]:
    """The class labels a layer's renderer puts into the legend."""
    renderer = layer.renderer() if layer is not None else None
    if renderer is None:
        return []
    return [item.label() for item in renderer.legendSymbolItems() if item.label()]


def check(texts: Dict[str, Iterable[str]], family: str = None) -> str:
    """Raise PreflightError when family (default: the map font) cannot draw a character of the texts.

    texts maps where a text is drawn ('title', 'zone labels', …) to the texts drawn there. Returns the
    family checked.
    """
    family = family or map_font_family()
    problems = []
    missing_all: List[str] = []
    for where, values in texts.items():
        for value in values:
            missing = missing_characters(str(value or ""), family)
            if missing:
                problems.append((where, str(value), missing))
                missing_all.extend(ch for ch in missing if ch not in missing_all)
    if not missing_all:
        return family
    drawn_with = resolved_family(family)
    font = family if drawn_with == family else "{} (drawn with {})".format(family, drawn_with)
    examples = "; ".join('{} "{}"'.format(where, value[:40]) for where, value, _ in problems[:5])
    if len(problems) > 5:
        examples += "; … {} more".format(len(problems) - 5)
    raise PreflightError(
        "Font preflight failed: the font {} cannot draw {} character(s) of the map: {} (in {}). "
        "Nothing was exported. Fix: {}; to force a font set the environment variable {} or the QGIS "
        "setting {}.".format(
            font, len(missing_all), " ".join(missing_all[:40]), examples, INSTALL_HINT, FONT_ENV, FONT_SETTING
        )
    )


def field_values(layer: QgsVectorLayer, *fields: str, limit: int = 200000) -> List[str]:
    """The distinct non-empty values of the first of fields the layer has (labels drawn from it)."""
    if layer is None:
        return []
    names = layer.fields().names()
    field = next((f for f in fields if f in names), None)
    if field is None:
        return []
    index = names.index(field)
    values = {str(v) for v in layer.uniqueValues(index, limit) if v is not None and str(v) != "NULL"}
    return sorted(values)


def layout_texts(layout) -> List[str]:
    """The texts of a print layout's labels, legend title, legend entries and scale bar units."""
    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemScaleBar

    texts: List[str] = []
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            texts.append(item.currentText())
        elif isinstance(item, QgsLayoutItemLegend):
            texts.append(item.title())
            for node in item.model().rootGroup().findLayers():
                texts.append(node.name())
                texts.extend(legend_labels(node.layer()))
        elif isinstance(item, QgsLayoutItemScaleBar):
            texts.append(item.unitLabel())
    return [t for t in texts if t]
