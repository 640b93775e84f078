"""`beltmap:importsites`: CSV/XLSX variants, web-map coordinates, bad input (the transforms and coordinate
text: tests/unit/test_coords.py)."""

import hashlib
import random

import pytest
import qgis_profile
from beltmap.core.base import coords
from beltmap.core.site_import.columns import find_xy
from beltmap.core.site_import.rows import read_sites
from beltmap.core.site_import.table import _read_xlsx_gdal, take_sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# ---------------------------------------------------------------------------------------------
# running the algorithm

HEADER = "name,category,lon,lat"
ROWS = [
    ("安驰路党群服务站", "service_station", 121.17595, 31.28744),
    ("上汽大众安亭工厂", "enterprise", 121.1652, 31.2811),
    ("同济大学嘉定校区", "institute", 121.2151, 31.2873),
]


def csv_text(rows=ROWS, header=HEADER, delimiter=","):
    lines = [header.replace(",", delimiter)]
    lines += [delimiter.join(str(v) for v in row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def run_import(tmp_path, path, **params):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    out = tmp_path / "out_{}.gpkg".format(len(list(tmp_path.glob("out_*"))))
    parameters = {"INPUT": str(path), "OUTPUT": str(out), "ERRORS": "TEMPORARY_OUTPUT"}
    parameters.update(params)
    context = QgsProcessingContext()
    results = processing.run(
        "beltmap:importsites", parameters, context=context, feedback=QgsProcessingFeedback()
    )
    layer = QgsVectorLayer(results["OUTPUT"], "sites", "ogr")
    errors = results.get("ERRORS")  # a TEMPORARY_OUTPUT comes back as the layer itself
    return results, layer, errors


def features(layer):
    return [(f.attributes(), f.geometry().asPoint()) for f in layer.getFeatures()]


def by_name(layer):
    return {f["name"]: f for f in layer.getFeatures()}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b"")],
)
def test_csv_encodings_detected(tmp_path, provider, encoding, bom):
    rows = list(ROWS)
    if encoding == "gb18030":
        rows.append(("㙍家弄站", "facility", 121.18, 31.28))  # outside GBK: four bytes in GB18030
    path = tmp_path / "sites_{}.csv".format(encoding)
    path.write_bytes(bom + csv_text(rows).encode(encoding))
    before = digest(path)
    results, layer, _errors = run_import(tmp_path, path)
    assert results["IMPORTED"] == len(rows) and results["REJECTED"] == 0
    assert set(by_name(layer)) == {row[0] for row in rows}
    expected = {"utf-8": "UTF-8", "gbk": "GB18030", "gb18030": "GB18030"}[encoding]
    assert results["ENCODING"].startswith(expected)
    assert digest(path) == before  # the input file is never changed
    site = by_name(layer)["安驰路党群服务站"]
    assert site["coord_src"] == "WGS84" and site["src_row"] == 2
    assert layer.crs().authid() == "EPSG:4490"
    assert site.geometry().asPoint().x() == pytest.approx(121.17595, abs=1e-9)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_delimiters(tmp_path, provider, delimiter):
    path = tmp_path / "sites.txt"
    path.write_text(csv_text(delimiter=delimiter), encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path)
    assert results["IMPORTED"] == 3


@pytest.mark.parametrize(
    "header",
    [
        "名称,类别,经度,纬度",
        "name,category,lng,lat",
        "name,category,Longitude,Latitude",
        "name,category,X,Y",
        "name,category,经度(GCJ02),纬度(GCJ02)",
    ],
)
def test_xy_headers_detected(tmp_path, provider, header):
    path = tmp_path / "sites.csv"
    path.write_text(csv_text(header=header), encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path)
    assert results["IMPORTED"] == 3
    assert "name" in layer.fields().names() and "category" in layer.fields().names()
    assert all(f.isascii() and len(f) <= 10 for f in layer.fields().names())


