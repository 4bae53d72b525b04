"""A web address given on the command line: shown as being fetched until the page comes.

The fetch runs in a worker, within the fetch's deadline; the screen says what it is
waiting for from the first frame, so the terminal is never blank. When the page comes
the reading screen replaces this one (the library, for a feed's items); when it cannot
be fetched the app ends with the one-line reason, as for a file that is not an article.
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

from ...document import Document, Feed, FetchCancelled, LoadError, open_argument, visible
from ...document.fetch import fetch_timeout
from ..resources import stylesheet

if TYPE_CHECKING:
    from ...analysis.analyst import Analyst
    from ...config import Config


class FetchingScreen(Screen[None]):
    CSS_PATH = stylesheet("fetching")

    @dataclass
    class Fetched(Message):
        found: Document | Feed

    @dataclass
    class Failed(Message):
        """To the app, which ends with it as the reason."""

        reason: str  # the whole one-line message: the address and why

    def __init__(self, address: str, analyst: Analyst, config: Config) -> None:
        super().__init__()
        self.address = address
        self.analyst = analyst
        self.config = config  # handed on to the reading screen

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="fetching"):
            yield Static(Text(f"Fetching {visible(self.address)}…"), id="fetching-address")
            yield LoadingIndicator(id="fetching-indicator")
            seconds = fetch_timeout()
            yield Static(Text(f"Gives up after {seconds:g} seconds; q quits."), id="fetching-limit")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Fetching…"
        self.sub_title = visible(self.address)
        # After the first frame: the deadline starts once the reader can see it waiting.
        self.call_after_refresh(self.fetch)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fetch")
    def fetch(self) -> None:
        worker = get_current_worker()
        try:
            found = open_argument(self.address, is_cancelled=lambda: worker.is_cancelled)
        except FetchCancelled:
            return
        except LoadError as error:
            self.post_message(self.Failed(str(error)))
            return
        except Exception as error:  # never a screen left waiting for good
            self.post_message(self.Failed(str(LoadError(self.address, f"{error!r}"))))
            return
        self.post_message(self.Fetched(found))

    @on(Fetched)
    def _fetched(self, message: Fetched) -> None:
        # After this screen's next refresh: its header's title is set in callbacks that
        # Textual runs then, and that fail inside Textual once the screen is gone (a
        # page on a fast server can come before them).
        self.call_after_refresh(self._show, message.found)

    def _show(self, found: Document | Feed) -> None:
        if isinstance(found, Feed):  # a feed: its items, in the library
            from .refreshing import show_feeds

            show_feeds(self, [found], [], [self.address], self.analyst, self.config)
            return
        from .main import MainScreen

        self.app.switch_screen(MainScreen(found, self.analyst, config=self.config))
