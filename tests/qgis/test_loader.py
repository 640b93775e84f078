"""Loading belt data: roles, alias normalisation, styles, CJK labels, and clear errors on bad input."""

import pytest
from belt_fixtures import small_belt, square, write_layers
from beltmap.core.base.zone_types import ZONE_KEYS
from beltmap.layers import loader
from osgeo import ogr
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject
from qgis.PyQt.QtGui import QFont, QRawFont


@pytest.fixture
def project(qgis_app):
    project = QgsProject.instance()
    project.clear()
    yield project
    project.clear()


def test_guess_roles_by_name_and_geometry(qgis_app, tmp_path):
    infos = loader.list_layers(str(small_belt(tmp_path / "belt.gpkg")))
    roles = loader.guess_roles(infos)
    assert {role: info.name for role, info in roles.items()} == {
        "belt": "belt",
        "zones": "zones",
        "sites": "sites",
        "roads": "roads",
    }


def test_aliases_are_normalised_and_styled(project, tmp_path):
    infos = loader.list_layers(str(small_belt(tmp_path / "belt.gpkg")))
    loaded = loader.load_belt(loader.guess_roles(infos), project, "Belt test")
    zones = loaded.layers["zones"][0]
    assert loaded.zone_type_field == loader.ZONE_KEY_FIELD
    keys = sorted(f[loader.ZONE_KEY_FIELD] for f in zones.getFeatures())
    assert keys == sorted(["park", "community", "scenic", "exhibition", "street"])
    renderer = zones.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == loader.ZONE_KEY_FIELD
    assert [c.value() for c in renderer.categories()] == list(ZONE_KEYS)
    assert [c.label() for c in renderer.categories()] == ["园区", "社区", "街区", "展区", "景区"]
    group = project.layerTreeRoot().findGroup("Belt test")
    assert group is not None and len(group.findLayerIds()) == 4
    assert project.crs().authid() == "EPSG:4549"  # empty project: work CRS, layers reprojected on the fly
    assert zones.crs().authid() == "EPSG:4490"


def test_zone_labels_use_a_font_that_draws_chinese(project, tmp_path):
    infos = loader.list_layers(str(small_belt(tmp_path / "belt.gpkg")))
    zones = loader.load_belt(loader.guess_roles(infos), project).layers["zones"][0]
    assert zones.labelsEnabled()
    fmt = zones.labeling().settings().format()
    raw = QRawFont.fromFont(QFont(fmt.font().family(), 12))
    names = "".join(f["name"] for f in zones.getFeatures()) + "园区社区街区展区景区"
    assert [c for c in names if not raw.supportsCharacter(c)] == []


def test_unknown_zone_types_name_value_and_nearest_key(project, tmp_path):
    path = small_belt(tmp_path / "bad.gpkg", zone_types=("园区", "展区一", "parc", "社区"))
    infos = loader.list_layers(str(path))
    with pytest.raises(loader.BeltDataError) as error:
        loader.load_belt(loader.guess_roles(infos), project)
    message = str(error.value)
    assert "'展区一' (1 zones; did you mean 'exhibition'?)" in message
    assert "'parc'" in message and "did you mean 'park'" in message
    assert "类型" in message
    assert project.mapLayers() == {}  # nothing half-loaded


def test_missing_file(qgis_app, tmp_path):
    with pytest.raises(loader.BeltDataError, match="File not found: .*nothing.gpkg"):
        loader.list_layers(str(tmp_path / "nothing.gpkg"))


def test_not_a_gis_file(qgis_app, tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("this is not a GeoPackage", encoding="utf-8")
    with pytest.raises(loader.BeltDataError, match="notes.gpkg is not a GIS file"):
        loader.list_layers(str(path))


def test_no_polygon_layer_for_zones(project, tmp_path):
    path = write_layers(
        tmp_path / "points.gpkg", {"sites": (ogr.wkbPoint, ["name"], [("POINT(121.17 31.28)", ("甲",))])}
    )
    roles = loader.guess_roles(loader.list_layers(str(path)))
    with pytest.raises(loader.BeltDataError, match="No polygon layer for the zones"):
        loader.load_belt(roles, project)
    assert project.mapLayers() == {}


def test_zones_given_as_points_are_refused(project, tmp_path):
    path = write_layers(
        tmp_path / "z.gpkg", {"zones": (ogr.wkbPoint, ["zone_type"], [("POINT(121.17 31.28)", ("park",))])}
    )
    infos = loader.list_layers(str(path))
    with pytest.raises(
        loader.BeltDataError, match="'zones' .* has Point geometry, but the zones layer needs Polygon"
    ):
        loader.load_belt({"zones": infos[0]}, project)


def test_shapefile_and_geojson_layers(project, tmp_path):
    zones = write_layers(
        tmp_path / "zones.shp",
        {
            "zones": (
                ogr.wkbPolygon,
                ["zone_id", "name", "type"],
                [(square(121.17, 31.28), ("Z1", "甲", "park"))],
            )
        },
    )
    sites = write_layers(
        tmp_path / "sites.geojson",
        {"sites": (ogr.wkbPoint, ["name", "category"], [("POINT(121.171 31.281)", ("乙", "enterprise"))])},
    )
    infos = loader.list_layers(str(zones)) + loader.list_layers(str(sites))
    roles = loader.guess_roles(infos)
    loaded = loader.load_belt(roles, project)
    assert loaded.zone_type_field == "type"
    assert loaded.layers["sites"][0].featureCount() == 1


def test_demo_loads_in_its_group(project, demo_gpkg):
    loaded = loader.load_demo(project)
    group = project.layerTreeRoot().findGroup("安驰路产城融合实践带 (示意)")
    assert group is loaded.group
    assert sorted(loaded.layers) == ["belt", "roads", "sites", "zones"]
    zones = loaded.layers["zones"][0]
    assert isinstance(zones.renderer(), QgsCategorizedSymbolRenderer)
    assert "示意" in zones.name()
    sites = loaded.layers["sites"][0]
    categories = {c.value() for c in sites.renderer().categories()}
    assert {"service_station", "enterprise", "institute"} <= categories
    # loading again replaces the group instead of duplicating it
    loader.load_demo(project)
    assert (
        len([g for g in project.layerTreeRoot().children() if g.name() == "安驰路产城融合实践带 (示意)"]) == 1
    )
    assert len(project.mapLayers()) == 4