def test_single_lon_lat_column_and_lat_first(tmp_path, provider):
    path = tmp_path / "amap.csv"
    lines = ["name,location"] + ['{},"{},{}"'.format(n, x, y) for n, _c, x, y in ROWS]
    path.write_text("\n".join(lines), encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path)
    assert results["IMPORTED"] == 3 and "location" in results["XY_COLUMNS"]
    assert by_name(layer)["安驰路党群服务站"].geometry().asPoint().x() == pytest.approx(121.17595)
    path = tmp_path / "baidu.csv"
    lines = ["name\t经纬度"] + ["{}\t{}，{}".format(n, y, x) for n, _c, x, y in ROWS]  # lat first
    path.write_text("\n".join(lines), encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path)
    assert results["IMPORTED"] == 3
    assert by_name(layer)["安驰路党群服务站"].geometry().asPoint().y() == pytest.approx(31.28744)


@pytest.mark.parametrize(
    "system, forward", [("GCJ02", coords.wgs84_to_gcj02), ("BD09", coords.wgs84_to_bd09)]
)
def test_web_map_coordinates_converted(tmp_path, provider, system, forward):
    rows = [(n, c, *forward(x, y)) for n, c, x, y in ROWS]
    path = tmp_path / "web.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path, SOURCE_CRS=system, TARGET_CRS="EPSG:4326")
    assert results["IMPORTED"] == 3
    sites = by_name(layer)
    for name, _c, x, y in ROWS:
        point = sites[name].geometry().asPoint()
        assert coords.metres_between(x, y, point.x(), point.y()) < 0.001
        assert sites[name]["coord_src"] == system


def test_projected_source_and_target(tmp_path, provider):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject

    to_4549 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsCoordinateReferenceSystem("EPSG:4549"),
        QgsProject.instance(),
    )
    rows = []
    for n, c, x, y in ROWS:
        p = to_4549.transform(QgsPointXY(x, y))
        rows.append((n, c, p.x(), p.y()))
    rows.append(("far away", "enterprise", 121.17, 31.28))  # degrees in a metre CRS: outside its area
    path = tmp_path / "metres.csv"
    path.write_text(csv_text(rows, header="name,category,x,y"), encoding="utf-8")
    results, layer, errors = run_import(tmp_path, path, SOURCE_CRS="EPSG:4549")
    assert results["IMPORTED"] == 3 and results["REJECTED"] == 1
    assert by_name(layer)["安驰路党群服务站"].geometry().asPoint().x() == pytest.approx(121.17595, abs=1e-7)
    assert by_name(layer)["安驰路党群服务站"]["coord_src"] == "EPSG:4549"
    assert "area of use" in next(errors.getFeatures())["reason"]


def test_bad_rows_go_to_errors_with_row_and_reason(tmp_path, provider):
    path = tmp_path / "bad.csv"
    path.write_text(
        "\n".join(
            [
                "name,category,lon,lat",
                "ok,enterprise,121.17595,31.28744",  # row 2
                "no lon,enterprise,,31.28",  # 3
                "text,enterprise,abc,31.28",  # 4
                "swapped,enterprise,31.28744,121.17595",  # 5
                "far,enterprise,200,31.2",  # 6
                "units ok,enterprise,121.17595°E,31°17′14.8″N",  # 7
                "units bad,enterprise,121.17 km,31.28",  # 8
                "fullwidth,enterprise,１２１．１７,３１．２８",  # 9
                "",  # 10: blank, skipped
                "short row,enterprise",  # 11
            ]
        ),
        encoding="utf-8",
    )
    results, layer, errors = run_import(tmp_path, path)
    assert results["IMPORTED"] == 3 and results["REJECTED"] == 6 and results["ROWS"] == 9
    assert set(by_name(layer)) == {"ok", "units ok", "fullwidth"}
    reasons = {f["row"]: (f["reason"], f["name"]) for f in errors.getFeatures()}
    assert set(reasons) == {3, 4, 5, 6, 8, 11}
    assert "missing" in reasons[3][0]
    assert "not a" in reasons[4][0]
    assert "swapped" in reasons[5][0] and reasons[5][1] == "swapped"
    assert "out of range" in reasons[6][0]
    assert "km" in reasons[8][0]
    assert "missing" in reasons[11][0]


