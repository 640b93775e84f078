"""The package builder: the belt map package from a frozen request, inputs validated once.

    result = build_package(PackageRequest(...), progress)

Steps run in order on one Build (the package being written); an optional step (a baseline comparison, an
atlas of stations) is one more entry in package_steps(). Written into a staging folder and moved into place
only when complete (PackageWriter); a cancel or a failure leaves nothing behind.
"""

import os
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from qgis.core import QgsCoordinateTransformContext, QgsFeatureRequest, QgsVectorLayer

from ...i18n import tr
from ..assembly.engines import evaluation_index, zone_summary
from ..assembly.inputs import InputLayers, prepared_sites, validate_inputs
from ..assembly.sources import is_illustrative, is_osm, source_names
from ..base.package_files import now_iso
from ..base.progress import check_cancel
from ..base.staged_folder import PackageError, PackageWriter, slug
from ..cartography import preflight
from ..cartography.layout import build_layout, choose_orientation, map_texts, work_extent
from ..cartography.render import EXTENSIONS, CancelledError, render, render_atlas
from ..chain_report.report import run_and_report
from ..chains.engine import ChainOutput, ChainRequest
from ..change_report.in_package import package_changes
from ..errors import BeltMapError, Cancelled
from ..programme_report.in_package import package_progress
from ..stations.atlas import package_station_pages
from ..webmap.assets import AssetError
from ..webmap.chains_data import ChainSink, chains_data
from ..webmap.changes_data import changes_data
from ..webmap.payload import write_web_map
from ..webmap.progress_data import progress_data
from . import gpkg as package_gpkg
from .index_files import write_index_files
from .manifest import build_manifest, write_manifest
from .project import PROJECT_NAME, PackageProject
from .readme import package_entries, readme_text

ROLES = ("belt", "zones", "sites", "roads")
INDEX_TABLE = "evaluation_index"
WEIGHTS_TABLE = "evaluation_weights"
WEB_FOLDER = "web"


@dataclass(frozen=True)
class PackageRequest:
    """A package export: the inputs and every option (parameter names in the manifest: upper case)."""

    layers: InputLayers
    tag: bool
    title: str
    subtitle: str
    paper: str
    orientation: str
    dpi: int
    formats: Tuple[str, ...]
    atlas: str
    language: str
    index: bool
    ignore_validation: bool
    parent: str
    name: str
    zip: bool
    webmap: bool
    overwrite: bool
    transform_context: QgsCoordinateTransformContext = field(default_factory=QgsCoordinateTransformContext)
    baseline: str = ""  # an earlier package (folder or ZIP): changes/ and the web map's Changes layer
    station_key: Optional[str] = (
        None  # ATLAS=station: the stations' key field (None: site_id, id, 编号, code)
    )
    links: str = ""  # a chain links table (CSV/XLSX): maps/chains/ as beltmap:chainlinks writes its report
    label: str = ""  # the package's year (LABEL), manifest.json `label` and `year`
    history: Tuple[str, ...] = ()  # earlier packages (HISTORY) and TARGETS: progress/ (issue 26)
    targets: str = ""
    basemap: str = "none"  # the web map's optional online basemap (core/webmap/basemap.py)


@dataclass(frozen=True)
class PackageResult:
    """Where the package went: folder, files (relative), maps (absolute), zip, feature counts per table."""

    folder: str
    gpkg: str
    project: str
    manifest: str
    maps: Tuple[str, ...]
    files: Tuple[str, ...]
    zip_file: Optional[str]
    feature_counts: Dict[str, int]


@dataclass
class Build:
    """The package being written: what the steps share."""

    request: PackageRequest
    progress: object
    writer: PackageWriter
    texts: object
    illustrative: bool
    osm: bool
    created: str
    sites: Optional[QgsVectorLayer] = None
    tables: List[str] = field(default_factory=list)
    null_geometries: Dict[str, int] = field(default_factory=dict)
    aliases: Dict[str, Dict[str, str]] = field(default_factory=dict)
    layer_info: List[Dict] = field(default_factory=list)
    maps: List[str] = field(default_factory=list)
    files: List[str] = field(default_factory=list)
    baseline: Dict = field(default_factory=dict)  # the manifest's baseline entry
    progress_entry: Dict = field(default_factory=dict)  # the manifest's progress entry (HISTORY, TARGETS)
    changes: Optional[Dict] = None  # the web map's Changes layer
    progress_map: Optional[Dict] = None  # the web map's Progress layer (HISTORY, TARGETS)
    chains_map: Optional[Dict] = None  # the web map's Chains layer (LINKS)

    @property
    def gpkg_path(self) -> str:
        return self.writer.path(package_gpkg.GPKG_NAME)

    def step(self, percent: float, message: str) -> None:
        """Stop on cancel, else report progress and what comes next."""
        check_cancel(self.progress)
        self.progress.setProgress(percent)
        self.progress.pushInfo(message)

    def write(self, layer, table: str, first: bool = False) -> int:
        """Copy a layer into belt.gpkg as table; how many features have no usable geometry."""
        return package_gpkg.write_layer(
            layer, self.gpkg_path, table, self.request.transform_context, first=first
        )


