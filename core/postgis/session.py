"""Running SQL with cancel: a psycopg2 session whose backend query is cancelled when the user cancels.

A watcher thread polls `is_canceled` while a statement runs and calls `connection.cancel()` (the libpq
cancel request, as pg_cancel_backend): the statement stops in the server, the transaction rolls back
and `CancelledError` is raised. Messages never carry the connection string.
"""

import threading
from contextlib import contextmanager
from typing import Callable, Iterator, List, Optional, Sequence

from ..errors import BeltMapError, Cancelled
from .connection import redact

POLL_SECONDS = 0.1


# the user cancelled; the transaction was rolled back (the plugin's one cancel type)
CancelledError = Cancelled


class DatabaseError(BeltMapError):
    """A database error, with any password removed from the message."""


def psycopg2_module():
    """psycopg2, or None when QGIS's Python does not have it."""
    try:
        import psycopg2
    except ImportError:
        return None
    return psycopg2


class Watcher:
    """Cancels the backend query of `cancel` once `is_canceled()` turns true, until stopped."""

    def __init__(self, cancel: Callable[[], None], is_canceled: Callable[[], bool]):
        self._cancel = cancel
        self._is_canceled = is_canceled
        self._stop = threading.Event()
        self.fired = False
        self._thread = threading.Thread(target=self._run, name="beltmap-pg-cancel", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            if self._is_canceled():
                self.fired = True
                try:
                    self._cancel()
                except Exception:  # noqa: BLE001 - the connection may already be gone
                    pass
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


class Session:
    """One connection, one transaction: `execute` statements, `query` rows; commit at the end."""

    def __init__(self, conninfo: str, is_canceled: Callable[[], bool] = lambda: False):
        psycopg2 = psycopg2_module()
        if psycopg2 is None:
            raise DatabaseError("psycopg2 is not installed")
        self._psycopg2 = psycopg2
        self.is_canceled = is_canceled
        try:
            self.connection = psycopg2.connect(conninfo, application_name="beltmap")
        except psycopg2.Error as error:
            raise DatabaseError(redact(error)) from None
        self.connection.autocommit = False

    @contextmanager
    def _guard(self) -> Iterator[None]:
        if self.is_canceled():
            raise CancelledError()
        watcher = Watcher(self.connection.cancel, self.is_canceled)
        try:
            yield
        except self._psycopg2.Error as error:
            self.rollback()
            if watcher.fired or self.is_canceled():
                raise CancelledError() from None
            raise DatabaseError(redact(str(error).strip())) from None
        finally:
            watcher.stop()
        if watcher.fired:
            self.rollback()
            raise CancelledError()

    def execute(self, statements: Sequence[str], step: Optional[Callable[[int], None]] = None) -> None:
        """Run statements in order (in the open transaction); step(i) after each."""
        for i, statement in enumerate(statements):
            with self._guard(), self.connection.cursor() as cursor:
                cursor.execute(statement)
            if step is not None:
                step(i)

    def query(self, statement: str, parameters=None) -> List[tuple]:
        """All rows of one query."""
        with self._guard(), self.connection.cursor() as cursor:
            cursor.execute(statement, parameters)
            return cursor.fetchall()

    def commit(self) -> None:
        with self._guard():
            self.connection.commit()

    def rollback(self) -> None:
        try:
            self.connection.rollback()
        except self._psycopg2.Error:
            pass

    def backend_pid(self) -> int:
        return self.connection.get_backend_pid()

    def close(self) -> None:
        try:
            self.connection.close()
        except self._psycopg2.Error:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            self.rollback()
        self.close()
        return False
