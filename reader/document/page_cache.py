"""The article text of each feed item's page, kept once it has been fetched, so that an
item read before opens at once and with no network, and its analysis is found again in
the analysis cache (which is keyed by the text).

What is kept is the extracted text (headline, byline, paragraphs: a few kilobytes), not
the page, beside the address it came from and when, in the user cache directory. A
news item's page seldom changes once published, so a kept copy is read instead of the
page, as feed readers do; a page that could not be had is not kept, and is asked for
again next time. At most `MOST_PAGES` are kept, the least recently read dropped first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import APP_NAME
from ..atomic import write_atomically

MOST_PAGES = 2_000


@dataclass(frozen=True, slots=True)
class PageCopy:
    text: str  # as `web.extracted_text` gave it
    fetched: float  # time.time() when the page came


def cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "pages"


def stored(address: str, directory: Path | None = None) -> PageCopy | None:
    path = _path(address, directory)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none yet, or damaged: the page is fetched again
    if not (
        isinstance(kept, dict)
        and kept.get("address") == address
        and isinstance(kept.get("text"), str)
        and isinstance(kept.get("fetched"), int | float)
    ):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # read now: the last to be dropped
    return PageCopy(kept["text"], float(kept["fetched"]))


def store(address: str, text: str, directory: Path | None = None) -> None:
    """Keep the article text of the page at `address`; a cache that cannot be written is
    no error (the page is fetched again next time)."""
    folder = directory or cache_dir()
    kept = {"address": address, "fetched": time.time(), "text": text}
    try:
        write_atomically(_path(address, folder), json.dumps(kept, ensure_ascii=False))
    except OSError:
        return
    _prune_once(folder)


@cache
def _prune_once(folder: Path) -> None:
    """Down to MOST_PAGES copies, the least recently read first; once a process, when it
    first keeps a page (a listing of a few thousand names costs milliseconds)."""
    try:
        copies = [(entry.stat().st_mtime, entry) for entry in folder.glob("*.json")]
    except OSError:
        return
    copies.sort()
    for _, path in copies[: max(0, len(copies) - MOST_PAGES)]:
        path.unlink(missing_ok=True)


def _path(address: str, directory: Path | None) -> Path:
    name = hashlib.sha256(address.encode("utf-8")).hexdigest()[:32]
    return (directory or cache_dir()) / f"{name}.json"
