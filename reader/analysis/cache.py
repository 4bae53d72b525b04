"""Analyses kept on disk, so that re-opening an article costs a file read, not a parse.

An entry is keyed by everything the analysis depends on: the article's text and how it
was read (Markdown, plain text or a web page: the same bytes analyse differently), the
pipeline (name and version), and the reader's and the entries' own versions. The title
is not part of the analysis (an untitled article is named after its file, which the
analysis never reads) and is set from the document on each read.

Entries are written atomically (a temporary file renamed into place), and not forced to
disk: an entry is checked when it is read, and one that cannot be parsed (cut short by a
power failure), or whose offsets do not point at its own words in the article, is
analysed again and overwritten. The cache keeps at most MAX_ENTRIES entries and
MAX_BYTES on disk, dropping the least recently used first; a cache directory that cannot
be written leaves the reader working without it.

The directory is listed on a process's first write, and again only when what the process
has written since would take it past a limit; it is then pruned to nine tenths of each
limit, so that a folder of articles analysed one after another does not list hundreds
of entries for each. Other processes writing at the same time can take the cache past
its limits by what they write before they list it themselves.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import APP_NAME, __version__

if TYPE_CHECKING:
    from ..document import Document
    from .model import Analysis, Span

MAX_ENTRIES = 500
# An entry is about five times the size of its article: room for a few dozen books, or
# hundreds of news articles.
MAX_BYTES = 200 * 1024 * 1024
# Bumped when entries written before would be wrong now (2: keyed on the format too).
ENTRY_VERSION = "2"
# A temporary file this old was left by a process that was killed while writing.
STALE_SECONDS = 3600
# Once over a cap, entries are dropped down to nine tenths of it, so that the next few
# writes do not each prune again.
_PRUNED_TO_TENTHS = 9


def default_cache_dir() -> Path:
    """The user cache directory (XDG_CACHE_HOME on Linux), imported late: startup needs none."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "analyses"


class AnalysisCache:
    def __init__(
        self,
        directory: Path | None = None,
        max_bytes: int = MAX_BYTES,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        self.directory = directory or default_cache_dir()
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        # (entries, bytes) in the directory when this process last listed it, with what
        # it has written since; None before its first write.
        self._held: tuple[int, int] | None = None

    @staticmethod
    def key(text: str, model_label: str, fmt: str = "") -> str:
        """The entry for `text` read as `fmt` ("markdown", "text", "web") by `model_label`."""
        import hashlib

        digest = hashlib.sha256()
        for part in (__version__, ENTRY_VERSION, model_label, fmt, text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    @classmethod
    def key_for(cls, document: Document, model_label: str) -> str:
        return cls.key(document.text, model_label, str(document.format))

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, key: str, document: Document | None = None) -> Analysis | None:
        """The entry, if there is a sound one; with `document`, checked against its text
        and given its title."""
        from .model import Analysis

        path = self.path(key)
        try:
            analysis = Analysis.from_json(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            # Damaged or from an incompatible version: analyse again and overwrite it.
            return None
        if document is not None:
            if not consistent(analysis, document.text):
                return None
            analysis = replace(analysis, title=document.title)
        with contextlib.suppress(OSError):
            _touch(path)  # recently used: the last to be dropped
        return analysis

    def store(self, key: str, analysis: Analysis) -> bool:
        """Write the entry atomically; False (and no exception) if the cache is unusable."""
        import tempfile

        try:
            # All ASCII: a title from a file name that is not UTF-8 holds lone
            # surrogates, which only a JSON escape can carry.
            data = json.dumps(analysis.to_json()).encode("ascii")
            if len(data) > self.max_bytes:
                return False  # it would push out everything else, and itself
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.path(key))
                _touch(self.path(key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            if self._held is None:
                self._prune(keep=self.path(key))
            else:
                # Counted as a new entry even when it replaced one: listed a little early.
                entries, size = self._held[0] + 1, self._held[1] + len(data)
                self._held = entries, size
                if entries > self.max_entries or size > self.max_bytes:
                    self._prune(keep=self.path(key))
        except (OSError, ValueError):
            return False
        return True

    def _prune(self, keep: Path) -> None:
        """If the cache is past a limit, drop the least recently used entries until it is
        within nine tenths of both; and temporary files left by a process killed while
        writing."""
        entries: list[tuple[int, int, Path]] = []
        for path in self.directory.iterdir():
            try:
                status = path.stat()
            except OSError:
                continue
            if path.suffix == ".json":
                entries.append((status.st_mtime_ns, status.st_size, path))
            elif path.suffix == ".tmp" and status.st_mtime < time.time() - STALE_SECONDS:
                path.unlink(missing_ok=True)
        entries.sort()
        total = sum(size for _, size, _ in entries)
        count = len(entries)
        most_entries, most_bytes = self.max_entries, self.max_bytes
        if count > most_entries or total > most_bytes:
            most_entries = most_entries * _PRUNED_TO_TENTHS // 10
            most_bytes = most_bytes * _PRUNED_TO_TENTHS // 10
        for _, size, path in entries:
            if count <= most_entries and total <= most_bytes:
                break
            if path == keep:
                continue
            path.unlink(missing_ok=True)
            count -= 1
            total -= size
        self._held = count, total


def consistent(analysis: Analysis, text: str) -> bool:
    """Whether every offset of `analysis` points at its own words in `text`, and every
    quote's speaker is one of its people."""

    def fits(span: Span) -> bool:
        return 0 <= span.start <= span.end <= len(text) and text[span.start : span.end] == span.text

    people = {person.id for person in analysis.people}
    return (
        all(fits(span) for person in analysis.people for span in person.mentions)
        and all(fits(span) for country in analysis.countries for span in country.mentions)
        and all(
            fits(quote.span)
            and (quote.speaker_span is None or fits(quote.speaker_span))
            and (quote.speaker is None or quote.speaker in people)
            for quote in analysis.quotes
        )
        and len(people) == len(analysis.people)
    )


def _touch(path: Path) -> None:
    """Mark an entry as used now, to the nanosecond.

    The kernel stamps a write or a bare `os.utime` from a coarse clock (a few
    milliseconds), so a read-back just after a write could tie with it and the wrong
    entry be dropped; a time given explicitly is kept as given.
    """
    now = time.time_ns()
    os.utime(path, ns=(now, now))
