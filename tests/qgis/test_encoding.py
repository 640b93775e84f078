"""Shapefile encodings (.cpg, DBF language driver, scoring), CSV bytes, mojibake, shapefile field names."""

import hashlib

from beltmap.core.base.encoding import GB18030, UTF8, encoded_uri, mojibake_reason, shapefile_encoding
from osgeo import gdal, ogr, osr

NAMES = ["安驰路党群服务站", "上汽大众安亭工厂", "同济大学嘉定校区", "Anting 汽车城"]


def write_shapefile(path, encoding="CP936", cpg=False, ldid=0, names=NAMES, geometry=ogr.wkbPoint):
    """A point shapefile whose DBF holds `names` in `encoding`; .cpg and LDID byte only when asked."""
    ogr.UseExceptions()
    # QGIS sets SHAPE_ENCODING="" (no recoding) once it runs: write the bytes asked for all the same
    saved = gdal.GetConfigOption("SHAPE_ENCODING")
    gdal.SetConfigOption("SHAPE_ENCODING", None)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    dataset = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(path))
    layer = dataset.CreateLayer(path.stem, srs, geometry, options=["ENCODING={}".format(encoding)])
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    layer.CreateField(ogr.FieldDefn("category", ogr.OFTString))
    for index, name in enumerate(names):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("name", name)
        feature.SetField("category", "enterprise")
        feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT({} 31.28)".format(121.17 + index * 0.001)))
        layer.CreateFeature(feature)
    dataset = None
    gdal.SetConfigOption("SHAPE_ENCODING", saved)
    cpg_path = path.with_suffix(".cpg")
    if not cpg and cpg_path.exists():
        cpg_path.unlink()
    dbf = path.with_suffix(".dbf")
    data = bytearray(dbf.read_bytes())
    assert bytes(data).find("安驰路".encode("gbk" if encoding == "CP936" else "utf-8")) > 0
    data[29] = ldid
    dbf.write_bytes(bytes(data))
    return path


def names_of(layer):
    return [f["name"] for f in layer.getFeatures()]


def test_gbk_shapefile_without_cpg_is_scored_gb18030(tmp_path):
    path = write_shapefile(tmp_path / "gbk_sites.shp")
    decision = shapefile_encoding(str(path))
    assert decision.encoding == GB18030 and decision.source == "score"
    uri, _ = encoded_uri(str(path))
    assert "ENCODING=GB18030" in uri


def test_utf8_shapefile_without_cpg_is_scored_utf8(tmp_path):
    path = write_shapefile(tmp_path / "utf8_sites.shp", encoding="UTF-8")
    decision = shapefile_encoding(str(path))
    assert decision.encoding == UTF8
    assert encoded_uri(str(path))[0] == str(path)


def test_cpg_and_language_driver_win(tmp_path):
    path = write_shapefile(tmp_path / "cpg.shp", cpg=True)
    assert shapefile_encoding(str(path)).source == "cpg"
    assert shapefile_encoding(str(path)).encoding == "CP936"
    path = write_shapefile(tmp_path / "ldid.shp", ldid=0x4D)
    decision = shapefile_encoding(str(path))
    assert (decision.encoding, decision.source) == ("CP936", "ldid")


def test_loader_reads_gbk_shapefile_without_cpg(tmp_path, qgis_app):
    from beltmap.layers.loader import list_layers, open_layer

    path = write_shapefile(tmp_path / "sites.shp")
    before = hashlib.sha256(path.with_suffix(".dbf").read_bytes()).hexdigest()
    infos = list_layers(str(path))
    layer = open_layer(infos[0], "sites")
    assert names_of(layer) == NAMES
    assert hashlib.sha256(path.with_suffix(".dbf").read_bytes()).hexdigest() == before
    assert not path.with_suffix(".cpg").exists()  # the file is never changed


def test_loader_reads_ldid_and_utf8_shapefiles(tmp_path, qgis_app):
    from beltmap.layers.loader import list_layers, open_layer

    for path in (
        write_shapefile(tmp_path / "ldid.shp", ldid=0x4D),
        write_shapefile(tmp_path / "utf8.shp", encoding="UTF-8"),
        write_shapefile(tmp_path / "cpg.shp", cpg=True),
    ):
        assert names_of(open_layer(list_layers(str(path))[0], "sites")) == NAMES, path


def test_processing_input_helper_reads_gbk(tmp_path, provider):
    from beltmap.processing.inputs import vector_input
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    path = write_shapefile(tmp_path / "站点 GBK.shp")

    class Stub:
        def parameterAsVectorLayer(self, *args):  # noqa: N802
            raise AssertionError("a shapefile path must be opened by the helper")

    feedback = QgsProcessingFeedback()
    context = QgsProcessingContext()  # keeps the layer alive
    layer = vector_input(Stub(), {"INPUT": str(path)}, "INPUT", context, feedback)
    assert names_of(layer) == NAMES


def test_no_false_mojibake_in_demo(demo_gpkg):
    ogr.UseExceptions()
    dataset = ogr.Open(str(demo_gpkg))
    for layer in dataset:
        for feature in layer:
            for index in range(feature.GetFieldCount()):
                value = feature.GetField(index)
                if isinstance(value, str):
                    assert mojibake_reason(value) is None, value


def test_a_shapefile_input_is_opened_once_per_context(tmp_path, monkeypatch, qgis_app):
    from beltmap.processing import inputs
    from qgis.core import QgsProcessingContext

    path = write_shapefile(tmp_path / "sites.shp")
    calls = []
    real = inputs.encoded_uri
    monkeypatch.setattr(inputs, "encoded_uri", lambda uri: calls.append(uri) or real(uri))
    context = QgsProcessingContext()
    first = inputs.open_with_encoding(str(path), context)
    second = inputs.open_with_encoding(str(path), context)
    assert first is second and first.isValid() and len(calls) == 1
