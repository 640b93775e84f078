"""Compact columns for the web map's sites: numbers as fixed-width base-64 text, texts joined by tabs.

100,000 sites as one JSON object per site take about 6 MB; as these columns, under 2 MB (ids and names
that share a beginning with the previous one are front-coded). app.js (decodeColumns) reads them back.
Pure Python: no QGIS, tested in tests/unit.
"""

import re
from typing import Dict, List, Optional, Sequence

# 64 characters that JSON writes as themselves (no quote, no backslash), in the order of their values
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
VALUE = {c: i for i, c in enumerate(DIGITS)}
SEPARATOR = "\t"
MAX_PREFIX = len(DIGITS) - 1
PAIRS = [a + b for a in DIGITS for b in DIGITS]  # the 4,096 two-digit numbers
ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters JavaScript counts as two
COORD_SCALE = 1_000_000  # micro-degrees: about 0.1 m


def width_for(largest: int) -> int:
    """How many base-64 digits the numbers 0..largest need (at least 1)."""
    width = 1
    while largest >= 64**width:
        width += 1
    return width


def pack(values: Sequence[int], width: Optional[int] = None) -> Dict:
    """Non-negative integers as one string of `width` base-64 digits each: {"w": width, "s": text}."""
    if width is None:
        width = width_for(max(values) if len(values) else 0)
    if len(values) and min(values) < 0:
        raise ValueError("pack() takes non-negative integers, not {}".format(min(values)))
    digits, pairs = DIGITS, PAIRS
    if width == 1:
        text = "".join([digits[v] for v in values])
    elif width == 2:
        text = "".join([pairs[v] for v in values])
    elif width == 3:
        text = "".join([digits[v >> 12] + pairs[v & 4095] for v in values])
    elif width == 4:
        text = "".join([pairs[v >> 12] + pairs[v & 4095] for v in values])
    else:
        shifts = [6 * k for k in range(width - 1, -1, -1)]
        text = "".join(["".join(digits[(v >> s) & 63] for s in shifts) for v in values])
    return {"w": width, "s": text}


def unpack(column: Dict) -> List[int]:
    """The integers of a packed column (for tests; the page decodes in app.js)."""
    width, text = column["w"], column["s"]
    values = []
    for start in range(0, len(text), width):
        value = 0
        for char in text[start : start + width]:
            value = value * 64 + VALUE[char]
        values.append(value)
    return values


def pack_optional(values: Sequence[Optional[int]]) -> Dict:
    """Integers >= 0 or None: stored plus one, None as 0."""
    return pack([0 if v is None else v + 1 for v in values])


def pack_coordinates(values: Sequence[float]) -> Dict:
    """Degrees as micro-degrees from the smallest: {"o": origin in degrees, "w", "s"}."""
    origin = min(values) if values else 0.0
    origin = round(origin, 6)
    column = pack([int(round((v - origin) * COORD_SCALE)) for v in values])
    column["o"] = origin
    return column


def _utf16_length(text: str) -> int:
    """The length JavaScript sees (code units): characters beyond the BMP count twice."""
    return len(text) + len(ASTRAL.findall(text)) if ASTRAL.search(text) else len(text)


def _shared(a: str, b: str) -> int:
    n = min(len(a), len(b), MAX_PREFIX)
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    return i


def texts(values: Sequence[str]) -> Dict:
    """Texts joined by tabs (a tab inside a text becomes a space); front-coded when that is shorter: each text
    then starts with one digit saying how many characters (UTF-16 code units, as JavaScript counts) it shares
    with the previous text."""
    clean = [v.replace(SEPARATOR, " ") for v in values]
    plain = SEPARATOR.join(clean)
    coded = []
    previous = ""
    total = 0
    for value in clean:
        shared = _shared(previous, value) if previous else 0
        units = _utf16_length(value[:shared]) if shared else 0
        while units > MAX_PREFIX:
            shared -= 1
            units = _utf16_length(value[:shared])
        coded.append(DIGITS[units] + value[shared:])
        total += len(coded[-1]) + 1
        previous = value
        if total > len(plain):
            return {"s": plain}
    front = SEPARATOR.join(coded)
    return {"f": 1, "s": front} if len(front) < len(plain) else {"s": plain}


def untexts(column: Dict, count: int) -> List[str]:
    """The `count` texts of a text column (for tests; the page decodes in app.js)."""
    if not count:
        return []
    parts = column["s"].split(SEPARATOR)
    if not column.get("f"):
        return parts
    values, previous = [], ""
    for part in parts:
        units = VALUE[part[0]]
        head = previous.encode("utf-16-le")[: 2 * units].decode("utf-16-le")
        previous = head + part[1:]
        values.append(previous)
    return values