# ---------------------------------------------------------------------------------------------
# the steps


def sites_step(build: Build) -> None:
    """The sites to package: merged, tagged when TAG."""
    build.step(2, tr("Preparing the sites"))
    request = build.request
    build.sites = prepared_sites(request.layers, request.tag, request.transform_context, build.progress)


def gpkg_step(build: Build) -> None:
    """belt.gpkg: belt, zones (canonical zone types), sites, roads and the zone type extents for an atlas."""
    build.step(15, tr("Writing belt.gpkg"))
    layers = build.request.layers
    # zone types as canonical keys in a zone_type field, on a copy: the input is never modified
    zones = layers.zones.materialize(QgsFeatureRequest())
    package_gpkg.normalise_zone_types(zones)
    plan = [("belt", layers.belt), ("zones", zones), ("sites", build.sites)]
    if layers.roads is not None:
        plan.append(("roads", layers.roads))
    if build.request.atlas == "zone_type":
        plan.append(("zone_types", package_gpkg.zone_type_extents(zones)))
    for index, (table, layer) in enumerate(plan):
        check_cancel(build.progress)
        build.null_geometries[table] = build.write(layer, table, first=index == 0)
        if build.null_geometries[table]:
            build.progress.pushWarning(
                tr("{}: {} features without a usable geometry, written with a NULL geometry").format(
                    table, build.null_geometries[table]
                )
            )
    build.tables = [table for table, _ in plan]


def summary_step(build: Build) -> None:
    """tables/zone_summary.csv and the zone_summary table, from the package's own sites and zones."""
    build.step(25, tr("Summarising sites per zone"))
    csv_path = build.writer.path("tables", "zone_summary.csv")
    sites = package_gpkg.open_layer(build.gpkg_path, "sites")
    zones = package_gpkg.open_layer(build.gpkg_path, "zones")
    table = zone_summary(sites, zones, build.request.transform_context, build.progress, csv_path)
    del sites, zones  # release belt.gpkg before writing into it
    build.write(table, "zone_summary")
    build.tables.append("zone_summary")


def index_step(build: Build) -> None:
    """The evaluation index per zone: two tables, two CSV files, the chart; indicator labels as aliases."""
    build.step(28, tr("Computing the evaluation index per zone"))
    path = build.gpkg_path
    roads = package_gpkg.open_layer(path, "roads") if "roads" in build.tables else None
    try:
        index, weights = evaluation_index(
            package_gpkg.open_layer(path, "zones"),
            package_gpkg.open_layer(path, "sites"),
            roads,
            build.request.transform_context,
            build.progress,
        )
    except Cancelled:
        raise
    except BeltMapError as error:
        raise PackageError(
            tr(
                "The evaluation index could not be computed (set INDEX to false to export without it): {}"
            ).format(error)
        ) from error
    del roads
    build.write(index, INDEX_TABLE)
    build.write(weights, WEIGHTS_TABLE)
    aliases = {}
    for row in weights.getFeatures():
        key, label = row["key"], row["label"]
        if index.fields().indexOf(key) >= 0 and label and label != key:
            aliases[key] = str(label)
            index.setFieldAlias(index.fields().indexOf(key), str(label))
    write_index_files(index, build.writer.staging)
    build.aliases[INDEX_TABLE] = aliases
    build.tables += [INDEX_TABLE, WEIGHTS_TABLE]


