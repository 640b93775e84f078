"""Text encodings of input files: CSV bytes, shapefile .cpg / DBF language driver / scoring, mojibake.

Design institutes send GBK shapefiles without a .cpg; QGIS then reads their Chinese as 乱码. Here
the encoding of a shapefile is decided from, in order: the .cpg file, the DBF language-driver byte
(LDID), and, when neither says, by decoding the DBF text as UTF-8 and as GB18030 (a superset of GBK
and GB2312) and keeping the one that reads as text. The decision is logged and the layer is opened
with that encoding, so the file itself is never changed.
"""

import os
import re
import struct
import unicodedata
from dataclasses import dataclass
from typing import Iterable, List, Optional, Tuple

UTF8 = "UTF-8"
GB18030 = "GB18030"

# DBF language driver ids (byte 29 of the header) → code page, as in the ESRI/GDAL tables
LDID_CODEPAGES = {
    0x01: "CP437", 0x02: "CP850", 0x03: "CP1252", 0x08: "CP865", 0x09: "CP437", 0x0A: "CP850",
    0x0B: "CP437", 0x0D: "CP437", 0x0E: "CP850", 0x0F: "CP437", 0x10: "CP850", 0x11: "CP437",
    0x12: "CP850", 0x13: "CP932", 0x14: "CP850", 0x15: "CP437", 0x16: "CP850", 0x17: "CP865",
    0x18: "CP437", 0x19: "CP437", 0x1A: "CP850", 0x1B: "CP437", 0x1C: "CP863", 0x1D: "CP850",
    0x1F: "CP852", 0x22: "CP852", 0x23: "CP852", 0x24: "CP860", 0x25: "CP850", 0x26: "CP866",
    0x37: "CP850", 0x40: "CP852", 0x4D: "CP936", 0x4E: "CP949", 0x4F: "CP950", 0x50: "CP874",
    0x58: "CP1252", 0x59: "CP1252", 0x64: "CP852", 0x65: "CP866", 0x66: "CP865", 0x67: "CP861",
    0x6A: "CP737", 0x6B: "CP857", 0x78: "CP950", 0x79: "CP949", 0x7A: "CP936", 0x7B: "CP932",
    0x7C: "CP874", 0x7D: "CP1255", 0x7E: "CP1256", 0xC8: "CP1250", 0xC9: "CP1251", 0xCA: "CP1254",
    0xCB: "CP1253",
}  # fmt: skip
# 0x57 means "the writer's ANSI code page": it tells nothing, like 0

# .cpg spellings → a codec name Python and GDAL both know
_CPG_NAMES = {
    "utf8": UTF8, "utf-8": UTF8, "65001": UTF8, "936": "CP936", "cp936": "CP936", "gbk": "CP936",
    "ansi936": "CP936", "gb2312": "CP936", "gb18030": GB18030, "54936": GB18030, "950": "CP950",
    "big5": "CP950", "1252": "CP1252", "ansi1252": "CP1252", "88591": "ISO-8859-1",
    "iso88591": "ISO-8859-1", "latin1": "ISO-8859-1",
}  # fmt: skip


@dataclass
class EncodingDecision:
    """Which encoding a file is read with, and why (for the log and the results)."""

    encoding: str
    source: str  # 'cpg', 'ldid', 'bom', 'ascii', 'score', 'fallback'
    detail: str = ""

    def describe(self) -> str:
        """One sentence for the log."""
        return "{} ({}{})".format(self.encoding, self.source, ": " + self.detail if self.detail else "")


# ---------------------------------------------------------------------------------------------
# plain text (CSV)

