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
- Text cells of a CSV / XLSX / ODS sink that start like a formula are written as text (see tables.py).
- "No space left on device" is named as such, with the folder.
- Paths are compared the way the operating system does (same_path): on Windows `C:\\Data\\Belt.gpkg` and
  `c:/data/belt.gpkg` are one file. An output another program holds open (Windows refuses to replace
  it) ends with "close <file> …, then run again": the old file stays, the staged one is removed.
- New layers written into one GeoPackage by several runs at once take turns (core/base/gpkg_sqlite.py):
  each waits up to a minute, with a line in the log, instead of failing with "database is locked".
"""

import os
import uuid
from typing import Dict, List, Optional, Tuple

from osgeo import gdal, ogr
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsMapLayer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFolderDestination,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
)
from qgis.PyQt import sip

from ..core.base import gpkg_sqlite
from ..core.base.text_cells import safe_cell
from ..core.errors import BeltMapError, WriteError, describe_os_error
from ..i18n import tr

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".qmd")
TABLE_EXTENSIONS = (".csv", ".xlsx", ".ods", ".tsv", ".txt")
INPUT_TYPES = ("source", "vector", "layer", "raster", "multilayer", "file", "mesh", "pointcloud")
TEMPORARY = "TEMPORARY_OUTPUT"


# ---------------------------------------------------------------------------------------------
# where inputs and outputs live


def _layer_file(layer: QgsMapLayer) -> Tuple[Optional[str], Optional[str]]:
    """(file path, layer name) of a file-based layer; (None, None) for memory or database layers."""
    if layer is None or layer.providerType() not in ("ogr", "gdal", "delimitedtext", "spatialite"):
        return None, None
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if path.startswith("file://"):
        path = path[len("file://") :]
    name = parts.get("layerName")
    return (path or None), (name if isinstance(name, str) and name else None)


def _value_file(value, context) -> Tuple[Optional[str], Optional[str]]:
    """(file path, layer name) an input parameter value points at."""
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return _layer_file(value)
    if not isinstance(value, str) or not value.strip():
        return None, None
    project = context.project()
    layer = project.mapLayer(value) if project is not None else None
    if layer is None and "|" not in value and not os.path.exists(value):
        layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
    if layer is not None:
        return _layer_file(layer)
    parts = QgsProviderRegistry.instance().decodeUri("ogr", value)
    name = parts.get("layerName")
    return parts.get("path") or value, (name if isinstance(name, str) and name else None)


def input_files(algorithm, parameters, context) -> List[Tuple[str, str, Optional[str]]]:
    """(parameter name, file path, layer name) of every file an input parameter reads."""
    found = []
    for definition in algorithm.parameterDefinitions():
        if definition.isDestination() or definition.type() not in INPUT_TYPES:
            continue
        value = parameters.get(definition.name())
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            path, layer_name = _value_file(item, context)
            if path and os.path.exists(path):
                found.append((definition.name(), os.path.realpath(path), layer_name))
    return found


def _os_form(path: str, pathmod) -> str:
    """path as the operating system of pathmod (os.path, ntpath, posixpath) compares it: absolute,
    links resolved (on this machine only), separators and case as its file system treats them."""
    if pathmod is os.path:
        path = os.path.realpath(path)
    return pathmod.normcase(pathmod.normpath(path))


def same_path(a: str, b: str, pathmod=os.path) -> bool:
    """True when a and b name one file by the rules of pathmod's system (os.path: this machine, where
    existing files are also compared with samefile; ntpath: Windows rules, for tests anywhere)."""
    if _os_form(a, pathmod) == _os_form(b, pathmod):
        return True
    if pathmod is os.path and os.path.exists(a) and os.path.exists(b):
        try:
            return os.path.samefile(a, b)
        except OSError:
            return False
    return False


def _same_file(a: str, b: str, pathmod=os.path) -> bool:
    """True when a and b are one file, or two parts of one shapefile."""
    if same_path(a, b, pathmod):
        return True
    stem_a, ext_a = pathmod.splitext(_os_form(a, pathmod))
    stem_b, ext_b = pathmod.splitext(_os_form(b, pathmod))
    return stem_a == stem_b and ext_a.lower() in SHAPEFILE_PARTS and ext_b.lower() in SHAPEFILE_PARTS


def _inside(path: str, folder: str, pathmod=os.path) -> bool:
    folder = _os_form(folder, pathmod)
    return _os_form(path, pathmod).startswith(folder.rstrip(pathmod.sep) + pathmod.sep)


def _destination_value(value):
    """The plain string of a destination parameter value, and its definition (or None)."""
    definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
    if definition is not None:
        value = definition.sink.staticValue()
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    return (value if isinstance(value, str) else ""), definition


def _ogr_layer_destination(text: str) -> Optional[Tuple[str, str]]:
    """(GeoPackage path, layer name) of an 'ogr:dbname=… table=…' destination, else None."""
    if not text.startswith("ogr:"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri("postgres", text[len("ogr:") :])
    database, table = parts.get("dbname") or "", parts.get("table") or ""
    return (database, table) if database and table else None


def _file_destination(text: str) -> Optional[str]:
    """The file a destination string writes, or None for memory, temporary and database outputs."""
    if not text or text == TEMPORARY or text.startswith("memory:"):
        return None
    if ":" in text.replace("\\", "/")[2:].split("/")[0] or text.startswith(("postgres:", "postgis:")):
        return None
    path = text.split("|")[0]
    if not os.path.splitext(path)[1]:
        path += ".gpkg"  # what QGIS does with a destination without an extension
    return path


def refusal(algorithm, parameters, context, folders: Dict[str, str] = None) -> Optional[str]:
    """Why an output would write over an input (naming both), or None; folders: {name: package folder}."""
    inputs = input_files(algorithm, parameters, context)
    if not inputs:
        return None
    for definition in algorithm.destinationParameterDefinitions():
        name = definition.name()
        text, _definition = _destination_value(parameters.get(name))
        in_layer = _ogr_layer_destination(text)
        for input_name, path, layer_name in inputs:
            if in_layer is not None:
                database, table = in_layer
                clash = _same_file(database, path) and (layer_name or "").lower() == table.lower()
                target = "{} (layer {})".format(database, table)
            elif isinstance(definition, QgsProcessingParameterFolderDestination):
                folder = (folders or {}).get(name) or text
                clash = bool(folder) and (_inside(path, folder) or _same_file(folder, path))
                target = folder
            else:
                target = _file_destination(text)
                clash = target is not None and _same_file(target, path)
            if clash:
                return tr(
                    "{} {} would write over the input {} ({}): inputs are never modified. Choose another "
                    "file or folder, or a new layer in the GeoPackage (ogr:dbname=… table=new_name)."
                ).format(name, target, input_name, path)
    return None


# ---------------------------------------------------------------------------------------------
# staged writing


def _partial_path(final: str) -> str:
    """A hidden path beside final, same extension, for the file being written."""
    folder, base = os.path.split(os.path.abspath(final))
    stem, ext = os.path.splitext(base)
    return os.path.join(folder, ".{}.partial-{}{}".format(stem, uuid.uuid4().hex[:8], ext))


def _sink_path(final: str) -> str:
    """A path for a sink's file being written: final's name in a hidden folder beside final. QGIS names a
    new GeoPackage layer after its file (up to the first dot), so the layer gets final's name, not ''."""
    folder, base = os.path.split(os.path.abspath(final))
    stem = os.path.splitext(base)[0]
    return os.path.join(folder, ".{}.partial-{}".format(stem, uuid.uuid4().hex[:8]), base)


