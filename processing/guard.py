"""The one way out: every output of an algorithm goes through an OutputGuard.

    with OutputGuard(self, parameters, context, feedback) as guard:
        sink, dest = guard.sink(self.OUTPUT, fields, wkb_type, crs)
        csv_path = guard.file(self.OUTPUT_CSV)
        gpkg_path = guard.stage(self.OUTPUT, final_path, load)  # a writer bypassing QGIS's sink
        ...
        return guard.commit(results)

- An output that is, or would replace, the file of an input layer is refused before anything is written,
  naming both (refusal() is also called by checkParameterValues). A NEW layer in an input GeoPackage
  (OUTPUT='ogr:dbname=belt.gpkg table=tagged') is allowed: the other layers survive.
- Files are written beside their target under a hidden partial name and moved into place by commit();
  cancel, an error or leaving the block without commit() removes them, so outputs appear whole or not at
  all. Memory, temporary and database outputs are passed through untouched.
- Text cells of a CSV / XLSX / ODS sink that start like a formula are written as text (text_cell_sink.py).
- Refusals live in refusals.py, the path rules in core/base/paths.py, staging in core/base/staging.py: a run
  first removes the staging that crashed runs left in its output folders (never a live run's), saying so.
- "No space left on device" is named as such, with the folder.
- Paths are compared the way the operating system does (same_path): on Windows `C:\\Data\\Belt.gpkg` and
  `c:/data/belt.gpkg` are one file. An output another program holds open (Windows refuses to replace
  it) ends with "close <file> …, then run again": the old file stays, the staged one is removed.
- New layers written into one GeoPackage by several runs at once take turns (core/base/gpkg_sqlite.py):
  each waits up to a minute, with a line in the log, instead of failing with "database is locked".
"""

import os
from typing import Dict, List, Optional, Tuple

from qgis.core import (
    QgsFeatureSink,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProperty,
)
from qgis.PyQt import sip

from ..core.base import staging
from ..core.base.paths import file_destination as _file_destination
from ..core.errors import BeltMapError, WriteError, describe_os_error
from ..i18n import tr
from .gpkg_copy import copy_layer
from .refusals import destination_value, ogr_layer_destination, refusal
from .text_cell_sink import TextCellSink

TABLE_EXTENSIONS = (".csv", ".xlsx", ".ods", ".tsv", ".txt")