def styles_step(build: Build) -> None:
    """Default styles and metadata of every table in belt.gpkg."""
    request = build.request
    for table in build.tables:
        check_cancel(build.progress)
        layer = package_gpkg.open_layer(build.gpkg_path, table)
        for name, alias in build.aliases.get(table, {}).items():
            index = layer.fields().lookupField(name)
            if index >= 0:
                layer.setFieldAlias(index, alias)
        roads_osm = build.osm and table == "roads"
        finished = package_gpkg.finish_layer(layer, table, request.language, roads_osm, build.illustrative)
        build.layer_info.append(package_gpkg.layer_info(layer, table, build.null_geometries.get(table, 0)))
        del layer  # closed before its style and metadata are saved (save_finished says why)
        package_gpkg.save_finished(finished)


def maps_step(build: Build) -> None:
    """belt.qgz with its print layouts, and the maps drawn from them."""
    build.step(35, tr("Building the project and its print layouts"))
    request = build.request
    package = PackageProject(build.gpkg_path, request.title, request.language, build.illustrative, build.osm)
    try:
        build.maps = _project_and_maps(build, package)
    finally:
        package.close()
    package_gpkg.settle(build.gpkg_path)


def changes_step(build: Build) -> None:
    """changes/: the change map, tables and summary against the BASELINE package; the web map's layer."""
    build.step(88, tr("Comparing with the baseline package"))
    request = build.request
    entry, result = package_changes(
        build.writer.staging,
        request.baseline,
        build.progress,
        request.language,
        request.paper,
        after_label=request.label or build.created[:4],
    )
    package_gpkg.settle(build.gpkg_path)  # the comparison read belt.gpkg: leave it one file again
    build.baseline = entry["baseline"]
    if request.webmap:
        build.changes = changes_data(result, request.transform_context)


def chains_step(build: Build) -> None:
    """maps/chains/: the links of LINKS on the package's sites, belt and zones (beltmap:chainlinks)."""
    build.step(89, tr("Measuring the chain links"))
    path, tables = build.gpkg_path, build.tables
    layers = {role: package_gpkg.open_layer(path, role) if role in tables else None for role in ROLES}
    request = ChainRequest(
        sites=layers["sites"],
        links_path=build.request.links,
        belt=layers["belt"],
        zones=layers["zones"],
        report_folder=os.path.join(build.writer.staging, "maps", "chains"),
        transform_context=build.request.transform_context,
    )
    none = lambda *_args: (None, None)  # noqa: E731 (no layers: the report's tables are the package's)
    lines, summary = ChainSink(), ChainSink()  # the web map's layer: the run's own lines and leaders
    if build.request.webmap:
        run_and_report(request, ChainOutput(lines.output, summary.output, none, none), build.progress)
        build.chains_map = chains_data(
            lines, summary, build.request.language, build.request.transform_context
        )
    else:
        run_and_report(request, ChainOutput(none, none, none, none), build.progress)
    package_gpkg.settle(path)


def progress_step(build: Build) -> None:
    """progress/: the progress report and tables over the HISTORY packages and this one (TARGETS)."""
    build.step(89, tr("Assessing the programme's progress"))
    request = build.request
    entry, result = package_progress(
        build.writer.staging,
        request.history,
        request.targets,
        request.label,
        build.progress,
        request.language,
    )
    package_gpkg.settle(build.gpkg_path)  # the progress read belt.gpkg: leave it one file again
    build.progress_entry = entry
    if request.webmap:
        build.progress_map = progress_data(result, request.transform_context, request.language)


def web_step(build: Build) -> None:
    """web/: the electronic map of the package's own layers (tagged sites, canonical zone types)."""
    build.step(90, tr("Writing the web map"))
    request, path, tables = build.request, build.gpkg_path, build.tables
    layers = {role: package_gpkg.open_layer(path, role) if role in tables else None for role in ROLES}
    index = package_gpkg.open_layer(path, INDEX_TABLE) if INDEX_TABLE in tables else None
    texts = {"title": request.title, "subtitle": request.subtitle, "language": request.language}
    texts.update(created=build.created, illustrative=build.illustrative, osm=build.osm)
    try:
        write_web_map(
            os.path.join(build.writer.staging, WEB_FOLDER),
            layers,
            texts,
            request.transform_context,
            index,
            build.progress.isCanceled,
            build.changes,
            request.basemap,
            progress=build.progress_map,
            chains=build.chains_map,
        )
    except AssetError as error:
        raise PackageError(str(error)) from error
    finally:
        del layers, index  # release belt.gpkg


