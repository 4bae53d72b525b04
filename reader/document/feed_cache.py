"""The last copy of each feed fetched, so that a refresh costs one small request when the
feed has not changed, and a feed can still be listed with no network.

A feed's copy is its bytes as they came, beside the validators its server sent (ETag,
Last-Modified), in the user cache directory; the next fetch sends those validators and
a server that answers 304 Not Modified sends nothing more. When the feed cannot be
fetched at all, its copy is listed, saying so.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .. import APP_NAME
from .decode import LoadError
from .feed import Feed


@dataclass(frozen=True, slots=True)
class Copy:
    data: bytes
    etag: str
    modified: str
    fetched: float  # time.time() when it came


def cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / "feeds"


def stored(address: str, directory: Path | None = None) -> Copy | None:
    base = _base(address, directory)
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        data = base.with_suffix(".feed").read_bytes()
    except (OSError, ValueError):
        return None  # none yet, or unreadable: fetched whole, as the first time
    if not isinstance(meta, dict) or meta.get("address") != address:
        return None
    return Copy(
        data,
        str(meta.get("etag", "")),
        str(meta.get("modified", "")),
        float(meta.get("fetched", 0)),
    )


def store(address: str, copy: Copy, directory: Path | None = None) -> None:
    """Keep `copy` of the feed at `address`; a cache that cannot be written is no error
    (the next refresh fetches the feed whole)."""
    base = _base(address, directory)
    meta = {
        "address": address,
        "etag": copy.etag,
        "modified": copy.modified,
        "fetched": copy.fetched,
    }
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        for suffix, content in ((".feed", copy.data), (".json", json.dumps(meta).encode())):
            temporary = base.with_suffix(f"{suffix}.{os.getpid()}.tmp")
            temporary.write_bytes(content)
            os.replace(temporary, base.with_suffix(suffix))
    except OSError:
        pass


def offline(feed: Feed, copy: Copy, failure: LoadError) -> Feed:
    """The stored copy's feed, saying when it was fetched and why it was not again."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(copy.fetched))
    return replace(feed, stale=f"the copy fetched {when}: it {failure.reason}")


def _base(address: str, directory: Path | None) -> Path:
    name = hashlib.sha256(address.encode("utf-8")).hexdigest()[:32]
    return (directory or cache_dir()) / name
