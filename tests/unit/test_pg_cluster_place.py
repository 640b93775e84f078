"""The throwaway PostgreSQL cluster goes where the postgres user can reach it, never under the clone."""

import os

import pg_cluster


def test_a_folder_inside_a_private_one_is_not_traversable(tmp_path):
    private = tmp_path / "home"
    (private / "beltmap").mkdir(parents=True)
    private.chmod(0o700)
    try:
        assert not pg_cluster.traversable_by_others(private / "beltmap")
    finally:
        private.chmod(0o755)
    assert pg_cluster.traversable_by_others(private / "beltmap") == pg_cluster.traversable_by_others(tmp_path)


def test_the_base_is_reachable_by_another_user(monkeypatch, tmp_path):
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(pg_cluster.tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    base = pg_cluster.temporary_base(as_other_user=True)
    assert pg_cluster.traversable_by_others(base) and not base.startswith(str(private))
    assert pg_cluster.temporary_base(as_other_user=False) == str(private)
    assert os.path.isdir(base)
