"""Each algorithm's class ID is its id in QGIS's registry, and the panel fills the role inputs the
algorithm declares (layers/roles.py), as the toolbox dialog proposes them."""

from beltmap.layers import roles
from beltmap.processing.provider import algorithm_classes
from qgis.core import QgsApplication


def test_class_id_is_the_registry_id(provider):
    registry = QgsApplication.processingRegistry()
    for cls in algorithm_classes():
        algorithm = registry.algorithmById(cls.ID)
        assert algorithm is not None, cls.ID
        assert algorithm.id() == cls.ID and isinstance(algorithm, cls)
        assert cls.ID == "{}:{}".format(provider.id(), cls().name())


def test_role_parameters_of_the_panels_algorithms(provider):
    from beltmap.processing.tag_zones import TagZonesAlgorithm
    from beltmap.processing.validate import ValidateAlgorithm
    from beltmap.processing.zone_summary import ZoneSummaryAlgorithm

    registry = QgsApplication.processingRegistry()
    found = {cls.ID: roles.role_parameters(registry.algorithmById(cls.ID)) for cls in algorithm_classes()}
    assert found[TagZonesAlgorithm.ID] == {"INPUT": "sites", "ZONES": "zones", "BELT": "belt"}
    assert found[ZoneSummaryAlgorithm.ID] == {"INPUT": "sites", "ZONES": "zones"}
    assert found[ValidateAlgorithm.ID] == {
        "BELT": "belt",
        "ZONES": "zones",
        "SITES": "sites",
        "ROADS": "roads",
    }
    assert found["beltmap:importsites"] == {}  # INPUT is a file there, not a layer
