"""Menu actions that need no dialog of their own, with readable messages instead of tracebacks."""

from qgis.core import Qgis

from .. import log
from ..core.errors import BeltMapError
from ..i18n import tr, user_locale
from ..layers.loader import load_demo


def ui_language() -> str:
    """'zh' when QGIS runs in Chinese, else 'en' (layer titles, legends, labels)."""
    return "zh" if user_locale().startswith("zh") else "en"


def keep_work_crs_after_first_layers(was_empty: bool) -> None:
    """In the desktop, the layer tree bridge gives an empty project its first layer's CRS on its next
    refresh; set the work CRS once more after that refresh, so the belt is shown in metres."""
    if not was_empty:
        return
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject
    from qgis.PyQt.QtCore import QTimer

    from ..core.base.model import WORK_CRS

    QTimer.singleShot(0, lambda: QgsProject.instance().setCrs(QgsCoordinateReferenceSystem(WORK_CRS)))


def load_demo_belt(iface) -> bool:
    """Add the styled demo belt to the current project and zoom to it; report on the message bar."""
    from qgis.core import QgsProject

    was_empty = not QgsProject.instance().mapLayers()
    try:
        loaded = load_demo(language=ui_language())
    except BeltMapError as error:
        iface.messageBar().pushMessage(tr("Belt Map"), str(error), Qgis.Critical, 0)
        log.critical(str(error))
        return False
    keep_work_crs_after_first_layers(was_empty)
    zones = loaded.layers["zones"][0]
    sites = loaded.layers.get("sites", [None])[0]
    canvas = iface.mapCanvas()
    if canvas is not None and "belt" in loaded.layers:
        from qgis.core import QgsCoordinateTransform, QgsProject

        belt = loaded.layers["belt"][0]
        transform = QgsCoordinateTransform(
            belt.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance()
        )
        canvas.setExtent(transform.transformBoundingBox(belt.extent()).buffered(200))
        canvas.refresh()
    message = tr("Demo belt loaded: {} zones, {} sites (illustrative data).").format(
        zones.featureCount(), sites.featureCount() if sites else 0
    )
    iface.messageBar().pushMessage(tr("Belt Map"), message, Qgis.Success, 5)
    return True
