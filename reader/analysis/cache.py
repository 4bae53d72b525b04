"""Analyses kept on disk, so that re-opening an article costs a file read, not a parse.

An entry is keyed by the article's text, the pipeline (name and version) and the reader's
version: any of them changing makes a new analysis. Entries are written atomically (a
temporary file renamed into place); an entry that cannot be read is ignored, and a cache
directory that cannot be written leaves the reader working without it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..output import json_text

if TYPE_CHECKING:
    from .model import Analysis

APP_NAME = "reader"
MAX_ENTRIES = 500


def default_cache_dir() -> Path:
    """The user cache directory (XDG_CACHE_HOME on Linux), imported late: startup needs none."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "analyses"


class AnalysisCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_cache_dir()

    @staticmethod
    def key(text: str, model_label: str) -> str:
        import hashlib

        digest = hashlib.sha256()
        for part in (__version__, model_label, text):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, key: str) -> Analysis | None:
        from .model import Analysis

        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
            return Analysis.from_json(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            # Damaged or from an incompatible version: analyse again and overwrite it.
            return None

    def store(self, key: str, analysis: Analysis) -> bool:
        """Write the entry atomically; False (and no exception) if the cache is unusable."""
        import tempfile

        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    # Escaped as --json prints it: a title from a file name that is not
                    # UTF-8 holds lone surrogates, which only a JSON escape can carry.
                    stream.write(json_text(analysis.to_json()))
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, self.path(key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            self._prune()
        except (OSError, ValueError):
            return False
        return True

    def _prune(self) -> None:
        entries = sorted(self.directory.glob("*.json"), key=_mtime)
        for stale in entries[: max(0, len(entries) - MAX_ENTRIES)]:
            stale.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
