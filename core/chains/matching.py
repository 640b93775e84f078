"""Matching a link's two ends to firms: the key first, else the normalised name; never a guess.

A name shared by two firms is *ambiguous*, an unknown key or name is *not found*, a link from a firm to
itself is *self*, an end without a position is *no position*. Pure Python (no QGIS).
"""

import unicodedata
from array import array
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union

from .links import LinkRow, cell_text

AMBIGUOUS = "ambiguous"
NOT_FOUND = "not found"
SELF = "self"
NO_POSITION = "no position"
REASONS = (AMBIGUOUS, NOT_FOUND, SELF, NO_POSITION)
REASON_ZH = {AMBIGUOUS: "名称重复", NOT_FOUND: "未找到", SELF: "自身相连", NO_POSITION: "无位置"}


def normalise_name(value) -> str:
    """A firm's name compared: Unicode NFKC (full-width letters and digits as half-width), every space
    removed, case folded."""
    text = value if type(value) is str else cell_text(value)  # the common case without a call
    if not text.isascii():  # NFKC leaves ASCII as it is
        text = unicodedata.normalize("NFKC", text)
    text = "".join(text.split())
    if text == "NULL":
        return ""
    return text.lower() if text.isascii() else text.casefold()


def normalise_key(value) -> str:
    """A key compared: its text (1001.0 -> '1001'), NFKC, stripped."""
    text = value if type(value) is str else cell_text(value)
    text = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    return "" if text == "NULL" else text


class Firms:
    """The firms links may name (sites first, then partners): keys, names and positions in parallel.

    x/y hold NaN for a firm without a position; `inside_sites` is how many of the first firms are sites.
    """

    def __init__(self):
        self.keys: List[str] = []
        self.names: List[str] = []
        self.x = array("d")
        self.y = array("d")
        self.is_site = bytearray()
        self._by_key: Dict[str, Union[int, List[int]]] = {}
        self._by_name: Dict[str, Union[int, List[int]]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key, name, x: Optional[float], y: Optional[float], is_site: bool = True) -> int:
        """Add one firm; its index."""
        index = len(self.keys)
        key_text, name_text = normalise_key(key), cell_text(name)
        self.keys.append(key_text)
        self.names.append(name_text)
        self.x.append(float("nan") if x is None else x)
        self.y.append(float("nan") if y is None else y)
        self.is_site.append(1 if is_site else 0)
        for table, value in ((self._by_key, key_text), (self._by_name, normalise_name(name_text))):
            if not value:
                continue
            known = table.get(value)
            if known is None:
                table[value] = index
            elif isinstance(known, list):
                known.append(index)
            else:
                table[value] = [known, index]
        return index

    def has_position(self, index: int) -> bool:
        """True when the firm has a position."""
        return self.x[index] == self.x[index]  # NaN != NaN

    def label(self, index: int) -> str:
        """Key and name of a firm, for messages."""
        return "{} {}".format(self.keys[index], self.names[index]).strip()

    def find(self, text: str) -> Tuple[Optional[int], str, str]:
        """(index, '', '') of the firm a link end names, else (None, reason, detail)."""
        if not text:
            return None, NOT_FOUND, "empty"
        for table, value, what in (
            (self._by_key, normalise_key(text), "key"),
            (self._by_name, normalise_name(text), "name"),
        ):
            known = table.get(value) if value else None
            if known is None:
                continue
            if isinstance(known, list):
                firms = ", ".join(self.label(i) for i in known[:5]) + (" …" if len(known) > 5 else "")
                return (
                    None,
                    AMBIGUOUS,
                    "{} '{}' is shared by {} firms: {}".format(what, text, len(known), firms),
                )
            return known, "", ""
        return None, NOT_FOUND, "no firm has the key or the name '{}'".format(text)


@dataclass
class Unmatched:
    """A link that could not be matched: its row, its two ends as written, the reason and a detail."""

    row: int
    from_text: str
    to_text: str
    reason: str
    detail: str


@dataclass
class Matched:
    """The links whose two ends were matched: the rows, and the firm index of each end."""

    links: List[LinkRow]
    from_index: array
    to_index: array


def match_links(links: Sequence[LinkRow], firms: Firms, is_canceled=None) -> Tuple[Matched, List[Unmatched]]:
    """Each link matched at both ends, or an Unmatched with the first end's reason (from before to)."""
    matched = Matched([], array("q"), array("q"))
    unmatched: List[Unmatched] = []
    cache: Dict[str, Tuple[Optional[int], str, str]] = {}
    for count, link in enumerate(links):
        if is_canceled is not None and count % 5000 == 0 and is_canceled():
            break
        ends = []
        for end, text in (("from", link.from_text), ("to", link.to_text)):
            found = cache.get(text)
            if found is None:
                found = cache[text] = firms.find(text)
            ends.append((end, text) + found)
        failed = next((e for e in ends if e[2] is None), None)
        if failed is not None:
            unmatched.append(_unmatched(link, failed[3], "{}: {}".format(failed[0], failed[4])))
            continue
        a, b = ends[0][2], ends[1][2]
        if a == b:
            unmatched.append(_unmatched(link, SELF, "both ends are {}".format(firms.label(a))))
            continue
        lost = [(end, i) for end, _t, i, _r, _d in ends if not firms.has_position(i)]
        if lost:
            end, i = lost[0]
            unmatched.append(
                _unmatched(link, NO_POSITION, "{}: {} has no geometry".format(end, firms.label(i)))
            )
            continue
        matched.links.append(link)
        matched.from_index.append(a)
        matched.to_index.append(b)
    return matched, unmatched


def _unmatched(link: LinkRow, reason: str, detail: str) -> Unmatched:
    return Unmatched(link.row, link.from_text, link.to_text, reason, detail)


def resolve_leaders(texts: Sequence[str], firms: Firms) -> Tuple[List[int], List[str]]:
    """Firm indexes of the leaders asked for (keys or names), and the texts that matched no single firm."""
    found, missing = [], []
    for text in texts:
        index, reason, detail = firms.find(text.strip())
        if index is None:
            missing.append("{} ({})".format(text, detail or reason))
        elif index not in found:
            found.append(index)
    return found, missing
