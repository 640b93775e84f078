"""`beltmap:zonesummary`: rows per zone, per zone type, untagged and total; areas, densities, the CSV."""

import csv

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException
from qgis.PyQt.QtCore import QVariant
from tag_fixtures import ZONE_FIELDS, Feedback, box, engine, hand_zones, local, memory_layer


def _run(params):
    from qgis import processing

    context = QgsProcessingContext()
    params = dict(params)
    params.setdefault("OUTPUT", "TEMPORARY_OUTPUT")
    with engine("qgis"):
        results = processing.run("beltmap:zonesummary", params, context=context, feedback=Feedback())
    layer = results["OUTPUT"]
    if isinstance(layer, str):
        layer = context.getMapLayer(layer)
    rows = []
    for feature in layer.getFeatures():
        row = dict(zip(layer.fields().names(), feature.attributes()))
        rows.append(
            {k: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v) for k, v in row.items()}
        )
    return results, layer, rows


def _sites():
    fields = [("name", QVariant.String), ("category", QVariant.String)]
    rows = [
        (local("POINT({} {})", 5, 5), ["a", "enterprise"]),
        (local("POINT({} {})", 6, 6), ["b", "enterprise"]),
        (local("POINT({} {})", 7, 2), ["c", "service_station"]),
        (local("POINT({} {})", 15, 5), ["d", "enterprise"]),  # Z2 community
        (local("POINT({} {})", 115, 15), ["e", "facility"]),  # Z6 big park (Z7 inside, priority park)
        (local("POINT({} {})", 25, 5), ["f", "enterprise"]),  # no zone
        (local("POINT({} {})", 26, 5), ["g", None]),  # no zone, no category
    ]
    return memory_layer("Point", fields, rows, name="sites")


def test_zone_summary_tags_on_the_fly_and_writes_csv(provider, tmp_path):
    csv_path = tmp_path / "tables" / "zone_summary.csv"
    results, layer, rows = _run({"INPUT": _sites(), "ZONES": hand_zones(), "OUTPUT_CSV": str(csv_path)})
    zone_rows = {r["zone_id"]: r for r in rows if r["level"] == "zone"}
    assert len(zone_rows) == 7 and results["ZONE_ROWS"] == 7  # zones without features are listed
    z1 = zone_rows["Z1"]
    assert (z1["n_enterprise"], z1["n_service_station"], z1["total"]) == (2, 1, 3)
    assert z1["area_m2"] == pytest.approx(100.0) and z1["area_km2"] == pytest.approx(1e-4)
    assert z1["density"] == pytest.approx(3 / 1e-4)
    assert zone_rows["Z7"]["total"] == 0
    types = {r["zone_type"]: r for r in rows if r["level"] == "zone_type"}
    assert all(r["zone_id"] is None for r in types.values())
    assert types["park"]["total"] == 4 and types["park"]["zone_type_zh"] == "园区"
    # the type's area is the union of its zones (Z1 100 m² + Z6 10,000 m²)
    assert types["park"]["area_m2"] == pytest.approx(10100.0)
    untagged = next(r for r in rows if r["level"] == "untagged")
    assert (untagged["n_enterprise"], untagged["n_none"], untagged["total"]) == (1, 1, 2)
    total = next(r for r in rows if r["level"] == "total")
    assert total["total"] == 7
    assert results["TAGGED_COUNT"] == 5 and results["UNTAGGED_COUNT"] == 2
    assert layer.fields().field("n_service_station").alias() == "党群服务站"

    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0][:4] == ["level", "zone_id", "zone_name", "zone_type"]
    assert len(table) == len(rows) + 1
    assert any("园区" in line for line in map(",".join, table))


def test_zone_summary_of_a_tagged_layer_without_zones(provider):
    from tag_fixtures import run_tag

    _r, tagged, _fb = run_tag({"INPUT": _sites(), "ZONES": hand_zones()}, path="qgis")
    results, _layer, rows = _run({"INPUT": tagged})
    zone_rows = [r for r in rows if r["level"] == "zone"]
    assert {r["zone_id"] for r in zone_rows} == {"Z1", "Z2", "Z6"}  # only zones met in the tags
    assert all(r["area_m2"] is None and r["density"] is None for r in zone_rows)
    assert results["TAGGED_COUNT"] == 5


def test_zone_summary_needs_tags_or_zones(provider):
    with pytest.raises(QgsProcessingException):
        _run({"INPUT": _sites()})


def test_zone_summary_reports_unknown_zone_types(provider):
    zones = memory_layer("Polygon", ZONE_FIELDS, [(box(0, 0, 10, 10), ["U1", "u", "公园"])])
    with pytest.raises(QgsProcessingException, match="nearest known type: park"):
        _run({"INPUT": _sites(), "ZONES": zones})
