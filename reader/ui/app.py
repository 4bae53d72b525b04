"""The Textual app: thin, it pushes the reading screen. `make_app` is shared with the tests."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.theme import Theme

from ..config import Config
from ..document import Document
from .resources import stylesheets
from .screens.main import MainScreen

if TYPE_CHECKING:
    from ..analysis.cache import AnalysisCache


class ReaderApp(App[None]):
    CSS_PATH = stylesheets()  # type: ignore[assignment]
    COMMANDS = App.COMMANDS | {lambda: _go_to_entity()}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("s", "save_screenshot", "Screenshot", show=False, id="screenshot"),
    ]

    def __init__(
        self,
        document: Document,
        model: str | None = None,
        cache: AnalysisCache | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.cache = cache
        self.config = config or Config()

    def on_mount(self) -> None:
        config = self.config
        if config.theme in self.available_themes:
            self.theme = config.theme
        if config.keys:
            self.set_keymap(config.keys)
        if config.problem:
            self.notify(
                config.problem, title="Preferences not read", severity="warning", markup=False
            )
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(MainScreen(self.document, self.model, self.cache))

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.config.theme = theme.name
            self.config.save()

    def action_save_screenshot(self) -> None:
        """An SVG of the screen, in the current directory."""
        path = os.path.abspath(self.save_screenshot())
        self.notify(path, title="Screenshot saved", markup=False)

    def action_help(self) -> None:
        # Imported on demand: the Markdown widget is not needed to open an article.
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())


def make_app(
    document: Document,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    config: Config | None = None,
) -> ReaderApp:
    return ReaderApp(document, model=model, cache=cache, config=config)


def _go_to_entity() -> type[Provider]:
    from .commands import GoToEntity

    return GoToEntity
