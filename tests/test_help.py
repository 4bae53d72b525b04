"""Help is made from the keys of the screen it is opened from, as they are bound now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Markdown

from reader.config import Config
from reader.document import load_document
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.library import LibraryScreen

from .conftest import SAMPLE_FILES, SEED
from .ui import analysed, press, until


def help_shown(app: ReaderApp) -> str:
    return app.screen.query_one(Markdown).source


def rows(markdown: str) -> dict[str, str]:
    """The help's key tables as {what it does: keys}."""
    found = {}
    for line in markdown.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("Key", "---"):
            found[cells[1]] = cells[0]
    return found


async def open_help(pilot: Any) -> str:
    await press(pilot, "question_mark", lambda: isinstance(pilot.app.screen, HelpScreen), "?")
    return help_shown(pilot.app)


async def test_help_shows_rebound_keys_and_the_real_preferences_path(
    analyses: Any, tmp_path: Path
) -> None:
    # conftest sets XDG_CONFIG_HOME to tmp_path / "config" for every test.
    path = tmp_path / "config" / "reader" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\nnext_mention = "m,x"\ncopy_quote = "y"\n', encoding="utf-8")
    document = load_document(SEED)
    app = make_app(document, cache=analyses(document), config=Config.load())
    async with app.run_test(size=(120, 36)) as pilot:
        await analysed(pilot)
        shown = await open_help(pilot)
        keys = rows(shown)
        assert keys["Next mention of the selection"] == "`m` `x`"
        assert keys["Copy the selected quote, its speaker and its source"] == "`y`"
        assert keys["Previous mention of the selection"] == "`N`"
        assert keys["Quit"] == "`^q` `q` `Q`"
        assert str(path) in shown
        assert "~/.config" not in shown
        assert "Next article" not in shown  # not opened from a library
        assert "Back to the library" not in shown


async def test_help_in_the_library_lists_the_librarys_keys(analyses: Any) -> None:
    cache = None
    for article in SAMPLE_FILES:
        cache = analyses(load_document(article))
    app = make_app(None, cache=cache, library=[str(p) for p in SAMPLE_FILES])
    async with app.run_test(size=(120, 36)) as pilot:
        await until(
            pilot,
            lambda: isinstance(app.screen, LibraryScreen) and app.screen.settled,
            "the library",
        )
        keys = rows(await open_help(pilot))
        assert keys["Sort by the next column"] == "`o`"
        assert keys["Reverse the sort"] == "`O`"
        assert keys["Filter by title or source, or person:, country:, speaker:"] == "`/`"
        await press(pilot, "escape", lambda: isinstance(app.screen, LibraryScreen), "Esc")
        await pilot.press("enter")
        await analysed(pilot)
        keys = rows(await open_help(pilot))
        assert keys["Next article of the library"] == "`]`"
        assert keys["Previous article of the library"] == "`[`"
        assert keys["Back to the library"] == "`l` `q`"
