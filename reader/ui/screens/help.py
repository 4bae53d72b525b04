"""The help screen, from the Markdown file shipped beside the UI."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from ..resources import help_text, stylesheet


class HelpScreen(ModalScreen[None]):
    CSS_PATH = stylesheet("help")
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        # A modal screen holds back the app's keys; a screenshot of the help is still one.
        Binding("s", "app.save_screenshot", "Screenshot", show=False, id="screenshot"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_text())
