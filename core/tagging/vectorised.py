"""Vectorised tagging for GeoPackage files: pyogrio bulk read of the geometries, shapely 2 tests, and
the output written inside SQLite (one INSERT ... SELECT from the input joined to the tags; a pyogrio
bulk write when the input does not allow that).

Used only when the input is a whole GeoPackage layer (no filter, no selection) and the output a GeoPackage
path or a new layer in an existing GeoPackage (written into a staged file the output guard copies in);
otherwise, or when shapely >= 2 or pyogrio is missing, `plan` says why and the QGIS path runs.
The work runs in worker.py in a separate Python process (see there why); zones, ranks and key masks
come from the same ZoneSet and ZoneRanking as the QGIS path, so the result is the same feature for
feature (tests/qgis/test_tag_zones.py runs both on random data).
"""

import importlib.metadata
import importlib.util
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from qgis.core import QgsProviderRegistry, QgsWkbTypes

from ...compat import BIGINT, BOOL, DATE, INT, REAL, TEXT
from ...dependencies import missing_reason
from ...i18n import tr
from ..base.proj_data import with_proj_data
from ..errors import WriteError
from .request import TagRequest
from .rule import OVERLAP_DECIMALS, RULE_LARGEST_OVERLAP, TAG_FIELDS
from .tagger import Stats, Tagger

WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")
# the worker imports gpkg_sqlite from the base layer as a top-level module (it runs without the package)
BASE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "base")

CHUNK = 50_000
# below this many features starting the worker process costs more than it saves
FAST_MIN_FEATURES = 2000
# field types whose values pyogrio reads and writes back unchanged (NULLs restored with a mask)
_KINDS = {INT: "int32", BIGINT: "int64", BOOL: "bool"}
_SUPPORTED = tuple(_KINDS) + (TEXT, REAL, DATE)
# the GeoPackage version QGIS's own GDAL writes, so that it opens the result without a warning
GPKG_VERSION = "1.2"


@dataclass
class Plan:
    """Everything the vectorised run needs, decided before any feature is read."""

    path: str
    layer: object  # name, or index in the file
    out_path: str
    fid_column: Optional[str]
    fields: List[Tuple[str, int]]  # (name, field type) of the input fields kept, in output order
    geometry_type: str
    crs: str
    versions: Tuple[str, str]
    # the new layer's name when the output is a layer added to an existing GeoPackage: out_path is then
    # the staged file the caller gets from the output guard (which copies the layer in)
    out_layer: Optional[str] = None


def plan(request: TagRequest, out_fields, tagger: Tagger, force=False) -> Tuple[Optional[Plan], str]:
    """A Plan for the vectorised path, or (None, why it cannot be used); force: even for few features."""
    versions, reason = _versions_reason()
    if versions is None:
        return None, reason
    if request.part_reason:
        return None, request.part_reason
    layer = request.input_layer
    if layer is None or layer.providerType() != "ogr":
        return None, tr("the input is not a file layer")
    if layer.subsetString():
        return None, tr("the input has a filter")
    if layer.isModified():
        return None, tr("the input has unsaved edits")
    if 0 <= layer.featureCount() < FAST_MIN_FEATURES and not force:
        return None, tr("only {} features").format(layer.featureCount())
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path) or parts.get("subset"):
        return None, tr("the input is not a GeoPackage layer")
    out, out_layer = request.output_path, None
    if out is None and getattr(request, "output_gpkg_layer", None):
        out, out_layer = request.output_gpkg_layer
    if out is None:
        return None, tr("the output is neither a GeoPackage file nor a new layer in one")
    if out_layer is None and os.path.normcase(os.path.abspath(out)) == os.path.normcase(
        os.path.abspath(path)
    ):
        return None, tr("the output would replace the input")

    layer_name = parts.get("layerName") or int(parts.get("layerId") or 0)
    wkb_type = layer.wkbType()
    flat = QgsWkbTypes.flatType(wkb_type)
    if QgsWkbTypes.hasM(wkb_type) or QgsWkbTypes.isCurvedType(wkb_type) or flat == QgsWkbTypes.Unknown:
        return None, tr("the geometry type is {}").format(QgsWkbTypes.displayString(wkb_type))
    geometry_type = QgsWkbTypes.displayString(flat) + (" Z" if QgsWkbTypes.hasZ(wkb_type) else "")
    if tagger.rule == RULE_LARGEST_OVERLAP and not tagger.measures_in_input_crs and flat != QgsWkbTypes.Point:
        return None, tr("largest_overlap measures in {}, not in the input's CRS").format(
            tagger.zones.working_crs.authid()
        )
    keys = layer.dataProvider().pkAttributeIndexes()
    fid_column = layer.fields().at(keys[0]).name() if len(keys) == 1 else None
    kept = []
    for f in out_fields:
        if f.name() in {t.name for t in TAG_FIELDS}:
            continue
        if f.type() not in _SUPPORTED:
            return None, tr("field {} has type {}").format(f.name(), f.typeName())
        kept.append((f.name(), f.type()))
    return (
        Plan(
            path=path,
            layer=layer_name,
            out_path=out,
            fid_column=fid_column,
            fields=kept,
            geometry_type=geometry_type,
            crs=layer.crs().authid() if layer.crs().authid().startswith("EPSG:") else layer.crs().toWkt(),
            versions=versions,
            out_layer=out_layer,
        ),
        "",
    )


