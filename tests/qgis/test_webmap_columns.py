"""The web map's compact site columns (core/webmap/columns.py): written by Python, read back the same, and
read back the same by the page's own decoder (app.js) in headless Chromium."""

import json
import random

import pytest
from test_webmap import _browser_installed, _open, belt, desktop, web  # noqa: F401 (fixtures)


def test_numbers_round_trip():
    from beltmap.core.webmap.columns import pack, pack_coordinates, pack_optional, unpack

    rng = random.Random(3)
    for width in range(1, 6):
        values = [rng.randrange(64**width) for _ in range(500)] + [0, 64**width - 1]
        column = pack(values, width)
        assert column["w"] == width and len(column["s"]) == width * len(values)
        assert unpack(column) == values
    assert pack([0, 63])["w"] == 1 and pack([64])["w"] == 2
    assert unpack(pack_optional([None, 0, 5])) == [0, 1, 6]
    with pytest.raises(ValueError):
        pack([-1])
    lons = [121.123456, 121.2, 121.150001]
    column = pack_coordinates(lons)
    assert column["o"] == 121.123456
    assert [round(column["o"] + v / 1e6, 6) for v in unpack(column)] == lons
    assert '"' not in column["s"] and "\\" not in column["s"]


def test_texts_round_trip_front_coded_or_not():
    from beltmap.core.webmap.columns import texts, untexts

    ids = ["B{:05d}".format(i) for i in range(2000)]
    column = texts(ids)
    assert column.get("f") == 1 and len(column["s"]) < len("\t".join(ids)) / 2
    assert untexts(column, len(ids)) == ids
    # no shared beginnings: plain, a tab inside a text becomes a space, characters beyond the BMP kept
    mixed = ["甲\t乙", "", "😀😀a", "😀😀b" * 30, "😀😀" * 40, "x"]
    assert untexts(texts(mixed), len(mixed)) == [m.replace("\t", " ") for m in mixed]
    long_shared = ["上海安亭汽车零部件有限公司第{}分公司😀".format(i) for i in range(50)]
    column = texts(long_shared)
    assert column.get("f") == 1 and untexts(column, 50) == long_shared
    assert untexts(texts([]), 0) == []


def test_the_page_decodes_what_python_wrote(web, belt, desktop):  # noqa: F811
    """data.js's columns as app.js decodes them are the sites of the demo belt, in order."""
    import sqlite3

    _open(desktop, web)
    decoded = desktop.js(
        "var s = window.BELTMAP_DATA.sites; return {id: s.id, name: s.name, n: s.count, "
        "x: Array.from(s.x), cat: Array.from(s.cat).map(function (c) { return s.categories[c].key; })};"
    )
    with sqlite3.connect(str(belt)) as db:
        rows = db.execute("SELECT site_id, name, category FROM sites ORDER BY fid").fetchall()
    assert decoded["n"] == len(rows) == len(decoded["id"])
    assert decoded["id"] == [r[0] for r in rows]
    assert decoded["name"] == [r[1] for r in rows]
    assert decoded["cat"] == [r[2] for r in rows]
    assert all(121.0 < x < 121.4 for x in decoded["x"])
    assert json.dumps(decoded, ensure_ascii=False).count("<img") == 1  # the XSS name, as text
