"""The Textual app: thin, it pushes the reading screen. `make_app` is shared with the tests."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.screen import Screen
from textual.theme import Theme

from .. import collector, exit_codes
from ..config import Config, default_config_path
from ..document import Document, visible
from .keys import checked_keymap
from .messages import FirstFrame
from .resources import stylesheet
from .screens.main import MainScreen
from .screenshot import write_screenshot

if TYPE_CHECKING:
    from ..analysis.analyst import Analyst
    from ..analysis.cache import AnalysisCache
    from ..document import Source
    from .screens.fetching import FetchingScreen
    from .screens.library import LibraryScreen

# A toast about the preferences file stays long enough to read a path and a fallback.
PROBLEM_TOAST_SECONDS = 10


class ReaderApp(App[None]):
    CSS_PATH = stylesheet("app")
    COMMANDS = App.COMMANDS | {lambda: _go_to_entity()}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding(
            "Q", "quit", "Quit", show=False, id="quit_anywhere", tooltip="Quit from any screen"
        ),
        Binding("question_mark", "help", "Help", id="help", tooltip="This help"),
        Binding(
            "s",
            "save_screenshot",
            "Screenshot",
            show=False,
            id="screenshot",
            tooltip="Save a screenshot of the screen as SVG in the current directory",
        ),
    ]

    def __init__(
        self,
        document: Document | None,
        model: str | None = None,
        cache: AnalysisCache | None = None,
        config: Config | None = None,
        library: Sequence[Source] | None = None,
        title: str = "",
        address: str | None = None,
        analyst: Analyst | None = None,
        feeds: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.document = document
        # Analyses for every screen, in worker processes; the command line may have
        # started one already (see warm_up), so that spaCy loads while this app starts.
        # Ended with the app if the app made it; one given is its giver's to end.
        self._owns_analyst = analyst is None
        if analyst is None:
            from ..analysis.analyst import Analyst

            analyst = Analyst(model, cache)
        self.analyst = analyst
        self.config = config or Config()
        self.library = library  # several articles: the library screen lists them
        self.library_title = title  # a feed's, for the library's header
        # Feeds to fetch and list (the subscribed ones); with a library, where its items
        # came from, for R to fetch again.
        self.feeds = list(feeds)
        self.address = address  # a web page to fetch first
        # Why the article could not be opened (one line, for the command line to print).
        self.failure: str | None = None
        self.first_frame_shown = False

    def on_ready(self) -> None:
        # Textual sends Ready after the first layout. A screen pushed while the app mounts
        # is laid out inside the app's mount batch, where nothing reaches the terminal, yet
        # its after-refresh callbacks run all the same: the reading screen would mount its
        # panes before its text was ever shown. Now the batch is over; tell the screen.
        self.first_frame_shown = True
        self.screen.post_message(FirstFrame())
        collector.resume()  # paused by the command line until now, to hurry the start

    def on_unmount(self) -> None:
        if self._owns_analyst:
            self.analyst.close()  # its workers are ended, not waited for

    def get_default_screen(self) -> Screen[None]:
        # An article given on the command line is the app's base screen rather than a
        # screen pushed over an empty default: Textual would otherwise style, lay out and
        # resume both before the first frame, a tenth of the time to it. The library and
        # the fetching screen are pushed (the fetching screen is replaced by the article).
        if self.library is None and self.document is not None:
            return MainScreen(self.document, self.analyst, config=self.config)
        return super().get_default_screen()

    def on_mount(self) -> None:
        self._apply_preferences()
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.library is not None:
            from .screens.library import LibraryScreen

            library = LibraryScreen(
                self.library, self.analyst, self.config, self.library_title, feeds=self.feeds
            )
            self.push_screen(library)
        elif self.feeds:
            from .screens.refreshing import RefreshingScreen

            self.push_screen(RefreshingScreen(self.feeds, self.analyst, self.config))
        elif self.document is None and self.address is not None:
            from .screens.fetching import FetchingScreen

            self.push_screen(FetchingScreen(self.address, self.analyst, self.config))

    def on_library_screen_refresh(self, message: LibraryScreen.Refresh) -> None:
        from .screens.refreshing import RefreshingScreen

        refreshing = RefreshingScreen(message.feeds, self.analyst, self.config, message.title)
        self.switch_screen(refreshing)

    def on_fetching_screen_failed(self, message: FetchingScreen.Failed) -> None:
        """The page given on the command line could not be fetched: end, leaving the
        reason for the command line to print, as for a file that is not an article."""
        self.failure = message.reason
        self.exit(return_code=exit_codes.USAGE)

    def _apply_preferences(self) -> None:
        """Theme and keys from the preferences file. Whatever cannot be used is reported in
        a toast naming the file and what is used instead; nothing here stops the app."""
        config = self.config
        if config.problem:
            self.notify(
                config.problem, title="Preferences not read", severity="warning", markup=False
            )
        problems = list(config.warnings)
        if config.theme in self.available_themes:
            self.theme = config.theme
        elif config.theme:
            problems.append(f"theme {config.theme!r} is not a theme; using {self.theme}")
        if config.keys:
            keymap, key_problems = checked_keymap(config.keys, screen_bindings())
            self.set_keymap(keymap)
            problems += key_problems
        where = visible(str(config.path or default_config_path()))
        for problem in problems:
            self.notify(
                f"{where}: {problem}",
                title="Preference not used",
                severity="warning",
                markup=False,
                timeout=PROBLEM_TOAST_SECONDS,
            )

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.config.theme = theme.name
            problem = self.config.save_theme()
            if problem:
                self.notify(
                    visible(problem), title="Theme not saved", severity="warning", markup=False
                )

    def action_save_screenshot(self) -> None:
        """An SVG of the screen, in the preferences' screenshot_dir or the current directory.

        A directory that cannot take it (missing, read-only, full) is a toast, and no
        partial file is left behind."""
        directory = Path(os.path.expanduser(self.config.screenshot_dir or "."))
        try:
            path = write_screenshot(self.export_screenshot(), directory)
        except OSError as error:
            self.notify(
                visible(f"{_absolute(directory)}: {error.strerror or error}"),
                title="Screenshot not saved",
                severity="error",
                markup=False,
            )
            return
        self.notify(visible(_absolute(path)), title="Screenshot saved", markup=False)

    def action_help(self) -> None:
        # Imported on demand: the Markdown widget is not needed to open an article.
        from .help_keys import help_markdown
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            preferences = self.config.path or default_config_path()
            self.push_screen(HelpScreen(help_markdown(self.screen, preferences)))


def make_app(
    document: Document | None,
    model: str | None = None,
    cache: AnalysisCache | None = None,
    config: Config | None = None,
    library: Sequence[Source] | None = None,
    title: str = "",
    address: str | None = None,
    analyst: Analyst | None = None,
    feeds: Sequence[str] = (),
) -> ReaderApp:
    return ReaderApp(
        document,
        model=model,
        cache=cache,
        config=config,
        library=library,
        title=title,
        address=address,
        analyst=analyst,
        feeds=feeds,
    )


def _absolute(path: Path) -> str:
    try:
        return os.path.abspath(path)
    except OSError:  # the current directory has been removed
        return str(path)


def screen_bindings() -> list[list[Binding]]:
    """For each screen with keys of its own, every binding active on it at once."""
    from .screens.library import LibraryScreen

    common = [*App.BINDINGS, *Screen.BINDINGS, *ReaderApp.BINDINGS]
    return [
        [b for b in (*common, *screen.BINDINGS) if isinstance(b, Binding)]
        for screen in (MainScreen, LibraryScreen)
    ]


def _go_to_entity() -> type[Provider]:
    from .commands import GoToEntity

    return GoToEntity