def manifest_step(build: Build) -> None:
    """README.txt and manifest.json (every file with its size and checksum)."""
    build.step(92, tr("Writing README.txt and manifest.json"))
    request, staging = build.request, build.writer.staging
    entries = package_entries(staging)
    with open(build.writer.path("README.txt"), "w", encoding="utf-8") as handle:
        handle.write(
            readme_text(
                request.title,
                build.created,
                build.illustrative,
                build.osm,
                entries + ["manifest.json"],
                build.baseline,
            )
        )
    manifest = build_manifest(
        staging, request.name, build.layer_info, parameters_used(request), build.created, request.label
    )
    if build.baseline:
        manifest["baseline"] = build.baseline
    if build.progress_entry:
        manifest["progress"] = build.progress_entry
    write_manifest(staging, manifest)
    build.files = sorted([entry["path"] for entry in manifest["files"]] + ["manifest.json"])


def package_steps(request: PackageRequest) -> List[Callable[[Build], None]]:
    """The steps of this request, in order; an optional step is one more entry."""
    steps = [sites_step, gpkg_step, summary_step]
    if request.index:
        steps.append(index_step)
    steps += [styles_step, maps_step]
    if request.baseline:
        steps.append(changes_step)
    if request.links:  # before the progress, which reads this year's chain tables from maps/chains/
        steps.append(chains_step)
    if request.history and request.targets:
        steps.append(progress_step)
    if request.webmap:
        steps.append(web_step)
    steps.append(manifest_step)
    return steps


# ---------------------------------------------------------------------------------------------


def build_package(request: PackageRequest, progress) -> PackageResult:
    """Validate the inputs once, check every map text against the font, write the package; its result."""
    layers = request.layers
    # data errors stop the export before anything is staged (unless IGNORE_VALIDATION)
    validate_inputs(layers, request.ignore_validation, progress, request.transform_context)
    illustrative = is_illustrative([layers.belt, layers.zones])
    osm = is_osm(layers.roads)
    sources = "、".join(source_names([layers.belt, layers.zones, *layers.sites, layers.roads]))
    created = now_iso()
    texts = map_texts(
        request.title,
        request.subtitle,
        request.language,
        created[:10],
        sources,
        osm,
        illustrative,
        {role: package_gpkg.layer_title(role, request.language) for role in ROLES},
    )
    name_field = "name_en" if request.language == "en" else "name"
    preflight.check(
        {
            tr("map texts"): texts.all(),
            tr("zone labels"): preflight.field_values(layers.zones, name_field, "name"),
            tr("road labels"): preflight.field_values(layers.roads, name_field, "name"),
        }
    )
    progress.pushInfo(tr("Font preflight passed: every map text can be drawn"))
    # QGIS 3.22 logs a multiple choice of strings as '' among the parameters: say what is written
    progress.pushInfo(tr("Map formats: {}").format(", ".join(request.formats) or "-"))

    writer = PackageWriter(request.parent, request.name, request.overwrite, request.zip, progress)
    try:
        with writer:
            build = Build(request, progress, writer, texts, illustrative, osm, created)
            for step in package_steps(request):
                check_cancel(progress)
                step(build)
            check_cancel(progress)
            if request.zip:
                progress.pushInfo(tr("Writing the zip file"))
                writer.write_zip(progress.isCanceled)
            check_cancel(progress)
            writer.commit()
    except (Cancelled, CancelledError) as error:
        raise Cancelled(tr("Cancelled: no package was written")) from error
    except PackageError as error:
        if progress.isCanceled():
            raise Cancelled(tr("Cancelled: no package was written")) from error
        raise
    target = writer.target
    progress.pushInfo(tr("Package written to {}").format(target))
    return PackageResult(
        folder=target,
        gpkg=os.path.join(target, package_gpkg.GPKG_NAME),
        project=os.path.join(target, PROJECT_NAME),
        manifest=os.path.join(target, "manifest.json"),
        maps=tuple(os.path.join(target, p) for p in build.maps),
        files=tuple(build.files),
        zip_file=writer.zip_target if request.zip else None,
        feature_counts={info["name"]: info["feature_count"] for info in build.layer_info},
    )


