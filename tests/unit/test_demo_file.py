"""The shipped demo GeoPackage read with SQLite alone: illustrative, credited, small."""

import sqlite3

LAYERS = ("belt", "zones", "sites", "roads")


def test_metadata_says_illustrative_and_file_is_small(demo_gpkg):
    with sqlite3.connect(str(demo_gpkg)) as db:
        rows = dict(db.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    assert set(LAYERS) <= set(rows)
    assert all("示意" in rows[name] for name in LAYERS)
    assert "OpenStreetMap" in rows["roads"]
    assert demo_gpkg.stat().st_size < 2 * 1024 * 1024
