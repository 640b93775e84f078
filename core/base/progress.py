"""The progress/cancel object engines take: the four calls of QGIS's processing feedback, without Processing.

An engine calls `isCanceled()`, `setProgress(percent)`, `pushInfo(text)` and `pushWarning(text)` on the
object it is given. A QgsProcessingFeedback (from an algorithm) has them; elsewhere (a panel task, a test,
a script) pass `Progress()` or `Progress(qgs_feedback)`, which logs to the Belt Map message log.
"""

from ..errors import Cancelled, tr


class Progress:
    """Progress, messages and cancel for an engine run outside Processing (wraps an optional QgsFeedback)."""

    def __init__(self, feedback=None, log=None):
        self.feedback = feedback  # a QgsFeedback (cancel and progress bar) or None
        self.log = log  # a callable(text, warning: bool) or None: messages are kept in self.messages
        self.messages = []
        self._canceled = False

    def isCanceled(self) -> bool:  # noqa: N802
        """True once the run was cancelled (by cancel() or by the wrapped QgsFeedback)."""
        return self._canceled or bool(self.feedback is not None and self.feedback.isCanceled())

    def cancel(self) -> None:
        """Ask the engine to stop at its next check."""
        self._canceled = True
        if self.feedback is not None:
            self.feedback.cancel()

    def setProgress(self, percent: float) -> None:  # noqa: N802
        """Report progress in percent."""
        if self.feedback is not None:
            self.feedback.setProgress(percent)

    def pushInfo(self, text: str) -> None:  # noqa: N802
        """An information line for the log."""
        self._say(text, False)

    def pushWarning(self, text: str) -> None:  # noqa: N802
        """A warning line for the log."""
        self._say(text, True)

    def _say(self, text: str, warning: bool) -> None:
        self.messages.append(("warning" if warning else "info", text))
        if self.log is not None:
            self.log(text, warning)


def check_cancel(progress) -> None:
    """Raise Cancelled when progress says the run was cancelled."""
    if progress is not None and progress.isCanceled():
        raise Cancelled(tr("Cancelled"))
