"""beltmap:chainlinks on hand-built belts: per-leader counts, every unmatched reason, GBK CSV and XLSX,
full-width names, partners in EPSG:4326 and GCJ-02, the peer test against native:hublines, the pages read
back with pdftotext, and a qgis_process --json run."""

import csv
import json
import subprocess

import pytest
import qgis_profile
from coverage_fixtures import X0, Y0, box, memory_layer, point

HEADER = ["起点", "终点", "关系", "产业链", "起始年份"]
ROWS = [
    ["S1", "S2", "供应", "整车", "2021"],  # 2: 5 km inside the belt
    ["S1", "S3", "研发", "电池", "2023"],  # 3
    ["S1", "P1", "客户", "整车", "2023"],  # 4: 40 km away
    ["S2", "S1", "合作", "整车", ""],  # 5: the reverse of row 2
    ["", "", "", "", ""],  # 6: empty
    ["S1", "同名公司", "供应", "整车", ""],  # 7: ambiguous
    ["S1", "nobody", "供应", "整车", ""],  # 8: not found
    ["上汽大众", "S1", "供应", "整车", ""],  # 9: self
    ["S1", "P2", "服务", "整车", ""],  # 10: no position
    ["Ｓ１", "ｖｏｌｖｏ  ｃａｒｓ", "服务", "整车", ""],  # 11: full width: S1 -> S2
]


def _sites():
    return memory_layer(
        "Point",
        ["site_id:string", "name:string"],
        [
            (point(0, 0), ("S1", "上汽大众")),
            (point(3000, 4000), ("S2", "Volvo Cars")),
            (point(100, 0), ("S3", "同济汽车学院")),
            (point(200, 0), ("S4", "同名公司")),
            (point(300, 0), ("S5", "同名公司")),
        ],
        "sites",
    )


def _partners():
    from qgis.core import QgsGeometry

    return memory_layer(
        "Point",
        ["site_id:string", "name:string"],
        [(point(40000, 0), ("P1", "远方供应商")), (QgsGeometry(), ("P2", "无位置公司"))],
        "partners",
    )


def _belt():
    return memory_layer("Polygon", ["id:integer"], [(box(-1000, -1000, 6000), (1,))], "belt")


def _zones():
    return memory_layer(
        "Polygon",
        ["zone_id:string", "name:string", "zone_type:string"],
        [
            (box(-500, -500, 1000), ("Z1", "汽车城", "园区")),
            (box(2500, 3500, 1000), ("Z2", "安亭新镇", "社区")),
        ],
        "zones",
    )


def _write_csv(path, rows=ROWS, encoding="utf-8", header=HEADER):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def _run(params):
    from qgis import processing

    base = {
        "SITES": _sites(),
        "PARTNERS": _partners(),
        "BELT": _belt(),
        "ZONES": _zones(),
        "LINK_LINES": "TEMPORARY_OUTPUT",
        "CHAIN_SUMMARY": "TEMPORARY_OUTPUT",
        "ZONE_LINKS": "TEMPORARY_OUTPUT",
        "UNMATCHED": "TEMPORARY_OUTPUT",
    }
    base.update(params)
    return processing.run("beltmap:chainlinks", base)


