"""Read marks: which articles and feed items have been read, and when, kept in SQLite.

One database in the user data directory (the standard library's sqlite3, in WAL mode, so
that two readers open at once read and write it without corrupting it or waiting long).
An item is known by its key: a feed item's id (else its link), an article's absolute path
or web address. A database that cannot be read is set aside under another name, with a
one-line message saying where, and a new one started: read marks are never silently lost.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import APP_NAME

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    key TEXT PRIMARY KEY,
    feed TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    read INTEGER NOT NULL DEFAULT 0,
    read_at TEXT
)
"""
T = TypeVar("T")
# How long a write waits for another reader's write to finish, in seconds.
BUSY_TIMEOUT = 5.0
# SQLite's limit on the parameters of one statement is 999 in older builds.
_CHUNK = 500


def default_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "read.sqlite3"


@dataclass(frozen=True, slots=True)
class Entry:
    """What is kept of an item besides its read mark, for a person reading the database."""

    key: str
    feed: str = ""
    title: str = ""
    date: str = ""


class ReadMarks:
    """The read marks in the database at `path`, opened on first use."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        # Why the database was not what it should be (set aside, or not usable at all), in
        # one line for the status line or a toast; "" when all is well.
        self.problem = ""
        self._connection: sqlite3.Connection | None = None
        self._unusable = False

    def read(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` marked read."""
        keys = list(keys)

        def select(connection: sqlite3.Connection) -> set[str]:
            found: set[str] = set()
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                # Only placeholders are put in the statement; the keys go as parameters.
                query = f"SELECT key FROM items WHERE read = 1 AND key IN ({marks})"
                found.update(key for (key,) in connection.execute(query, chunk))
            return found

        return self._use(select) or set()

    def mark(self, entries: Iterable[Entry], read: bool = True) -> bool:
        """Mark each entry read (now) or unread; whether that was saved."""
        when = time.strftime("%Y-%m-%dT%H:%M:%S%z") if read else None
        rows = [(e.key, e.feed, e.title, e.date, int(read), when) for e in entries]

        def write(connection: sqlite3.Connection) -> bool:
            with connection:  # one transaction
                connection.executemany(
                    "INSERT INTO items (key, feed, title, date, read, read_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                    "feed = excluded.feed, title = excluded.title, date = excluded.date, "
                    "read = excluded.read, read_at = excluded.read_at",
                    rows,
                )
            return True

        return bool(self._use(write))

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _use(self, work: Callable[[sqlite3.Connection], T]) -> T | None:
        """`work` done on the open database, or None when it cannot be (`problem` then
        says why; the caller keeps its marks for this session)."""
        if self._connection is None and not self._unusable:
            self._connection = self._open()
        if self._connection is None:
            return None
        try:
            return work(self._connection)
        except sqlite3.OperationalError as error:  # locked by another reader too long
            self.problem = f"{self.path}: read marks not saved ({_reason(error)})"
        except sqlite3.DatabaseError as error:  # damaged while in use
            self.close()
            self._unusable = True
            self.problem = f"{self.path}: read marks not saved ({_reason(error)})"
        return None

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._unusable = True
            self.problem = f"{self.path.parent}: read marks not saved ({_reason(error)})"
            return None
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            damage = _reason(error)
        aside = self._set_aside()
        if aside is None:
            self._unusable = True
            self.problem = f"{self.path}: read marks not saved ({damage})"
            return None
        try:
            connection = self._connect()
        except sqlite3.DatabaseError as error:
            self._unusable = True
            self.problem = f"{self.path}: read marks not saved ({_reason(error)})"
            return None
        self.problem = (
            f"{self.path} could not be read ({damage}); it was set aside as "
            f"{aside.name} and a new one started"
        )
        return connection

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            (check,) = connection.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {check}")
            connection.execute(SCHEMA)
            connection.commit()
        except BaseException:
            connection.close()
            raise
        return connection

    def _set_aside(self) -> Path | None:
        """The damaged database renamed out of the way (with its journal files), or None
        if it could not be."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            self.path.rename(aside)
        except OSError:
            return None
        for suffix in ("-wal", "-shm"):
            journal = self.path.with_name(self.path.name + suffix)
            if journal.exists():
                try:
                    journal.rename(aside.with_name(aside.name + suffix))
                except OSError:
                    return None
        return aside


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
