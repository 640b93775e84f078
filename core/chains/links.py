"""The LINKS table: its columns found by name (English or Chinese), relations in either language, one
LinkRow per data row, blank rows skipped and counted. Pure Python (no QGIS): the table's header and
numbered rows come from core/site_import/table.py (CSV/XLSX) or from a layer without geometry."""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..errors import BeltMapError

# the columns of a links table and the headers accepted for each (compared after header_key())
COLUMNS: Dict[str, Tuple[str, ...]] = {
    "from": ("from", "fromkey", "source", "origin", "leader", "起点", "起点企业", "发起方", "链长", "链主"),
    "to": ("to", "tokey", "target", "destination", "partner", "终点", "终点企业", "合作方", "配套企业"),
    "relation": ("relation", "relationtype", "type", "link", "关系", "关系类型", "联系类型", "类型"),
    "chain": ("chain", "chainname", "industrychain", "产业链", "链", "所属产业链"),
    "since": ("since", "year", "startyear", "起始年份", "年份", "开始年份"),
    "signed": ("signed", "signeddate", "signdate", "签约日期", "签约时间"),
    "note": ("note", "notes", "remark", "remarks", "备注", "说明"),
}

# relation keys, their Chinese and English labels, the spellings accepted (compared after header_key())
RELATIONS: Tuple[Tuple[str, str, str, Tuple[str, ...]], ...] = (
    ("supplier", "供应", "Supplier", ("供应", "供应商", "供货", "上游", "supply", "supplier", "upstream")),
    ("customer", "客户", "Customer", ("客户", "下游", "采购", "customer", "client", "downstream", "buyer")),
    ("partner", "合作", "Partner", ("合作", "合作伙伴", "伙伴", "partner", "partnership", "cooperation")),
    ("research", "研发", "Research", ("研发", "科研", "技术", "research", "r&d", "rd", "development")),
    ("service", "服务", "Service", ("服务", "配套服务", "生产性服务", "service", "services")),
)
OTHER = "other"
RELATION_KEYS: Tuple[str, ...] = tuple(r[0] for r in RELATIONS) + (OTHER,)
RELATION_LABELS = {key: (zh, en) for key, zh, en, _ in RELATIONS}
RELATION_LABELS[OTHER] = ("其他", "Other")


class LinksTableError(BeltMapError):
    """A links table that cannot be used (the message says which headers it found)."""


def header_key(name: Any) -> str:
    """A header or a relation word compared loosely: NFKC, case folded, no spaces, _ - . or brackets."""
    text = unicodedata.normalize("NFKC", str(name or "")).casefold()
    text = re.sub(r"[(\[（【].*?[)\]）】]", "", text)
    return re.sub(r"[\s_\-./:：]", "", text)


def relation_key(value: Any) -> str:
    """supplier / customer / partner / research / service for a relation word in Chinese or English,
    'other' for anything else (an empty cell included)."""
    key = header_key(value)
    if not key:
        return OTHER
    for relation, _zh, _en, words in RELATIONS:
        if key in words:
            return relation
    for relation, _zh, _en, words in RELATIONS:  # 供应关系, supplier (tier 1)
        if any(len(word) > 1 and key.startswith(word) for word in words):
            return relation
    return OTHER


def relation_label(key: str, language: str = "zh") -> str:
    """The relation's label in the language ('zh' or 'en')."""
    zh, en = RELATION_LABELS.get(key, RELATION_LABELS[OTHER])
    return en if language.startswith("en") else zh


def find_columns(headers: Sequence[str]) -> Dict[str, int]:
    """{column: index} of the links table's columns; LinksTableError without from and to."""
    keys = [header_key(h) for h in headers]
    found: Dict[str, int] = {}
    for column, names in COLUMNS.items():
        for name in names:
            if name in keys and keys.index(name) not in found.values():
                found[column] = keys.index(name)
                break
    missing = [c for c in ("from", "to") if c not in found]
    if missing:
        raise LinksTableError(
            "The links table has no {} column. Its headers are: {}. Name the columns from / to "
            "(or 起点 / 终点), with relation (关系), chain (产业链), since (起始年份), signed (签约日期) "
            "and note (备注) as needed.".format(
                " / ".join(missing), ", ".join(str(h) for h in headers) or "(none)"
            )
        )
    return found


def cell_text(value: Any) -> str:
    """A cell as text: None -> '', 1001.0 -> '1001', dates as YYYY-MM-DD, NFC and stripped."""
    if type(value) is str:  # the common case first (a million site names)
        text = value.strip() if value.isascii() else unicodedata.normalize("NFC", value).strip()
        return "" if text == "NULL" else text
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    if text == "NULL":
        return ""
    return unicodedata.normalize("NFC", text).strip()


def parse_year(value: Any) -> Optional[int]:
    """A year from 2021, 2021.0, '2021年', '2021-05-18' or a date; None when there is none."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.year
    match = re.search(
        r"(?<!\d)(1[89]\d\d|20\d\d|21\d\d)(?!\d)", unicodedata.normalize("NFKC", cell_text(value))
    )
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class LinkRow:
    """One data row of the links table (row = its number as a spreadsheet shows it, header = 1)."""

    row: int
    from_text: str
    to_text: str
    relation: str  # a key of RELATION_KEYS
    relation_text: str  # as written
    chain: str
    since: Optional[int]
    signed: str
    note: str


@dataclass
class LinksTable:
    """The links read from a table: rows, how many blank rows were skipped, the columns found."""

    links: List[LinkRow]
    empty_rows: int
    columns: Dict[str, str]  # column -> header as written
    other_relations: Dict[str, int]  # relation words read as 'other' -> count


def read_links(
    headers: Sequence[str], rows: Iterable[Tuple[int, Sequence[Any]]], is_canceled=None
) -> LinksTable:
    """LinkRows of numbered rows; a row with neither from nor to (or a gap in the numbering: a blank
    line the reader skipped) is counted in empty_rows. `since` falls back on the year of `signed`."""
    columns = find_columns(headers)
    table = LinksTable([], 0, {c: str(headers[i]) for c, i in columns.items()}, {})
    previous = 1
    for number, cells in rows:
        if is_canceled is not None and len(table.links) % 5000 == 0 and is_canceled():
            break
        table.empty_rows += max(0, number - previous - 1)
        previous = number
        if isinstance(cells, str):  # an unreadable CSV row (core/site_import/table.CsvRowError)
            cells = []

        def get(column, cells=cells):
            index = columns.get(column)
            return cells[index] if index is not None and index < len(cells) else None

        from_text, to_text = cell_text(get("from")), cell_text(get("to"))
        if not from_text and not to_text:
            table.empty_rows += 1
            continue
        relation_text = cell_text(get("relation"))
        relation = relation_key(relation_text)
        if relation == OTHER and relation_text:
            table.other_relations[relation_text] = table.other_relations.get(relation_text, 0) + 1
        signed = cell_text(get("signed"))
        since = parse_year(get("since"))
        table.links.append(
            LinkRow(
                row=number,
                from_text=from_text,
                to_text=to_text,
                relation=relation,
                relation_text=relation_text,
                chain=cell_text(get("chain")),
                since=since if since is not None else parse_year(signed),
                signed=signed,
                note=cell_text(get("note")),
            )
        )
    return table
