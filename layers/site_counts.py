"""Sites per category and tag state counted by the GeoPackage itself (SQL through GDAL), edits included.

GDAL runs the query without holding Python's lock, so a million sites are counted in about a second
while the GUI thread goes on. The layer's unsaved edits (added, changed, deleted features) are applied
to the counts from a copy of its edit buffer taken with the snapshot.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from qgis.core import QgsFields, QgsProviderRegistry, QgsVectorLayer, QgsVectorLayerFeatureSource

SITE_FIELDS = ("category", "zone_type", "in_belt")
FID_CHUNK = 500


@dataclass
class GpkgSites:
    """A snapshot of a sites layer read from a GeoPackage table: where it is and its unsaved edits."""

    source: QgsVectorLayerFeatureSource  # for counting feature by feature if SQL cannot be used
    fields: QgsFields
    path: str
    table: Optional[str]  # None: the layer given by its index (the file's first layer by default)
    layer_index: int = 0
    added: List[list] = field(default_factory=list)  # attributes of added features
    changed: Dict[int, Dict[int, object]] = field(default_factory=dict)  # fid -> {field index: value}
    deleted: Set[int] = field(default_factory=set)


def gpkg_snapshot(layer: QgsVectorLayer) -> Optional[GpkgSites]:
    """A GpkgSites snapshot when the layer is a whole GeoPackage table with its stored fields, else None."""
    if layer.providerType() != "ogr" or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path") or "", parts.get("layerName") or None
    if not path.lower().endswith(".gpkg"):
        return None
    fields = layer.fields()
    for name in SITE_FIELDS:
        index = fields.indexOf(name)
        if index >= 0 and fields.fieldOrigin(index) != QgsFields.OriginProvider:
            return None  # a virtual, joined or not yet saved field: not in the table
    index = int(parts.get("layerId") or 0)
    snapshot = GpkgSites(QgsVectorLayerFeatureSource(layer), QgsFields(fields), path, table, index)
    buffer = layer.editBuffer() if layer.isEditable() else None
    if buffer is not None:
        if buffer.addedAttributes() or buffer.deletedAttributeIds():
            return None
        snapshot.added = [list(f.attributes()) for f in buffer.addedFeatures().values()]
        snapshot.changed = {fid: dict(v) for fid, v in buffer.changedAttributeValues().items() if fid >= 0}
        snapshot.deleted = {fid for fid in buffer.deletedFeatureIds() if fid >= 0}
    return snapshot


def _quoted(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def _values(row, names) -> list:
    """The category, zone_type and in_belt of a result row (None for a field the table lacks)."""
    return [row.GetField(name) if name else None for name in names]


def grouped_counts(snapshot: GpkgSites, add) -> None:
    """Call add(category, zone_type, in_belt, n) for every group of sites; RuntimeError if GDAL fails."""
    from osgeo import ogr

    ogr.UseExceptions()
    names = [name if snapshot.fields.indexOf(name) >= 0 else None for name in SITE_FIELDS]
    columns = ", ".join(_quoted(n) for n in names if n)
    dataset = ogr.Open(snapshot.path, 0)
    if snapshot.table:
        table = dataset.GetLayerByName(snapshot.table)
    else:
        table = dataset.GetLayerByIndex(snapshot.layer_index)
    if table is None:
        raise RuntimeError("no table {} in {}".format(snapshot.table, snapshot.path))
    name = _quoted(table.GetName())
    if columns:
        sql = "SELECT {0}, COUNT(*) AS beltmap_n FROM {1} GROUP BY {0}".format(columns, name)
    else:
        sql = "SELECT COUNT(*) AS beltmap_n FROM {}".format(name)
    result = dataset.ExecuteSQL(sql)
    try:
        for row in result:
            add(*_values(row, names), row.GetField("beltmap_n"))
    finally:
        dataset.ReleaseResultSet(result)
    fid = _quoted(table.GetFIDColumn() or "fid")
    _apply_edits(
        snapshot,
        dataset,
        "SELECT {} AS beltmap_fid{} FROM {}".format(fid, ", " + columns if columns else "", name),
        fid,
        names,
        add,
    )


def _apply_edits(snapshot: GpkgSites, dataset, select: str, fid: str, names, add) -> None:
    """Take the changed and deleted features out as stored, put the changed and added ones in as edited."""
    indexes = [snapshot.fields.indexOf(n) if n else -1 for n in names]
    touched = sorted(set(snapshot.changed) | snapshot.deleted)
    for start in range(0, len(touched), FID_CHUNK):
        chunk = touched[start : start + FID_CHUNK]
        result = dataset.ExecuteSQL("{} WHERE {} IN ({})".format(select, fid, ",".join(map(str, chunk))))
        try:
            for row in result:
                stored = _values(row, names)
                add(*stored, -1)
                changes = snapshot.changed.get(row.GetFID())
                if changes is not None and row.GetFID() not in snapshot.deleted:
                    add(*(changes.get(i, v) if i >= 0 else v for i, v in zip(indexes, stored)), 1)
        finally:
            dataset.ReleaseResultSet(result)
    for attributes in snapshot.added:
        add(*(attributes[index] if index >= 0 else None for index in indexes), 1)
