"""core/base/gpkg_sqlite.py without QGIS: writers take turns (bounded, with one call while waiting), a write
lock of another program is waited for, the one transaction block commits or rolls back."""

import sqlite3

import pytest
from beltmap.core.base import gpkg_sqlite


def database(path):
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE t (v)")
    connection.commit()
    connection.close()
    return path


def test_writers_take_turns_and_a_second_one_waits_bounded(tmp_path):
    path = database(tmp_path / "one.gpkg")
    calls = []
    with gpkg_sqlite.writer_turn(path):
        with pytest.raises(TimeoutError):
            with gpkg_sqlite.writer_turn(path, on_wait=lambda: calls.append(1), timeout=0.3):
                pass
    assert calls == [1]
    # the same file spelt another way is the same turn; once released it is free
    with gpkg_sqlite.writer_turn(tmp_path / "." / "one.gpkg"):
        with pytest.raises(TimeoutError):
            with gpkg_sqlite.writer_turn(path, timeout=0):
                pass
    with gpkg_sqlite.writer_turn(path, timeout=0):
        pass


def test_a_write_lock_of_another_program_is_waited_for(tmp_path):
    path = database(tmp_path / "one.gpkg")
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    calls = []
    with pytest.raises(TimeoutError):
        gpkg_sqlite.wait_until_free(path, lambda: calls.append(1), timeout=0.3)
    assert calls == [1]
    other.execute("ROLLBACK")
    gpkg_sqlite.wait_until_free(path, lambda: calls.append(2), timeout=0.3)
    assert calls == [1]


def test_transaction_commits_or_rolls_back_with_the_input_attached(tmp_path):
    path = database(tmp_path / "out.gpkg")
    source = database(tmp_path / "in.gpkg")
    with gpkg_sqlite.transaction(source, staged=False) as connection:
        connection.execute("INSERT INTO t VALUES (7)")
    with gpkg_sqlite.transaction(path, attach=source) as connection:
        connection.execute("INSERT INTO main.t SELECT v FROM src.t")
    with pytest.raises(sqlite3.OperationalError):
        with gpkg_sqlite.transaction(path, attach=source, staged=False) as connection:
            connection.execute("INSERT INTO main.t VALUES (8)")
            connection.execute("INSERT INTO src.t VALUES (9)")  # the input is read-only
    assert sqlite3.connect(str(path)).execute("SELECT v FROM t").fetchall() == [(7,)]
