"""Every algorithm in the toolbox has an icon, help for each parameter and a help page with an example."""

import pytest
from qgis.core import QgsApplication

EXPECTED = {
    "beltmap:tagzones",
    "beltmap:zonesummary",
    "beltmap:exportpackage",
    "beltmap:validate",
    "beltmap:importsites",
    "beltmap:servicecoverage",
    "beltmap:evaluationindex",
    "beltmap:exportwebmap",
    "beltmap:beltchanges",
    "beltmap:beltprogress",
    "beltmap:chainlinks",
}


def _algorithms(provider):
    return {alg.id(): alg for alg in provider.algorithms()}


def test_provider_offers_the_public_algorithms(provider):
    assert EXPECTED <= set(_algorithms(provider))
    assert not provider.icon().isNull()


@pytest.mark.parametrize("algorithm_id", sorted(EXPECTED))
def test_help_page_and_parameter_help(provider, algorithm_id):
    algorithm = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    assert algorithm is not None, algorithm_id
    assert not algorithm.icon().isNull()
    assert algorithm.shortDescription()
    for parameter in algorithm.parameterDefinitions():
        assert parameter.name() == parameter.name().upper(), parameter.name()
        assert parameter.help(), "{}: parameter {} has no help".format(algorithm_id, parameter.name())
    page = algorithm.shortHelpString()
    assert "qgis_process.bin run {}".format(algorithm_id) in page
    assert "<h3>Parameters</h3>" in page and "<h3>Outputs</h3>" in page
    for output in algorithm.outputDefinitions():
        assert output.name() == output.name().upper(), output.name()
        assert "<code>{}</code>".format(output.name()) in page
