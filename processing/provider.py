"""The Belt Map Processing provider (id `beltmap`)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from .. import qt_resources
from ..i18n import tr
from ..meta import PLUGIN_ID, version


def algorithm_classes():
    """Every algorithm class the provider offers, in the order of the work: check, import, tag, map."""
    from .belt_changes import BeltChangesAlgorithm
    from .belt_progress import BeltProgressAlgorithm
    from .chain_links import ChainLinksAlgorithm
    from .evaluation_index import EvaluationIndexAlgorithm
    from .export_package import ExportPackageAlgorithm
    from .export_webmap import ExportWebMapAlgorithm
    from .import_sites import ImportSitesAlgorithm
    from .service_coverage import ServiceCoverageAlgorithm
    from .tag_zones import TagZonesAlgorithm
    from .validate import ValidateAlgorithm
    from .zone_summary import ZoneSummaryAlgorithm

    return [
        ValidateAlgorithm,
        ImportSitesAlgorithm,
        TagZonesAlgorithm,
        ZoneSummaryAlgorithm,
        ExportPackageAlgorithm,
        ExportWebMapAlgorithm,
        ServiceCoverageAlgorithm,
        EvaluationIndexAlgorithm,
        BeltChangesAlgorithm,
        ChainLinksAlgorithm,
        BeltProgressAlgorithm,
    ]


class BeltMapProvider(QgsProcessingProvider):
    """Provider `beltmap`: tagging, summaries, validation, import and export of the belt map."""

    def id(self) -> str:
        return PLUGIN_ID

    def name(self) -> str:
        return tr("Belt Map")

    def longName(self) -> str:  # noqa: N802
        return "{} {}".format(self.name(), version())

    def icon(self) -> QIcon:
        return qt_resources.icon()

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