def test_swapped_rows_inside_range_spotted_in_china(tmp_path, provider):
    rows = list(ROWS) * 3 + [("swapped", "enterprise", 31.28, 89.5)]  # lat 89.5 is in range, but not China
    path = tmp_path / "swap.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    results, _layer, errors = run_import(tmp_path, path)
    assert results["REJECTED"] == 1 and "swapped" in next(errors.getFeatures())["reason"]
    rows = list(ROWS) * 3 + [("swapped", "enterprise", 31.28, 121.17)]
    path.write_text(csv_text(rows), encoding="utf-8")
    results, _layer, errors = run_import(tmp_path, path, SOURCE_CRS="GCJ02")
    assert results["REJECTED"] == 1 and "swapped" in next(errors.getFeatures())["reason"]


def test_xlsx_with_openpyxl_and_gdal(tmp_path, provider):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "点位"
    sheet.append(["名称", "类别", "经度", "纬度"])
    for name, category, x, y in ROWS:
        sheet.append([name, category, x, y])
    sheet.append(["坏行", "enterprise", "abc", 31.2])
    other = workbook.create_sheet("other")
    other.append(["name", "lon", "lat"])
    other.append(["单独", 121.2, 31.29])
    path = tmp_path / "站点 列表.xlsx"
    workbook.save(path)
    results, layer, errors = run_import(tmp_path, path, SOURCE_CRS="GCJ02")
    assert results["IMPORTED"] == 3 and results["REJECTED"] == 1
    assert next(errors.getFeatures())["row"] == 5
    assert set(by_name(layer)) == {row[0] for row in ROWS}
    results, layer, _ = run_import(tmp_path, path, SHEET="other")
    assert results["IMPORTED"] == 1
    # without openpyxl: GDAL's XLSX driver
    table = _read_xlsx_gdal(str(path), None)
    sample, rest = take_sample(table)
    spec = find_xy(table.headers, [c for _, c in sample])
    sites = list(read_sites(table, spec, sample=sample, rest=rest))
    assert [type(s).__name__ for s in sites].count("SiteRow") == 3
    assert {s.cells[0] for s in sites} >= {row[0] for row in ROWS}


def test_chinese_path_with_spaces_and_shapefile_output(tmp_path, provider):
    from qgis.core import QgsVectorLayer

    folder = tmp_path / "安亭 实践带 数据"
    folder.mkdir()
    path = folder / "点位 清单.csv"
    path.write_bytes(csv_text(header="名称,类别,经度,纬度").encode("gbk"))
    out = folder / "点位 输出.shp"
    results, _layer, _ = run_import(tmp_path, path, OUTPUT=str(out))
    assert results["IMPORTED"] == 3
    assert out.with_suffix(".cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
    layer = QgsVectorLayer(str(out), "shp", "ogr")
    names = {f["name"] for f in layer.getFeatures()}
    assert "安驰路党群服务站" in names
    assert all(len(n.encode()) <= 10 for n in layer.fields().names())


# ---------------------------------------------------------------------------------------------
# bad input, as a new user would try it


def _processing_error(tmp_path, path, **params):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException) as info:
        run_import(tmp_path, path, **params)
    return str(info.value)


def test_empty_file(tmp_path, provider):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert "empty" in _processing_error(tmp_path, path)


def test_header_only(tmp_path, provider):
    path = tmp_path / "header.csv"
    path.write_text("name,lon,lat\n", encoding="utf-8")
    results, layer, _ = run_import(tmp_path, path)
    assert results["IMPORTED"] == 0 and results["ROWS"] == 0 and layer.featureCount() == 0


