"""Logging to the QGIS message log under the plugin's tag."""

from qgis.core import Qgis, QgsMessageLog

from .meta import LOG_TAG


def info(message: str) -> None:
    """Log an information message."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Info)


def warning(message: str) -> None:
    """Log a warning."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Warning)


def critical(message: str) -> None:
    """Log an error."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Critical)
