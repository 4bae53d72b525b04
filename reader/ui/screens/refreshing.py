"""Feeds being refreshed (the subscribed ones, or the feed shown, after R): shown as such
until every feed has answered or given up, then their items in the library.

The fetches run in a worker, a few at a time, each within the fetch's deadline; a feed
that cannot be had is a toast naming it, and the others' items are shown all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static
from textual.worker import get_current_worker

from ...document import Feed, FeedItem, LoadError
from ...document.fetch import fetch_timeout
from ...document.sources import open_all
from ..resources import stylesheet

if TYPE_CHECKING:
    from ...analysis.analyst import Analyst
    from ...config import Config


def newest_first(feeds: list[Feed]) -> list[FeedItem]:
    """Every feed's items, the newest first; items without a date after those with one,
    in their feed's order."""
    items = [item for feed in feeds for item in feed.items]
    dated = sorted((item for item in items if item.date), key=lambda item: item.date, reverse=True)
    return dated + [item for item in items if not item.date]


class RefreshingScreen(Screen[None]):
    CSS_PATH = stylesheet("fetching")

    @dataclass
    class Refreshed(Message):
        feeds: list[Feed]
        failures: list[LoadError]

    def __init__(self, feeds: list[str], analyst: Analyst, config: Config, title: str = "") -> None:
        super().__init__()
        self.feeds = feeds
        self.analyst = analyst
        self.config = config
        self.heading = title

    def compose(self) -> ComposeResult:
        count = f"{len(self.feeds)} feed{'s' if len(self.feeds) != 1 else ''}"
        yield Header()
        with Vertical(id="fetching"):
            yield Static(Text(f"Refreshing {count}…"), id="fetching-address")
            yield LoadingIndicator(id="fetching-indicator")
            seconds = fetch_timeout()
            yield Static(
                Text(f"Each gives up after {seconds:g} seconds; q quits."), id="fetching-limit"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Refreshing…"
        self.call_after_refresh(self.refresh_feeds)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def refresh_feeds(self) -> None:
        worker = get_current_worker()
        found = open_all(self.feeds, is_cancelled=lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return
        feeds = [feed for feed in found if isinstance(feed, Feed)]
        failures = [failure for failure in found if isinstance(failure, LoadError)]
        for argument, opened in zip(self.feeds, found, strict=True):
            if not isinstance(opened, Feed | LoadError):  # a page, not a feed
                failures.append(LoadError(argument, "is a web page, not a feed"))
        self.post_message(self.Refreshed(feeds, failures))

    @on(Refreshed)
    def _refreshed(self, message: Refreshed) -> None:
        # After a refresh: see FetchingScreen._fetched.
        self.call_after_refresh(self._show, message)

    def _show(self, message: Refreshed) -> None:
        show_feeds(
            self,
            message.feeds,
            message.failures,
            self.feeds,
            self.analyst,
            self.config,
            self.heading,
        )


def show_feeds(
    screen: Screen[None],
    feeds: list[Feed],
    failures: list[LoadError],
    addresses: list[str],
    analyst: Analyst,
    config: Config,
    title: str = "",
) -> None:
    """In place of `screen`: the feeds' items in the library (one feed in its own order,
    several the newest first), and a toast for each feed listed from an old copy and for
    each that could not be had. `addresses` are what R fetches again."""
    from .library import LibraryScreen, say_if_offline

    items = list(feeds[0].items) if len(feeds) == 1 else newest_first(feeds)
    if not title:
        title = feeds[0].title if len(addresses) == 1 and feeds else "Inbox"
    screen.app.switch_screen(LibraryScreen(items, analyst, config, title, feeds=addresses))
    for feed in feeds:
        say_if_offline(screen, feed)
    for failure in failures:
        screen.app.notify(
            str(failure), title="Feed not refreshed", severity="warning", markup=False, timeout=10
        )