def _project_and_maps(build: Build, package: PackageProject) -> List[str]:
    request, tables, writer, progress = build.request, build.tables, build.writer, build.progress
    has_roads = "roads" in tables
    # the first layer of the tree draws on top: belt, sites, zones, roads
    for table in ("belt", "sites", "zones", "roads"):
        if table in tables:
            package.add_layer(table, table)
    if "zone_types" in tables:
        package.add_layer("zone_types", "zone_types", visible=False)
    if "zone_summary" in tables:
        package.add_layer("zone_summary", "zone_summary")
    if INDEX_TABLE in tables:
        package.add_layer(INDEX_TABLE, INDEX_TABLE, visible=False)
    if WEIGHTS_TABLE in tables:
        package.add_layer(WEIGHTS_TABLE, WEIGHTS_TABLE)

    extent = work_extent(package.layers["belt"], request.transform_context)
    package.set_view(extent)  # the project opens on the whole belt
    orientation = choose_orientation(extent, request.orientation)
    paper, texts = request.paper, build.texts
    main = build_layout(
        package.project,
        "{} {}".format(request.name, paper),
        package.layout_layers(["sites"], has_roads),
        texts,
        paper,
        orientation,
        extent,
    )
    package.add_layout(main)
    atlas = None
    if request.atlas not in ("none", "station"):
        atlas = build_layout(
            package.project,
            "{} atlas {}".format(request.name, request.atlas),
            package.layout_layers(["sites"], has_roads, request.atlas),
            texts,
            paper,
            orientation,
            extent,
            request.atlas,
        )
        package.add_layout(atlas)

    build.step(40, tr("Checking every map text against the font"))
    checks = {tr("layout"): preflight.layout_texts(main)}
    for layer_name, layer in package.layers.items():
        checks[tr("labels of {}").format(layer_name)] = preflight.label_values(layer)
        checks[tr("legend of {}").format(layer_name)] = preflight.legend_labels(layer)
    if atlas is not None:
        checks[tr("atlas pages")] = preflight.field_values(atlas.atlas().coverageLayer(), "name")
    preflight.check(checks)

    build.step(45, tr("Saving belt.qgz"))
    package.save(writer.path(PROJECT_NAME))

    maps: List[str] = []
    base = "{}_{}".format(request.name, paper)
    per_layout = len(request.formats)
    total = per_layout * (2 if atlas is not None else 1)
    done = 0
    for fmt in request.formats:
        build.step(50 + 40.0 * done / total, tr("Drawing the {} map").format(fmt))
        path = writer.path("maps", "{}.{}".format(base, EXTENSIONS[fmt]))
        maps.append(render(main, path, fmt, request.dpi))
        done += 1
    if atlas is not None:
        build.step(50 + 40.0 * done / total, tr("Drawing the atlas"))
        key_field = "zone_id" if request.atlas == "zone" else "zone_type"
        maps += render_atlas(
            atlas,
            os.path.dirname(writer.path("maps", "x")),
            "{}_{}".format(base, request.atlas),
            request.formats,
            request.dpi,
            lambda feature, index: slug(feature.attribute(key_field), "page{}".format(index + 1)),
            progress.isCanceled,
            lambda fraction: progress.setProgress(50 + 40.0 * (done + fraction * per_layout) / total),
        )
    if request.atlas == "station":  # a page per service station (core/stations/atlas.py)
        stations = os.path.join(os.path.dirname(writer.path("maps", "x")), "stations")
        maps += package_station_pages(
            package.layers,
            stations,
            request.title,
            request.language,
            request.transform_context,
            progress,
            request.station_key,
        )
    return [os.path.relpath(p, writer.staging) for p in maps]


def parameters_used(request: PackageRequest) -> Dict:
    """The options and inputs of the run as the manifest lists them (upper-case parameter names)."""

    def describe(layer):
        if layer is None:
            return None
        return {"name": layer.name(), "source": source_names([layer])[0], "features": layer.featureCount()}

    options = (
        "tag", "title", "subtitle", "paper", "orientation", "dpi", "formats", "atlas", "language", "index",
        "ignore_validation", "name", "zip", "webmap", "overwrite", "baseline", "links", "label", "targets",
        "basemap",
    )  # fmt: skip
    used = {key.upper(): getattr(request, key) for key in options}
    used["FORMATS"] = list(request.formats)
    used["HISTORY"] = list(request.history)
    layers = request.layers
    used.update(
        {
            "BELT": describe(layers.belt),
            "ZONES": describe(layers.zones),
            "SITES": [describe(s) for s in layers.sites],
            "ROADS": describe(layers.roads),
        }
    )
    return used
