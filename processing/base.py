"""A thin base class giving every Belt Map algorithm its tr() context, group, icon and help."""

import json
import os
from html import escape

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtGui import QIcon

from .. import qt_resources
from ..core.errors import BeltMapError
from ..i18n import tr
from ..layers.roles import parameter_role, role_layer
from .guard import OutputGuard, refusal

# long help text of an algorithm, out of its code: help/<algorithm name>.json, {"details": [pieces]}
HELP_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "help")


def help_text(name: str, key: str = "details") -> str:
    """The untranslated help text `key` of algorithm `name` from help/<name>.json ('' when none); a list
    of pieces is joined into one string, the unit scripts/update_translations.py extracts."""
    path = os.path.join(HELP_DIR, name + ".json")
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as handle:
        value = json.load(handle).get(key, "")
    return "".join(value) if isinstance(value, list) else value


def propose_role_layer(parameter) -> None:
    """In the desktop, let a layer parameter's dialog default be the project's layer for its role.

    Only the dialog's default (the GUI override) is set: processing.run and qgis_process keep the
    parameter's own default, so an optional input left out stays out.
    """
    role = parameter_role(parameter)
    if role is None:
        return
    layer = role_layer(role)
    if layer is not None:
        value = [layer.id()] if parameter.type() == "multilayer" else layer.id()
        parameter.setGuiDefaultValueOverride(value)


class BeltMapAlgorithm(QgsProcessingAlgorithm):
    """Base of the Belt Map algorithms: subclasses define name, displayName, shortDescription, params,
    request() (parameters → one frozen request) and execute() (the request → one engine call → results;
    not run(), which is QgsProcessingAlgorithm's own).

    processAlgorithm reads the request and runs it inside the output guard; this is the one place where a
    BeltMapError (the engines' errors, Cancelled included) becomes the QgsProcessingException users see.
    """

    ID = ""  # "beltmap:<name>", set by each algorithm; callers run algorithms by cls.ID, never by a literal

    def name(self) -> str:
        """The algorithm's name in the provider: its ID without the provider's prefix."""
        return self.ID.partition(":")[2]

    def request(self, parameters, context, feedback):
        """The frozen request of a run, read from the parameters (the only method that reads them)."""
        raise NotImplementedError

    def execute(self, request, guard, context, feedback) -> dict:
        """Run the engine for request, writing outputs through guard; the results dict."""
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        """Read the request and run it inside the output guard; a BeltMapError becomes a user message."""
        try:
            folders = self.output_folders(parameters, context)
            with OutputGuard(self, parameters, context, feedback, folders) as guard:
                self.guard = guard
                return guard.commit(
                    self.execute(self.request(parameters, context, feedback), guard, context, feedback)
                )
        except BeltMapError as error:
            raise QgsProcessingException(str(error)) from error

    def tr(self, text: str) -> str:
        """Translate text in the plugin's one context (i18n.tr)."""
        return tr(text)

    def output_folders(self, parameters, context) -> dict:
        """{parameter: folder} of the folders a folder destination writes (the package folder)."""
        return {}

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Refuse an output that would write over an input (processing/guard.py), then QGIS's checks, then
        build the request as the run will: a BeltMapError there is the message of the refusal."""
        reason = refusal(self, parameters, context, self.output_folders(parameters, context))
        if reason:
            return False, reason
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self.request(parameters, context, QgsProcessingFeedback())
        except NotImplementedError:
            pass
        except BeltMapError as error:
            return False, str(error)
        return True, ""

    def createInstance(self):  # noqa: N802
        return type(self)()

    def group(self) -> str:
        return self.tr("Belt Map")

    def groupId(self) -> str:  # noqa: N802
        return "beltmap"

    def icon(self) -> QIcon:
        return qt_resources.icon()

    def shortDescription(self) -> str:  # noqa: N802
        return ""

    def example(self) -> str:
        """An example qgis_process command line shown at the end of the help."""
        return ""

    def shortHelpString(self) -> str:  # noqa: N802
        """Help composed from the description, each parameter's help and an example command."""
        parts = ["<p>{}</p>".format(self.shortDescription())]
        extra = self.helpDetails()
        if extra:
            parts.append(extra)
        params = [p for p in self.parameterDefinitions() if p.help()]
        if params:
            parts.append("<h3>{}</h3><dl>".format(self.tr("Parameters")))
            for param in params:
                # help texts are plain text (also the dialog's tooltips): "<station id>" must show, not vanish
                parts.append(
                    "<dt><b>{}</b> <code>{}</code></dt><dd>{}</dd>".format(
                        escape(param.description(), quote=False),
                        param.name(),
                        escape(param.help(), quote=False),
                    )
                )
            parts.append("</dl>")
        outputs = self.outputDefinitions()
        if outputs:
            parts.append("<h3>{}</h3><dl>".format(self.tr("Outputs")))
            for output in outputs:
                parts.append(
                    "<dt><b>{}</b> <code>{}</code></dt>".format(
                        escape(output.description(), quote=False), output.name()
                    )
                )
            parts.append("</dl>")
        if self.example():
            parts.append(
                "<h3>{}</h3><pre>{}</pre>".format(self.tr("Example"), escape(self.example(), quote=False))
            )
        return "\n".join(parts)

    def helpDetails(self) -> str:  # noqa: N802
        """Extra HTML between the description and the parameters: help/<name>.json translated, if any."""
        text = help_text(self.name())
        return self.tr(text) if text else ""

    def addParameter(self, parameter, createOutput=True):  # noqa: N802, N803
        """Add a parameter; a destination without its own help gets one saying where the output goes."""
        if not parameter.help() and parameter.isDestination():
            parameter.setHelp(
                self.tr(
                    "Where to write “{}”: a temporary layer, or a file (GeoPackage, shapefile, CSV …)."
                ).format(parameter.description())
            )
        propose_role_layer(parameter)
        return super().addParameter(parameter, createOutput)

    def addHelpedParameter(self, parameter, help_text: str, advanced: bool = False):  # noqa: N802
        """Add a parameter with its help text (shown in the dialog tooltip and in the algorithm help)."""
        parameter.setHelp(help_text)
        if advanced:
            from qgis.core import QgsProcessingParameterDefinition

            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(parameter)
        return parameter