def _drop_partial_folder(staged: str) -> None:
    """Remove the hidden folder a sink's file was written in (_sink_path), once it is empty."""
    folder = os.path.dirname(staged)
    if ".partial-" in os.path.basename(folder):
        try:
            os.rmdir(folder)
        except OSError:
            pass


def _parts(path: str) -> List[str]:
    """The files making up path: a shapefile's sidecars, a GeoPackage's journal, or the file itself."""
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        return [stem + part for part in SHAPEFILE_PARTS]
    return [path, path + "-journal", path + "-wal", path + "-shm"]


def _remove(path: str) -> None:
    for part in _parts(path):
        if os.path.lexists(part):
            os.remove(part)
    _drop_partial_folder(path)


def _move(staged: str, final: str) -> None:
    """Move a staged file (all its shapefile parts) into place, replacing the old one only at the end."""
    stem, ext = os.path.splitext(final)
    staged_stem = os.path.splitext(staged)[0]
    if ext.lower() == ".shp":
        for part in SHAPEFILE_PARTS:
            if os.path.exists(stem + part) and not os.path.exists(staged_stem + part):
                os.remove(stem + part)  # a sidecar of the replaced shapefile that would no longer match
        for part in SHAPEFILE_PARTS:
            if os.path.exists(staged_stem + part):
                os.replace(staged_stem + part, stem + part)
        return
    for suffix in ("-wal", "-shm", "-journal"):
        if os.path.exists(final + suffix) and not os.path.exists(staged + suffix):
            os.remove(final + suffix)
    os.replace(staged, final)


def in_use(error: OSError) -> bool:
    """True for Windows' refusal to replace or remove a file another program holds open."""
    return isinstance(error, PermissionError) and getattr(error, "winerror", None) in (5, 32, 33)


