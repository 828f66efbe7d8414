"""One table of (key, bytes) entries in an SQLite file, shared safely by every run of a project:
the storage under the note cache (:mod:`.notes.cache`) and the store of results
(:mod:`.stored_results`), which differ only in what their entries hold.

Why SQLite and not a file per entry: creating files is what costs (about 2 ms each on the
machines measured, against under a second for 8,000 entries written in one transaction).
SQLite makes each batch of writes atomic and serializes writers, and in WAL mode readers never
wait for a writer, so two builds at once never see half an entry. Anything that goes wrong
makes the file unavailable for the rest of the run, which then only loses speed; a file that
is not a database at all is replaced by a fresh one.

This module imports nothing of the engine, so every stage of the pipeline may use it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

__all__ = ["EntryFile"]

# How long a run waits for another's write, and how often it retries opening a new file.
_BUSY_SECONDS = 30.0
_RETRY_SECONDS = 0.05
# Keys per SELECT: SQLite limits the number of parameters of one statement.
_BATCH = 500

Value = TypeVar("Value")


class EntryFile:
    """The table ``table`` of the SQLite file ``path`` (both created when first used).

    ``available`` turns False for good after any database error: callers then compute what
    they would have read, and stop writing. ``hits``, ``misses`` and ``writes`` count this
    run's use of :meth:`get_decoded` and :meth:`put_raw`. The stores subclass it with
    ``get_many`` and ``put_many`` for their own kind of entry."""

    def __init__(self, path: Path, table: str) -> None:
        if not table.isidentifier():
            raise ValueError(f"not a table name: {table!r}")
        self.path = Path(path)
        self.table = table
        self.available = True
        self.hits = 0
        self.misses = 0
        self.writes = 0
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or not self.available:
            return self._connection
        replaced = False
        waited = 0.0
        while True:
            connection: sqlite3.Connection | None = None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
                connection.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
                connection.execute("PRAGMA synchronous=NORMAL")  # a cache may lose its last commit on power loss
                connection.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, entry BLOB NOT NULL)")
                self._connection = connection
                return connection
            except sqlite3.DatabaseError as error:
                if connection is not None:
                    connection.close()
                # Two runs creating the file at once: switching it to WAL needs the file to
                # itself, and SQLite answers "locked" at once instead of waiting. Try again.
                if isinstance(error, sqlite3.OperationalError) and _busy(error) and waited < _BUSY_SECONDS:
                    time.sleep(_RETRY_SECONDS)
                    waited += _RETRY_SECONDS
                    continue
                if not replaced and _not_a_database(error):
                    _remove_database(self.path)  # garbage in place of the store: start afresh
                    replaced = True
                    continue
                break
            except OSError:
                break
        self.available = False
        return None

    def _failed(self) -> None:
        self.available = False
        self.close()

    def get_raw(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored bytes of those of ``keys`` the table holds (whether they decode is the
        caller's business)."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, bytes] = {}
        connection = self._connect() if wanted else None
        if connection is None:
            return found
        try:
            for start in range(0, len(wanted), _BATCH):
                chunk = wanted[start:start + _BATCH]
                rows = connection.execute(
                    f"SELECT key, entry FROM {self.table} WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                found.update((key, data) for key, data in rows if isinstance(data, bytes))
        except sqlite3.Error:
            self._failed()
        return found

    def get_decoded(self, keys: Iterable[str], decode: Callable[[str, bytes], Value | None]) -> dict[str, Value]:
        """The entries of ``keys`` that the table holds and ``decode`` accepts (it returns None
        for an entry that is damaged or not whole); the others count as misses."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Value] = {}
        for key, data in self.get_raw(wanted).items():
            value = decode(key, data)
            if value is not None:
                found[key] = value
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_raw(self, rows: Iterable[tuple[str, bytes]]) -> bool:
        """Store every (key, bytes) in one transaction (all or none), replacing what was under a
        key; True when they were written."""
        entries = list(rows)
        connection = self._connect() if entries else None
        if connection is None:
            return False
        try:
            with _transaction(connection):
                connection.executemany(f"INSERT OR REPLACE INTO {self.table} (key, entry) VALUES (?, ?)", entries)
        except sqlite3.Error:
            self._failed()
            return False
        self.writes += len(entries)
        return True

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass
            self._connection = None


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _busy(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _not_a_database(error: sqlite3.DatabaseError) -> bool:
    message = str(error).lower()
    return "not a database" in message or "malformed" in message


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass
