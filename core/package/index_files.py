"""Files of an evaluation index for the belt map package: tables (CSV for Excel) and the score chart."""

from pathlib import Path
from typing import List, Optional

from ..base.tables import write_excel_csv
from ..evaluation.layers import WEIGHT_PREFIX
from .index_chart import write_chart

INDEX_FIELDS = ("unit_name", "score", "topsis", "rank", "grade")
CHART_TITLE = "综合性建设评价指数 Evaluation index（示意指标 indicative indicators）"


def is_index_layer(layer) -> bool:
    """True for a layer written by beltmap:evaluationindex (it has unit_name, score, topsis, rank, grade)."""
    names = layer.fields().names() if layer is not None else []
    return all(name in names for name in INDEX_FIELDS)


def write_table(layer, path) -> Path:
    """Every attribute of the layer as CSV, UTF-8 with BOM (Excel keeps the Chinese), names as header."""
    header = [field.name() for field in layer.fields()]
    return write_excel_csv(path, header, (feature.attributes() for feature in layer.getFeatures()))


def write_weights(layer, path) -> Path:
    """The indicator weights (fields w_<key>, the same in every unit) as CSV: key, label, weight."""
    first = next(layer.getFeatures(), None)
    rows = []
    for field in layer.fields():
        name = field.name()
        if name.startswith(WEIGHT_PREFIX) and first is not None:
            key = name[len(WEIGHT_PREFIX) :]
            index = layer.fields().indexOf(key)
            label = layer.fields().at(index).alias() if index >= 0 else ""
            rows.append([key, label or key, first[name]])
    return write_excel_csv(path, ["key", "label", "weight"], rows)


def write_index_files(layer, folder, stem: str = "evaluation_index") -> List[Path]:
    """Write tables/<stem>.csv, tables/<stem>_weights.csv, maps/<stem>_chart.png and .svg under folder."""
    if not is_index_layer(layer):
        raise ValueError("not an evaluation index layer (fields {} expected)".format(", ".join(INDEX_FIELDS)))
    folder = Path(folder)
    rows = sorted(layer.getFeatures(), key=lambda f: f["rank"])
    names = [str(f["unit_name"]) for f in rows]
    scores = [float(f["score"]) for f in rows]
    grades = [int(f["grade"]) for f in rows]
    written = [
        write_table(layer, folder / "tables" / "{}.csv".format(stem)),
        write_weights(layer, folder / "tables" / "{}_weights.csv".format(stem)),
    ]
    for suffix in (".png", ".svg"):
        written.append(
            write_chart(folder / "maps" / (stem + "_chart" + suffix), CHART_TITLE, names, scores, grades)
        )
    return written


def find_index_layer(layers) -> Optional[object]:
    """The first evaluation index layer among layers, or None."""
    return next((layer for layer in layers if is_index_layer(layer)), None)
