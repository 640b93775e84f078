"""Make the Chinese text of Qt's PDFs searchable: map shared glyphs back to the ideographs, not radicals.

Noto Sans CJK draws 示 (U+793A) and the Kangxi radical ⽰ (U+2F70) with one glyph. Qt writes each
glyph's ToUnicode entry as the lowest code point that uses it, so copying or searching the PDF finds
⽰, ⼀, ⼤ … instead of 示, 一, 大. This module rewrites those entries to the ideograph (NFKC) in an
incremental update appended to the PDF: the drawing is untouched, only the text layer is fixed.
"""

import re
import unicodedata
import zlib
from typing import Optional

_RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))  # CJK Radicals Supplement, Kangxi Radicals
_HEX = r"([0-9A-Fa-f]+)"
# simplified-form radicals (CJK Radicals Supplement) that fonts draw with the ideograph's glyph; NFKC
# leaves them alone, so they are listed: radical -> ideograph
_SUPPLEMENT = {
    0x2E9F: 0x6BCD, 0x2EA0: 0x6C11, 0x2EA9: 0x738B, 0x2EAC: 0x793A, 0x2EC4: 0x897F, 0x2EC5: 0x89C1,
    0x2EC6: 0x89D2, 0x2EC8: 0x8BA0, 0x2EC9: 0x8D1D, 0x2ECB: 0x8F66, 0x2ED0: 0x9485, 0x2ED3: 0x957F,
    0x2ED4: 0x95E8, 0x2ED6: 0x961D, 0x2EDA: 0x9875, 0x2EDB: 0x98CE, 0x2EDC: 0x98DE, 0x2EDD: 0x98DF,
    0x2EDF: 0x98E0, 0x2EE0: 0x9963, 0x2EE2: 0x9A6C, 0x2EE3: 0x9AA8, 0x2EE4: 0x9B3C, 0x2EE5: 0x9C7C,
    0x2EE6: 0x9E1F, 0x2EE7: 0x5364, 0x2EE8: 0x9EA6, 0x2EE9: 0x9EC4, 0x2EEA: 0x9EFE, 0x2EEB: 0x6589,
    0x2EEC: 0x9F50, 0x2EED: 0x6B6F, 0x2EEF: 0x7ADC, 0x2EF0: 0x9F99, 0x2EF2: 0x4E80, 0x2EF3: 0x9F9F,
}  # fmt: skip


def _ideograph(code: str) -> str:
    """The hex code of the ideograph a radical code point stands for (NFKC), else code unchanged."""
    value = int(code, 16)
    if value in _SUPPLEMENT:
        return "{:04X}".format(_SUPPLEMENT[value])
    if len(code) == 4 and any(lo <= value <= hi for lo, hi in _RADICAL_BLOCKS):
        normal = unicodedata.normalize("NFKC", chr(value))
        if len(normal) == 1 and ord(normal) <= 0xFFFF and ord(normal) != value:
            return "{:04X}".format(ord(normal))
    return code


def fix_cmap(text: str) -> str:
    """A ToUnicode CMap with every radical destination replaced by its ideograph."""
    out = []
    section = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.endswith("beginbfrange"):
            section = "range"
        elif stripped.endswith("beginbfchar"):
            section = "char"
        elif stripped in ("endbfrange", "endbfchar"):
            section = None
        elif section == "char":
            match = re.match(r"^<{0}>\s*<{0}>$".format(_HEX), stripped)
            if match:
                line = "<{}> <{}>".format(match.group(1), _ideograph(match.group(2)))
        elif section == "range":
            match = re.match(r"^<{0}>\s*<{0}>\s*(.*)$".format(_HEX), stripped)
            if match:
                low, high, rest = match.groups()
                if rest.startswith("["):
                    codes = re.findall(r"<{}>".format(_HEX), rest)
                else:
                    first = re.match(r"<{}>".format(_HEX), rest)
                    count = int(high, 16) - int(low, 16) + 1
                    start = first.group(1) if first else ""
                    codes = (
                        ["{:04X}".format(int(start, 16) + i) for i in range(count)] if len(start) == 4 else []
                    )
                fixed = [_ideograph(code) for code in codes]
                if fixed != codes:
                    line = "<{}> <{}> [{} ]".format(low, high, " ".join("<{}>".format(c) for c in fixed))
        out.append(line)
    return "\n".join(out)


def _last_object(data: bytes, number: bytes):
    """(dictionary, stream bytes) of the last definition of object number, or None."""
    matches = list(re.finditer(rb"(?:^|[\r\n])" + number + rb" 0 obj\s*(<<.*?>>)\s*stream\r?\n", data, re.S))
    if not matches:
        return None
    match = matches[-1]
    length = re.search(rb"/Length (\d+)(?! \d+ R)", match.group(1))
    if not length:
        return None
    start = match.end()
    return match.group(1), data[start : start + int(length.group(1))]


def fix_pdf_text(path: str) -> int:
    """Fix the ToUnicode maps of the PDF at path in place (incremental update); returns maps fixed."""
    with open(path, "rb") as handle:
        data = handle.read()
    startxref = re.findall(rb"startxref\s+(\d+)\s+%%EOF", data)
    trailers = re.findall(rb"trailer\s*(<<.*?>>)\s*startxref", data, re.S)
    if not startxref or not trailers:
        return 0  # a cross-reference stream PDF: not what Qt writes, left alone
    trailer = trailers[-1]
    updates = {}
    for number in dict.fromkeys(re.findall(rb"/ToUnicode (\d+) 0 R", data)):
        found = _last_object(data, number)
        if found is None:
            continue
        dictionary, stream = found
        compressed = b"/FlateDecode" in dictionary
        text = (zlib.decompress(stream) if compressed else stream).decode("latin-1")
        fixed = fix_cmap(text)
        if fixed != text:
            updates[int(number)] = fixed.encode("latin-1")
    if not updates:
        return 0
    appended = bytearray(b"\n" if not data.endswith(b"\n") else b"")
    offsets = {}
    for number, stream in sorted(updates.items()):
        offsets[number] = len(data) + len(appended)
        appended += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(stream))
        appended += stream + b"\nendstream\nendobj\n"
    xref_at = len(data) + len(appended)
    appended += b"xref\n"
    for number, offset in sorted(offsets.items()):
        appended += b"%d 1\n%010d 00000 n \n" % (number, offset)
    keep = b" ".join(_entry(trailer, key) or b"" for key in (b"/Size", b"/Root", b"/Info", b"/ID"))
    appended += b"trailer\n<< %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n" % (keep, startxref[-1], xref_at)
    with open(path, "ab") as handle:
        handle.write(bytes(appended))
    return len(updates)


def _entry(trailer: bytes, key: bytes) -> Optional[bytes]:
    """'/Key value' of a trailer entry (a number, a reference or an array), or None."""
    match = re.search(re.escape(key) + rb"\s*(\d+ \d+ R|\d+|\[[^\]]*\])", trailer)
    return key + b" " + match.group(1) if match else None