def _copy_layer(staged: str, database: str, table: str, feedback=None) -> None:
    """Copy the one layer of a staged GeoPackage into database as table; the other layers stay. Runs
    writing into one GeoPackage take turns, each waiting (bounded) for the others, with a log line."""
    gdal.UseExceptions()
    source = ogr.Open(staged)
    source_name = source.GetLayer(0).GetName()
    source = None
    options = gdal.VectorTranslateOptions(
        accessMode="update", layerName=table, layers=[source_name], options=["-gt", "unlimited"]
    )

    def waiting():
        if feedback is not None:
            feedback.pushInfo(tr("Waiting for {}, another program is writing it").format(database))

    with gpkg_sqlite.writer_turn(database, waiting):
        if os.path.exists(database):
            gpkg_sqlite.wait_until_free(database, waiting)
        # other programs (QGIS editing the file): GDAL waits for them too instead of failing at once
        pragma = "busy_timeout={}".format(int(gpkg_sqlite.BUSY_TIMEOUT * 1000))
        previous = gdal.GetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", None)
        gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", pragma)
        try:
            if gdal.VectorTranslate(database, staged, options=options) is None:
                raise OSError("cannot add layer {} to {}".format(table, database))
        finally:
            gdal.SetThreadLocalConfigOption("OGR_SQLITE_PRAGMA", previous)


class TextCellSink(QgsFeatureSink):
    """A sink writing text cells that start like a formula as text (CSV injection), numbers untouched."""

    def __init__(self, sink):
        super().__init__()
        self.inner = sink

    def addFeature(self, feature, flags=QgsFeatureSink.Flags()):  # noqa: N802
        return self._add([feature], flags)

    def addFeatures(self, features, flags=QgsFeatureSink.Flags()):  # noqa: N802
        return self._add(features, flags)

    def _add(self, features, flags) -> bool:
        cleaned = []
        for feature in features:
            copy = QgsFeature(feature)
            copy.setAttributes([safe_cell(value) for value in feature.attributes()])
            cleaned.append(copy)
        return self.inner.addFeatures(cleaned, flags)

    def lastError(self) -> str:  # noqa: N802
        return self.inner.lastError()

    def flushBuffer(self) -> bool:  # noqa: N802
        return self.inner.flushBuffer()


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

    def __enter__(self) -> "OutputGuard":
        reason = refusal(self.algorithm, self.parameters, self.context, self.folders)
        if reason:
            raise QgsProcessingException(reason)
        return self

    def sink(self, name: str, fields, wkb_type, crs, flags=QgsFeatureSink.SinkFlags(), optional=False):
        """A feature sink for parameter name, staged when it writes a file: (sink, destination);
        (None, None) for an optional output the user left out."""
        text, definition = _destination_value(self.parameters.get(name))
        in_layer = _ogr_layer_destination(text)
        final = in_layer[0] if in_layer is not None else _file_destination(text)
        if final is None:
            sink, dest = self.algorithm.parameterAsSink(
                self.parameters, name, self.context, fields, wkb_type, crs, flags
            )
            if sink is None and not optional:
                raise QgsProcessingException(self.algorithm.invalidSinkError(self.parameters, name))
            return (sink, dest) if sink is not None else (None, None)
        staged = _sink_path(final)
        os.makedirs(os.path.dirname(staged), exist_ok=True)
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
            _remove(staged)
            raise
        if sink is None:
            _remove(staged)
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
        staged = _partial_path(final)
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
                    _move(written, final)
                    _drop_partial_folder(written)
                else:
                    _copy_layer(written, final, layer, self.feedback)
                    _remove(written)
            except (OSError, RuntimeError) as error:
                self.discard()
                if isinstance(error, TimeoutError):
                    message = tr(
                        "{} is still being written by another program: run again when it has finished"
                    )
                    raise WriteError(message.format(final)) from error
                if isinstance(error, OSError) and in_use(error):
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
                _remove(written)
            except OSError:
                pass
        self.staged = []

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
    text, definition = _destination_value(parameters.get(name))
    if definition is not None and definition.createOptions:
        return None, None
    path = None if text.startswith("ogr:") or "|" in text else _file_destination(text)
    if path is None or not path.lower().endswith(".gpkg"):
        return None, None
    return os.path.abspath(path), destination_load(algorithm, parameters, name)


def gpkg_layer_destination(algorithm, parameters, name: str):
    """((GeoPackage path, layer name), (load name, project) or None) when sink parameter name writes a new
    layer into an existing GeoPackage (ogr:dbname=… table=…); (None, None) for anything else."""
    text, definition = _destination_value(parameters.get(name))
    in_layer = _ogr_layer_destination(text)
    if in_layer is None or (definition is not None and definition.createOptions):
        return None, None
    database, table = in_layer
    if not database.lower().endswith(".gpkg") or not os.path.isfile(database):
        return None, None
    return (os.path.abspath(database), table), destination_load(algorithm, parameters, name)


def destination_load(algorithm, parameters, name: str):
    """(layer name, project) when the output of parameter name is to be loaded on completion, else None."""
    _text, definition = _destination_value(parameters.get(name))
    if definition is None or definition.destinationProject is None:
        return None
    description = algorithm.parameterDefinition(name).description()
    return definition.destinationName or description, definition.destinationProject
