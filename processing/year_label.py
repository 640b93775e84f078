"""The LABEL parameter (a package's year, default: the current year) shared by the algorithms that write
or read packages."""

from qgis.core import QgsProcessingParameterString

from ..core.base.year_labels import current_year


def add_label_parameter(algorithm, name: str = "LABEL") -> None:
    """Add LABEL: the year the dialog shows (this year unless changed), written to manifest.json."""
    algorithm.addHelpedParameter(
        QgsProcessingParameterString(name, algorithm.tr("Year label"), defaultValue=current_year()),
        algorithm.tr(
            "The package's year, e.g. 2025 (default: the current year), written to manifest.json as label "
            "and year. beltchanges and beltprogress name the year by it."
        ),
    )


def label_value(algorithm, parameters, context, name: str = "LABEL") -> str:
    """The label given, else the current year."""
    return (algorithm.parameterAsString(parameters, name, context) or "").strip() or current_year()
