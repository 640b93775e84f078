"""Sites tagged on the way (web map, package, summary, index, reach): a whole GeoPackage layer of many
features goes through the vectorised engine into a temporary file and is copied into memory; the tags are
the feature-by-feature engine's, row for row (issue 28: the web map's export of 100,000 sites)."""

from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer
from tag_fixtures import Feedback, write_gpkg


def test_a_large_geopackage_layer_is_tagged_in_bulk_with_the_same_tags(provider, demo_gpkg, tmp_path):
    from beltmap.core.tagging.engine import tag_with_defaults

    sites = QgsVectorLayer("{}|layername=sites".format(demo_gpkg), "sites", "ogr")
    zones = QgsVectorLayer("{}|layername=zones".format(demo_gpkg), "zones", "ogr")
    belt = QgsVectorLayer("{}|layername=belt".format(demo_gpkg), "belt", "ogr")
    many = QgsVectorLayer(
        "Point?crs={}&field=site_id:string&field=name:string".format(sites.crs().authid()), "m", "memory"
    )
    features = []
    for k in range(10):  # 2,680 sites: past the vectorised engine's 2,000
        for site in sites.getFeatures():
            point = site.geometry().asPoint()
            feature = QgsFeature(many.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(point.x() + k * 2e-5, point.y())))
            feature.setAttributes(["{}-{}".format(site["site_id"], k), site["name"]])
            features.append(feature)
    many.dataProvider().addFeatures(features)
    layer = QgsVectorLayer(write_gpkg(many, tmp_path / "many.gpkg", "sites"), "sites", "ogr")
    assert layer.featureCount() == 2680

    said = Feedback()
    fast = tag_with_defaults(layer, zones, said, belt=belt, validated=True)
    assert any("Vectorised tagging" in line for line in said.messages), said.messages
    assert fast.providerType() == "memory" and fast.featureCount() == 2680
    slow = tag_with_defaults(layer, zones, Feedback(), belt=belt, validated=True, engine="qgis")

    def rows(tagged):
        names = ["zone_type", "zone_id", "zone_types", "zone_count", "in_belt"]
        return {f["site_id"]: tuple(str(f[n]) for n in names) for f in tagged.getFeatures()}

    assert rows(fast) == rows(slow)
    assert fast.fields().field("zone_type").alias() == slow.fields().field("zone_type").alias() != ""
    assert len({v[0] for v in rows(fast).values()}) >= 4  # several zone types reached