def _features(layer):
    return list(layer.getFeatures())


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_counts_reasons_and_leaders_from_a_csv(provider, tmp_path, encoding):
    result = _run({"LINKS": _write_csv(tmp_path / "links.csv", encoding=encoding)})
    assert result["LINKS_COUNT"] == 9 and result["EMPTY_ROWS"] == 1
    assert result["MATCHED_COUNT"] == 5 and result["UNMATCHED_COUNT"] == 4
    unmatched = {f["row"]: f["reason"] for f in _features(result["UNMATCHED"])}
    assert unmatched == {7: "ambiguous", 8: "not found", 9: "self", 10: "no position"}
    lines = {f["row"]: f for f in _features(result["LINK_LINES"])}
    assert sorted(lines) == [2, 3, 4, 5, 11]
    assert lines[2]["distance_m"] == pytest.approx(5000.0)
    assert lines[11]["to_key"] == "S2"  # full-width key and name matched
    assert lines[2]["cross_type"] == "园区 → 社区" and lines[2]["in_belt"] == 1
    assert lines[4]["in_belt"] == 0 and lines[4]["relation"] == "customer"
    summary = [f for f in _features(result["CHAIN_SUMMARY"])]
    s1 = next(f for f in summary if f["leader"] == "S1" and not f["chain"] and not f["year"])
    assert (s1["links"], s1["partners"], s1["inside"], s1["within_5km"], s1["within_30km"]) == (5, 3, 2, 2, 2)
    assert s1["n_service"] == 1 and s1["n_partner"] == 1
    years = sorted((f["year"], f["partners"]) for f in summary if f["leader"] == "S1" and f["year"])
    assert years == [(2021, 1), (2023, 3)]
    zones = {f["zone_id"]: f for f in _features(result["ZONE_LINKS"])}
    assert zones["Z1"]["links_from"] == 4 and zones["Z1"]["links_leaving_belt"] == 1
    assert result["INSIDE_SHARE"] == pytest.approx(0.75)


