"""The help screen: the text shipped beside the UI, with the live keys (help_keys.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from ..resources import stylesheet


class HelpScreen(ModalScreen[None]):
    CSS_PATH = stylesheet("help")
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        # A modal screen holds back the app's keys; a screenshot of the help is still one.
        Binding("s", "app.save_screenshot", "Screenshot", show=False, id="screenshot"),
    ]

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown  # made from the keys of the screen help was opened from

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(self.markdown)
