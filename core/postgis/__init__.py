"""Work inside a PostGIS database: connections through QGIS, SQL for tagging and summaries, cancel."""
