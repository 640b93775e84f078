"""The test cluster lives in private temporary folders outside the clone (which may sit in a home the
postgres user cannot enter), owned by the server's user, and nothing is left after stop()."""

import os
import pwd
import stat

import pg_cluster as cluster_module


def test_cluster_folders_are_private_outside_the_clone_and_removed(pg_cluster, repo_dir):
    server_user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    for folder in (pg_cluster.root, pg_cluster.socket_dir):
        assert repo_dir not in folder.resolve().parents
        info = folder.stat()
        assert stat.S_IMODE(info.st_mode) == 0o700 and pwd.getpwuid(info.st_uid).pw_name == server_user
    assert pg_cluster.psql("SELECT 1") == "1"
    second = cluster_module.Cluster()
    folders = [second.root, second.socket_dir]
    assert second.psql("SELECT postgis_lib_version() IS NOT NULL") == "t"
    second.stop()
    assert not any(folder.exists() for folder in folders)