def test_not_a_table(tmp_path, provider, demo_gpkg):
    path = tmp_path / "sites.csv"
    path.write_bytes(demo_gpkg.read_bytes()[:20000])
    message = _processing_error(tmp_path, path)
    assert "not a text table" in message or "No longitude/latitude columns" in message


def test_old_xls_and_missing_columns(tmp_path, provider):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".xlsx" in _processing_error(tmp_path, path)
    path = tmp_path / "nocoords.csv"
    path.write_text("name,address\n甲,安亭镇\n", encoding="utf-8")
    message = _processing_error(tmp_path, path)
    assert "name, address" in message and "X_FIELD" in message
    assert "no column 'foo'" in _processing_error(tmp_path, path, X_FIELD="foo", Y_FIELD="address")


def test_unknown_source_crs(tmp_path, provider):
    path = tmp_path / "s.csv"
    path.write_text(csv_text(), encoding="utf-8")
    assert "Unknown coordinate system" in _processing_error(tmp_path, path, SOURCE_CRS="Mars2000")


def test_missing_file(tmp_path, provider):
    message = _processing_error(tmp_path, tmp_path / "nothing.csv")
    assert "nothing.csv" in message


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=200), header=st.sampled_from(["lon,lat", "location", "经度;纬度", ""]))
def test_fuzzed_csv_through_the_algorithm(tmp_path_factory, provider, text, header):
    from qgis.core import QgsProcessingException

    folder = tmp_path_factory.mktemp("fuzzalg")
    path = folder / "f.csv"
    path.write_bytes((header + "\n" + text).encode("utf-8", "replace"))
    try:
        results, _layer, _errors = run_import(folder, path, SOURCE_CRS="GCJ02")
    except QgsProcessingException as error:
        assert str(error)
    else:
        assert results["IMPORTED"] + results["REJECTED"] == results["ROWS"]


@pytest.mark.slow
def test_one_million_rows(tmp_path, provider):
    import time

    path = tmp_path / "million.csv"
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("id,name,lon,lat\n")
        for i in range(1_000_000):
            handle.write(
                "{},点{},{:.6f},{:.6f}\n".format(
                    i, i, 121.16 + rng.random() * 0.06, 31.265 + rng.random() * 0.035
                )
            )
        handle.write("bad,坏,x,y\n")
    start = time.perf_counter()
    results, layer, errors = run_import(tmp_path, path, SOURCE_CRS="GCJ02")
    elapsed = time.perf_counter() - start
    assert results["IMPORTED"] == 1_000_000 and results["REJECTED"] == 1
    assert layer.featureCount() == 1_000_000
    assert next(errors.getFeatures())["row"] == 1_000_002
    assert elapsed < 300, elapsed


@pytest.mark.slow
def test_qgis_process_importsites_json(tmp_path, qgis_process):
    path = tmp_path / "高德 点位.csv"
    rows = [(n, c, *coords.wgs84_to_gcj02(x, y)) for n, c, x, y in ROWS] + [("bad", "x", "", "")]
    path.write_bytes(csv_text(rows).encode("gbk"))
    out = tmp_path / "sites.gpkg"
    errors = tmp_path / "errors.csv"
    result = qgis_process(
        [
            "run",
            "beltmap:importsites",
            "--json",
            "--",
            "INPUT={}".format(path),
            "SOURCE_CRS=GCJ02",
            "OUTPUT={}".format(out),
            "ERRORS={}".format(errors),
        ]
    )
    data = qgis_profile.json_output(result)
    assert data["results"]["IMPORTED"] == 3 and data["results"]["REJECTED"] == 1
    assert data["results"]["ENCODING"].startswith("GB18030")
    assert out.exists() and "missing" in errors.read_text(encoding="utf-8")