BOMS = (
    (b"\xef\xbb\xbf", "UTF-8-SIG"),
    (b"\xff\xfe", "UTF-16-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
)


def decode_text(data: bytes) -> Tuple[str, EncodingDecision]:
    """Decode bytes of a text file: a BOM, else UTF-8, else GB18030 (GBK), else Latin-1 as a last resort."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec[:-4] if codec.endswith("-SIG") else codec, "replace"), (
                EncodingDecision(codec.replace("-SIG", " with BOM"), "bom")
            )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        source = "ascii" if text.isascii() else "score"
        return text, EncodingDecision(UTF8, source, "decodes as UTF-8")
    try:
        return data.decode("gb18030"), EncodingDecision(GB18030, "score", "not UTF-8; decodes as GBK/GB18030")
    except UnicodeDecodeError:
        return data.decode("latin-1"), EncodingDecision(
            "ISO-8859-1", "fallback", "neither UTF-8 nor GBK/GB18030; read byte by byte"
        )


# ---------------------------------------------------------------------------------------------
# shapefiles


def _sidecar(path: str, ext: str) -> Optional[str]:
    base = os.path.splitext(path)[0]
    for candidate in (base + ext.lower(), base + ext.upper()):
        if os.path.exists(candidate):
            return candidate
    return None


def cpg_encoding(shp_path: str) -> Optional[str]:
    """The codec named by a shapefile's .cpg, normalised; None without a .cpg or when it is unknown."""
    cpg = _sidecar(shp_path, ".cpg")
    if cpg is None:
        return None
    try:
        with open(cpg, "rb") as handle:
            raw = handle.read(64).decode("ascii", "ignore")
    except OSError:
        return None
    key = re.sub(r"[\s_\-]", "", raw).lower()
    return _CPG_NAMES.get(key, raw.strip() or None)


def dbf_ldid(dbf_path: str) -> int:
    """The language driver id byte of a DBF header (0 when absent or unreadable)."""
    try:
        with open(dbf_path, "rb") as handle:
            header = handle.read(32)
    except OSError:
        return 0
    return header[29] if len(header) >= 30 else 0


def dbf_text_bytes(dbf_path: str, limit: int = 2_000_000) -> List[bytes]:
    """The non-ASCII raw values of the character fields of a DBF (at most `limit` bytes read)."""
    try:
        with open(dbf_path, "rb") as handle:
            header = handle.read(32)
            if len(header) < 32:
                return []
            records, header_len, record_len = struct.unpack("<IHH", header[4:12])
            descriptors = handle.read(max(0, header_len - 32))
            fields = []
            offset = 1  # deletion flag
            for pos in range(0, len(descriptors) - 31, 32):
                if descriptors[pos] == 0x0D:
                    break
                kind = chr(descriptors[pos + 11])
                size = descriptors[pos + 16]
                if kind == "C":
                    size += descriptors[pos + 17] * 256  # long character fields
                    fields.append((offset, size))
                offset += size
            handle.seek(header_len)
            data = handle.read(min(limit, records * record_len if record_len else 0))
    except (OSError, struct.error):
        return []
    values = []
    for start in range(0, len(data) - record_len + 1 if record_len else 0, record_len):
        record = data[start : start + record_len]
        for field_offset, size in fields:
            value = record[field_offset : field_offset + size].rstrip(b" \x00")
            if value and not value.isascii():
                values.append(value)
    return values


def _cjk_score(text: str) -> float:
    """How much a decoded text looks like Chinese or plain text (1.0 all good, lower for odd characters)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (
            0x4E00 <= code <= 0x9FFF  # CJK unified ideographs (all of GB2312/GBK's common ones)
            or 0x3000 <= code <= 0x303F  # CJK punctuation
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or ch.isascii()
            or unicodedata.category(ch).startswith(("L", "N", "Z"))
            and code < 0x2000
        ):
            good += 1
    return good / len(text)


def score_encoding(values: Iterable[bytes]) -> EncodingDecision:
    """UTF-8 or GB18030 for raw text values, by which decodes them as the more plausible text."""
    values = list(values)
    if not values:
        return EncodingDecision(UTF8, "ascii", "no non-ASCII text")
    scores = {}
    for codec in (UTF8, GB18030):
        decoded_ok, total = 0, 0.0
        for value in values:
            try:
                text = value.decode(codec)
            except UnicodeDecodeError:
                continue
            decoded_ok += 1
            total += _cjk_score(text)
        scores[codec] = (decoded_ok / len(values), total / len(values))
    utf8_ok, utf8_score = scores[UTF8]
    gb_ok, gb_score = scores[GB18030]
    detail = "UTF-8 decodes {:.0%} (score {:.2f}), GB18030 decodes {:.0%} (score {:.2f}) of {} values".format(
        utf8_ok, utf8_score, gb_ok, gb_score, len(values)
    )
    # valid multi-byte UTF-8 is very unlikely by chance, so UTF-8 wins when it decodes everything
    if utf8_ok == 1.0 or utf8_score >= gb_score:
        return EncodingDecision(UTF8, "score", detail)
    return EncodingDecision(GB18030, "score", detail)


def shapefile_encoding(path: str) -> EncodingDecision:
    """The encoding to read a shapefile (.shp or .dbf path) with: .cpg, else LDID, else scoring."""
    cpg = cpg_encoding(path)
    if cpg:
        return EncodingDecision(cpg, "cpg", os.path.basename(_sidecar(path, ".cpg") or ""))
    dbf = _sidecar(path, ".dbf")
    if dbf is None:
        return EncodingDecision(UTF8, "fallback", "no .dbf")
    ldid = dbf_ldid(dbf)
    if ldid in LDID_CODEPAGES:
        return EncodingDecision(LDID_CODEPAGES[ldid], "ldid", "language driver 0x{:02X}".format(ldid))
    return score_encoding(dbf_text_bytes(dbf))


def split_uri(uri: str) -> Tuple[str, str]:
    """(path, '|…' suffix) of an OGR data source URI."""
    path, sep, rest = str(uri).partition("|")
    return path, sep + rest


def is_shapefile(uri: str) -> bool:
    """True for a path (or OGR URI) to a .shp or .dbf file."""
    path, _ = split_uri(uri)
    return path.lower().endswith((".shp", ".dbf")) and os.path.isfile(path)


def encoded_uri(uri: str) -> Tuple[str, Optional[EncodingDecision]]:
    """An OGR URI that reads a shapefile with its detected encoding (other sources unchanged).

    GDAL itself honours a .cpg or a language-driver byte, so only a scored decision that differs from
    GDAL's default adds `|option:ENCODING=…` to the URI.
    """
    if not is_shapefile(uri) or "option:encoding=" in str(uri).lower():
        return uri, None
    path, suffix = split_uri(uri)
    decision = shapefile_encoding(path)
    if decision.source == "score" and decision.encoding != UTF8:
        return "{}{}|option:ENCODING={}".format(path, suffix, decision.encoding), decision
    return uri, decision


# ---------------------------------------------------------------------------------------------
# mojibake

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN_HIGH = re.compile(
    r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a]"
)


def mojibake_reason(text) -> Optional[str]:
    """Why a text looks garbled (U+FFFD, or UTF-8/GBK bytes decoded with the wrong code page), else None."""
    if text is None:
        return None
    text = str(text)
    if "\ufffd" in text:
        return "contains the replacement character U+FFFD (text lost by a wrong encoding)"
    if len(_LATIN_HIGH.findall(text)) >= 2:
        for codec in ("cp1252", "latin-1"):
            try:
                repaired = text.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                try:
                    repaired = text.encode(codec).decode("gbk")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    continue
            if _CJK.search(repaired):
                return "looks like Chinese read with a Western code page (would read '{}')".format(
                    repaired[:30]
                )
    if len(_CJK.findall(text)) >= 2:
        try:
            repaired = text.encode("gb18030").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        if repaired != text and _CJK.search(repaired) and len(repaired) < len(text):
            return "looks like UTF-8 read as GBK (would read '{}')".format(repaired[:30])
    return None


def shapefile_field_name(name: str, taken: Iterable[str] = ()) -> str:
    """An ASCII field name of at most 10 bytes, unique among `taken` (what a shapefile keeps)."""
    ascii_name = re.sub(r"[^0-9A-Za-z_]", "_", unicodedata.normalize("NFKC", str(name))).strip("_")
    ascii_name = ascii_name or "field"
    if ascii_name[0].isdigit():
        ascii_name = "f_" + ascii_name
    taken_lower = {t.lower() for t in taken}
    candidate = ascii_name[:10]
    number = 1
    while candidate.lower() in taken_lower:
        suffix = "_{}".format(number)
        candidate = ascii_name[: 10 - len(suffix)] + suffix
        number += 1
    return candidate


def truncated_by_shapefile(name: str) -> bool:
    """True when a shapefile would cut this field name (more than 10 bytes)."""
    return len(str(name).encode("utf-8")) > 10