class OutputGuard:
    """Refuses outputs over inputs, stages file outputs beside their targets, moves them in on commit()."""

    def __init__(self, algorithm, parameters, context, feedback, folders: Dict[str, str] = None):
        self.algorithm = algorithm
        self.parameters = parameters
        self.context = context
        self.feedback = feedback
        self.folders = folders
        # (file written, final file, layer name in the final GeoPackage or None, destination QGIS gave)
        self.staged: List[Tuple[str, str, Optional[str], str]] = []
        self.loads: Dict[str, Tuple[str, object, str]] = {}  # staged destination: (name, project, parameter)
        self.actions = []  # (destination, action) run on the final destination by commit()
        self.sinks = []
        self.committed = False
        self.cleaned = set()  # output folders already rid of stale staging

    def __enter__(self) -> "OutputGuard":
        reason = refusal(self.algorithm, self.parameters, self.context, self.folders)
        if reason:
            raise QgsProcessingException(reason)
        return self

    def sink(self, name: str, fields, wkb_type, crs, flags=QgsFeatureSink.SinkFlags(), optional=False):
        """A feature sink for parameter name, staged when it writes a file: (sink, destination);
        (None, None) for an optional output the user left out."""
        text, definition = destination_value(self.parameters.get(name))
        in_layer = ogr_layer_destination(text)
        final = in_layer[0] if in_layer is not None else _file_destination(text)
        if final is None:
            sink, dest = self.algorithm.parameterAsSink(
                self.parameters, name, self.context, fields, wkb_type, crs, flags
            )
            if sink is None and not optional:
                raise QgsProcessingException(self.algorithm.invalidSinkError(self.parameters, name))
            return (sink, dest) if sink is not None else (None, None)
        self._clean(final)
        staged = staging.staged_path(final)
        new_definition = QgsProcessingOutputLayerDefinition(
            definition or QgsProcessingOutputLayerDefinition(text)
        )
        new_definition.sink = QgsProperty.fromValue(staged)
        # QGIS must not load the staged file: the final one is registered for loading by commit()
        new_definition.destinationProject = None
        staged_parameters = dict(self.parameters)
        staged_parameters[name] = new_definition
        try:
            sink, dest = self.algorithm.parameterAsSink(
                staged_parameters, name, self.context, fields, wkb_type, crs, flags
            )
        except QgsProcessingException:
            staging.remove_staged(staged)
            raise
        if sink is None:
            staging.remove_staged(staged)
            raise QgsProcessingException(self.algorithm.invalidSinkError(self.parameters, name))
        written = dest.split("|")[0]
        self.staged.append((written, final, in_layer[1] if in_layer else None, dest))
        load = destination_load(self.algorithm, self.parameters, name)
        if load is not None:
            self.loads[dest] = load + (name,)
        self.sinks.append(sink)
        if os.path.splitext(final)[1].lower() in TABLE_EXTENSIONS:
            sink = TextCellSink(sink)
            self.sinks.append(sink)
        return sink, dest

    def file(self, name: str) -> Optional[str]:
        """The staged path to write a file destination parameter to ('' when the parameter is empty)."""
        final = self.algorithm.parameterAsFileOutput(self.parameters, name, self.context)
        if not final:
            return final
        return self.stage(name, final)

    def stage(self, name: str, final: str, load=None, layer: Optional[str] = None) -> str:
        """The staged path for a file that a writer bypassing QGIS's sink writes as output name; moved
        into place by commit() (layer: its one layer copied into the GeoPackage final as that layer),
        then loaded when load is (layer name, project)."""
        self._clean(final)
        staged = staging.staged_path(final)
        self.staged.append((staged, final, layer, staged))
        if load is not None:
            self.loads[staged] = tuple(load) + (name,)
        return staged

    def final(self, staged: str) -> str:
        """The final destination of a staged path or sink destination (itself when not staged)."""
        for written, final, layer, dest in self.staged:
            if staged in (written, dest):
                return final if layer is None else "{}|layername={}".format(final, layer)
        return staged

    def commit(self, results: dict) -> dict:
        """Close the sinks, move every staged file into place; results with the final destinations."""
        if self.feedback is not None and self.feedback.isCanceled():
            self.discard()
            return {}
        self._close_sinks()
        for written, final, layer, dest in self.staged:
            folder = os.path.dirname(os.path.abspath(final))
            try:
                if not os.path.exists(written):
                    continue
                if layer is None:
                    staging.move_into_place(written, final)
                    staging.drop_staging_of(written)
                else:
                    copy_layer(written, final, layer, self.feedback)
                    staging.remove_staged(written)
            except (OSError, RuntimeError) as error:
                self.discard()
                if isinstance(error, TimeoutError):
                    message = tr(
                        "{} is still being written by another program: run again when it has finished"
                    )
                    raise WriteError(message.format(final)) from error
                if isinstance(error, OSError) and staging.in_use(error):
                    message = tr(
                        "Cannot replace {0}, another program holds it open: close {0} in QGIS or the other "
                        "program, then run again"
                    )
                    raise WriteError(message.format(final)) from error
                if isinstance(error, OSError):
                    raise QgsProcessingException(describe_os_error(error, folder)) from error
                raise QgsProcessingException(
                    tr("Cannot write {}: {}").format(final, str(error).strip())
                ) from error
            if dest in self.loads:
                load_name, project, parameter = self.loads[dest]
                details = QgsProcessingContext.LayerDetails(load_name, project, parameter)
                self.context.addLayerToLoadOnCompletion(self.final(dest), details)
        self.committed = True
        for dest, action in self.actions:
            action(self.final(dest))
        return {key: self.final(value) if isinstance(value, str) else value for key, value in results.items()}

    def after_commit(self, dest: str, action) -> None:
        """Run action(final destination) once the output written to dest is in place: post-processors
        and aliases must be set on the final destination, the one QGIS loads."""
        self.actions.append((dest, action))

    def finish(self, sink) -> None:
        """Close one sink now: its (still staged) file is complete on disk, for a writer that fills it."""
        if sink in self.sinks and not sip.isdeleted(sink):
            sink.flushBuffer()
            sip.delete(sink)
        self.sinks = [s for s in self.sinks if s is not sink]

    def _close_sinks(self) -> None:
        for sink in self.sinks:
            if isinstance(sink, TextCellSink):
                continue
            if not sip.isdeleted(sink):
                sink.flushBuffer()
                sip.delete(sink)
        self.sinks = []

    def discard(self) -> None:
        """Remove everything staged (the targets are untouched)."""
        self._close_sinks()
        for written, _final, _layer, _dest in self.staged:
            try:
                staging.remove_staged(written)
            except OSError:
                pass
        self.staged = []

    def _clean(self, final: str) -> None:
        """Once per output folder: remove the staging that crashed runs left there, saying so."""
        folder = os.path.dirname(os.path.abspath(final))
        if folder in self.cleaned:
            return
        self.cleaned.add(folder)
        staging.clean_stale(folder, self.feedback)

    def __exit__(self, exc_type, exc, traceback) -> bool:
        if not self.committed:
            self.discard()
        if isinstance(exc, OSError):
            folder = os.path.dirname(os.path.abspath(exc.filename)) if exc.filename else ""
            raise QgsProcessingException(describe_os_error(exc, folder or tr("the output folder"))) from exc
        if isinstance(exc, BeltMapError):
            raise QgsProcessingException(str(exc)) from exc
        return False


def plain_gpkg_destination(algorithm, parameters, name: str):
    """(GeoPackage path, (load name, project) or None) when sink parameter name writes a plain GeoPackage
    file (for writers that bypass QGIS's sink); (None, None) for anything else."""
    text, definition = destination_value(parameters.get(name))
    if definition is not None and definition.createOptions:
        return None, None
    path = None if text.startswith("ogr:") or "|" in text else _file_destination(text)
    if path is None or not path.lower().endswith(".gpkg"):
        return None, None
    return os.path.abspath(path), destination_load(algorithm, parameters, name)


def gpkg_layer_destination(algorithm, parameters, name: str):
    """((GeoPackage path, layer name), (load name, project) or None) when sink parameter name writes a new
    layer into an existing GeoPackage (ogr:dbname=… table=…); (None, None) for anything else."""
    text, definition = destination_value(parameters.get(name))
    in_layer = ogr_layer_destination(text)
    if in_layer is None or (definition is not None and definition.createOptions):
        return None, None
    database, table = in_layer
    if not database.lower().endswith(".gpkg") or not os.path.isfile(database):
        return None, None
    return (os.path.abspath(database), table), destination_load(algorithm, parameters, name)


def destination_load(algorithm, parameters, name: str):
    """(layer name, project) when the output of parameter name is to be loaded on completion, else None."""
    _text, definition = destination_value(parameters.get(name))
    if definition is None or definition.destinationProject is None:
        return None
    description = algorithm.parameterDefinition(name).description()
    return definition.destinationName or description, definition.destinationProject
