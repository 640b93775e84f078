"""Text encodings without GDAL: CSV bytes decoded, mojibake found, shapefile field names (core/encoding)."""

import pytest
from beltmap.core.base.encoding import (
    GB18030,
    decode_text,
    mojibake_reason,
    shapefile_field_name,
    truncated_by_shapefile,
)


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("名称,lon\n甲,1\n".encode(), "UTF-8"),
        (b"\xef\xbb\xbf" + "名称,lon\n".encode(), "UTF-8 with BOM"),
        ("名称,lon\n安驰路,1\n".encode("gbk"), GB18030),
        ("名称,lon\n㙍家弄,1\n".encode("gb18030"), GB18030),
        (b"\xff\xfe" + "名称,lon\n".encode("utf-16-le"), "UTF-16-LE"),
        (b"name,lon\n", "UTF-8"),
    ],
)
def test_decode_text(data, encoding):
    text, decision = decode_text(data)
    assert decision.encoding == encoding
    assert text.startswith(("名称", "name"))


@pytest.mark.parametrize(
    "text",
    [
        "安驰路".encode().decode("cp1252", "replace"),  # å®‰é©°è·¯
        "安驰路党群服务站".encode().decode("gbk", "replace"),
        "安驰路党群服务站".encode("gbk").decode("latin-1"),
        "安驰\ufffd路",
    ],
)
def test_mojibake_found(text):
    assert mojibake_reason(text)


@pytest.mark.parametrize(
    "text",
    ["安驰路党群服务站", "Anting Old Street", "Ångström café", "上汽大众（安亭）", "博园路 No.3", "", None],
)
def test_no_false_mojibake(text):
    assert mojibake_reason(text) is None


def test_shapefile_field_names():
    assert shapefile_field_name("category_zh") == "category_z"
    assert shapefile_field_name("category_zh", ["category_z"]) == "category_1"
    assert shapefile_field_name("经度") == "field"
    assert shapefile_field_name("1st") == "f_1st"
    assert truncated_by_shapefile("区域类型名称") and not truncated_by_shapefile("zone_type")
