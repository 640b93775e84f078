"""A throwaway PostgreSQL/PostGIS cluster for the tests and the bench, stopped and removed when done.

Uses Debian's server binaries (/usr/lib/postgresql/<major>/bin, the newest major installed), never a
`pg_ctl` found on PATH. initdb refuses to run as root: as root the cluster runs as the `postgres` user.
Data and socket go into private temporary folders (mode 700, owned by whoever runs the server) under a
folder that user can reach, e.g. /tmp: never under the clone, which may sit in a home the postgres user
cannot enter (root's is mode 700). TCP listens on a free loopback port; local (socket) connections are
trusted, TCP ones need the superuser's password (scram-sha-256).
"""

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import List, Optional

PASSWORD = "Belt-pw-7Qz!x"  # the superuser's password on TCP (tests look for it in every output)
DATABASE = "belt"


def server_bindir() -> Optional[str]:
    """The bin folder of the newest PostgreSQL server installed by Debian, or None."""
    found = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.path.exists(os.path.join(d, "initdb"))]
    found.sort(key=lambda d: int(Path(d).parent.name) if Path(d).parent.name.isdigit() else 0)
    return found[-1] if found else None


def missing_reason() -> Optional[str]:
    """Why no cluster can be started here (None when it can)."""
    bindir = server_bindir()
    if bindir is None:
        return (
            "no PostgreSQL server under /usr/lib/postgresql (Debian packages postgresql, postgresql-postgis)"
        )
    major = Path(bindir).parent.name
    if not glob.glob("/usr/share/postgresql/{}/extension/postgis.control".format(major)):
        return "PostGIS is not installed for PostgreSQL {} (Debian package postgresql-postgis)".format(major)
    return None


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def traversable_by_others(folder: Path) -> bool:
    """True when every folder from / down to folder lets other users through (the x bit for others)."""
    folder = Path(folder).resolve()
    return all(part.stat().st_mode & 0o001 for part in (folder, *folder.parents))


def temporary_base(as_other_user: bool) -> str:
    """Where the cluster's private folders go: the temporary folder, or one another user can reach."""
    if not as_other_user:
        return tempfile.gettempdir()
    for folder in (tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"):
        if os.path.isdir(folder) and traversable_by_others(Path(folder)):
            return folder
    raise RuntimeError("no temporary folder the postgres user can reach (/tmp, /var/tmp, /dev/shm)")


class Cluster:
    """One running cluster: `conninfo()` for libpq, `uri()` for QGIS; `stop()` removes everything."""

    def __init__(self):
        reason = missing_reason()
        if reason:
            raise RuntimeError(reason)
        self.bindir = server_bindir()
        self._as_postgres = os.geteuid() == 0
        base = temporary_base(self._as_postgres)
        self.root = Path(tempfile.mkdtemp(prefix="beltmap_pg_", dir=base))
        self.data = self.root / "data"
        self.socket_dir = Path(tempfile.mkdtemp(prefix="beltmap_pgsock_", dir=base))
        self.port = free_port()
        self.user = "postgres"
        self.database = DATABASE
        self._running = False
        atexit.register(self.stop)
        try:
            self._start()
        except Exception:
            self.stop()
            raise

    def _run(self, args: List[str], **kwargs) -> subprocess.CompletedProcess:
        if self._as_postgres:
            args = ["runuser", "-u", "postgres", "--"] + args
        return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)

    def _start(self) -> None:
        folders = [self.root, self.socket_dir]
        if self._as_postgres:
            entry = pwd.getpwnam("postgres")
            for folder in folders:  # private (mkdtemp: mode 700) and the server's own
                os.chown(folder, entry.pw_uid, entry.pw_gid)
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as_postgres:
            os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
        self._run(
            [
                os.path.join(self.bindir, "initdb"),
                "-D",
                str(self.data),
                "-U",
                self.user,
                "--pwfile",
                str(pwfile),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        )
        pwfile.unlink()
        options = (
            "-c listen_addresses=127.0.0.1 -c port={} -c unix_socket_directories={} -c fsync=off".format(
                self.port, self.socket_dir
            )
        )
        options += " -c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
        self._run(
            [
                os.path.join(self.bindir, "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._running = True
        self.psql("CREATE DATABASE {}".format(self.database), database="postgres")
        self.psql("CREATE EXTENSION postgis")

    def psql(self, sql: str, database: Optional[str] = None) -> str:
        """Run SQL through psql on the socket (trusted); returns its unaligned output."""
        args = [
            os.path.join(self.bindir, "psql"),
            "-X",
            "-q",
            "-A",
            "-t",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            str(self.socket_dir),
            "-p",
            str(self.port),
            "-U",
            self.user,
            "-d",
            database or self.database,
            "-c",
            sql,
        ]
        return subprocess.run(args, check=True, capture_output=True, text=True, timeout=600).stdout.strip()

    def conninfo(self, tcp: bool = False) -> str:
        """A libpq connection string: the socket (no password), or TCP with the password."""
        if tcp:
            return "host=127.0.0.1 port={} dbname={} user={} password={}".format(
                self.port, self.database, self.user, PASSWORD
            )
        return "host={} port={} dbname={} user={}".format(
            self.socket_dir, self.port, self.database, self.user
        )

    def uri(self, table: str, schema: str = "public", geometry: str = "geom", key: str = "fid", tcp=False):
        """A QGIS postgres data source URI for a table."""
        from qgis.core import QgsDataSourceUri

        uri = QgsDataSourceUri()
        if tcp:
            uri.setConnection("127.0.0.1", str(self.port), self.database, self.user, PASSWORD)
        else:
            uri.setConnection(str(self.socket_dir), str(self.port), self.database, self.user, "")
        uri.setDataSource(schema, table, geometry, "", key)
        return uri.uri(False)

    def load(self, source: str, table: str, schema: str = "public", layer: Optional[str] = None) -> None:
        """Copy a vector file layer into a table with ogr2ogr (geometry `geom`, key `fid`, GiST index)."""
        if schema != "public":
            self.psql('CREATE SCHEMA IF NOT EXISTS "{}"'.format(schema))
        args = [
            "ogr2ogr",
            "-f",
            "PostgreSQL",
            "PG:" + self.conninfo(),
            source,
            "-nln",
            "{}.{}".format(schema, table),
            "-lco",
            "GEOMETRY_NAME=geom",
            "-lco",
            "FID=fid",
            "-lco",
            "OVERWRITE=YES",
        ]
        if layer:
            args.append(layer)
        subprocess.run(args, check=True, capture_output=True, text=True, timeout=1800)

    def stop(self) -> None:
        """Stop the server (fast) and remove its folders; safe to call twice."""
        if self._running:
            self._running = False
            try:
                self._run([os.path.join(self.bindir, "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"])
            except (subprocess.SubprocessError, OSError):
                self._run(
                    [os.path.join(self.bindir, "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
                )
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)
