"""The Textual app: thin, it pushes the reading screen. `make_app` is shared with the tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.command import Provider

from ..document import Document
from .resources import stylesheets
from .screens.main import MainScreen

if TYPE_CHECKING:
    from ..analysis.cache import AnalysisCache


class ReaderApp(App[None]):
    CSS_PATH = stylesheets()  # type: ignore[assignment]
    COMMANDS = App.COMMANDS | {lambda: _go_to_entity()}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
    ]

    def __init__(
        self, document: Document, model: str | None = None, cache: AnalysisCache | None = None
    ) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.cache = cache

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.document, self.model, self.cache))

    def action_help(self) -> None:
        # Imported on demand: the Markdown widget is not needed to open an article.
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(
    document: Document, model: str | None = None, cache: AnalysisCache | None = None
) -> ReaderApp:
    return ReaderApp(document, model=model, cache=cache)


def _go_to_entity() -> type[Provider]:
    from .commands import GoToEntity

    return GoToEntity
