"""Small belt data files written by code for loader tests."""

from osgeo import ogr, osr


def write_layers(path, layers):
    """Write a GeoPackage/GeoJSON/shapefile: layers = {name: (geom_type, [field names], [(wkt, values)])}."""
    ogr.UseExceptions()
    driver = ogr.GetDriverByName(
        {"gpkg": "GPKG", "geojson": "GeoJSON", "shp": "ESRI Shapefile"}[str(path).rsplit(".", 1)[-1]]
    )
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    for name, (geom_type, fields, rows) in layers.items():
        layer = dataset.CreateLayer(name, srs, geom_type)
        for field in fields:
            layer.CreateField(ogr.FieldDefn(field, ogr.OFTString))
        for wkt, values in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
            for field, value in zip(fields, values):
                feature.SetField(field, value)
            layer.CreateFeature(feature)
    dataset = None
    return path


def square(x, y, size=0.002):
    """WKT of a square polygon with its south-west corner at (x, y) in degrees."""
    return "POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))".format(x, y, x + size, y + size)


def small_belt(path, zone_types=("园区", "Residential", "景点", "expo", "街区"), zones=None, sites=None):
    """A belt with one zone per given zone type value, a few sites and a road.

    zones: [(wkt, (zone_id, name, 类型))] instead of one square per zone type; sites: [(wkt, (name,
    category))] instead of an enterprise and a service station.
    """
    if zones is None:
        zones = [
            (square(121.17 + i * 0.003, 31.28), ("Z{}".format(i), "区域{}".format(i), t))
            for i, t in enumerate(zone_types)
        ]
    if sites is None:
        sites = [
            ("POINT(121.171 31.281)", ("企业甲", "enterprise")),
            ("POINT(121.174 31.281)", ("服务站", "service_station")),
        ]
    return write_layers(
        path,
        {
            "belt": (ogr.wkbPolygon, ["name"], [(square(121.165, 31.275, 0.03), ("安驰路实践带",))]),
            "zones": (ogr.wkbPolygon, ["zone_id", "name", "类型"], zones),
            "sites": (ogr.wkbPoint, ["name", "category"], sites),
            "roads": (
                ogr.wkbLineString,
                ["name"],
                [("LINESTRING(121.165 31.279,121.195 31.279)", ("博园路",))],
            ),
        },
    )
