"""The columns of the change tables (sinks and CSVs share them): name, kind, Chinese alias."""

from typing import List, Tuple

SITE_COLUMNS: List[Tuple[str, str, str]] = [
    ("key", "text", "点位编号"),
    ("change", "text", "变化"),
    ("matched_by", "text", "匹配方式"),
    ("moved_m", "real", "移动距离（米）"),
    ("fields_changed", "text", "变更字段（旧 → 新）"),
    ("name", "text", "名称"),
    ("category", "text", "类别"),
    ("zone_id_b", "text", "之前区域编号"),
    ("zone_id_a", "text", "之后区域编号"),
    ("zone_type_b", "text", "之前区域类型"),
    ("zone_type_a", "text", "之后区域类型"),
    ("year", "text", "位置年份"),
]
MOVE_COLUMNS: List[Tuple[str, str, str]] = [
    ("key", "text", "点位编号"),
    ("name", "text", "名称"),
    ("category", "text", "类别"),
    ("moved_m", "real", "移动距离（米）"),
]
ZONE_COLUMNS: List[Tuple[str, str, str]] = [
    ("zone_id", "text", "区域编号"),
    ("name", "text", "区域名称"),
    ("zone_type", "text", "区域类型"),
    ("change", "text", "变化"),
    ("matched_by", "text", "匹配方式"),
    ("related", "text", "相关区域"),
    ("id_b", "text", "之前区域编号"),
    ("type_b", "text", "之前区域类型"),
    ("type_a", "text", "之后区域类型"),
    ("name_b", "text", "之前名称"),
    ("name_a", "text", "之后名称"),
    ("area_b_m2", "real", "之前面积（平方米）"),
    ("area_a_m2", "real", "之后面积（平方米）"),
    ("area_pct", "real", "面积变化（%）"),
    ("year", "text", "形状年份"),
]
TEXT_DELTA_COLUMNS = ("zone_id", "zone_name", "zone_type", "zone_id_b", "grade_b", "grade_a", "score_scale")


def delta_columns(names) -> List[Tuple[str, str, str]]:
    """The ZONE_DELTAS columns for the engine's field names (text, else real)."""
    return [(n, "text" if n in TEXT_DELTA_COLUMNS else "real", "") for n in names]
