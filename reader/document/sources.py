"""The command line's arguments as articles to analyse: a feed stands for its items.

A web address is fetched here, once, to learn whether it is a page or a feed (its name
cannot tell); the page then goes on as the article extracted from it. Addresses are
fetched a few at a time, each within the fetch's deadline.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import Document, Feed, FeedItem, LoadError, Source, open_argument
from .feed import SNIFF_BYTES, looks_like_feed
from .fetch import is_url

# Connections open at once to fetch addresses and feeds' pages: what browsers allow
# themselves per server.
MAX_CONNECTIONS = 6


@dataclass
class Expanded:
    sources: list[Source] = field(default_factory=list)
    failures: list[LoadError] = field(default_factory=list)  # arguments that are neither
    feeds: int = 0  # arguments that were feeds
    warnings: list[str] = field(default_factory=list)  # feeds listed from an old copy


def expand_feeds(
    arguments: list[str], fetch_addresses: bool = True, failures_stay: bool = False
) -> Expanded:
    """Each argument as it is, except a feed (its items, in its order) and a web page (the
    article fetched from it). Without `fetch_addresses`, web addresses are left as they
    are; with `failures_stay`, so is an argument that could not be read (where it is
    loaded again, its row in the library says why)."""
    cancelled = threading.Event()
    addresses = [argument for argument in arguments if fetch_addresses and is_url(argument)]
    try:
        fetched = dict(zip(addresses, open_all(addresses, cancelled.is_set), strict=True))
        expanded = Expanded()
        for argument in arguments:
            if argument in fetched:
                found = fetched[argument]
            elif argument != "-" and not is_url(argument) and _feed_file(argument):
                found = _open(argument, cancelled.is_set)
            else:
                expanded.sources.append(argument)  # read where it is analysed
                continue
            if isinstance(found, LoadError):
                if failures_stay:
                    expanded.sources.append(argument)
                else:
                    expanded.failures.append(found)
            elif isinstance(found, Feed):
                expanded.sources.extend(found.items)
                expanded.feeds += 1
                if found.stale:
                    expanded.warnings.append(f"{argument}: listed from {found.stale}")
            else:
                expanded.sources.append(found)
        return expanded
    finally:
        cancelled.set()  # Ctrl-C, or any error: no fetch of ours goes on


def open_all(
    arguments: list[str], is_cancelled: Callable[[], bool] | None = None
) -> list[Document | Feed | LoadError]:
    """What `open_argument` gives for each argument (or the LoadError it raises), in
    order, MAX_CONNECTIONS fetched at a time; ended at once by Ctrl-C or `is_cancelled`."""
    cancelled = threading.Event()

    def stop() -> bool:
        return cancelled.is_set() or (is_cancelled is not None and is_cancelled())

    pool = ThreadPoolExecutor(MAX_CONNECTIONS, thread_name_prefix="reader-feed-fetch")
    try:
        return list(pool.map(lambda argument: _open(argument, stop), arguments))
    finally:
        cancelled.set()
        pool.shutdown(wait=False, cancel_futures=True)


def source_name(source: Source) -> str:
    """How a source is named in output and messages."""
    if isinstance(source, str):
        return source
    if isinstance(source, FeedItem):
        return source.name
    return source.source or source.title


def _open(argument: str, is_cancelled: Callable[[], bool]) -> Document | Feed | LoadError:
    try:
        return open_argument(argument, is_cancelled=is_cancelled)
    except LoadError as error:
        return error


def _feed_file(argument: str) -> bool:
    path = Path(argument)
    try:
        if not path.is_file():
            return False  # a pipe or a device is not opened here (it could block)
        with path.open("rb") as stream:
            return looks_like_feed(path, stream.read(SNIFF_BYTES))
    except OSError:
        return False  # its analysis says what is wrong with it
