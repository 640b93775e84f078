"""The Belt Map Processing provider (id `beltmap`)."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..meta import PLUGIN_ID, icon_path, version


def algorithm_classes():
    """Every algorithm class the provider offers, in toolbox order."""
    from .tag_zones import TagZonesAlgorithm
    from .zone_summary import ZoneSummaryAlgorithm

    classes = [TagZonesAlgorithm, ZoneSummaryAlgorithm]
    from .evaluation_index import EvaluationIndexAlgorithm
    from .service_coverage import ServiceCoverageAlgorithm

    classes += [ServiceCoverageAlgorithm, EvaluationIndexAlgorithm]
    from .export_package import ExportPackageAlgorithm

    classes += [ExportPackageAlgorithm]
    from .import_sites import ImportSitesAlgorithm
    from .validate import ValidateAlgorithm

    classes += [ValidateAlgorithm, ImportSitesAlgorithm]
    return classes


class BeltMapProvider(QgsProcessingProvider):
    """Provider `beltmap`: tagging, summaries, validation, import and export of the belt map."""

    def id(self) -> str:
        return PLUGIN_ID

    def name(self) -> str:
        return QCoreApplication.translate("BeltMapProvider", "Belt Map")

    def longName(self) -> str:  # noqa: N802
        return "{} {}".format(self.name(), version())

    def icon(self) -> QIcon:
        return QIcon(icon_path())

    def loadAlgorithms(self):  # noqa: N802
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
