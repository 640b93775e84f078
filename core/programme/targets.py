"""The targets table: one row per target (indicator, scope, target_year, target, …), English or Chinese
headers. Pure Python: rows in, Target records out, every bad cell named by its row."""

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ..errors import BeltMapError
from .rule import direction_of

COLUMNS = (
    # key, Chinese header, required
    ("indicator", "指标", True),
    ("scope", "范围", True),
    ("target_year", "目标年份", True),
    ("target", "目标值", True),
    ("baseline_year", "基准年份", False),
    ("direction", "方向", False),
    ("unit", "单位", False),
    ("source", "来源", False),
    ("responsible", "责任单位", False),
    ("note", "备注", False),
)
REQUIRED = tuple(key for key, _zh, required in COLUMNS if required)
CHINESE = {zh: key for key, zh, _r in COLUMNS}


class TargetsError(BeltMapError):
    """A targets table that cannot be used; the message names the file and the row."""


@dataclass(frozen=True)
class Target:
    """One target row as read (scope and indicator checked later against the years' data)."""

    row: int  # the row number as a spreadsheet shows it (1 = header)
    indicator: str
    scope: str
    target_year: int
    target: float
    baseline_year: Optional[int] = None
    direction_word: str = ""
    unit: str = ""
    source: str = ""
    responsible: str = ""
    note: str = ""


def header_key(name: str) -> Optional[str]:
    """The column key of a header (English case-insensitive, or Chinese), None when not ours."""
    text = str(name or "").strip().strip("\ufeff")
    key = text.lower().replace(" ", "_")
    if key in {k for k, _zh, _r in COLUMNS}:
        return key
    return CHINESE.get(text)


def column_map(headers: Sequence[str], where: str) -> Dict[str, int]:
    """{column key: index}; TargetsError naming the missing required columns in both languages."""
    found: Dict[str, int] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        if key is not None and key not in found:
            found[key] = index
    missing = [k for k in REQUIRED if k not in found]
    if missing:
        zh = {k: z for k, z, _r in COLUMNS}
        raise TargetsError(
            "{}: the targets table lacks the column(s) {} (缺少列：{}); it needs indicator, scope, "
            "target_year, target (指标, 范围, 目标年份, 目标值); found: {}".format(
                where,
                ", ".join(missing),
                "、".join(zh[k] for k in missing),
                ", ".join(str(h) for h in headers) or "none",
            )
        )
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value else None
    text = str(value).strip().replace(",", "").replace("，", "")
    text = text[:-1] if text.endswith("%") else text
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _year(value: Any) -> Optional[int]:
    number = _number(value)
    if number is None:
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", _text(value))
        return int(found.group(1)) if found else None
    return int(number) if float(number).is_integer() else None


def indicator_key(text: str) -> str:
    """An indicator cell as a key: spaces removed, lower case (a chain indicator keeps its leader's key as
    written: chain_inside:S001)."""
    key = str(text or "").replace(" ", "").replace("\u3000", "")
    if key.lower().startswith("chain_"):
        key = key.replace("\uff1a", ":")  # a full-width colon typed in a Chinese table
    head, colon, tail = key.partition(":")
    if colon and head.lower().startswith("chain_"):
        return head.lower() + colon + tail
    return key.lower()


def parse_targets(
    headers: Sequence[str], rows: Sequence[Tuple[int, Sequence[Any]]], where: str
) -> List[Target]:
    """The targets of a table: headers and numbered rows; TargetsError naming the first bad row."""
    columns = column_map(headers, where)

    def cell(values, key):
        index = columns.get(key)
        return values[index] if index is not None and index < len(values) else None

    targets = []
    for number, values in rows:
        if not any(_text(v) for v in values):
            continue
        indicator = indicator_key(_text(cell(values, "indicator")))
        scope = _text(cell(values, "scope"))
        if not indicator or not scope:
            raise TargetsError(
                "{} row {}: indicator and scope must be given (指标和范围不能为空)".format(where, number)
            )
        target = _number(cell(values, "target"))
        if target is None:
            raise TargetsError(
                "{} row {}: the target '{}' is not a number (目标值不是数字)".format(
                    where, number, _text(cell(values, "target"))
                )
            )
        target_year = _year(cell(values, "target_year"))
        if target_year is None:
            raise TargetsError(
                "{} row {}: the target_year '{}' is not a year (目标年份不是年份)".format(
                    where, number, _text(cell(values, "target_year"))
                )
            )
        baseline_text = _text(cell(values, "baseline_year"))
        baseline_year = _year(baseline_text) if baseline_text else None
        if baseline_text and baseline_year is None:
            raise TargetsError(
                "{} row {}: the baseline_year '{}' is not a year (基准年份不是年份)".format(
                    where, number, baseline_text
                )
            )
        if baseline_year is not None and target_year <= baseline_year:
            raise TargetsError(
                "{} row {}: target_year {} is not after the baseline year {} (目标年份须晚于基准年份)".format(
                    where, number, target_year, baseline_year
                )
            )
        word = _text(cell(values, "direction"))
        try:
            direction_of(word)
        except ValueError:
            raise TargetsError(
                "{} row {}: direction '{}' is neither increase nor decrease (方向须为 提高 或 降低)".format(
                    where, number, word
                )
            ) from None
        targets.append(
            Target(
                row=number,
                indicator=indicator,
                scope=scope,
                target_year=target_year,
                target=target,
                baseline_year=baseline_year,
                direction_word=word,
                unit=_text(cell(values, "unit")),
                source=_text(cell(values, "source")),
                responsible=_text(cell(values, "responsible")),
                note=_text(cell(values, "note")),
            )
        )
    if not targets:
        raise TargetsError("{}: the targets table has no rows (目标表没有任何行)".format(where))
    return targets
