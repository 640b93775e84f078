"""Run a Processing algorithm in a QgsTask with progress and cancel, reporting errors as plain text."""

from typing import Optional

from qgis.core import (
    QgsApplication,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal


class CollectingFeedback(QgsProcessingFeedback):
    """Feedback that keeps the error messages an algorithm reports, to show them to the user."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)
        super().reportError(error, fatalError)


class AlgorithmRunner(QObject):
    """One background run of one algorithm; emits progress and, at the end, finished(ok, results, error)."""

    progressChanged = pyqtSignal(float)  # noqa: N815
    finished = pyqtSignal(bool, dict, str)

    def __init__(self, algorithm_id: str, parameters: dict, parent=None):
        super().__init__(parent)
        self.algorithm_id = algorithm_id
        self.parameters = parameters
        self.context = QgsProcessingContext()
        self.context.setProject(QgsProject.instance())
        self.feedback = CollectingFeedback()
        self.feedback.progressChanged.connect(self.progressChanged)
        self.task: Optional[QgsProcessingAlgRunnerTask] = None
        self.canceled = False

    def start(self) -> bool:
        """Queue the run in QGIS's task manager; False (and finished emitted) if the algorithm is unknown."""
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(self.algorithm_id)
        if algorithm is None:
            self.finished.emit(False, {}, "Algorithm {} is not available.".format(self.algorithm_id))
            return False
        self.task = QgsProcessingAlgRunnerTask(algorithm, self.parameters, self.context, self.feedback)
        self.task.executed.connect(self._done)
        QgsApplication.taskManager().addTask(self.task)
        return True

    def cancel(self) -> None:
        """Ask the algorithm to stop; it checks feedback.isCanceled() in every loop."""
        self.canceled = True
        self.feedback.cancel()
        if self.task is not None:
            self.task.cancel()

    def take_layer(self, layer_ref):
        """Take an output layer (temporary or file) out of the run's context, owned by the caller."""
        layer = self.context.takeResultLayer(layer_ref) if isinstance(layer_ref, str) else None
        return layer

    def _done(self, ok: bool, results: dict) -> None:
        if self.canceled or self.feedback.isCanceled():
            self.finished.emit(False, {}, "canceled")
            return
        message = "\n".join(self.feedback.errors) if not ok else ""
        self.finished.emit(bool(ok), dict(results or {}), message)
