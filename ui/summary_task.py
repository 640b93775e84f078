"""The panel's live summary counted in the background: bursts of changes coalesced, one QgsTask at a time.

The GUI thread only takes snapshots of the layers (cheap feature sources) and shows the result; the
features are read in a QgsTask. A change while counting abandons that count for a new one.
"""

from typing import Callable, Optional, Tuple

from qgis.core import QgsApplication, QgsProject, QgsTask
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from .. import log
from ..core.errors import Cancelled
from ..layers.belt_summary import BeltSummary, sites_snapshot, snapshot, summarise
from .actions import tr

COALESCE_MS = 200  # changes closer than this are counted once


class SummaryTask(QgsTask):
    """Counts snapshots of the belt, zones and sites layers in a worker thread."""

    def __init__(self, sources: Tuple, transform_context):
        super().__init__(tr("Belt Map: counting the panel's summary"), QgsTask.CanCancel)
        self.sources = sources
        self.transform_context = transform_context
        self.summary: Optional[BeltSummary] = None
        self.error = ""

    def run(self) -> bool:  # worker thread: no widgets, no layers, only the snapshots
        try:
            self.summary = summarise(*self.sources, self.transform_context, self.isCanceled)
        except Cancelled:
            return False
        except Exception as exc:  # noqa: BLE001 - a task must not raise; reported on the main thread
            self.error = repr(exc)
            return False
        return True


class SummaryCounter(QObject):
    """Recounts when asked (request), at most once per burst of requests, off the GUI thread."""

    counting = pyqtSignal()  # a count is due or running: show "counting…"
    counted = pyqtSignal(object)  # the new BeltSummary, or None if counting failed

    def __init__(self, layers: Callable[[], Tuple], parent=None):
        super().__init__(parent)
        self.layers = layers  # () -> (belt, zones, sites) layers, any None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(COALESCE_MS)
        self.timer.timeout.connect(self._start)
        self.task: Optional[SummaryTask] = None
        self.last_seconds: Optional[float] = None  # how long the last count took in its task
        self._abandoned = []  # canceled tasks kept alive until the task manager is done with them

    @property
    def busy(self) -> bool:
        """True while a count is due or running."""
        return self.timer.isActive() or self.task is not None

    def request(self) -> None:
        """Count again soon; requests that follow each other closely make one count."""
        self.timer.start()
        self.counting.emit()

    def stop(self) -> None:
        """Abandon any pending or running count (the panel is closing)."""
        self.timer.stop()
        self._abandon()

    def _abandon(self) -> None:
        if self.task is not None:
            task, self.task = self.task, None
            self._abandoned.append(task)
            task.cancel()

    def _start(self) -> None:
        self._abandon()
        belt, zones, sites = self.layers()
        sources = (snapshot(belt), snapshot(zones), sites_snapshot(sites))
        task = SummaryTask(sources, QgsProject.instance().transformContext())
        task.taskCompleted.connect(lambda: self._done(task))
        task.taskTerminated.connect(lambda: self._done(task))
        self.task = task
        QgsApplication.taskManager().addTask(task)

    def _done(self, task: SummaryTask) -> None:
        if task in self._abandoned:
            self._abandoned.remove(task)
            return
        if task is not self.task:
            return
        self.task = None
        self.last_seconds = task.elapsedTime() / 1000.0
        if task.error:
            log.critical(tr("The panel's summary could not be counted: {}").format(task.error))
        self.counted.emit(task.summary)  # None when it failed: the panel keeps what it showed