def test_xlsx_and_partners_in_wgs84_and_gcj02(provider, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from beltmap.core.base.coords import wgs84_to_gcj02
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeature,
        QgsGeometry,
        QgsPointXY,
        QgsProject,
        QgsVectorLayer,
    )

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["from", "to", "relation", "chain"])
    sheet.append(["S1", "P1", "supplier", "整车"])
    path = tmp_path / "links.xlsx"
    book.save(path)
    to_wgs = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4549"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )
    lon_lat = to_wgs.transform(QgsPointXY(X0 + 40000, Y0))
    for system, (lon, lat) in (
        ("", (lon_lat.x(), lon_lat.y())),
        ("GCJ02", wgs84_to_gcj02(lon_lat.x(), lon_lat.y())),
    ):
        partners = QgsVectorLayer("Point?crs=EPSG:4326&field=site_id:string&field=name:string", "p", "memory")
        feature = QgsFeature(partners.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        feature.setAttributes(["P1", "远方供应商"])
        partners.dataProvider().addFeatures([feature])
        result = _run({"LINKS": str(path), "PARTNERS": partners, "PARTNERS_SYSTEM": system})
        (line,) = _features(result["LINK_LINES"])
        assert line["distance_m"] == pytest.approx(40000.0, abs=0.5), system


def test_no_from_to_columns_names_the_headers(provider, tmp_path):
    from qgis.core import QgsProcessingException

    path = _write_csv(tmp_path / "bad.csv", header=["firm", "supplier", "关系", "产业链", "年"])
    with pytest.raises(QgsProcessingException, match="firm, supplier, 关系"):
        _run({"LINKS": path})


def test_peer_native_hublines(provider, tmp_path):
    """The matched links' ends and lengths equal native:hublines joining the same matched ends."""
    from qgis import processing
    from qgis.core import QgsDistanceArea

    result = _run({"LINKS": _write_csv(tmp_path / "links.csv")})
    lines = _features(result["LINK_LINES"])
    sites = {f["site_id"]: f.geometry() for layer in (_sites(), _partners()) for f in layer.getFeatures()}
    hubs = memory_layer(
        "Point", ["row:integer"], [(sites[f["from_key"]], (f["row"],)) for f in lines], "hubs"
    )
    spokes = memory_layer(
        "Point", ["row:integer"], [(sites[f["to_key"]], (f["row"],)) for f in lines], "spokes"
    )
    peer = processing.run(
        "native:hublines",
        {
            "HUBS": hubs,
            "HUB_FIELD": "row",
            "SPOKES": spokes,
            "SPOKE_FIELD": "row",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )["OUTPUT"]
    theirs = {f["row"]: f.geometry().asPolyline() for f in peer.getFeatures()}
    assert len(theirs) == len(lines) == 5
    measure = QgsDistanceArea()
    for line in lines:
        ours = line.geometry().asPolyline()
        assert (ours[0], ours[-1]) == (theirs[line["row"]][0], theirs[line["row"]][-1])
        straight = measure.measureLine(theirs[line["row"]])
        assert line["distance_m"] == pytest.approx(straight, abs=0.01)
        assert len(ours) > 2  # drawn as an arc


def test_report_pages_read_back(provider, tmp_path):
    folder = tmp_path / "report"
    many = [["S1", "P{}".format(i), "供应", "整车", "2024"] for i in range(3, 80)]
    partners = memory_layer(
        "Point",
        ["site_id:string", "name:string"],
        [(point(40000, 0), ("P1", "远方供应商"))]
        + [
            (point(500 + 40 * i, 800 + 30 * (i % 7)), ("P{}".format(i), "配套企业{:02d}号".format(i)))
            for i in range(3, 80)
        ],
        "partners",
    )
    result = _run(
        {
            "LINKS": _write_csv(tmp_path / "links.csv", ROWS + many),
            "PARTNERS": partners,
            "REPORT_FOLDER": str(folder),
        }
    )
    pdf = folder / "chain_report.pdf"
    assert pdf.exists() and (folder / "chain_report.png").exists()
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for i in range(3, 80):
        assert text.count("配套企业{:02d}号".format(i)) == 1, i
    assert "续表" in text and "远方供应商" in text and "产业链联系总览" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts
    with open(folder / "chain_summary.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert any(r["leader"] == "S1" and r["partners"] == "80" for r in rows)
    summary = (folder / "chain_summary.txt").read_text(encoding="utf-8")
    assert "产业链联系" in summary and "Chain links" in summary
    assert result["REPORT_PDF"] == str(pdf)


def test_qgis_process_json(qgis_process, tmp_path, demo_gpkg):
    links = _write_csv(
        tmp_path / "links.csv",
        [
            ["S001", "S003", "合作", "文旅"],
            ["S004", "上海汽车博物馆", "研发", "整车"],
            ["S004", "S999", "供应", "整车"],
        ],
    )
    result = qgis_process(
        [
            "run", "beltmap:chainlinks", "--json", "--",
            "LINKS={}".format(links),
            "SITES={}|layername=sites".format(demo_gpkg),
            "BELT={}|layername=belt".format(demo_gpkg),
            "ZONES={}|layername=zones".format(demo_gpkg),
            "LINK_LINES={}".format(tmp_path / "links.gpkg"),
            "UNMATCHED={}".format(tmp_path / "unmatched.csv"),
        ]
    )  # fmt: skip
    results = qgis_profile.json_output(result)["results"]
    assert (results["LINKS_COUNT"], results["MATCHED_COUNT"], results["UNMATCHED_COUNT"]) == (3, 2, 1)
    assert 0 <= results["INSIDE_SHARE"] <= 1
    assert (tmp_path / "links.gpkg").exists()
    assert json.dumps(results)


def test_menu_and_panel_open_the_dialog_with_the_panel_layers(plugin, monkeypatch):
    from qgis.core import QgsProject
    from test_panel import wait_until

    QgsProject.instance().clear()
    plugin.load_demo()
    wait_until(lambda: not plugin.panel.counting)
    opened = []
    monkeypatch.setattr(
        "beltmap.ui.dialogs.open_algorithm_dialog", lambda alg, params, iface: opened.append((alg, params))
    )
    next(a for a in plugin.menu.actions() if a.text() == "Chain links…").trigger()
    plugin.panel.form.chainsButton.click()
    assert [alg for alg, _ in opened] == ["beltmap:chainlinks", "beltmap:chainlinks"]
    for _alg, params in opened:
        assert params["SITES"] == plugin.panel.layer("sites")
        assert params["BELT"] == plugin.panel.layer("belt") and params["ZONES"] == plugin.panel.layer("zones")
    QgsProject.instance().clear()


def test_package_with_links_holds_maps_chains(provider, demo_gpkg, tmp_path):
    import json as json_module

    from qgis import processing

    links = _write_csv(
        tmp_path / "links.csv",
        [
            ["S001", "S003", "合作", "文旅"],
            ["S004", "上海汽车博物馆", "研发", "整车"],
            ["S004", "S999", "供应", "整车"],
        ],
    )
    gpkg = str(demo_gpkg)
    result = processing.run(
        "beltmap:exportpackage",
        {
            "BELT": gpkg + "|layername=belt",
            "ZONES": gpkg + "|layername=zones",
            "SITES": [gpkg + "|layername=sites"],
            "TAG": True,
            "FORMATS": ["PNG"],
            "DPI": 36,
            "WEBMAP": False,
            "LINKS": links,
            "OUTPUT_FOLDER": str(tmp_path / "out"),
        },
    )
    chains = tmp_path / "out" / "anchi_belt_map" / "maps" / "chains"
    for name in (
        "chain_links.csv",
        "chain_summary.csv",
        "chain_unmatched.csv",
        "chain_report.pdf",
        "chain_report.png",
    ):
        assert (chains / name).exists(), name
    with open(chains / "chain_unmatched.csv", encoding="utf-8-sig") as handle:
        assert [row["reason"] for row in csv.DictReader(handle)] == ["not found"]
    manifest = json_module.loads(
        (tmp_path / "out" / "anchi_belt_map" / "manifest.json").read_text(encoding="utf-8")
    )
    assert any(entry["path"] == "maps/chains/chain_report.pdf" for entry in manifest["files"])
    assert result["OUTPUT_FOLDER"].endswith("anchi_belt_map")


def test_sites_read_in_bulk_from_a_geopackage_match_the_layer(provider, tmp_path):
    """A whole GeoPackage of sites is read in bulk (core/reach/gpkg_sites); the result is the same as
    reading the same sites, reprojected to EPSG:4326, through QGIS."""
    from qgis import processing

    sites = processing.run(
        "native:reprojectlayer",
        {"INPUT": _sites(), "TARGET_CRS": "EPSG:4326", "OUTPUT": str(tmp_path / "sites.gpkg")},
    )["OUTPUT"]
    links = _write_csv(tmp_path / "links.csv")
    from_file = _run({"LINKS": links, "SITES": sites})
    from_layer = _run({"LINKS": links, "SITES": _sites()})
    ours = {f["row"]: (f["to_key"], round(f["distance_m"], 1)) for f in _features(from_file["LINK_LINES"])}
    theirs = {f["row"]: (f["to_key"], round(f["distance_m"], 1)) for f in _features(from_layer["LINK_LINES"])}
    assert ours == theirs and len(ours) == 5
    assert from_file["UNMATCHED_COUNT"] == from_layer["UNMATCHED_COUNT"] == 4


def test_links_from_a_layer_without_geometry(provider):
    from qgis.core import QgsFeature, QgsVectorLayer

    table = QgsVectorLayer(
        "None?field=起点:string&field=终点:string&field=关系:string&field=签约日期:date", "t", "memory"
    )
    from qgis.PyQt.QtCore import QDate

    rows = [
        ["S1", "Volvo Cars", "Supplier", QDate(2022, 5, 18)],
        [None, None, None, None],
        ["S1", "S1", "合作", None],
    ]
    features = []
    for values in rows:
        feature = QgsFeature(table.fields())
        feature.setAttributes(values)
        features.append(feature)
    table.dataProvider().addFeatures(features)
    result = _run({"LINKS": table})
    (line,) = _features(result["LINK_LINES"])
    assert (line["row"], line["to_key"], line["relation"], line["since"]) == (2, "S2", "supplier", 2022)
    assert result["EMPTY_ROWS"] == 1
    assert [(f["row"], f["reason"]) for f in _features(result["UNMATCHED"])] == [(4, "self")]
