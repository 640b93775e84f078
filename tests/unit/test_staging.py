"""Staging without QGIS: a crashed run's staging is found and removed, a live run's never, old staging
without a lock only when old; a staged file moves into place and its folder goes."""

import os
import subprocess
import sys
import time

from beltmap.core.base import staging

HOLD_LOCK = """
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(120)
"""


class Log:
    """What a run's feedback is told."""

    def __init__(self):
        self.lines = []

    def pushInfo(self, text):  # noqa: N802 (QgsProcessingFeedback's name)
        self.lines.append(text)


def other_run(folder):
    """A process holding the lock of folder, as another run writing there would."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, os.path.join(folder, staging.LOCK_NAME)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_crashed_runs_staging_is_removed_and_a_live_runs_kept(tmp_path):
    crashed = tmp_path / ".changes.partial-dead"
    live = tmp_path / ".belt.partial-live"
    for folder in (crashed, live):
        folder.mkdir()
        (folder / "big.gpkg").write_bytes(b"x" * 100_000)
    dead = other_run(str(crashed))
    alive = other_run(str(live))
    try:
        dead.kill()  # kill -9: the operating system releases its lock
        dead.wait()
        assert staging.is_live(str(crashed)) is False
        assert staging.is_live(str(live)) is True
        log = Log()
        removed = staging.clean_stale(str(tmp_path), log)
        assert [os.path.basename(p) for p, _ in removed] == [".changes.partial-dead"]
        assert removed[0][1] >= 100_000
        assert len(log.lines) == 1 and str(crashed) in log.lines[0] and "no longer running" in log.lines[0]
        assert not crashed.exists() and (live / "big.gpkg").exists()
    finally:
        alive.kill()
        alive.wait()


def test_this_process_s_own_staging_is_live_until_released(tmp_path):
    staged = staging.staged_path(str(tmp_path / "tagged.gpkg"))
    folder = os.path.dirname(staged)
    assert os.path.basename(staged) == "tagged.gpkg" and staging.STAGING_MARK in folder
    assert staging.is_live(folder) is True
    assert staging.stale_staging(str(tmp_path)) == []
    with open(staged, "wb") as handle:
        handle.write(b"complete")
    staging.move_into_place(staged, str(tmp_path / "tagged.gpkg"))
    staging.drop_staging_of(staged)
    assert sorted(os.listdir(tmp_path)) == ["tagged.gpkg"]


def test_staging_without_a_lock_is_removed_only_when_old(tmp_path):
    young = tmp_path / ".beltmap_changes_young"
    old = tmp_path / ".beltmap_changes_old"
    other = tmp_path / ".hidden_but_mine"
    for folder in (young, old, other):
        folder.mkdir()
    past = time.time() - staging.UNLOCKED_MAX_AGE_S - 60
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    assert staging.stale_staging(str(tmp_path)) == [str(old)]
    staging.clean_stale(str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".beltmap_changes_young", ".hidden_but_mine"]
