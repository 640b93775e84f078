"""A staged GeoPackage's one layer copied into an existing GeoPackage as a new layer (the other layers
stay): runs writing into one GeoPackage take turns (core/base/gpkg_sqlite.py), each waiting, bounded."""

import os

from osgeo import gdal, ogr

from ..core.base import gpkg_sqlite
from ..i18n import tr


def copy_layer(staged: str, database: str, table: str, feedback=None) -> None:
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