def python_executable() -> Optional[str]:
    """The Python interpreter of QGIS's own Python (sys.executable is QGIS itself inside QGIS)."""
    version = "{}.{}".format(*sys.version_info[:2])
    name = os.path.basename(sys.executable or "").lower()
    candidates = [sys.executable] if name.startswith("python") else []
    base = sys.base_exec_prefix
    candidates += [
        os.path.join(base, "bin", "python" + version),
        os.path.join(base, "bin", "python3"),
        os.path.join(base, "python.exe"),
        os.path.join(base, "python3.exe"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _package_dirs() -> List[str]:
    """sys.path entries holding numpy, shapely and pyogrio, found without importing them here."""
    dirs = []
    for package in ("numpy", "shapely", "pyogrio"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.origin:
            folder = str(Path(spec.origin).resolve().parent.parent)
            if folder not in dirs:
                dirs.append(folder)
    return dirs


def _worker_env() -> dict:
    env = with_proj_data(os.environ)  # pyproj (imported by pyogrio) in a venv: Debian's proj-data
    env["PYTHONPATH"] = os.pathsep.join(
        _package_dirs() + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p] + [BASE_DIR]
    )
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _versions_reason() -> Tuple[Optional[Tuple[str, str]], str]:
    """(shapely, pyogrio) versions usable by the worker, or (None, why not)."""
    for package in ("shapely", "pyogrio"):
        reason = missing_reason(package)
        if reason:
            return None, reason
    shapely_version = importlib.metadata.version("shapely")
    pyogrio_version = importlib.metadata.version("pyogrio")
    if python_executable() is None:
        return None, "QGIS's Python interpreter was not found"
    return (shapely_version, pyogrio_version), ""


def _worker_job(plan: "Plan", tagger: Tagger) -> dict:
    zones = tagger.zones
    ranking = zones.ranking
    return {
        "path": plan.path,
        "layer": plan.layer,
        "fid_column": plan.fid_column,
        "fields": [[name, _KINDS.get(qtype, "other")] for name, qtype in plan.fields],
        "out_path": plan.out_path,
        "part_path": str(Path(plan.out_path).with_name(Path(plan.out_path).stem + ".part.gpkg")),
        "out_layer": plan.out_layer or Path(plan.out_path).stem,
        "geometry_type": plan.geometry_type,
        "crs": plan.crs,
        "points": plan.geometry_type.replace(" ", "").rstrip("ZM").lower() == "point",
        "gpkg_version": GPKG_VERSION,
        "chunk": CHUNK,
        "zones_wkb": [bytes(g.asWkb()).hex() for g in zones.geometries],
        "bits": [1 << ranking.key_rank[k] for k in zones.keys],
        "rank": ranking.static_rank(tagger.rule),
        "priority_rank": ranking.priority_rank,
        "rule": tagger.rule,
        "measure_in_input_crs": tagger.measures_in_input_crs,
        "overlap_decimals": OVERLAP_DECIMALS,
        "has_belt": tagger.has_belt,
        "belt_wkb": bytes(tagger.belt.asWkb()).hex() if tagger.belt is not None else "",
        "zone_keys": list(zones.keys),
        "zone_ids": list(zones.ids),
        "zone_names": list(zones.names),
        "types_text": [ranking.types_text(m) for m in range(256)],
        "tag_fields": [spec.name for spec in TAG_FIELDS],
    }


def run(plan: "Plan", tagger: Tagger, feedback) -> Tuple[Stats, str]:
    """Tag the whole layer in the worker process; WriteError when the worker fails."""
    job = _worker_job(plan, tagger)
    with tempfile.TemporaryDirectory(prefix="beltmap-tag-") as folder:
        job_path = os.path.join(folder, "job.json")
        with open(job_path, "w", encoding="utf-8") as handle:
            json.dump(job, handle)
        with open(os.path.join(folder, "stderr.txt"), "w+", encoding="utf-8") as errors:
            with subprocess.Popen(
                [python_executable(), WORKER, job_path],
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                encoding="utf-8",
                env=_worker_env(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),  # no console window on Windows
            ) as process:
                result = _follow(process, feedback)
            errors.seek(0)
            error_text = errors.read().strip()
    if result is None or process.returncode != 0 or "features" not in result:
        _remove(job["part_path"])
        if feedback.isCanceled():
            return Stats(tagger.zones.ranking.priority), plan.out_path
        raise WriteError(
            "Vectorised tagging failed (exit {}): {}".format(process.returncode, error_text[-2000:])
        )
    stats = Stats(tagger.zones.ranking.priority)
    stats.null_geometry = result["null_geometry"]
    stats.tagged = result["tagged"]
    stats.untagged = result["features"] - result["tagged"]
    stats.edge = result["edge"]
    stats.outside_belt = result["outside_belt"]
    for key, n in zip(tagger.zones.keys, result["per_zone"]):
        stats.by_type[key] += n
    writer = result.get("writer", "")
    if writer == "sql":
        feedback.pushInfo("Output written inside SQLite: attributes and spatial index copied from the input")
    elif writer:
        feedback.pushInfo("Output written in bulk by GDAL: {}".format(writer[len("bulk ") :].strip("()")))
    feedback.setProgress(100)
    return stats, plan.out_path


def _follow(process, feedback) -> Optional[dict]:
    """Relay the worker's progress until it ends (its result) or the user cancels (killed, None)."""
    lines: queue.Queue = queue.Queue()

    def pump():
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    result = None
    while True:
        if feedback.isCanceled():
            process.kill()
            process.wait()
            return None
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            break
        kind, _space, payload = line.strip().partition(" ")
        if kind == "progress":
            feedback.setProgress(float(payload))
        elif kind == "result":
            result = json.loads(payload)
    process.wait()
    return result


def _remove(path: str) -> None:
    for stale in (path, path + "-journal", path + "-wal", path + "-shm"):
        if os.path.exists(stale):
            os.remove(stale)
